/**
 * `deno task bench`: throughput and peak memory of `deno task generate` on
 * a 3x4+II page at 200 dpi: clean (preset 0001) as JPEG and PNG, and the
 * phone-photo preset 0005 as JPEG, and `--preset mix --masks` as JPEG, one
 * worker and all workers (`--only <label>` picks cases). Runs the real CLI as a subprocess on the bundled records and
 * polls its peak resident memory (VmHWM) from /proc.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  args: Deno.args,
  options: {
    count: { type: "string", default: "10" },
    workers: { type: "string" },
    only: { type: "string" },
  },
});
const cores = Number(values.workers ?? navigator.hardwareConcurrency);
const count = Number(values.count);

/** Records of the benchmark: the 30 bundled 12-lead, 500 Hz, 10 s records. */
const input = await Deno.makeTempDir({ prefix: "ecg-bench-in-" });
for await (const entry of Deno.readDir(join(root, "fixtures/records"))) {
  if (/^(E075|JS200)\d\d\.(hea|mat)$/.test(entry.name)) {
    await Deno.copyFile(join(root, "fixtures/records", entry.name), join(input, entry.name));
  }
}

interface Result {
  label: string;
  format: string;
  workers: number;
  images: number;
  seconds: number;
  peakRssMb: number;
}

/** A benchmark case: the image format, the preset and any further options. */
interface Case {
  label: string;
  format: string;
  preset: string;
  extra?: string[];
}

const CASES: Case[] = [
  { label: "0001 jpg", format: "jpg", preset: "0001" },
  { label: "0001 png", format: "png", preset: "0001" },
  { label: "0005 jpg", format: "jpg", preset: "0005" },
  { label: "mix masks jpg", format: "jpg", preset: "mix", extra: ["--masks"] },
].filter((c) => !values.only || c.label.includes(values.only));

async function run(
  { label, format, preset, extra = [] }: Case,
  workers: number,
  variants: number,
): Promise<Result> {
  const out = await Deno.makeTempDir({ prefix: "ecg-bench-out-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(root, "tasks/generate.ts"),
      "--input",
      input,
      "--out",
      out,
      "--format",
      format,
      "--preset",
      preset,
      "--workers",
      String(workers),
      "--count",
      String(variants),
      ...extra,
      "--quiet",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const status = Deno.readTextFileSync(`/proc/${child.pid}/status`);
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kb > peakKb) peakKb = kb;
    } catch { /* process gone */ }
  }, 20);
  const started = performance.now();
  const { code, stderr } = await child.output();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  const text = new TextDecoder().decode(stderr);
  if (code !== 0) throw new Error(`generate failed (${code}):\n${text}`);
  const images = Number(/generated (\d+) images/.exec(text)?.[1] ?? NaN);
  await Deno.remove(out, { recursive: true });
  return { label, format, workers, images, seconds, peakRssMb: peakKb / 1024 };
}

console.log(
  `3x4+II pages, 200 dpi (2200x1700), 30 records x ${count} variants per run, ${cores} cores`,
);
console.log(
  "steady state = extra images / extra seconds between a run of 1 variant and one of " +
    `${count}: it takes Deno and worker start-up out\n`,
);
console.log(
  "| preset, format | workers | images | wall s | images/s (wall) | images/s steady | steady per worker | peak RSS (process) |",
);
console.log("|---|---|---|---|---|---|---|---|");
interface Row extends Result {
  steady: number;
}
const rows: Row[] = [];
for (const c of CASES) {
  for (const workers of cores > 1 ? [1, cores] : [1]) {
    const small = await run(c, workers, 1);
    const r = await run(c, workers, count);
    const steady = (r.images - small.images) / (r.seconds - small.seconds);
    rows.push({ ...r, steady, peakRssMb: Math.max(r.peakRssMb, small.peakRssMb) });
    console.log(
      `| ${c.label} | ${workers} | ${r.images} | ${r.seconds.toFixed(2)} | ${
        (r.images / r.seconds).toFixed(1)
      } | ` +
        `${steady.toFixed(1)} | ${(steady / workers).toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
}
console.log("");
for (const { label } of CASES) {
  const one = rows.find((r) => r.label === label && r.workers === 1)!;
  const all = rows.find((r) => r.label === label && r.workers === cores && r !== one);
  if (!all) continue;
  const scaling = all.steady / one.steady;
  const perWorker = (all.peakRssMb - one.peakRssMb) / (cores - 1);
  console.log(
    `${label}: ${cores} workers run ${scaling.toFixed(2)}x as fast as 1 (${
      ((100 * scaling) / cores).toFixed(0)
    }% of linear); each worker adds ${perWorker.toFixed(0)} MB of peak RSS, ` +
      `the main thread and runtime take ${(one.peakRssMb - perWorker).toFixed(0)} MB`,
  );
}
console.log(
  "\nReference: ecg-image-kit makes ~1.0 clean image/s per core on these machines, " +
    "0.26/s with augmentation and wrinkles.",
);
await Deno.remove(input, { recursive: true });

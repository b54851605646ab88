/**
 * `deno task bench`: throughput and peak memory of `deno task generate` on
 * a clean 3x4+II page at 200 dpi, JPEG and PNG, one worker and all
 * workers. Runs the real CLI as a subprocess on the bundled records and
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
  options: { count: { type: "string", default: "10" }, workers: { type: "string" } },
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
  format: string;
  workers: number;
  images: number;
  seconds: number;
  peakRssMb: number;
}

async function run(format: string, workers: number): Promise<Result> {
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
      "--workers",
      String(workers),
      "--count",
      String(count),
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
  return { format, workers, images, seconds, peakRssMb: peakKb / 1024 };
}

console.log(
  `clean 3x4+II pages, 200 dpi (2200x1700), ${count} variants x 30 records per run, ${cores} cores\n`,
);
console.log(
  "| format | workers | images | seconds | images/s | images/s per worker | peak RSS (process) | peak RSS per worker |",
);
console.log("|---|---|---|---|---|---|---|---|");
const results: Result[] = [];
for (const format of ["jpg", "png"]) {
  for (const workers of cores > 1 ? [1, cores] : [1]) {
    const r = await run(format, workers);
    results.push(r);
    const rate = r.images / r.seconds;
    console.log(
      `| ${format} | ${workers} | ${r.images} | ${r.seconds.toFixed(2)} | ${rate.toFixed(1)} | ` +
        `${(rate / workers).toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB | ${
          (r.peakRssMb / workers).toFixed(0)
        } MB |`,
    );
  }
}
for (const format of ["jpg", "png"]) {
  const one = results.find((r) => r.format === format && r.workers === 1)!;
  const all = results.find((r) => r.format === format && r.workers === cores);
  if (all && all !== one) {
    const scaling = (all.images / all.seconds) / (one.images / one.seconds);
    console.log(
      `\n${format}: ${cores} workers run ${scaling.toFixed(2)}x as fast as 1 (${
        ((100 * scaling) / cores).toFixed(0)
      }% of linear)`,
    );
  }
}
console.log(
  "\nTimes are wall clock for the whole CLI run, start-up included. Reference: ecg-image-kit ~1.0 clean image/s per core.",
);
await Deno.remove(input, { recursive: true });

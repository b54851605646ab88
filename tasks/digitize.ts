/**
 * `deno task digitize`: ECG images in, 12-lead signal tables (and what was
 * found) out.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, extname, resolve } from "node:path";
import { resolveDigitizeOptions } from "../lib/digitize/options.ts";
import type { DigitizeOptions } from "../lib/digitize/options.ts";
import { findFiles } from "../lib/io/discover.ts";
import { describe } from "../lib/io/read_record.ts";
import type { DigitizeJob, DigitizeReport } from "./_digitize_worker.ts";
import { Progress } from "./_progress.ts";

/** Image extensions the digitizer reads. */
export const IMAGE_EXTENSIONS = [
  ".png",
  ".jpg",
  ".jpeg",
  ".bmp",
  ".tif",
  ".tiff",
  ".webp",
] as const;

const USAGE = `Usage: deno task digitize <image|dir>... --out <dir> [options]

Digitizes ECG images (PNG, JPEG, BMP, TIFF, WebP; folders searched
recursively) to 12-lead signals. For each image <stem>.<ext> it writes
<out>/<stem>.csv (the 12 standard leads in mV, one row per sample, empty
where a lead is not shown) and <out>/<stem>.json (layout, rotation, grid
px/mm, page mapping, per-lead confidence, warnings, time taken; or the
error). A failed image is reported on stderr and in its JSON, the batch
goes on, and the exit code is 1 (2 for bad options).

Options:
  --out <dir>             output folder, created if needed (required)
  --fs <hz>               output sampling rate [default: 500]
  --duration <s>          seconds in the output table [default: 10]
  --layout <name>         auto | 3x4 | 6x2 | 12x1 | rows [default: auto]
  --paper-speed <mm/s>    auto | 25 | 50 ... [default: auto]
  --gain <mm/mV>          auto | 5 | 10 | 20 ... [default: auto]
  --figures <dir>         write the stage figures to <dir>/<stem>/
  --workers <n>           worker threads [default: all cores]
  --quiet                 no progress bar
  --help                  this text`;

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        out: { type: "string" },
        fs: { type: "string" },
        duration: { type: "string" },
        layout: { type: "string" },
        "paper-speed": { type: "string" },
        gain: { type: "string" },
        figures: { type: "string" },
        workers: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(describe(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) return usageError("at least one <image|dir> is required");
  if (!values.out) return usageError("--out <dir> is required");
  let options: DigitizeOptions;
  let workers: number | undefined;
  try {
    const num = (name: string, v: string | undefined): number | undefined => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        throw new RangeError(`Invalid option --${name} = "${v}": not a number`);
      }
      return n;
    };
    const auto = (name: string, v: string | undefined): number | "auto" | undefined =>
      v === "auto" ? "auto" : num(name, v);
    options = {
      ...(values.fs !== undefined ? { sampleRateHz: num("fs", values.fs)! } : {}),
      ...(values.duration !== undefined ? { durationS: num("duration", values.duration)! } : {}),
      ...(values.layout !== undefined
        ? { layout: values.layout as NonNullable<DigitizeOptions["layout"]> }
        : {}),
      ...(values["paper-speed"] !== undefined
        ? { paperSpeedMmPerS: auto("paper-speed", values["paper-speed"])! }
        : {}),
      ...(values.gain !== undefined ? { gainMmPerMv: auto("gain", values.gain)! } : {}),
    };
    resolveDigitizeOptions(options);
    workers = num("workers", values.workers);
    if (workers !== undefined && !(workers >= 1 && workers <= 256)) {
      throw new RangeError(`Invalid option --workers = ${workers}: must be between 1 and 256`);
    }
  } catch (error) {
    return usageError(describe(error));
  }

  const files: string[] = [];
  for (const input of positionals) {
    try {
      const info = await Deno.stat(input);
      if (info.isFile) files.push(input); // named explicitly: tried whatever its extension
      else files.push(...await findFiles(input, IMAGE_EXTENSIONS));
    } catch (error) {
      return usageError(`Cannot read input "${input}": ${describe(error)}`);
    }
  }
  if (files.length === 0) return usageError(`No images found in ${positionals.join(", ")}`);
  const out = values.out;
  await Deno.mkdir(out, { recursive: true });
  const stems = uniqueStems(files);
  const jobs: DigitizeJob[] = files.map((file, i) => ({
    file: resolve(file),
    stem: stems[i]!,
    out: resolve(out),
    ...(values.figures !== undefined ? { figures: resolve(values.figures) } : {}),
    options,
  }));

  const poolSize = Math.max(1, Math.min(workers ?? navigator.hardwareConcurrency, jobs.length));
  const progress = new Progress("digitize", jobs.length, {
    quiet: values.quiet === true,
    unit: "images",
  });
  const failures: string[] = [];
  let done = 0, busyS = 0;
  const queue = [...jobs];
  await Promise.all(Array.from({ length: poolSize }, () =>
    new Promise<void>((finish) => {
      const worker = new Worker(new URL("./_digitize_worker.ts", import.meta.url), {
        type: "module",
      });
      let current: DigitizeJob | undefined;
      const next = (): void => {
        current = queue.shift();
        if (current === undefined) {
          worker.terminate();
          finish();
        } else worker.postMessage(current);
      };
      worker.onmessage = (event: MessageEvent<DigitizeReport>) => {
        const r = event.data;
        if (r.kind === "done") {
          done++;
          busyS += r.seconds;
          progress.tick();
        } else {
          failures.push(`${r.file}: ${r.message}`);
          progress.log(`error: ${r.file}: ${r.message}`);
          progress.tick(0, 1);
        }
        next();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const what = current ? current.file : "worker";
        failures.push(`${what}: worker crashed: ${event.message}`);
        progress.log(`error: ${what}: worker crashed: ${event.message}`);
        worker.terminate();
        finish();
      };
      next();
    })));
  progress.finish();
  const seconds = progress.elapsedS;
  console.error(
    `digitized ${done} of ${jobs.length} images in ${seconds.toFixed(1)} s ` +
      `(${done > 0 ? (busyS / done).toFixed(2) : "-"} s/image per worker, ${poolSize} worker${
        poolSize > 1 ? "s" : ""
      }) → ${out}` + (failures.length > 0 ? `; ${failures.length} failed:` : ""),
  );
  for (const f of failures) console.error(`  ${f}`);
  return failures.length > 0 ? 1 : 0;
}

/** File stems, made unique (`a`, `a-1`, …) when two inputs share one. */
function uniqueStems(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const stem = basename(f, extname(f));
    const n = seen.get(stem) ?? 0;
    seen.set(stem, n + 1);
    return n === 0 ? stem : `${stem}-${n}`;
  });
}

function usageError(message: string): number {
  console.error(`error: ${message}\nRun with --help for usage.`);
  return 2;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

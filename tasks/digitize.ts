/**
 * `deno task digitize`: ECG images in, 12-lead signal tables (and what was
 * found) out.
 *
 * @module
 */
// First: refuses with one line when a native library would lack its permissions.
import "./_permissions.ts";
import { parseArgs } from "node:util";
import { basename, extname, join, resolve } from "node:path";
import { resolveDigitizeOptions } from "../lib/digitize/options.ts";
import type { DigitizeOptions } from "../lib/digitize/options.ts";
import { describe } from "../lib/io/read_record.ts";
import { loadShipped, loadShippedReader, probeModel } from "./_segmenter.ts";
import type { DigitizeJob, DigitizeReport } from "./_digitize_worker.ts";
import { escapeTerminal, explainParseError, prepareOutDir, runMain, versionLine } from "./_cli.ts";
import { Progress } from "./_progress.ts";
import { gatherInputs, INPUT_EXTENSIONS } from "./_digitize_inputs.ts";
import { isDone, removeStaleTemps, writeIndex } from "./_digitize_index.ts";
import { writeKaggleSubmission } from "./_kaggle_submission.ts";
import { inShard, parseShard, type Shard, WHOLE } from "./_shard.ts";

/** The most output samples per lead (`--fs` × `--duration`): 12 leads stay under ~60 MB. */
const MAX_SAMPLES_PER_LEAD = 600_000;

/** The trace reader the CLI uses unless `--reader` says otherwise (BENCHMARKS.md, "Trace readers"). */
export const DEFAULT_READER: "dp" | "learned" = "dp";

/** File extensions the digitizer reads in folders. */
export const IMAGE_EXTENSIONS = INPUT_EXTENSIONS;

const USAGE = `Usage: deno task digitize <image|dir>... --out <dir> [options]

Digitizes ECG images (PNG, JPEG, BMP, TIFF, WebP, and each page of a
PDF as <stem>-p<k>; folders searched recursively) to 12-lead signals. For each image <stem>.<ext> it writes
<out>/<stem>.csv (the 12 standard leads in mV, one row per sample, empty
where a lead is not shown) and <out>/<stem>.json (layout, rotation, grid
px/mm, page mapping, per-lead confidence, warnings, time taken; or the
error), and at the end <out>/index.csv (one row per image). A failed
image is reported on stderr and in its JSON, the batch goes on, and the
exit code is 1 (2 for bad options). In folders, the masks and clean
traces that deno task generate writes beside each page are left out.
A rerun skips the images whose outputs are complete and newer than the
image (--force redoes them).

Options:
  -i, --input <f|dir>     an input, as a positional (repeatable)
  -o, --out <dir>         output folder, created if needed (required)
  --exclude <glob>        leave out files matching the glob, tried on the
                          path below the input folder and on the name
                          (repeatable; e.g. '*.clean.png', 'scans/old/**')
  --force                 redo images whose outputs are already there
  --wfdb                  also write <stem>.hea + <stem>.dat (WFDB format
                          16, 1000 adu/mV, the 12 leads by name)
  --review                also write <stem>.review.png: the page with the
                          traces and lead names drawn over it, the 12
                          signals beneath and each lead's confidence
  --kaggle-submission <test.csv>
                          also write <out>/submission.csv for the Kaggle
                          2025 challenge: for each id of test.csv, the
                          image whose stem is the id or starts with the id
                          and - _ or . (README.md); with --shard, run
                          once more without it at the end: the done
                          images are skipped
  --pdf-dpi <n>           resolution PDF pages are rendered at [default: 200]
  --fs <hz>               output sampling rate [default: 500]
  --duration <s>          seconds in the output table [default: 10]
  --layout <name>         auto | 3x4 | 6x2 | 12x1 | rows [default: auto]
  --paper-speed <mm/s>    auto | 25 | 50 ... [default: auto]
  --gain <mm/mV>          auto | 5 | 10 | 20 ... [default: auto]
  --segmenter <name>      trace ink from: classic (colour/darkness model);
                          onnx (classic ink kept only where the learned
                          segmenter, models/trace_segmenter.onnx, sees
                          trace; loaded once per worker); onnx-probability
                          (the segmenter's trace probability as is)
                          [default: onnx, as digitizeFile() in the
                          library; classic when the model cannot be
                          loaded, with a warning]
  --segmenter-model <f>   ONNX model for --segmenter onnx* [default: the
                          shipped one]
  --reader <name>         what reads each row's trace: learned (a CNN over
                          a band centred on the row, models/trace_reader.onnx:
                          sample resolution, waves crossing into the next
                          row kept in their own row) or dp (the traced path,
                          column by column) [default: ${DEFAULT_READER}; dp
                          when the model cannot be loaded, with a warning]
  --reader-model <f>      ONNX model for --reader learned [default: the
                          shipped one]
  --figures <dir>         write the stage figures to <dir>/<stem>/
  --workers <n>           worker threads [default: all cores]
  --shard <i/n|env>       digitize only shard i (0-based) of n: every n-th
                          image of the sorted list (docs/cluster.md)
  --quiet                 no progress bar
  -h, --help              this text
  --version               print the toolkit version`;

const DIGITIZE_OPTIONS = [
  "input",
  "out",
  "exclude",
  "force",
  "wfdb",
  "review",
  "kaggle-submission",
  "pdf-dpi",
  "fs",
  "duration",
  "layout",
  "paper-speed",
  "gain",
  "segmenter",
  "segmenter-model",
  "reader",
  "reader-model",
  "figures",
  "workers",
  "shard",
  "quiet",
  "help",
  "version",
];

/** The short options digitize takes, for the message that refuses another. */
const SHORT_OPTIONS = "-i (--input), -o (--out), -h (--help)";

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        input: { type: "string", short: "i", multiple: true },
        out: { type: "string", short: "o" },
        exclude: { type: "string", multiple: true },
        force: { type: "boolean" },
        wfdb: { type: "boolean" },
        review: { type: "boolean" },
        "kaggle-submission": { type: "string" },
        "pdf-dpi": { type: "string" },
        fs: { type: "string" },
        duration: { type: "string" },
        layout: { type: "string" },
        "paper-speed": { type: "string" },
        gain: { type: "string" },
        segmenter: { type: "string" },
        "segmenter-model": { type: "string" },
        reader: { type: "string" },
        "reader-model": { type: "string" },
        figures: { type: "string" },
        workers: { type: "string" },
        shard: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const short = /Unknown option '-[^-']'/.test(error instanceof Error ? error.message : "");
    const explained = explainParseError(error, DIGITIZE_OPTIONS);
    return usageError(short ? `${explained} (short options: ${SHORT_OPTIONS})` : explained);
  }
  const { values } = parsed;
  const positionals = [...parsed.positionals, ...(values.input ?? [])];
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.version) {
    console.log(versionLine("ecg-digitize"));
    return 0;
  }
  if (positionals.length === 0) {
    return usageError("at least one <image|dir> (or -i <image|dir>) is required");
  }
  if (!values.out) return usageError("--out <dir> (or -o <dir>) is required");
  let options: DigitizeOptions;
  let ink: DigitizeJob["ink"] = { kind: "classic" };
  let reader: DigitizeJob["reader"] = { kind: "dp" };
  let workers: number | undefined;
  let pdfDpi: number | undefined;
  let shard: Shard = WHOLE;
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
    const resolved = resolveDigitizeOptions(options);
    if (resolved.sampleRateHz * resolved.durationS > MAX_SAMPLES_PER_LEAD) {
      throw new RangeError(
        `Invalid options --fs ${resolved.sampleRateHz} --duration ${resolved.durationS}: ` +
          `${resolved.sampleRateHz * resolved.durationS} samples per lead, at most ` +
          `${MAX_SAMPLES_PER_LEAD} (e.g. 1000 Hz for 600 s)`,
      );
    }
    // The gated segmenter reads creased, shadowed and scanned pages better at no cost elsewhere
    // (BENCHMARKS.md, "Trace ink"), so it is the default; classic is twice as fast.
    const kind = values.segmenter ?? "onnx";
    if (kind !== "classic" && kind !== "onnx" && kind !== "onnx-probability") {
      throw new RangeError(
        `Invalid option --segmenter = "${kind}": must be classic | onnx | onnx-probability`,
      );
    }
    const model = values["segmenter-model"];
    if (model !== undefined && values.segmenter === "classic") {
      throw new RangeError("Invalid option --segmenter-model: only with --segmenter onnx*");
    }
    ink = kind !== "classic"
      ? { kind, ...(model !== undefined ? { model: resolve(model) } : {}) }
      : { kind };
    const readerKind = values.reader ?? DEFAULT_READER;
    if (readerKind !== "dp" && readerKind !== "learned") {
      throw new RangeError(`Invalid option --reader = "${readerKind}": must be dp | learned`);
    }
    const readerModel = values["reader-model"];
    if (readerModel !== undefined && readerKind !== "learned") {
      throw new RangeError("Invalid option --reader-model: only with --reader learned");
    }
    reader = readerKind === "learned"
      ? { kind: "learned", ...(readerModel !== undefined ? { model: resolve(readerModel) } : {}) }
      : { kind: "dp" };
    if (typeof values.shard === "string") {
      shard = parseShard(values.shard, values.shard === "env" ? Deno.env.toObject() : {});
    }
    pdfDpi = num("pdf-dpi", values["pdf-dpi"]);
    if (pdfDpi !== undefined && !(pdfDpi >= 10 && pdfDpi <= 1200)) {
      throw new RangeError(`Invalid option --pdf-dpi = ${pdfDpi}: must be between 10 and 1200`);
    }
    workers = num("workers", values.workers);
    if (workers !== undefined && !(workers >= 1 && workers <= 256)) {
      throw new RangeError(`Invalid option --workers = ${workers}: must be between 1 and 256`);
    }
  } catch (error) {
    return usageError(describe(error));
  }

  // Every worker loads the models again; loading them once here first gives one clear error.
  if (ink.kind !== "classic") {
    const { model } = ink;
    const probe = await probeModel(
      () => loadShipped(model),
      values.segmenter !== undefined || model !== undefined,
      // Each JSON says ink_source.
      "using the classic trace ink (--segmenter classic silences this)",
    );
    if (probe === "failed") return 1;
    if (probe === "fallback") ink = { kind: "classic" };
  }
  if (reader.kind === "learned") {
    const { model } = reader;
    const probe = await probeModel(
      () => loadShippedReader(model),
      values.reader !== undefined || model !== undefined,
      "reading the traces with the dp reader (--reader dp silences this)",
    );
    if (probe === "failed") return 1;
    if (probe === "fallback") reader = { kind: "dp" };
  }

  // Outputs inside an input folder are not read back as inputs on the next run.
  const skip = [values.out, ...(values.figures !== undefined ? [values.figures] : [])];
  let gathered;
  try {
    gathered = await gatherInputs(positionals, { skip, exclude: values.exclude ?? [] });
  } catch (error) {
    return usageError(`Cannot read input: ${describe(error)}`);
  }
  const { files, sideFiles, excluded } = gathered;
  const left = [
    ...(sideFiles.length > 0
      ? [
        `${sideFiles.length} generator side file${
          sideFiles.length > 1 ? "s" : ""
        } (masks, clean traces)`,
      ]
      : []),
    ...(excluded.length > 0 ? [`${excluded.length} by --exclude`] : []),
  ];
  if (left.length > 0) console.error(`digitize: skipped ${left.join(" and ")}`);
  if (files.length === 0) return usageError(`No images found in ${positionals.join(", ")}`);
  const out = values.out;
  try {
    await prepareOutDir(out);
    if (values.figures !== undefined) await prepareOutDir(values.figures, "--figures");
  } catch (error) {
    return usageError(describe(error));
  }
  // A PDF gives one entry per page, named <stem>-p<k>.
  const entries: { file: string; page?: number; name: string }[] = [];
  const failures: string[] = [];
  for (const file of files) {
    if (extname(file).toLowerCase() !== ".pdf") {
      entries.push({ file, name: file });
      continue;
    }
    try {
      const { pdfPageCount } = await import("../lib/io/pdf.ts");
      const pages = await pdfPageCount(file);
      const stem = basename(file, extname(file));
      for (let k = 1; k <= pages; k++) entries.push({ file, page: k, name: `${stem}-p${k}.pdf` });
    } catch (error) {
      failures.push(`${file}: ${describe(error)}`);
      console.error(`error: ${escapeTerminal(`${file}: ${describe(error)}`)}`);
    }
  }
  // Stems come from the whole sorted list, so every shard names an image alike.
  const stems = uniqueStems(entries.map((e) => e.name));
  const runOptions = {
    options,
    ink,
    reader,
    wfdb: values.wfdb === true,
    review: values.review === true,
    ...(pdfDpi !== undefined ? { pdfDpi } : {}),
  };
  const tempTag = `dig-${shard.index}-of-${shard.count}`;
  const all: DigitizeJob[] = entries.map((entry, i) => ({
    file: resolve(entry.file),
    ...(entry.page !== undefined ? { page: entry.page } : {}),
    ...(entry.page !== undefined && pdfDpi !== undefined ? { pdfDpi } : {}),
    stem: stems[i]!,
    out: resolve(out),
    ...(values.figures !== undefined ? { figures: resolve(values.figures) } : {}),
    options,
    ink,
    reader,
    ...(values.wfdb ? { wfdb: true } : {}),
    ...(values.review ? { review: true } : {}),
    runOptions,
    tempTag,
  })).filter((_, i) => inShard(i, shard));
  if (all.length === 0 && failures.length === 0) {
    console.error(`digitize: shard ${shard.index}/${shard.count} has no images`);
    return 0;
  }
  // A killed run of this shard left temporary files; its finished images are kept.
  await removeStaleTemps(out, tempTag);
  const jobs: DigitizeJob[] = [];
  for (const job of all) {
    if (values.force || !await isDone(out, { ...job, outputs: outputsOf(job) })) jobs.push(job);
  }
  const resumed = all.length - jobs.length;
  if (resumed > 0) {
    console.error(
      `digitize: ${resumed} image${resumed > 1 ? "s" : ""} already done, skipped ` +
        `(outputs newer than the image; --force redoes them)`,
    );
  }

  const poolSize = Math.max(1, Math.min(workers ?? navigator.hardwareConcurrency, jobs.length));
  const progress = new Progress("digitize", jobs.length, {
    quiet: values.quiet === true || jobs.length === 0,
    unit: "images",
  });
  let done = 0, busyS = 0;
  const queue = [...jobs];
  const failed = (what: string, message: string): void => {
    failures.push(`${what}: ${message}`);
    progress.log(`error: ${escapeTerminal(`${what}: ${message}`)}`);
    // Failed images count as finished: the bar reaches the total when the batch ends.
    progress.tick(1, 1);
  };
  /** One worker thread taking jobs from the queue; a crashed one is replaced. */
  const runWorker = (): Promise<void> =>
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
        } else failed(r.file, r.message);
        next();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        if (current === undefined) return finish();
        failed(current.file, `worker crashed: ${event.message}`);
        runWorker().then(finish);
      };
      next();
    });
  if (jobs.length > 0) await Promise.all(Array.from({ length: poolSize }, runWorker));
  progress.finish();
  const seconds = progress.elapsedS;
  let indexed = 0;
  try {
    indexed = await writeIndex(out, stems, tempTag);
    if (values["kaggle-submission"] !== undefined) {
      const ok = await writeKaggleSubmission(values["kaggle-submission"], out, stems, tempTag);
      for (const problem of ok.problems) failures.push(problem);
      console.error(`digitize: wrote ${join(out, "submission.csv")} (${ok.rows} rows)`);
    }
  } catch (error) {
    failures.push(describe(error));
  }
  console.error(
    `digitized ${done} of ${jobs.length} images in ${seconds.toFixed(1)} s ` +
      `(${done > 0 ? (busyS / done).toFixed(2) : "-"} s/image per worker, ${poolSize} worker${
        poolSize > 1 ? "s" : ""
      }${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ""}${
        resumed > 0 ? `, ${resumed} already done` : ""
      }) → ${escapeTerminal(out)} (index.csv: ${indexed} images)` +
      (failures.length > 0 ? `; ${failures.length} failed:` : ""),
  );
  for (const f of failures) console.error(`  ${escapeTerminal(f)}`);
  return failures.length > 0 ? 1 : 0;
}

/** The files a job writes beside its JSON when it succeeds. */
function outputsOf(job: DigitizeJob): string[] {
  return [
    `${job.stem}.csv`,
    ...(job.wfdb ? [`${job.stem}.hea`, `${job.stem}.dat`] : []),
    ...(job.review ? [`${job.stem}.review.png`] : []),
  ];
}

/**
 * File stems, made unique when two inputs share one: the first keeps it,
 * the next get `<stem>-1`, `<stem>-2`, … skipping every suffix that is
 * another input's own stem (`a.jpg`, `a.png`, `a-1.jpg` → `a`, `a-2`, `a-1`).
 *
 * @example
 * ```ts
 * import { uniqueStems } from "./digitize.ts";
 * console.assert(uniqueStems(["x/a.jpg", "x/a.png", "x/a-1.jpg"]).join() === "a,a-2,a-1");
 * ```
 */
export function uniqueStems(files: readonly string[]): string[] {
  const own = files.map((f) => basename(f, extname(f)));
  const reserved = new Set(own);
  const used = new Set<string>();
  return own.map((stem) => {
    let name = stem;
    for (let n = 1; used.has(name) || (name !== stem && reserved.has(name)); n++) {
      name = `${stem}-${n}`;
    }
    used.add(name);
    return name;
  });
}

function usageError(message: string): number {
  console.error(`error: ${escapeTerminal(message)}\nRun with --help for usage.`);
  return 2;
}

if (import.meta.main) await runMain(main);

/**
 * `deno task generate`: records in, synthetic ECG images with ground truth out.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import {
  GENERATE_SETTINGS,
  mergeSettings,
  parseConfigYaml,
  type Settings,
  settingsFromValues,
} from "../lib/generate/config.ts";
import { resolveGenerateOptions } from "../lib/generate/options.ts";
import { findFiles } from "../lib/io/discover.ts";
import { describe, RECORD_EXTENSIONS } from "../lib/io/read_record.ts";
import type { WorkerJob, WorkerReport } from "./_generate_worker.ts";
import { Progress } from "./_progress.ts";

const TEXTURE_EXTENSIONS = [".jpg", ".jpeg", ".png"];

const USAGE = `Usage: deno task generate --input <file|dir> --out <dir> [options]

Turns 12-lead records (WFDB .hea with .dat/.mat, or signal CSVs) into
synthetic paper-ECG images, each with <stem>.json (ground truth) and
<stem>.csv (the signals exactly as plotted). Folders are searched
recursively. Stems are <record>-<window>, or <record>-<window>-<variant>
with --count above 1.

Input and output:
  --input <file|dir>        records to draw (required)
  --out <dir>               output folder, created if needed (required)
  --config <file.yaml>      settings file (same names as the options below);
                            command-line options override it
  --quiet                   no progress bar
  --help                    this text

Options (config-file name = option name):`;

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const options: Record<string, { type: "string" | "boolean" }> = {
    input: { type: "string" },
    out: { type: "string" },
    config: { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean" },
  };
  for (const spec of GENERATE_SETTINGS) {
    options[spec.name] = { type: spec.type === "boolean" ? "boolean" : "string" };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    console.log(help());
    return 0;
  }
  const input = (values.input as string | undefined) ?? parsed.positionals[0];
  const out = values.out as string | undefined;
  if (!input) return usageError("--input <file|dir> is required");
  if (!out) return usageError("--out <dir> is required");

  let settings: Settings;
  try {
    const cli: Record<string, unknown> = {};
    for (const spec of GENERATE_SETTINGS) cli[spec.name] = values[spec.name];
    settings = settingsFromValues(cli, "the command line");
    if (typeof values.config === "string") {
      const text = await Deno.readTextFile(values.config).catch((error) => {
        throw new Error(`Cannot read config "${values.config}": ${describe(error)}`);
      });
      settings = mergeSettings(parseConfigYaml(text, values.config), settings);
    }
    resolveGenerateOptions(settings.generate);
    checkOutput(settings);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }

  let files: string[];
  try {
    files = await findFiles(input, RECORD_EXTENSIONS);
  } catch (error) {
    return usageError(`Cannot read input "${input}": ${describe(error)}`);
  }
  if (files.length === 0) return usageError(`No records (.hea or .csv) found in "${input}"`);
  let textures: string[] = [];
  if (settings.output.textures !== undefined) {
    try {
      textures = await findFiles(settings.output.textures, TEXTURE_EXTENSIONS);
    } catch (error) {
      return usageError(`Cannot read textures "${settings.output.textures}": ${describe(error)}`);
    }
    if (textures.length === 0) {
      return usageError(`No texture images (.jpg or .png) in "${settings.output.textures}"`);
    }
  }
  await Deno.mkdir(out, { recursive: true });

  const workers = Math.max(
    1,
    Math.min(settings.output.workers ?? navigator.hardwareConcurrency, files.length),
  );
  const progress = new Progress("generate", 0, { quiet: values.quiet === true, unit: "images" });
  const failures: string[] = [];
  let images = 0;
  const queue = [...files];
  const jobFor = (file: string): WorkerJob => ({
    file: resolve(file),
    out: resolve(out),
    generate: settings.generate,
    write: {
      ...(settings.output.format ? { format: settings.output.format } : {}),
      ...(settings.output.jpegQuality ? { jpegQuality: settings.output.jpegQuality } : {}),
      ...(settings.output.pngCompression !== undefined
        ? { pngCompression: settings.output.pngCompression }
        : {}),
      ...(settings.output.maskFormat ? { maskFormat: settings.output.maskFormat } : {}),
    },
    ...(settings.output.sampleRateHz ? { sampleRateHz: settings.output.sampleRateHz } : {}),
    textures: textures.map((t) => resolve(t)),
  });
  let planned = 0, recordsPlanned = 0, recordsDone = 0;
  await Promise.all(Array.from({ length: workers }, () =>
    new Promise<void>((done) => {
      const worker = new Worker(new URL("./_generate_worker.ts", import.meta.url), {
        type: "module",
      });
      const next = (): void => {
        const file = queue.shift();
        if (file === undefined) {
          worker.terminate();
          done();
        } else worker.postMessage(jobFor(file));
      };
      worker.onmessage = (event: MessageEvent<WorkerReport>) => {
        const r = event.data;
        if (r.kind === "planned") {
          // Until every record is planned, expect the pages-per-record seen so far.
          planned += r.pages;
          recordsPlanned++;
          progress.total = Math.round(
            planned + (files.length - recordsPlanned) * (planned / recordsPlanned),
          );
        } else if (r.kind === "page") {
          images++;
          progress.tick();
        } else if (r.kind === "failed") {
          const what = r.stem ? `${r.file} (${r.stem})` : r.file;
          failures.push(`${what}: ${r.message}`);
          progress.log(`error: ${r.message}${r.stem ? ` [${r.stem}]` : ""}`);
          progress.tick(0, 1);
        } else {
          recordsDone++;
          progress.detail = `${recordsDone}/${files.length} records`;
          progress.tick(0);
          next();
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        failures.push(`worker crashed: ${event.message}`);
        progress.log(`error: worker crashed: ${event.message}`);
        worker.terminate();
        done();
      };
      next();
    })));
  progress.finish();
  const seconds = progress.elapsedS;
  console.error(
    `generated ${images} images from ${files.length} record files in ${seconds.toFixed(1)} s ` +
      `(${(images / seconds).toFixed(1)} images/s, ${workers} worker${
        workers > 1 ? "s" : ""
      }) → ${out}` +
      (failures.length > 0 ? `; ${failures.length} failed:` : ""),
  );
  for (const f of failures) console.error(`  ${f}`);
  return failures.length > 0 ? 1 : 0;
}

function checkOutput({ output }: Settings): void {
  const bad = (name: string, value: unknown, expected: string): never => {
    throw new RangeError(`Invalid option ${name} = ${JSON.stringify(value)}: must be ${expected}`);
  };
  if (output.format !== undefined && !["png", "jpg"].includes(output.format)) {
    bad("format", output.format, "png or jpg");
  }
  if (output.maskFormat !== undefined && !["png", "coco"].includes(output.maskFormat)) {
    bad("mask-format", output.maskFormat, "png or coco");
  }
  const q = output.jpegQuality;
  if (q !== undefined && !(q >= 1 && q <= 100)) bad("jpeg-quality", q, "between 1 and 100");
  const z = output.pngCompression;
  if (z !== undefined && !(z >= 0 && z <= 9)) bad("png-compression", z, "between 0 and 9");
  const w = output.workers;
  if (w !== undefined && !(w >= 1 && w <= 256)) bad("workers", w, "between 1 and 256");
  const r = output.sampleRateHz;
  if (r !== undefined && !(r > 0)) bad("sample-rate", r, "> 0");
}

function help(): string {
  const lines = GENERATE_SETTINGS.map((spec) => {
    const arg = spec.type === "boolean"
      ? `--[no-]${spec.name}`
      : `--${spec.name} <${
        spec.type === "list" ? "a,b" : spec.type === "mapping" ? "json" : spec.type
      }>`;
    const def = spec.default !== undefined ? ` [default: ${spec.default}]` : "";
    return `  ${arg.padEnd(28)} ${spec.help}${def}`;
  });
  return `${USAGE}\n${
    lines.join("\n")
  }\n\nThe shipped config/default.yaml lists every option with its default.`;
}

function usageError(message: string): number {
  console.error(`error: ${message}\nRun with --help for usage.`);
  return 2;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

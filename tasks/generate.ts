/**
 * `deno task generate`: records in, synthetic ECG images with ground truth out.
 *
 * @module
 */
// First: refuses with one line when a native library would lack its permissions.
import "./_permissions.ts";
import { parseArgs } from "node:util";
import { dirname, resolve } from "node:path";
import {
  GENERATE_SETTINGS,
  mergeSettings,
  parseConfigYaml,
  type Settings,
  settingsFromValues,
} from "../lib/generate/config.ts";
import { RECORD_RATE_RANGE_HZ } from "../lib/generate/generate.ts";
import { resolveGenerateOptions } from "../lib/generate/options.ts";
import { findFiles } from "../lib/io/discover.ts";
import { describe, RECORD_EXTENSIONS } from "../lib/io/read_record.ts";
import { escapeTerminal, explainParseError, prepareOutDir, runMain, versionLine } from "./_cli.ts";
import { runBatch } from "./_generate_batch.ts";
import { parseShard, type Shard, WHOLE } from "./_shard.ts";
import { parseSplit, type SplitPart } from "../lib/generate/split.ts";
import { findRatesTable, ratesOfFiles, readRatesTable } from "./_rates.ts";

const TEXTURE_EXTENSIONS = [".jpg", ".jpeg", ".png"];

const USAGE = `Usage: deno task generate --input <file|dir> --out <dir> [options]

Turns 12-lead records (WFDB .hea with .dat/.mat, or signal CSVs) into
synthetic paper-ECG images, each with <stem>.json (ground truth) and
<stem>.csv (the signals exactly as plotted). Folders are searched
recursively (skipping --out). Stems are <record>-<window>, or
<record>-<window>-<variant> with --count above 1. <out>/index.csv lists
every page once the batch (every shard) has finished; with --mask-format
coco, <out>/coco.json is then the COCO dataset of the folder (one RLE
instance per plotted panel, a category per lead), which pycocotools,
detectron2 and mmdetection load. The JSON is a superset of ecg-image-kit's
--store_config 2 JSON (docs/ground_truth.md).

Input and output:
  -i, --input <file|dir>    records to draw (required)
  -o, --out <dir>           output folder, created if needed (required)
  --config <file.yaml>      settings file (same names as the options below);
                            command-line options override it
  --shard <i/n|env>         make only shard i (0-based) of n: every n-th page of
                            the sorted plan; "env" reads the index from
                            JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID and the
                            count from SHARD_COUNT or SLURM_ARRAY_TASK_COUNT
                            (docs/cluster.md)
  --force                   redo every page; by default a rerun skips the pages
                            whose files the shard's manifest (<out>/.shards/)
                            holds intact (size and SHA-256), and redoes the rest
  --keep-folders            mirror the input's sub-folders under --out (needed
                            when records in different folders share a name)
  --quiet                   no progress bar

Training sets:
  --max-images <n>          make only the first n pages of the whole plan
                            (records in sorted order, all shards together)
  --split <name=share,...>  give every record (never a single page) a split,
                            e.g. train=0.8,val=0.1,test=0.1, drawn from --seed;
                            index.csv gains a split column
  --kaggle-layout           also lay --out out as the Kaggle 2025 training data:
                            train.csv (id,fs,sig_len), train/<id>/<id>.csv (12
                            leads in mV over the page's whole window) and
                            train/<id>/<id>-<type>.png (type = preset, e.g. 0003)
  --rates <table.csv>       sampling rate of each CSV record <id>.csv from a
                            table with id and fs columns (Kaggle's train.csv);
                            without it, a train.csv at the top of --input is
                            used the same way
  -h, --help                this text
  --version                 print the toolkit version

Options (config-file name = option name):`;

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {
    input: { type: "string", short: "i" },
    out: { type: "string", short: "o" },
    config: { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean" },
    shard: { type: "string" },
    force: { type: "boolean" },
    "keep-folders": { type: "boolean" },
    "max-images": { type: "string" },
    split: { type: "string" },
    "kaggle-layout": { type: "boolean" },
    rates: { type: "string" },
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
    return usageError(explainParseError(error, Object.keys(options)));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    console.log(help());
    return 0;
  }
  if (values.version) {
    console.log(versionLine("ecg-generate"));
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
    const onCommandLine = settings;
    if (typeof values.config === "string") {
      const text = await Deno.readTextFile(values.config).catch((error) => {
        throw new Error(`Cannot read config "${values.config}": ${describe(error)}`);
      });
      settings = mergeSettings(parseConfigYaml(text, values.config), settings);
    }
    // "jpeg" (and any case) is the JPEG format too.
    const format = (settings.output.format as string | undefined)?.toLowerCase();
    if (format !== undefined) {
      const named = (format === "jpeg" ? "jpg" : format) as "png" | "jpg";
      settings = { ...settings, output: { ...settings.output, format: named } };
    }
    // COCO masks need the masks: the format turns them on, unless the command line says no.
    if (settings.output.maskFormat === "coco" && settings.generate.masks !== true) {
      if (onCommandLine.generate.masks === false) {
        throw new RangeError(
          "Invalid options --mask-format coco with --no-masks: COCO output needs the masks",
        );
      }
      settings = { ...settings, generate: { ...settings.generate, masks: true } };
    }
    resolveGenerateOptions(settings.generate);
    checkOutput(settings);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }

  let training: TrainingOptions;
  try {
    training = trainingOptions(values, settings);
  } catch (error) {
    return usageError(describe(error));
  }

  let shard: Shard = WHOLE;
  try {
    if (typeof values.shard === "string") {
      shard = parseShard(values.shard, values.shard === "env" ? Deno.env.toObject() : {});
    }
  } catch (error) {
    return usageError(describe(error));
  }

  let files: string[];
  const outAbs = resolve(out);
  try {
    files = await findFiles(input, RECORD_EXTENSIONS, { skip: [outAbs] });
  } catch (error) {
    return usageError(`Cannot read input "${input}": ${describe(error)}`);
  }
  let rates: Map<string, number> | undefined;
  try {
    const inputIsFolder = (await Deno.stat(input)).isDirectory;
    const table = typeof values.rates === "string"
      ? values.rates
      : inputIsFolder
      ? await findRatesTable(input)
      : null;
    if (table !== null) {
      // The table is no record; nor is Kaggle's test.csv beside a train.csv found by itself.
      const skip = new Set([resolve(table)]);
      if (values.rates === undefined) skip.add(resolve(input, "test.csv"));
      files = files.filter((f) => !skip.has(resolve(f)));
      rates = ratesOfFiles(files.map((f) => resolve(f)), await readRatesTable(table));
    }
  } catch (error) {
    return usageError(describe(error));
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
  try {
    await prepareOutDir(out);
  } catch (error) {
    return usageError(describe(error));
  }
  const inputInfo = await Deno.stat(input);
  const { code } = await runBatch({
    files: files.map((f) => resolve(f)),
    inputRoot: resolve(inputInfo.isFile ? dirname(input) : input),
    out: outAbs,
    generate: settings.generate,
    write: {
      ...(settings.output.format ? { format: settings.output.format } : {}),
      ...(settings.output.jpegQuality ? { jpegQuality: settings.output.jpegQuality } : {}),
      ...(settings.output.pngCompression !== undefined
        ? { pngCompression: settings.output.pngCompression }
        : {}),
      ...(settings.output.maskFormat ? { maskFormat: settings.output.maskFormat } : {}),
      ...(settings.output.wfdb ? { wfdb: true } : {}),
    },
    ...(settings.output.sampleRateHz ? { sampleRateHz: settings.output.sampleRateHz } : {}),
    textures: textures.map((t) => resolve(t)),
    shard,
    keepFolders: values["keep-folders"] === true,
    force: values.force === true,
    workers: Math.max(
      1,
      Math.min(settings.output.workers ?? navigator.hardwareConcurrency, files.length),
    ),
    quiet: values.quiet === true,
    ...(training.maxImages !== undefined ? { maxImages: training.maxImages } : {}),
    ...(training.split ? { split: training.split } : {}),
    ...(training.kaggleLayout ? { kaggleLayout: true } : {}),
    ...(rates ? { rates } : {}),
  });
  return code;
}

/** The training-set options (command line only). */
interface TrainingOptions {
  maxImages?: number;
  split?: SplitPart[];
  kaggleLayout?: boolean;
}

function trainingOptions(
  values: Record<string, string | boolean | undefined>,
  settings: Settings,
): TrainingOptions {
  const out: TrainingOptions = {};
  const max = values["max-images"];
  if (typeof max === "string") {
    if (!/^\d+$/.test(max.trim()) || !(Number(max) >= 1)) {
      throw new RangeError(`Invalid option --max-images = "${max}": must be an integer >= 1`);
    }
    out.maxImages = Number(max);
  }
  if (typeof values.split === "string") out.split = parseSplit(values.split);
  if (values["kaggle-layout"] === true) {
    if (settings.output.format === "jpg") {
      throw new RangeError(
        "Invalid options --kaggle-layout with --format jpg: the Kaggle layout's images are PNG",
      );
    }
    out.kaggleLayout = true;
  }
  return out;
}

function checkOutput({ output }: Settings): void {
  const bad = (name: string, value: unknown, expected: string): never => {
    throw new RangeError(`Invalid option ${name} = ${JSON.stringify(value)}: must be ${expected}`);
  };
  if (output.format !== undefined && !["png", "jpg"].includes(output.format)) {
    bad("format", output.format, "png or jpg (or jpeg)");
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
  const [minHz, maxHz] = RECORD_RATE_RANGE_HZ;
  if (r !== undefined && !(r >= minHz && r <= maxHz)) {
    bad("sample-rate", r, `between ${minHz} and ${maxHz} Hz`);
  }
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
  console.error(`error: ${escapeTerminal(message)}\nRun with --help for usage.`);
  return 2;
}

if (import.meta.main) await runMain(main);

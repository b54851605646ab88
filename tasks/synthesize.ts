/**
 * `deno task synthesize`: the Kaggle 2025 ECG-Synthesizer's command line
 * (`python -m synthesizer` and `python -m synthesizer.parallel`) and its
 * YAML config, mapped onto our generator. Sample `i` goes to
 * `<output_dir>/<iiiii>/` as that tool lays it out: `ecg_img.<ext>`, the
 * masks in its 9-channel order (COCO RLE with `--compress_rle`, else one
 * PNG per channel), a copy of the input CSV, and our ground truth.
 *
 * @module
 */
import { basename, extname, join, resolve } from "node:path";
import { parse as parseYaml } from "npm:yaml@2.8.1";
import type { GenerateOptions } from "../lib/generate/options.ts";
import { resolveGenerateOptions } from "../lib/generate/options.ts";
import type { FamilyConfig } from "../lib/distort/types.ts";
import type { DistortionSettings } from "../lib/distort/settings.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { findFiles } from "../lib/io/discover.ts";
import { describe } from "../lib/io/read_record.ts";
import type { WritePageOptions } from "../lib/io/write_page.ts";
import { createRng } from "../lib/random/rng.ts";
import { type FlagSpec, parseArgparse } from "./_argparse.ts";
import { escapeTerminal, prepareOutDir, runMain, versionLine } from "./_cli.ts";
import { usageErrorFor } from "./_front_end.ts";
import type { PagesJob, WorkerJob, WorkerReport } from "./_generate_worker.ts";
import { WorkerPool } from "./_pool.ts";

const s = (name: string, dest: string): FlagSpec => ({ names: [name], dest, kind: "string" });
const i = (name: string, dest: string): FlagSpec => ({ names: [name], dest, kind: "int" });
const b = (names: string[], dest: string): FlagSpec => ({ names, dest, kind: "bool" });

/** ECG-Synthesizer's flags, and ours. */
export const SYNTH_FLAGS: readonly FlagSpec[] = [
  s("--config_path", "config_path"),
  s("--input_dir", "input_dir"),
  s("--ext", "ext"),
  s("--output_dir", "output_dir"),
  s("--wrinkles_dir", "wrinkles_dir"),
  s("--background_dir", "background_dir"),
  s("--device", "device"),
  i("--nsamples", "nsamples"),
  s("--sample_strat", "sample_strat"),
  i("--max_workers", "max_workers"),
  b(["--rectify"], "rectify"),
  b(["--compress_rle"], "compress_rle"),
  // Ours, not ECG-Synthesizer's.
  i("--seed", "seed"),
  { names: ["--sample_rate"], dest: "sample_rate", kind: "float" },
  i("--dpi", "dpi"),
  b(["--quiet"], "quiet"),
  b(["-h", "--help"], "help"),
  b(["--version"], "version"),
];

/** ECG-Synthesizer's defaults, from its argument parser. */
const DEFAULTS = {
  config_path: "config/synthesizer_s1_config.yaml",
  input_dir: "data/ecgs",
  ext: "jpg",
  output_dir: "data/synthetic",
  wrinkles_dir: "data/wrinkle_textures",
  background_dir: "data/background_textures",
  device: "cpu",
  nsamples: 1000,
  sample_strat: "random",
} as const;

/**
 * ECG-Synthesizer's augmentations (the `generator:` keys of its config) and
 * the family each maps onto, with the settings that make the family do
 * what that augmentation does.
 */
export const SYNTH_AUGMENTATIONS: Readonly<
  Record<string, { family: string; settings?: Partial<FamilyConfig> }>
> = {
  padding_kwargs: { family: "pad" },
  forshorten_distortion_kwargs: { family: "perspective" },
  sinusoidal_distortion_kwargs: { family: "waves" },
  polynomial_distortion_kwargs: { family: "lens" },
  smooth_random_distortion_kwargs: { family: "elastic" },
  background_kwargs: { family: "background" },
  crease_kwargs: { family: "creases" },
  wrinkle_kwargs: { family: "wrinkles" },
  contrast_kwargs: { family: "colour" },
  noise_kwargs: { family: "noise" },
  color_gradient_kwargs: { family: "lighting", settings: { kinds: ["uneven"] } },
  stains_kwargs: { family: "stains" },
  crop_kwargs: { family: "crop" },
  grayscale_kwargs: { family: "scan", settings: { kinds: ["grayscale"] } },
  blur_kwargs: { family: "blur" },
  invert_channels_kwargs: { family: "channel_swap" },
};

/** What a config file gives: the distortions, and every key that has no counterpart here. */
export interface SynthConfig {
  distortions: DistortionSettings;
  /** Keys that were not mapped, as `generator.noise_kwargs.mean`. */
  unmapped: string[];
}

/**
 * Read ECG-Synthesizer's YAML config: each augmentation's `p` (or
 * `generator.default_p`, 0.5 unless set, for an augmentation the config
 * leaves out, as that tool does) becomes its family's probability. Throws
 * an `Error` with one line for a file that is not such a config.
 *
 * @example
 * ```ts
 * import { synthConfig } from "./synthesize.ts";
 * const c = synthConfig("generator:\n  default_p: 0\n  noise_kwargs: { p: 1, mean: 0 }\n", "c.yaml");
 * console.assert(c.distortions.noise?.probability === 1 && c.distortions.blur?.probability === 0);
 * console.assert(c.unmapped.includes("generator.noise_kwargs.mean"));
 * ```
 */
export function synthConfig(text: string, file: string): SynthConfig {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`Cannot read --config_path "${file}": ${describe(error)}`);
  }
  const isMap = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === "object" && !Array.isArray(x);
  data ??= {};
  if (!isMap(data)) throw new Error(`Cannot read --config_path "${file}": expected a mapping`);
  const unmapped: string[] = [];
  for (const key of Object.keys(data)) if (key !== "generator") unmapped.push(key);
  const generator = data.generator ?? {};
  if (!isMap(generator)) {
    throw new Error(`Cannot read --config_path "${file}": generator must be a mapping`);
  }
  const probability = (value: unknown, key: string): number => {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new Error(
        `Cannot read --config_path "${file}": ${key} = ${
          JSON.stringify(value)
        } must be between 0 and 1`,
      );
    }
    return value;
  };
  const defaultP = generator.default_p === undefined
    ? 0.5
    : probability(generator.default_p, "generator.default_p");
  const distortions: Record<string, Partial<FamilyConfig>> = {};
  for (const [key, { family, settings }] of Object.entries(SYNTH_AUGMENTATIONS)) {
    const kwargs = generator[key] ?? null;
    if (kwargs !== null && !isMap(kwargs)) {
      throw new Error(`Cannot read --config_path "${file}": generator.${key} must be a mapping`);
    }
    const p = kwargs?.p === undefined ? defaultP : probability(kwargs.p, `generator.${key}.p`);
    for (const sub of Object.keys(kwargs ?? {})) {
      if (sub !== "p") unmapped.push(`generator.${key}.${sub}`);
    }
    distortions[family] = { ...settings, probability: p };
  }
  for (const key of Object.keys(generator)) {
    if (!(key in SYNTH_AUGMENTATIONS) && key !== "default_p") unmapped.push(`generator.${key}`);
  }
  return { distortions: distortions as DistortionSettings, unmapped };
}

const USAGE =
  `Usage: deno task synthesize --config_path <yaml> --input_dir <csv dir> --output_dir <dir> [flags]

The Kaggle 2025 ECG-Synthesizer's command line (python -m synthesizer and
python -m synthesizer.parallel: both are this task) and its YAML config,
on this toolkit's generator. Sample i (of --nsamples) is drawn from a CSV
of --input_dir (in turn with --sample_strat circle, at random with random)
and written to <output_dir>/<iiiii>/: ecg_img.<ext>, the 9 masks in
ECG-Synthesizer's channel order (ecg_img.masks.json, COCO RLE, with
--compress_rle; else ecg_img.mask-<c>.png), a copy of the CSV, and our
ground truth ecg_img.json and ecg_img.csv. docs/migrating.md maps every
flag and config key.

  --config_path <yaml>     its config: generator.<augmentation>.p (or
                           generator.default_p) becomes our family's
                           probability; keys with no counterpart are named
                           on stderr [default: ${DEFAULTS.config_path}]
  --input_dir <dir>        CSVs (Kaggle layout), not searched recursively
                           [default: ${DEFAULTS.input_dir}]
  --ext jpg|png            image format [default: jpg]
  --output_dir <dir>       [default: ${DEFAULTS.output_dir}]
  --wrinkles_dir <dir>     paper photos blended by the wrinkles family
                           (procedural when the default folder is absent)
  --background_dir <dir>   accepted; the background family draws its own
                           surfaces (a warning says so when the folder exists)
  --device cpu|cuda        accepted; everything runs on the CPU
  --nsamples n             samples to make [default: 1000]
  --sample_strat circle|random   [default: random]
  --max_workers n          worker threads [default: all cores]
  --rectify                every augmentation but the geometric ones
  --compress_rle           masks as COCO RLE (else one PNG per channel)
Ours:
  --seed n                 seed of every random draw [default: 0]
  --sample_rate <hz>       rate of CSVs without a sidecar JSON [default:
                           rows / 10, as ECG-Synthesizer's 10 s CSVs]
  --dpi n                  resolution (its config's scale is not mapped)
                           [default: 200]
  --quiet, -h, --help, --version`;

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const usageError = usageErrorFor("synthesize");
  let v: Record<string, string | number | boolean>;
  let spelled: Record<string, string>;
  try {
    ({ values: v, spelled } = parseArgparse(
      args,
      SYNTH_FLAGS,
      "deno task synthesize (ECG-Synthesizer)",
      { spacedEquals: true },
    ));
  } catch (error) {
    return usageError(describe(error));
  }
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (v.version) {
    console.log(versionLine("ecg-synthesize"));
    return 0;
  }
  const str = (k: keyof typeof DEFAULTS): string => String(v[k] ?? DEFAULTS[k]);
  const ext = str("ext").toLowerCase();
  if (!["jpg", "jpeg", "png"].includes(ext)) {
    return usageError(`--ext ${ext} is not supported: use jpg or png`);
  }
  if (!["cpu", "cuda"].includes(str("device"))) {
    return usageError(`--device ${str("device")}: must be cpu or cuda`);
  }
  const strat = str("sample_strat");
  if (!["circle", "random"].includes(strat)) {
    return usageError(`--sample_strat ${strat}: must be circle or random`);
  }
  const nsamples = (v.nsamples ?? DEFAULTS.nsamples) as number;
  if (!(nsamples >= 1 && nsamples <= 99_999)) {
    return usageError(`--nsamples ${nsamples}: must be from 1 to 99999`);
  }
  const workersGiven = v.max_workers as number | undefined;
  if (workersGiven !== undefined && !(workersGiven >= 1 && workersGiven <= 256)) {
    return usageError(`--max_workers ${workersGiven}: must be from 1 to 256`);
  }
  const rate = v.sample_rate as number | undefined;
  if (rate !== undefined && !(rate > 0)) {
    return usageError(`--sample_rate ${rate}: must be above 0`);
  }

  let config: SynthConfig;
  const configPath = str("config_path");
  try {
    const text = await Deno.readTextFile(configPath).catch((error) => {
      throw new Error(`Cannot read --config_path "${configPath}": ${describe(error)}`);
    });
    config = synthConfig(text, configPath);
  } catch (error) {
    return usageError(describe(error));
  }
  const seed = (v.seed ?? 0) as number;
  const generate: GenerateOptions = {
    seed,
    preset: "0001",
    ...(v.dpi !== undefined ? { dpi: v.dpi as number } : {}),
    startSample: 0,
    masks: true,
    rectify: v.rectify === true,
    distortions: config.distortions,
  };
  try {
    resolveGenerateOptions(generate);
  } catch (error) {
    return usageError(describe(error));
  }

  const inputDir = str("input_dir");
  let csvs: string[];
  try {
    if (!(await Deno.stat(inputDir)).isDirectory) throw new Error("not a folder");
    csvs = [];
    for await (const e of Deno.readDir(inputDir)) {
      if (e.isFile && extname(e.name).toLowerCase() === ".csv") csvs.push(join(inputDir, e.name));
    }
    csvs.sort();
  } catch (error) {
    return usageError(`Cannot read --input_dir "${inputDir}": ${describe(error)}`);
  }
  if (csvs.length === 0) return usageError(`No CSV files in --input_dir "${inputDir}"`);

  let textures: string[] = [];
  const wrinklesDir = str("wrinkles_dir");
  const exists = async (dir: string) =>
    await Deno.stat(dir).then((i) => i.isDirectory, () => false);
  if (v.wrinkles_dir !== undefined || await exists(wrinklesDir)) {
    try {
      textures = await findFiles(wrinklesDir, [".jpg", ".jpeg", ".png"]);
    } catch (error) {
      return usageError(`Cannot read --wrinkles_dir "${wrinklesDir}": ${describe(error)}`);
    }
  }
  const warnings: string[] = [];
  if (config.unmapped.length > 0) {
    warnings.push(
      `--config_path "${configPath}": not mapped (no counterpart here): ${
        config.unmapped.join(", ")
      }`,
    );
  }
  if (await exists(str("background_dir"))) {
    warnings.push(
      `${spelled.background_dir ?? "--background_dir (default)"} "${
        str("background_dir")
      }": photo backgrounds are not supported; the background family draws wood, fabric or flat surfaces`,
    );
  }

  const out = str("output_dir");
  try {
    await prepareOutDir(out, "--output_dir");
  } catch (error) {
    return usageError(describe(error));
  }
  for (const w of warnings) console.error(`warning: ${escapeTerminal(w)}`);

  // Which CSV each sample draws, and which variant of that CSV it is.
  const pick = createRng(seed, "synthesize", "sample_strat");
  const chosen = Array.from(
    { length: nsamples },
    (_, k) => strat === "circle" ? k % csvs.length : pick.int(0, csvs.length - 1),
  );
  const uses = new Map<number, number>();
  const variants = chosen.map((f) => {
    const n = uses.get(f) ?? 0;
    uses.set(f, n + 1);
    return n;
  });
  const rates = await Promise.all(csvs.map((file) => rateOf(file, rate)));
  const write: WritePageOptions = {
    format: ext === "png" ? "png" : "jpg",
    maskFormat: v.compress_rle === true ? "coco" : "png",
    tempTag: "synth",
  };
  const jobs: PagesJob[] = chosen.map((f, k) => {
    const name = String(k).padStart(5, "0");
    const r = rates[f];
    return {
      kind: "pages",
      file: resolve(csvs[f]!),
      source: basename(csvs[f]!),
      dir: resolve(join(out, name)),
      prefix: `${name}/`,
      generate: { ...generate, count: uses.get(f)! },
      write,
      ...(r !== undefined ? { sampleRateHz: r } : {}),
      textures: textures.map((t) => resolve(t)),
      first: k,
      pages: [variants[k]!],
    };
  });
  const workers = Math.max(
    1,
    Math.min(workersGiven ?? navigator.hardwareConcurrency, jobs.length),
  );
  const pool = new WorkerPool<WorkerJob, WorkerReport>(
    new URL("./_generate_worker.ts", import.meta.url),
    workers,
    (r) => r.kind === "done",
  );
  const failures: string[] = [];
  const moves: Promise<void>[] = [];
  const started = performance.now();
  let made = 0;
  try {
    for (const job of jobs) await Deno.mkdir(job.dir, { recursive: true });
    await pool.run(jobs, (r, job) => {
      if (r.kind === "page") {
        made++;
        moves.push(
          settle(job as PagesJob, r.entry.stem).catch((e) =>
            void failures.push(`${job.file}: ${describe(e)}`)
          ),
        );
      } else if (r.kind === "failed") failures.push(`${r.file}: ${r.message}`);
    }, (job, message) => failures.push(`${(job as PagesJob).file}: ${message}`));
    await Promise.all(moves);
  } finally {
    pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (!v.quiet || failures.length > 0) {
    console.error(
      `synthesized ${made} samples from ${csvs.length} CSV files in ${seconds.toFixed(1)} s → ${
        escapeTerminal(out)
      }` + (failures.length > 0 ? `; ${failures.length} failed:` : ""),
    );
  }
  for (const f of failures) console.error(`  ${escapeTerminal(f)}`);
  return failures.length > 0 ? 1 : 0;
}

/** Name a sample's files as ECG-Synthesizer does (`ecg_img.*`) and copy its CSV beside them. */
async function settle(job: PagesJob, stem: string): Promise<void> {
  for await (const e of Deno.readDir(job.dir)) {
    if (e.isFile && e.name.startsWith(`${stem}.`)) {
      await Deno.rename(
        join(job.dir, e.name),
        join(job.dir, `ecg_img${e.name.slice(stem.length)}`),
      );
    }
  }
  await writeFileAtomic(join(job.dir, basename(job.file)), await Deno.readFile(job.file));
}

/**
 * The sampling rate to read a CSV with: none when a sidecar JSON states
 * it, else `given`, else rows / 10 (ECG-Synthesizer draws each CSV as one
 * 10 s page, the Kaggle layout).
 */
async function rateOf(file: string, given: number | undefined): Promise<number | undefined> {
  const sidecar = file.slice(0, -extname(file).length) + ".json";
  if (await Deno.stat(sidecar).then(() => true, () => false)) return undefined;
  if (given !== undefined) return given;
  const text = await Deno.readTextFile(file);
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1;
  return rows > 0 ? rows / 10 : undefined;
}

if (import.meta.main) await runMain(main);

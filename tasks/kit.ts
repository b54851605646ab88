/**
 * `deno task kit`: ecg-image-kit's command line
 * (`gen_ecg_images_from_data_batch.py`, and `gen_ecg_image_from_data.py`
 * with `-hea` and `-st`), flag for flag, mapped onto our options and
 * distortion families. docs/migrating.md has the table.
 *
 * @module
 */
import { resolve } from "node:path";
import type { Settings } from "../lib/generate/config.ts";
import { planPages } from "../lib/generate/generate.ts";
import type { GenerateOptions } from "../lib/generate/options.ts";
import type { PageDraws } from "../lib/generate/page_draws.ts";
import type { DistortionSettings } from "../lib/distort/settings.ts";
import type { FamilyConfig } from "../lib/distort/types.ts";
import { findFiles } from "../lib/io/discover.ts";
import { describe, readRecord, RECORD_EXTENSIONS } from "../lib/io/read_record.ts";
import { type FlagSpec, parseArgparse } from "./_argparse.ts";
import { runMain, versionLine } from "./_cli.ts";
import { inputRootOf, runFrontEnd, usageErrorFor } from "./_front_end.ts";

const b = (names: string[], dest: string): FlagSpec => ({ names, dest, kind: "bool" });
const i = (names: string[], dest: string): FlagSpec => ({ names, dest, kind: "int" });
const f = (names: string[], dest: string): FlagSpec => ({ names, dest, kind: "float" });
const s = (names: string[], dest: string): FlagSpec => ({ names, dest, kind: "string" });

/** Every flag of ecg-image-kit's two generator scripts (and the older names its papers use), plus ours. */
export const KIT_FLAGS: readonly FlagSpec[] = [
  s(["-i", "--input_directory", "--input_file"], "input"),
  s(["-o", "--output_directory"], "output"),
  s(["-hea", "--header_file"], "header"),
  i(["-st", "--start_index"], "start"),
  i(["-se", "--seed"], "seed"),
  s(["--num_leads"], "num_leads"),
  i(["--max_num_images", "--num_images"], "max_num_images"),
  s(["--config_file"], "config_file"),
  i(["-r", "--resolution"], "resolution"),
  i(["--pad_inches"], "pad_inches"),
  b(["-ph", "--print_header"], "print_header"),
  i(["--num_columns"], "num_columns"),
  s(["--full_mode"], "full_mode"),
  b(["--mask_unplotted_samples"], "mask_unplotted_samples"),
  b(["--add_qr_code"], "add_qr_code"),
  s(["-l", "--link"], "link"),
  i(["-n", "--num_words"], "num_words"),
  i(["--x_offset"], "x_offset"),
  i(["--y_offset"], "y_offset"),
  f(["--hws"], "hws"),
  i(["-ca", "--crease_angle"], "crease_angle"),
  i(["-nv", "--num_creases_vertically"], "nv"),
  i(["-nh", "--num_creases_horizontally"], "nh"),
  i(["-rot", "--rotate"], "rotate"),
  i(["-noise", "--noise"], "noise"),
  f(["-c", "--crop"], "crop"),
  i(["-t", "--temperature"], "temperature"),
  b(["--random_resolution"], "random_resolution"),
  b(["--random_padding"], "random_padding"),
  b(["--random_grid_color"], "random_grid_color"),
  i(["--standard_grid_color"], "standard_grid_color"),
  f(["--calibration_pulse", "--random_dc"], "calibration_pulse"),
  f(["--random_grid_present"], "random_grid_present"),
  f(["--random_print_header", "--random_add_header"], "random_print_header"),
  f(["--random_bw"], "random_bw"),
  b(["--remove_lead_names"], "remove_lead_names"),
  b(["--deterministic_lead"], "deterministic_lead"),
  b(["--lead_name_bbox", "--store_text_bounding_box"], "lead_name_bbox"),
  b(["--lead_bbox", "--bbox"], "lead_bbox"),
  { names: ["--store_config"], dest: "store_config", kind: "optional-int", optionalValue: 1 },
  b(["--deterministic_offset"], "deterministic_offset"),
  b(["--deterministic_num_words"], "deterministic_num_words"),
  b(["--deterministic_hw_size"], "deterministic_hw_size"),
  b(["--deterministic_angle"], "deterministic_angle"),
  b(["--deterministic_vertical"], "deterministic_vertical"),
  b(["--deterministic_horizontal"], "deterministic_horizontal"),
  b(["--deterministic_rot"], "deterministic_rot"),
  b(["--deterministic_noise"], "deterministic_noise"),
  b(["--deterministic_crop"], "deterministic_crop"),
  b(["--deterministic_temp"], "deterministic_temp"),
  b(["--fully_random"], "fully_random"),
  b(["--hw_text"], "hw_text"),
  b(["--wrinkles"], "wrinkles"),
  b(["--augment"], "augment"),
  // Ours, not ecg-image-kit's.
  i(["--workers"], "workers"),
  b(["--quiet"], "quiet"),
  b(["-h", "--help"], "help"),
  b(["--version"], "version"),
];

/** ecg-image-kit's defaults, from its documentation and argument parser. */
const DEFAULTS = {
  seed: -1,
  num_leads: "twelve",
  max_num_images: -1,
  config_file: "config.yaml",
  resolution: 200,
  pad_inches: 0,
  num_columns: -1,
  full_mode: "II",
  num_words: 5,
  x_offset: 30,
  y_offset: 30,
  crease_angle: 90,
  nv: 10,
  nh: 10,
  rotate: 0,
  noise: 50,
  crop: 0.01,
  temperature: 40000,
  standard_grid_color: 5,
  calibration_pulse: 1,
  random_grid_present: 1,
  random_print_header: 0,
  random_bw: 0,
  store_config: 0,
} as const;

/** Flags we cannot honour, each with the one line that says why. */
const REFUSED: Record<string, string> = {
  link:
    "-l/--link fetches text from a URL; not supported: handwriting uses the toolkit's own words",
};

const GRID_COLOURS = ["brown", "pink", "blue", "green", "red"] as const;

const USAGE = `Usage: deno task kit -i <input_dir> -o <output_dir> [ecg-image-kit flags]
       deno task kit -i <record.dat> -hea <record.hea> -o <output_dir> -st <start_index> [flags]

ecg-image-kit's gen_ecg_images_from_data_batch.py and gen_ecg_image_from_data.py
command lines, flag for flag, on this toolkit's generator. Each flag keeps the
meaning ecg-image-kit's documentation gives it; docs/migrating.md maps every
flag onto our options and distortion families. Images are <record>-<k>.png
with <record>-<k>.json (a superset of ecg-image-kit's --store_config 2 JSON,
written whether or not --store_config is given), <record>-<k>.csv, and the
plotted signals as WFDB <record>-<k>.hea/.dat (unplotted samples are always
masked, as with --mask_unplotted_samples). Input sub-folders are mirrored.

Paths, seed, layout: -i -o -hea -st -se (default -1 = seed 0: every run is
  reproducible) -r --pad_inches --num_columns (-1, 1, 2 or 4) --full_mode
  (a lead, a,b,c or None) --max_num_images (alias --num_images) --num_leads twelve
Per-image draws: --random_resolution (dpi in [50, -r]) --random_padding
  --random_grid_present p --calibration_pulse p (alias --random_dc)
  --print_header (-ph) --random_print_header p (aliases --random_print,
  --random_add_header) --random_bw p --random_grid_color --standard_grid_color 1-5
Labels and boxes: --remove_lead_names --deterministic_lead --store_config [1|2]
  --lead_bbox --lead_name_bbox --mask_unplotted_samples (boxes are always stored)
Handwriting: --hw_text -n --x_offset --y_offset --deterministic_offset
  --deterministic_num_words --deterministic_hw_size --hws (fraction of the page width)
Wrinkles and creases: --wrinkles -ca -nv -nh --deterministic_angle
  --deterministic_vertical --deterministic_horizontal
Augmentation: --augment -rot -noise -c -t --deterministic_rot
  --deterministic_noise --deterministic_crop --deterministic_temp
QR code: --add_qr_code (the record's name, top-right, 5 px modules)
--fully_random: handwriting, wrinkles and augmentation each on half the pages
Refused with one line: -l/--link,
  --config_file (other than config.yaml), --num_leads (other than twelve)
Ours: --workers n, --quiet, -h, --help, --version`;

/** What the flags ask for: our settings, and where the records are. */
export interface KitPlan {
  settings: Settings;
  /** The record file (single-record form) or folder. */
  input: string;
  /** The output folder. */
  out: string;
  /** The single-record form's data file (`-i`), checked to exist; null in the batch form. */
  data: string | null;
  /** Images to make at most (records are taken whole, as ecg-image-kit does); null for all. */
  maxImages: number | null;
  workers?: number;
  quiet: boolean;
}

/**
 * Turn ecg-image-kit's flags into our settings. Throws an `Error` with one
 * line naming the flag when a flag is unknown, refused or out of range.
 *
 * @example
 * ```ts
 * import { kitPlan } from "./kit.ts";
 * const plan = kitPlan(["-i", "in", "-o", "out", "-se", "10", "--augment", "-rot", "5", "--deterministic_rot"]);
 * const rotation = plan.settings.generate.distortions?.rotation;
 * console.assert(plan.settings.generate.seed === 10 && rotation?.max_deg === 5 && rotation?.fixed === true);
 * ```
 */
export function kitPlan(args: readonly string[]): KitPlan {
  const { values: v, spelled } = parseArgparse(args, KIT_FLAGS, "deno task kit (ecg-image-kit)");
  for (const [dest, line] of Object.entries(REFUSED)) if (v[dest] !== undefined) fail(line);
  const num = (dest: keyof typeof DEFAULTS): number => (v[dest] ?? DEFAULTS[dest]) as number;
  const str = (dest: keyof typeof DEFAULTS): string => String(v[dest] ?? DEFAULTS[dest]);
  const flag = (dest: string): string => spelled[dest] ?? `--${dest}`;
  const on = (dest: string): boolean => v[dest] === true;
  if (str("config_file") !== "config.yaml") {
    fail(
      `--config_file is not supported: ecg-image-kit's config.yaml (lead orders, tick sizes) is built in; settings go in a deno task generate --config`,
    );
  }
  if (str("num_leads") !== "twelve") {
    fail(`--num_leads ${str("num_leads")} is not supported: the leads drawn are the record's own`);
  }
  const input = v.input as string | undefined;
  const out = v.output as string | undefined;
  if (!input) fail("-i/--input_directory is required");
  if (!out) fail("-o/--output_directory is required");
  const single = v.header !== undefined || v.start !== undefined;
  if (single && (v.header === undefined || v.start === undefined)) {
    fail("-hea and -st go together (the single-record form: -i <file> -hea <header> -st <start>)");
  }
  if (single && (v.start as number) < 0) fail(`-st ${v.start}: the start index must be >= 0`);
  const seed = num("seed");

  const generate: GenerateOptions = {
    seed: seed === -1 ? 0 : seed,
    preset: "0001",
    dpi: num("resolution"),
    header: false,
  };
  const draws: { -readonly [K in keyof PageDraws]: PageDraws[K] } = {};
  if (single) generate.startSample = v.start as number;
  if (on("random_resolution")) {
    const r = num("resolution");
    if (!(r >= 50 && r <= 600)) fail(`-r ${r} with --random_resolution: must be from 50 to 600`);
    draws.dpi = [50, r];
  }
  const columns = num("num_columns");
  const layouts: Record<string, GenerateOptions["layout"]> = {
    "-1": "auto",
    "1": "12x1",
    "2": "6x2",
    "4": "3x4",
  };
  if (!(String(columns) in layouts)) {
    fail(`--num_columns ${columns} is not supported: use -1 (automatic), 1, 2 or 4`);
  }
  generate.layout = layouts[String(columns)]!;
  const full = str("full_mode");
  generate.rhythmLeads = full.toLowerCase() === "none"
    ? []
    : full.split(",").map((x) => x.trim()).filter((x) => x !== "");

  chance(generate, draws, "random_grid_present", num("random_grid_present"), "showGrid", "grid");
  chance(generate, draws, "calibration_pulse", num("calibration_pulse"), "calibrationPulse");
  if (on("print_header")) generate.header = true;
  else chance(generate, draws, "random_print_header", num("random_print_header"), "header");
  const bw = num("random_bw");
  if (!(bw >= 0 && bw <= 1)) fail(`${flag("random_bw")} ${bw}: must be between 0 and 1`);
  if (on("random_grid_color")) generate.gridColour = "random";
  else {
    const c = num("standard_grid_color");
    if (!(Number.isInteger(c) && c >= 1 && c <= 5)) {
      fail(
        `--standard_grid_color ${c}: must be 1 (brown), 2 (pink), 3 (blue), 4 (green) or 5 (red)`,
      );
    }
    generate.gridColour = GRID_COLOURS[c - 1]!;
  }
  if (bw === 1) {
    generate.gridColour = "grey";
    generate.traceColour = "#000000";
  } else if (bw > 0) draws.bw = bw;
  if (on("remove_lead_names") && on("deterministic_lead")) {
    fail("--remove_lead_names and --deterministic_lead contradict each other");
  }
  generate.leadLabels = !on("remove_lead_names");
  const store = num("store_config");
  if (![0, 1, 2].includes(store)) fail(`--store_config ${store}: must be 0, 1 or 2`);

  const distortions: Record<string, Partial<FamilyConfig>> = {};
  const pad = num("pad_inches");
  if (!(pad >= 0 && pad <= 7)) fail(`--pad_inches ${pad}: must be from 0 to 7`);
  if (pad > 0) {
    const mm = Math.round(pad * 25.4 * 1000) / 1000;
    distortions.pad = { probability: 1, margin_mm: on("random_padding") ? [0, mm] : mm };
  }
  // --fully_random: handwriting, wrinkles and augmentation each on half the pages, whatever
  // --hw_text, --wrinkles and --augment say, with the settings their flags give.
  const fully = on("fully_random");
  const groups: { chance: number; families: string[] }[] = [];
  const add = (group: Record<string, Partial<FamilyConfig>>) => {
    Object.assign(distortions, group);
    if (fully) groups.push({ chance: 0.5, families: Object.keys(group) });
  };
  if (on("hw_text") || fully) {
    add({ handwriting: handwriting(num, on, v.hws as number | undefined) });
  }
  if (on("wrinkles") || fully) add(wrinkles(num, on));
  if (on("augment") || fully) add(augment(v, num, on));
  if (groups.length > 0) draws.groups = groups;
  if (Object.keys(draws).length > 0) generate.pageDraws = draws;
  // ecg-image-kit encodes the record's name, or in the single-record form the -i path as given.
  if (on("add_qr_code")) {
    distortions.qr_code = { probability: 1, ...(single ? { text: input } : {}) };
  }
  if (Object.keys(distortions).length > 0) {
    generate.distortions = distortions as DistortionSettings;
  }
  const max = num("max_num_images");
  if (!(max === -1 || max >= 1)) fail(`--max_num_images ${max}: must be -1 (all) or at least 1`);
  const workers = v.workers as number | undefined;
  if (workers !== undefined && !(workers >= 1 && workers <= 256)) {
    fail(`--workers ${workers}: must be from 1 to 256`);
  }
  return {
    settings: { generate, output: { format: "png", wfdb: true } },
    input: single ? (v.header as string) : input,
    out,
    data: single ? input : null,
    maxImages: max === -1 ? null : max,
    ...(workers !== undefined ? { workers } : {}),
    quiet: on("quiet"),
  };
}

/** A probability flag: 1 and 0 set the option, anything between draws it per page. */
function chance(
  generate: GenerateOptions,
  draws: { -readonly [K in keyof PageDraws]: PageDraws[K] },
  name: string,
  p: number,
  option: "showGrid" | "calibrationPulse" | "header",
  draw: "grid" | "calibrationPulse" | "header" = option === "showGrid" ? "grid" : option,
): void {
  if (!(p >= 0 && p <= 1)) fail(`--${name} ${p}: must be between 0 and 1`);
  if (p === 1 || p === 0) generate[option] = p === 1;
  else draws[draw] = p;
}

type Num = (dest: keyof typeof DEFAULTS) => number;
type On = (dest: string) => boolean;

/** `value` when fixed, else the range `[lo, value]` that ecg-image-kit draws from. */
function range(fixed: boolean, value: number, lo: number): number | [number, number] {
  return fixed ? value : [Math.min(lo, value), value];
}

function handwriting(num: Num, on: On, hws: number | undefined): Partial<FamilyConfig> {
  const n = num("num_words"), x = num("x_offset"), y = num("y_offset");
  if (hws !== undefined && !(hws > 0 && hws <= 1)) {
    fail(`--hws ${hws}: must be above 0 and at most 1`);
  }
  if (!(n >= 0 && n <= 50)) fail(`-n ${n}: must be from 0 to 50 words`);
  for (const [name, value] of [["--x_offset", x], ["--y_offset", y]] as const) {
    if (!(value >= 0 && value <= 20000)) fail(`${name} ${value}: must be from 0 to 20000 px`);
  }
  return {
    probability: 1,
    // ecg-image-kit draws the word count from [2, n] and each offset from [1, offset].
    words: range(on("deterministic_num_words"), n, 2),
    x_offset_px: range(on("deterministic_offset"), x, 1),
    y_offset_px: range(on("deterministic_offset"), y, 1),
    ...(on("deterministic_hw_size") ? { size_mm: 7.5 } : {}),
    // --hws: the writing spans that fraction of the page (given only; its default 0.2 is not applied).
    ...(hws !== undefined ? { width_fraction: hws } : {}),
  };
}

/** ecg-image-kit's crease angle (degrees from the page's axes, any turn) as our skew, [-45, 45). */
function skew(angle: number): number {
  return ((((angle + 45) % 90) + 90) % 90) - 45;
}

function wrinkles(num: Num, on: On): Record<string, Partial<FamilyConfig>> {
  const ca = num("crease_angle"), nv = num("nv"), nh = num("nh");
  if (!(ca >= 0 && ca <= 180)) fail(`-ca ${ca}: the crease angle must be from 0 to 180 degrees`);
  for (const [name, n] of [["-nv", nv], ["-nh", nh]] as const) {
    if (!(n >= 0 && n <= 20)) fail(`${name} ${n}: must be from 0 to 20 creases`);
  }
  const out: Record<string, Partial<FamilyConfig>> = { wrinkles: { probability: 1 } };
  if (nv > 0 || nh > 0) {
    out.creases = {
      probability: 1,
      // ecg-image-kit draws the angle from [0, ca]; creases at θ and θ + 90 are the same
      // pattern as at θ - 90, so a bound above 45 draws from the whole turn.
      angle_deg: on("deterministic_angle") ? skew(ca) : ca <= 45 ? [0, ca] : [-45, 45],
      horizontal: range(on("deterministic_horizontal"), nh, 1),
      vertical: range(on("deterministic_vertical"), nv, 1),
    };
  }
  return out;
}

/** Our colour temperature (−1 cool … +1 warm) for `kelvin`, the inverse of the JSON's conversion. */
function temperatureOf(kelvin: number): number {
  const neutral = 1e6 / 6500, mired = 1e6 / kelvin;
  const t = mired >= neutral
    ? (mired - neutral) / (1e6 / 2500 - neutral)
    : -(neutral - mired) / (neutral - 1e6 / 15000);
  return Math.round(t * 1e4) / 1e4;
}

function augment(
  v: Record<string, unknown>,
  num: Num,
  on: On,
): Record<string, Partial<FamilyConfig>> {
  const out: Record<string, Partial<FamilyConfig>> = {};
  const rot = num("rotate"), noise = num("noise"), crop = num("crop"), t = num("temperature");
  if (!(rot >= 0 && rot <= 45)) {
    fail(`-rot ${rot}: the rotation bound must be from 0 to 45 degrees`);
  }
  if (rot > 0) {
    out.rotation = {
      probability: 1,
      max_deg: rot,
      quarter_turn_probability: 0,
      fixed: on("deterministic_rot"),
    };
  }
  if (!(noise >= 0 && noise <= 64)) fail(`-noise ${noise}: must be from 0 to 64 grey levels`);
  if (noise > 0) {
    out.noise = {
      probability: 1,
      kinds: ["gaussian"],
      gaussian_sigma: range(on("deterministic_noise"), noise, 1),
      monochrome_probability: 1,
    };
  }
  if (!(crop >= 0 && crop <= 0.25)) fail(`-c ${crop}: the crop must be from 0 to 0.25`);
  if (crop > 0) {
    out.crop = { probability: 1, fraction: on("deterministic_crop") ? crop : [0, crop] };
  }
  const given = v.temperature !== undefined || on("deterministic_temp");
  let temperature: number | [number, number] = [-1, 1];
  if (given) {
    if (!(t >= 2500 && t <= 15000)) {
      fail(
        `-t ${t}: colour temperatures from 2500 to 15000 K are modelled (without -t and --deterministic_temp, 2500-15000 K is drawn)`,
      );
    }
    const target = temperatureOf(t);
    temperature = on("deterministic_temp") ? target : [Math.min(0, target), Math.max(0, target)];
  }
  out.colour = { probability: 1, temperature, brightness: 0, contrast: 1, gamma: 1 };
  return out;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const usageError = usageErrorFor("kit");
  if (args.includes("-h") || args.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  if (args.includes("--version")) {
    console.log(versionLine("ecg-kit"));
    return 0;
  }
  let plan: KitPlan;
  try {
    plan = kitPlan(args);
  } catch (error) {
    return usageError(describe(error));
  }
  let files: string[];
  try {
    if (plan.data !== null) await Deno.stat(plan.data);
    files = await findFiles(plan.input, RECORD_EXTENSIONS, { skip: [resolve(plan.out)] });
  } catch (error) {
    const which = plan.data === null ? plan.input : `${plan.data}" or "${plan.input}`;
    return usageError(`Cannot read input "${which}": ${describe(error)}`);
  }
  if (files.length === 0) return usageError(`No records (.hea or .csv) found in "${plan.input}"`);
  if (plan.maxImages !== null) {
    try {
      files = await firstImages(files, plan.maxImages, plan.settings.generate);
    } catch (error) {
      return usageError(describe(error));
    }
  }
  return await runFrontEnd({
    files,
    inputRoot: await inputRootOf(plan.input),
    out: plan.out,
    settings: plan.settings,
    keepFolders: true,
    ...(plan.workers !== undefined ? { workers: plan.workers } : {}),
    quiet: plan.quiet,
  }, usageError);
}

/** The first records (in order) whose pages reach `max` images, as ecg-image-kit stops after them. */
async function firstImages(
  files: readonly string[],
  max: number,
  options: GenerateOptions,
): Promise<string[]> {
  const kept: string[] = [];
  let images = 0;
  for (const file of files) {
    if (images >= max) break;
    kept.push(file);
    try {
      images += planPages(await readRecord(file), options).length;
    } catch {
      // A record that cannot be read fails in the batch, with its reason.
    }
  }
  return kept;
}

if (import.meta.main) await runMain(main);

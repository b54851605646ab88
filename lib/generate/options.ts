/**
 * Generation options: the exported interface, its defaults, and the one
 * function that resolves and validates them.
 *
 * @module
 */
import { parseHexColour } from "../raster/image.ts";
import { normaliseLeadName } from "../records/lead_names.ts";
import { FAMILIES } from "../distort/families.ts";
import {
  type DistortionSettings,
  type ResolvedDistortions,
  resolveDistortions,
} from "../distort/settings.ts";
import { resolveStyleSettings, type StyleSettings } from "../style/family.ts";
import { PRESETS } from "./presets.ts";
import { checkPageDraws, type PageDraws } from "./page_draws.ts";
import {
  GRID_COLOUR_PRESETS,
  type GridColourName,
  PAPER_SIZES_MM,
  type PaperSize,
} from "./paper.ts";

/** The page layouts. `auto` picks 3x4 for 12-lead records and one row per lead otherwise. */
export const LAYOUTS = ["auto", "3x4", "6x2", "12x1", "rows"] as const;
/** A layout name. */
export type LayoutName = typeof LAYOUTS[number];

/** The most variants `count` may ask for per page window (a bound against runaway batches). */
export const MAX_COUNT = 1_000_000;

/** A grid colour: a preset name, `random` (drawn per image), or `#rrggbb`. */
export type GridColour = GridColourName | "random" | `#${string}`;

/** Options of {@linkcode generate}. Every field is optional. */
export interface GenerateOptions {
  /** Seed of every random draw. @default 0 */
  seed?: number;
  /**
   * A named preset whose options sit under the explicit ones (see `PRESETS`),
   * or `mix` to draw one per page (see `PRESET_MIX_WEIGHTS`). @default "0001"
   */
  preset?: string;
  /** Page layout. @default "auto" */
  layout?: LayoutName;
  /** Leads shown as full-width rhythm strips below the grid layouts (0 to 3). @default ["II"] */
  rhythmLeads?: readonly string[];
  /**
   * Every column of a grid layout (3x4, 6x2) shows the whole window, the
   * columns side by side, as plotting libraries draw them: the page grows as
   * wide as the columns need, and no rhythm strips are drawn. @default false
   */
  wholeWindowColumns?: boolean;
  /** Paper speed: 25 mm/s shows 10 s per page, 50 mm/s shows 5 s. @default 25 */
  paperSpeedMmPerS?: 25 | 50;
  /** Amplitude scale. @default 10 */
  gainMmPerMv?: 5 | 10 | 20;
  /** Landscape paper size. @default "letter" */
  paperSize?: PaperSize;
  /** Resolution in dots per inch (50 to 600). @default 200 */
  dpi?: number;
  /** Draw the millimetre grid. @default true */
  showGrid?: boolean;
  /** Grid colour. @default "red" */
  gridColour?: GridColour;
  /** Minor (1 mm) grid line width in mm. @default 0.1 */
  minorLineWidthMm?: number;
  /** Major (5 mm) grid line width in mm. @default 0.2 */
  majorLineWidthMm?: number;
  /** Paper colour, `#rrggbb`. @default "#ffffff" */
  paperColour?: string;
  /** Trace colour, `#rrggbb`. @default "#000000" */
  traceColour?: string;
  /** Trace line width in mm. @default 0.25 */
  traceWidthMm?: number;
  /** Draw a 1 mV × 0.2 s calibration pulse at the start of each row. @default true */
  calibrationPulse?: boolean;
  /** Print lead names next to their traces. @default true */
  leadLabels?: boolean;
  /** Lead label font size in mm (cap height is about 0.73 of it). @default 3.5 */
  labelSizeMm?: number;
  /** Draw short vertical separators between columns. @default true */
  separators?: boolean;
  /** Print a de-identified header (synthetic ID and date, speed, gain). @default true */
  header?: boolean;
  /** One page starting at this sample instead of every whole page. @default undefined */
  startSample?: number;
  /** Variants of every page, each with its own random stream, 1 to {@linkcode MAX_COUNT}. @default 1 */
  count?: number;
  /** Also produce the 9 segmentation masks. @default false */
  masks?: boolean;
  /** Also produce a trace-only image (no grid, text or pulse). @default false */
  clean?: boolean;
  /**
   * Distortion settings per family (`distortions.<family>.<key>`), laid over
   * the preset's family by family; a family named here that the preset does
   * not use is turned on with its defaults. @default {}
   */
  distortions?: DistortionSettings;
  /** Apply every distortion but the geometric ones: a page aligned with its ground truth. @default false */
  rectify?: boolean;
  /**
   * Printing style (`lib/style`): `none` draws the options' own look,
   * `random` draws fonts, labels, ink, grid, margins, frame, header,
   * separators, pulse and layout per page with the family's defaults, and
   * a mapping of style settings does the same with those laid over the
   * defaults. @default "none"
   */
  style?: "none" | "random" | Readonly<Partial<StyleSettings>>;
  /**
   * Options drawn afresh per page (resolution; whether the grid, pulses
   * and header are drawn; black and white), laid over the others before
   * the page is made (see `lib/generate/page_draws.ts`). @default null
   */
  pageDraws?: Readonly<PageDraws> | null;
}

/** {@linkcode GenerateOptions} with every field resolved. */
export type ResolvedGenerateOptions =
  & Required<
    Omit<GenerateOptions, "startSample" | "rhythmLeads" | "distortions" | "style" | "pageDraws">
  >
  & {
    pageDraws: Readonly<PageDraws> | null;
    startSample: number | null;
    rhythmLeads: string[];
    distortions: ResolvedDistortions;
    style: StyleSettings | null;
  };

/** The defaults, exported so that docs and notebooks can show them. */
export const GENERATE_DEFAULTS: Readonly<ResolvedGenerateOptions> = Object.freeze({
  seed: 0,
  preset: "0001",
  layout: "auto",
  rhythmLeads: ["II"],
  wholeWindowColumns: false,
  paperSpeedMmPerS: 25,
  gainMmPerMv: 10,
  paperSize: "letter",
  dpi: 200,
  showGrid: true,
  gridColour: "red",
  minorLineWidthMm: 0.1,
  majorLineWidthMm: 0.2,
  paperColour: "#ffffff",
  traceColour: "#000000",
  traceWidthMm: 0.25,
  calibrationPulse: true,
  leadLabels: true,
  labelSizeMm: 3.5,
  separators: true,
  header: true,
  startSample: null,
  count: 1,
  masks: false,
  clean: false,
  distortions: Object.freeze({}),
  rectify: false,
  style: null,
  pageDraws: null,
});

/**
 * Apply the defaults to `options` and validate every value; an impossible
 * value throws a `RangeError` naming the option and the value.
 *
 * @example
 * ```ts
 * import { resolveGenerateOptions } from "./options.ts";
 * const o = resolveGenerateOptions({ dpi: 300 });
 * console.assert(o.dpi === 300 && o.layout === "auto");
 * ```
 */
export function resolveGenerateOptions(options: GenerateOptions = {}): ResolvedGenerateOptions {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as GenerateOptions;
  const presetName = defined.preset ?? GENERATE_DEFAULTS.preset;
  const preset = presetName === "mix" ? {} : PRESETS[presetName];
  if (!preset) {
    bad("preset", presetName, `must be one of ${Object.keys(PRESETS).join(", ")} or mix`);
  }
  const merged: GenerateOptions = { ...preset, ...defined };
  const o: ResolvedGenerateOptions = {
    ...GENERATE_DEFAULTS,
    ...merged,
    preset: presetName,
    rhythmLeads: [...(merged.rhythmLeads ?? GENERATE_DEFAULTS.rhythmLeads)].map(
      normaliseLeadName,
    ),
    startSample: merged.startSample ?? null,
    distortions: resolveDistortions(FAMILIES, preset.distortions ?? {}, defined.distortions),
    style: resolveStyle(merged.style),
    pageDraws: merged.pageDraws ? checkPageDraws(merged.pageDraws) : null,
  };
  for (const key of Object.keys(defined)) {
    if (!(key in GENERATE_DEFAULTS)) {
      bad(key, (defined as Record<string, unknown>)[key], "is not an option");
    }
  }
  check("seed", o.seed, Number.isSafeInteger(o.seed), "an integer");
  check("layout", o.layout, (LAYOUTS as readonly string[]).includes(o.layout), LAYOUTS.join(", "));
  check("rhythmLeads", o.rhythmLeads, o.rhythmLeads.length <= 3, "at most 3 leads");
  check("paperSpeedMmPerS", o.paperSpeedMmPerS, [25, 50].includes(o.paperSpeedMmPerS), "25 or 50");
  check("gainMmPerMv", o.gainMmPerMv, [5, 10, 20].includes(o.gainMmPerMv), "5, 10 or 20");
  check(
    "paperSize",
    o.paperSize,
    o.paperSize in PAPER_SIZES_MM,
    Object.keys(PAPER_SIZES_MM).join(", "),
  );
  check("dpi", o.dpi, Number.isFinite(o.dpi) && o.dpi >= 50 && o.dpi <= 600, "between 50 and 600");
  check(
    "gridColour",
    o.gridColour,
    o.gridColour in GRID_COLOUR_PRESETS || o.gridColour === "random" ||
      parseHexColour(o.gridColour) !== undefined,
    `${Object.keys(GRID_COLOUR_PRESETS).join(", ")}, random or #rrggbb`,
  );
  for (const key of ["paperColour", "traceColour"] as const) {
    check(key, o[key], parseHexColour(o[key]) !== undefined, "#rrggbb");
  }
  for (const key of ["minorLineWidthMm", "majorLineWidthMm", "traceWidthMm"] as const) {
    check(key, o[key], Number.isFinite(o[key]) && o[key] > 0 && o[key] <= 2, "between 0 and 2 mm");
  }
  check(
    "labelSizeMm",
    o.labelSizeMm,
    o.labelSizeMm >= 1 && o.labelSizeMm <= 10,
    "between 1 and 10 mm",
  );
  check(
    "startSample",
    o.startSample,
    o.startSample === null || (Number.isSafeInteger(o.startSample) && o.startSample >= 0),
    "a sample index >= 0",
  );
  check(
    "count",
    o.count,
    Number.isSafeInteger(o.count) && o.count >= 1 && o.count <= MAX_COUNT,
    `an integer from 1 to ${MAX_COUNT}`,
  );
  for (
    const key of [
      "showGrid",
      "calibrationPulse",
      "leadLabels",
      "separators",
      "header",
      "masks",
      "clean",
      "rectify",
    ] as const
  ) {
    check(key, o[key], typeof o[key] === "boolean", "true or false");
  }
  return o;
}

function resolveStyle(
  style: GenerateOptions["style"] | StyleSettings | null,
): StyleSettings | null {
  if (style === undefined || style === null || style === "none") return null;
  if (style === "random") return resolveStyleSettings({});
  if (typeof style !== "object" || Array.isArray(style)) {
    bad("style", style, "must be none, random or a mapping of style settings");
  }
  return resolveStyleSettings(style);
}

function check(name: string, value: unknown, ok: boolean, expected: string): void {
  if (!ok) bad(name, value, `must be ${expected}`);
}

function bad(name: string, value: unknown, why: string): never {
  throw new RangeError(`Invalid option ${name} = ${JSON.stringify(value)}: ${why}`);
}

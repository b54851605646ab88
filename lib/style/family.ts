/**
 * The `style` family: how printers and other generators lay out and draw
 * an ECG page (fonts, label text and placement, trace ink, grid pattern,
 * line weights, margins, a frame, header blocks, separators, the
 * calibration pulse, and the layout itself). Like a distortion family it
 * has a probability and ranges (YAML `style:`, `--style random|none|<json>`),
 * and it is drawn once per page from the page's own stream; the drawn
 * {@linkcode PrintStyle} is recorded in the ground-truth JSON as `style`.
 *
 * The family knows nothing of the generator: the generator reads the drawn
 * style (see `lib/generate/print_style.ts`).
 *
 * @module
 */
import type { Rng } from "../random/rng.ts";
import {
  FONT_NAMES,
  GRID_COLOUR_NAMES,
  GRID_KINDS,
  HEADER_KINDS,
  LABEL_CASES,
  LABEL_POSITIONS,
  PULSE_KINDS,
  ROW_ORDERS,
  SEPARATOR_KINDS,
  STYLE_LAYOUTS,
} from "./kinds.ts";

/** A range `[min, max]`, both inclusive. */
export type Range = readonly [number, number];

/** The style family's settings: its probability, the choices and the ranges it draws from. */
export interface StyleSettings {
  /** Chance (0 to 1) that a page is drawn in a random style; else the options' own look. */
  probability: number;
  /** Text fonts (see `FONTS` in `lib/raster/text.ts`); a name listed twice is drawn twice as often. */
  fonts: readonly string[];
  /** Lead label font size, mm. */
  label_size_mm: Range;
  /** Where labels go: `right_of_pulse`, `above`, `below`, `left` (of the trace start). */
  label_positions: readonly string[];
  /** Label spelling: `standard` (aVR), `upper` (AVR), `lower` (avr). */
  label_cases: readonly string[];
  /** Chance that a rhythm strip's label reads "II rhythm" rather than "II". */
  rhythm_label_probability: number;
  /** Trace and text colours, `#rrggbb`. */
  trace_colours: readonly string[];
  /** Trace line width, mm. */
  trace_width_mm: Range;
  /** Grid patterns: `solid`, `dotted_minor`, `dots`, `major_only`, `none`. */
  grids: readonly string[];
  /** Grid colours: a preset name (`red`, `pink`, `blue`, `green`, `brown`, `grey`), `bw` (light grey minor, dark major), `random` or `#rrggbb`. */
  grid_colours: readonly string[];
  /** Minor line width, mm. */
  minor_width_mm: Range;
  /** Major line width, mm. */
  major_width_mm: Range;
  /** Chance that the grid fills a box around the traces instead of the whole page. */
  grid_box_probability: number;
  /** Chance of a printed frame around the grid box. */
  frame_probability: number;
  /** Shift of the whole layout, mm (x, then y). */
  offset_x_mm: Range;
  /** Vertical shift of the whole layout, mm. */
  offset_y_mm: Range;
  /** Header blocks: `none`, `standard`, `vendor` (rows of measurements), `title`, `footer`. */
  headers: readonly string[];
  /** Separators between columns: `tick`, `thick_tick`, `line`, `none`. */
  separators: readonly string[];
  /** Calibration pulse shapes: `standard` (lead-in and tail), `bare` (the box only), `none`. */
  pulses: readonly string[];
  /** Gap between the pulse and the trace start, mm. */
  pulse_gap_mm: Range;
  /** Layouts: `3x4`, `6x2`, `12x1`. */
  layouts: readonly string[];
  /** 6x2 row orders: `clinical`, `kit` (V1|V4, I|aVR, V2|V5, …), `interleaved` (I|V1, aVR|V4, …). */
  row_orders: readonly string[];
  /** Chance that both 6x2 columns show the same first half of the page (as ecg-image-kit draws it). */
  same_window_probability: number;
  /** How many rhythm strips under 3x4 and 6x2 (integers). */
  rhythm_count: Range;
  /** Leads the rhythm strips are drawn from, in a random order. */
  rhythm_pool: readonly string[];
}

/** The defaults: every option in play, roughly as often as printouts show them. */
export const STYLE_DEFAULTS: Readonly<StyleSettings> = Object.freeze({
  probability: 1,
  fonts: [...FONT_NAMES],
  label_size_mm: [2.5, 4.5] as const,
  label_positions: [...LABEL_POSITIONS],
  label_cases: ["standard", "standard", "upper", "lower"],
  rhythm_label_probability: 0.3,
  trace_colours: ["#000000", "#000000", "#3a3a3a", "#1a2a8c", "#0d5c1e"],
  trace_width_mm: [0.15, 0.45] as const,
  grids: ["solid", "solid", "dotted_minor", "dots", "major_only", "none"],
  grid_colours: ["red", "pink", "blue", "green", "brown", "grey", "bw", "random"],
  minor_width_mm: [0.05, 0.15] as const,
  major_width_mm: [0.12, 0.35] as const,
  grid_box_probability: 0.3,
  frame_probability: 0.3,
  offset_x_mm: [-3, 3] as const,
  offset_y_mm: [-3, 3] as const,
  headers: [...HEADER_KINDS],
  separators: [...SEPARATOR_KINDS],
  pulses: ["standard", "standard", "bare", "none"],
  pulse_gap_mm: [0, 2.5] as const,
  layouts: ["3x4", "3x4", "6x2", "6x2", "12x1"],
  row_orders: [...ROW_ORDERS],
  same_window_probability: 0.4,
  rhythm_count: [0, 3] as const,
  rhythm_pool: ["II", "V1", "V5", "III", "aVF", "aVL"],
});

/** One page's drawn style, as recorded in the ground-truth JSON (`style`). */
export interface PrintStyle {
  /** Text font. */
  font: string;
  /** Lead label font size, mm. */
  label_size_mm: number;
  /** Label placement. */
  label_position: string;
  /** Label spelling. */
  label_case: string;
  /** Whether rhythm strips are labelled "<lead> rhythm". */
  rhythm_label_suffix: boolean;
  /** Trace and text colour. */
  trace_colour: string;
  /** Trace line width, mm. */
  trace_width_mm: number;
  /** Grid pattern. */
  grid: string;
  /** Grid colour name or `#rrggbb`. */
  grid_colour: string;
  /** Minor line width, mm. */
  minor_width_mm: number;
  /** Major line width, mm. */
  major_width_mm: number;
  /** Whether the grid fills a box around the traces only. */
  grid_box: boolean;
  /** Whether a frame is printed around the grid box. */
  frame: boolean;
  /** Layout shift, mm. */
  offset_x_mm: number;
  /** Layout shift, mm. */
  offset_y_mm: number;
  /** Header block. */
  header: string;
  /** Separator style. */
  separator: string;
  /** Calibration pulse shape. */
  pulse: string;
  /** Gap between pulse and trace, mm. */
  pulse_gap_mm: number;
  /** Layout. */
  layout: string;
  /** 6x2 row order. */
  row_order: string;
  /** Whether both 6x2 columns show the same window. */
  same_window: boolean;
  /** Rhythm strip leads, top to bottom (possibly none). */
  rhythm_leads: string[];
}

const CHOICES: Record<string, readonly string[] | null> = {
  fonts: FONT_NAMES,
  label_positions: LABEL_POSITIONS,
  label_cases: LABEL_CASES,
  grids: GRID_KINDS,
  headers: HEADER_KINDS,
  separators: SEPARATOR_KINDS,
  pulses: PULSE_KINDS,
  layouts: STYLE_LAYOUTS,
  row_orders: ROW_ORDERS,
  trace_colours: null,
  grid_colours: null,
  rhythm_pool: null,
};

/**
 * Complete `settings` with the defaults and validate every value; an
 * impossible value throws a `RangeError` naming `style.<key>`.
 *
 * @example
 * ```ts
 * import { resolveStyleSettings } from "./family.ts";
 * const s = resolveStyleSettings({ fonts: ["serif"] });
 * console.assert(s.fonts[0] === "serif" && s.probability === 1);
 * ```
 */
export function resolveStyleSettings(settings: Readonly<Partial<StyleSettings>>): StyleSettings {
  const s = { ...STYLE_DEFAULTS, ...settings } as StyleSettings;
  const bad = (key: string, why: string): never => {
    throw new RangeError(
      `Invalid option style.${key} = ${
        JSON.stringify((s as unknown as Record<string, unknown>)[key])
      }: ${why}`,
    );
  };
  for (const key of Object.keys(s)) if (!(key in STYLE_DEFAULTS)) bad(key, "not a style setting");
  for (const [key, value] of Object.entries(s)) {
    const d = (STYLE_DEFAULTS as unknown as Record<string, unknown>)[key];
    if (typeof d === "number") {
      if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
        bad(key, "must be between 0 and 1");
      }
    } else if (key in CHOICES) {
      const allowed = CHOICES[key];
      if (!Array.isArray(value) || value.length === 0) bad(key, "must be a non-empty list");
      for (const item of value as unknown[]) {
        if (typeof item !== "string") bad(key, "must be a list of names");
        if (allowed && !allowed.includes(item as string)) {
          bad(key, `must be among ${allowed.join(", ")}`);
        }
        const hex = /^#[0-9a-fA-F]{6}$/.test(item as string);
        if (key === "trace_colours" && !hex) bad(key, "must be #rrggbb colours");
        if (
          key === "grid_colours" && !hex &&
          !(GRID_COLOUR_NAMES as readonly string[]).includes(item as string)
        ) bad(key, `must be among ${GRID_COLOUR_NAMES.join(", ")} or #rrggbb`);
      }
    } else {
      const r = value as unknown;
      if (
        !Array.isArray(r) || r.length !== 2 || typeof r[0] !== "number" ||
        typeof r[1] !== "number" || !(r[0] <= r[1])
      ) bad(key, "must be a range [min, max]");
    }
  }
  const [lo, hi] = s.rhythm_count;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && hi <= 3)) {
    bad("rhythm_count", "must be whole numbers from 0 to 3");
  }
  for (const key of ["trace_width_mm", "minor_width_mm", "major_width_mm"] as const) {
    if (!(s[key][0] > 0 && s[key][1] <= 2)) bad(key, "must lie in (0, 2] mm");
  }
  for (const key of ["offset_x_mm", "offset_y_mm"] as const) {
    if (!(s[key][0] >= -10 && s[key][1] <= 10)) bad(key, "must lie within ±10 mm");
  }
  if (!(s.label_size_mm[0] >= 1 && s.label_size_mm[1] <= 10)) {
    bad("label_size_mm", "must lie in [1, 10] mm");
  }
  if (!(s.pulse_gap_mm[0] >= 0 && s.pulse_gap_mm[1] <= 5)) {
    bad("pulse_gap_mm", "must lie in [0, 5] mm");
  }
  return s;
}

/**
 * Draw one page's style, or null when the family does not apply (its
 * probability). Every draw comes from `rng`, in a fixed order.
 */
export function sampleStyle(rng: Rng, s: Readonly<StyleSettings>): PrintStyle | null {
  if (!(rng.next() < s.probability)) return null;
  const range = ([lo, hi]: Range): number => round2(rng.uniform(lo, hi));
  const style: PrintStyle = {
    font: rng.pick(s.fonts),
    label_size_mm: range(s.label_size_mm),
    label_position: rng.pick(s.label_positions),
    label_case: rng.pick(s.label_cases),
    rhythm_label_suffix: rng.chance(s.rhythm_label_probability),
    trace_colour: rng.pick(s.trace_colours).toLowerCase(),
    trace_width_mm: range(s.trace_width_mm),
    grid: rng.pick(s.grids),
    grid_colour: rng.pick(s.grid_colours),
    minor_width_mm: range(s.minor_width_mm),
    major_width_mm: range(s.major_width_mm),
    grid_box: rng.chance(s.grid_box_probability),
    frame: rng.chance(s.frame_probability),
    offset_x_mm: range(s.offset_x_mm),
    offset_y_mm: range(s.offset_y_mm),
    header: rng.pick(s.headers),
    separator: rng.pick(s.separators),
    pulse: rng.pick(s.pulses),
    pulse_gap_mm: range(s.pulse_gap_mm),
    layout: rng.pick(s.layouts),
    row_order: rng.pick(s.row_orders),
    same_window: rng.chance(s.same_window_probability),
    rhythm_leads: [],
  };
  const count = rng.int(s.rhythm_count[0], s.rhythm_count[1]);
  const pool = [...new Set(s.rhythm_pool)];
  for (let k = 0; k < count && pool.length > 0; k++) {
    style.rhythm_leads.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  }
  // Major lines at least as heavy as minor ones.
  if (style.major_width_mm < style.minor_width_mm) style.major_width_mm = style.minor_width_mm;
  return style;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Options drawn afresh for every page: the resolution, and whether the
 * grid, the calibration pulses and the header are drawn and the page is
 * black and white (ecg-image-kit's `--random_resolution`,
 * `--random_grid_present`, `--calibration_pulse`, `--random_print_header`
 * and `--random_bw`). Each page draws from its own stream, so the draws do
 * not depend on what else is in the batch.
 *
 * @module
 */
import type { Rng } from "../random/rng.ts";
import type { GenerateOptions } from "./options.ts";

/** What to draw per page. A missing field leaves that option as the options give it. */
export interface PageDraws {
  /** Resolution, whole dots per inch, uniform in `[min, max]` (50 to 600). */
  readonly dpi?: readonly [number, number];
  /** Chance (0 to 1) that the grid is drawn. */
  readonly grid?: number;
  /** Chance that the calibration pulses are drawn. */
  readonly calibrationPulse?: number;
  /** Chance that the header is printed. */
  readonly header?: number;
  /** Chance that the page is black and white: a grey grid and black ink. */
  readonly bw?: number;
  /**
   * Groups of distortion families that apply together or not at all, each
   * with its chance per page (ecg-image-kit's `--fully_random`: handwriting,
   * wrinkles and augmentation each on half the pages). A group that is not
   * drawn sets its families' probability to 0 on that page.
   */
  readonly groups?: readonly PageGroup[];
}

/** Families that a page gets together, or not at all. */
export interface PageGroup {
  /** Chance (0 to 1) that the page gets the group. */
  readonly chance: number;
  /** Distortion family names. */
  readonly families: readonly string[];
}

const CHANCES = ["grid", "calibrationPulse", "header", "bw"] as const;

/**
 * Throw a `RangeError` naming `pageDraws.<field>` when a setting is
 * impossible; return the draws frozen.
 */
export function checkPageDraws(draws: unknown): Readonly<PageDraws> {
  const bad = (key: string, value: unknown, why: string): never => {
    throw new RangeError(`Invalid option pageDraws.${key} = ${JSON.stringify(value)}: ${why}`);
  };
  if (draws === null || typeof draws !== "object" || Array.isArray(draws)) {
    return bad("", draws, "must be a mapping");
  }
  const d = draws as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (key !== "dpi" && key !== "groups" && !(CHANCES as readonly string[]).includes(key)) {
      bad(key, d[key], `is not a setting (known: dpi, ${CHANCES.join(", ")}, groups)`);
    }
  }
  if (d.groups !== undefined) {
    const g = d.groups;
    const ok = Array.isArray(g) &&
      g.every((x) =>
        x !== null && typeof x === "object" && typeof x.chance === "number" && x.chance >= 0 &&
        x.chance <= 1 && Array.isArray(x.families) &&
        x.families.every((f: unknown) => typeof f === "string")
      );
    if (!ok) bad("groups", g, "must be a list of {chance: 0..1, families: [names]}");
  }
  if (d.dpi !== undefined) {
    const r = d.dpi;
    const ok = Array.isArray(r) && r.length === 2 && r.every((v) => Number.isInteger(v)) &&
      r[0] >= 50 && r[0] <= r[1] && r[1] <= 600;
    if (!ok) bad("dpi", r, "must be a range [min, max] of whole dpi from 50 to 600");
  }
  for (const key of CHANCES) {
    const p = d[key];
    if (p !== undefined && !(typeof p === "number" && p >= 0 && p <= 1)) {
      bad(key, p, "must be between 0 and 1");
    }
  }
  return Object.freeze({ ...d }) as Readonly<PageDraws>;
}

/**
 * The options one page draws. Every field draws from `rng` in a fixed
 * order whether or not it is set, so adding one draw leaves the others;
 * `distortions` holds the families a group switched off (probability 0),
 * to lay over the caller's family by family.
 *
 * @example
 * ```ts
 * import { drawPageOptions } from "./page_draws.ts";
 * import { createRng } from "../random/rng.ts";
 * const o = drawPageOptions({ dpi: [50, 100], grid: 0 }, createRng(1));
 * console.assert(o.dpi! >= 50 && o.dpi! <= 100 && o.showGrid === false);
 * ```
 */
export function drawPageOptions(draws: Readonly<PageDraws>, rng: Rng): GenerateOptions {
  const out: GenerateOptions = {};
  const u = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as const;
  if (draws.dpi) {
    const [lo, hi] = draws.dpi;
    out.dpi = Math.min(hi, lo + Math.floor(u[0] * (hi - lo + 1)));
  }
  if (draws.grid !== undefined) out.showGrid = u[1] < draws.grid;
  if (draws.calibrationPulse !== undefined) out.calibrationPulse = u[2] < draws.calibrationPulse;
  if (draws.header !== undefined) out.header = u[3] < draws.header;
  if (draws.bw !== undefined && u[4] < draws.bw) {
    out.gridColour = "grey";
    out.traceColour = "#000000";
  }
  const off: Record<string, { probability: number }> = {};
  for (const group of draws.groups ?? []) {
    if (rng.next() >= group.chance) { for (const f of group.families) off[f] = { probability: 0 }; }
  }
  if (Object.keys(off).length > 0) out.distortions = off;
  return out;
}

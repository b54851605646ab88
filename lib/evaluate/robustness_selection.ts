/**
 * Which robustness curves have enough images to be worth reading: the
 * report shows only those (pure: rows in, rows out).
 *
 * @module
 */
import type { RobustnessRow } from "./types.ts";

/** Options of {@linkcode selectRobustness}. */
export interface RobustnessSelectionOptions {
  /** Fewest images a bin needs to be shown. @default 5 */
  minImagesPerBin?: number;
  /** Fewest such bins a curve needs to be shown. @default 3 */
  minBins?: number;
}

/** Defaults of {@linkcode RobustnessSelectionOptions}. */
export const ROBUSTNESS_SELECTION_DEFAULTS: Readonly<Required<RobustnessSelectionOptions>> = Object
  .freeze({ minImagesPerBin: 5, minBins: 3 });

/** Result of {@linkcode selectRobustness}. */
export interface RobustnessSelection {
  /** The options in force. */
  readonly options: Readonly<Required<RobustnessSelectionOptions>>;
  /** Rows of the curves shown, only their bins with enough images. */
  readonly shown: readonly RobustnessRow[];
  /** Curves left out, with their images per bin. */
  readonly omitted: readonly { readonly curve: string; readonly imagesPerBin: readonly number[] }[];
  /** Bins with too few images dropped from curves that are shown. */
  readonly droppedBins: number;
}

/**
 * Keep the curves that have at least `minBins` bins of at least
 * `minImagesPerBin` images each, and of them only those bins.
 *
 * @example
 * ```ts
 * import { selectRobustness } from "./robustness_selection.ts";
 * const s = selectRobustness([]);
 * console.assert(s.shown.length === 0 && s.options.minImagesPerBin === 5);
 * ```
 */
export function selectRobustness(
  rows: readonly RobustnessRow[],
  options: RobustnessSelectionOptions = {},
): RobustnessSelection {
  const {
    minImagesPerBin = ROBUSTNESS_SELECTION_DEFAULTS.minImagesPerBin,
    minBins = ROBUSTNESS_SELECTION_DEFAULTS.minBins,
  } = options;
  for (const [name, v] of [["minImagesPerBin", minImagesPerBin], ["minBins", minBins]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(
        `Cannot select robustness curves: ${name} must be an integer ≥ 1, got ${v}`,
      );
    }
  }
  const byCurve = new Map<string, RobustnessRow[]>();
  for (const r of rows) {
    let list = byCurve.get(r.curve);
    if (list === undefined) byCurve.set(r.curve, list = []);
    list.push(r);
  }
  const shown: RobustnessRow[] = [];
  const omitted: { curve: string; imagesPerBin: number[] }[] = [];
  let droppedBins = 0;
  for (const [curve, list] of byCurve) {
    const dense = list.filter((r) => r.scores.images >= minImagesPerBin);
    if (dense.length >= minBins) {
      shown.push(...dense);
      droppedBins += list.length - dense.length;
    } else omitted.push({ curve, imagesPerBin: list.map((r) => r.scores.images) });
  }
  return { options: { minImagesPerBin, minBins }, shown, omitted, droppedBins };
}

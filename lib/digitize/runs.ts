/**
 * Vertical runs of ink: per column, the maximal stretches of rows whose ink
 * is above the threshold, each with its ink-weighted sub-pixel centre.
 *
 * @module
 */
import type { InkMap } from "./ink.ts";

/** Runs of every column, grouped by column (CSR layout). */
export interface ColumnRuns {
  /** Page width, px (number of columns). */
  readonly width: number;
  /** Runs of column `x` are indices `start[x]` to `start[x + 1] - 1`, top to bottom. */
  readonly start: Uint32Array;
  /** First and last row of each run (inclusive). */
  readonly top: Int32Array;
  /** Last row of each run (inclusive). */
  readonly bottom: Int32Array;
  /** Ink-weighted centre row of each run (sub-pixel, using the soft edges). */
  readonly centre: Float64Array;
  /** Sum of ink over the run, in units of full-ink pixels. */
  readonly mass: Float64Array;
}

/** Level, relative to a run's peak ink, above which pixels form its core. */
const CORE = 0.8;

/**
 * Find the runs of every column of `ink` (scanned row by row, so memory is
 * read in order).
 *
 * @example
 * ```ts
 * import { columnRuns } from "./runs.ts";
 * const data = new Uint8Array(5 * 4);
 * data[1 * 5 + 2] = 255; data[2 * 5 + 2] = 255;
 * const runs = columnRuns({ width: 5, height: 4, data, threshold: 100, paperLevel: 255, inkLevel: 0 });
 * console.assert(runs.start[3]! - runs.start[2]! === 1 && runs.centre[0] === 1.5);
 * ```
 */
export function columnRuns(ink: InkMap): ColumnRuns {
  const { width, height, data, threshold } = ink;
  const open = new Int32Array(width).fill(-1);
  let cols: number[] = [], tops: number[] = [], bots: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const on = data[row + x]! > threshold;
      const o = open[x]!;
      if (on) {
        if (o < 0) open[x] = y;
      } else if (o >= 0) {
        cols.push(x);
        tops.push(o);
        bots.push(y - 1);
        open[x] = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    if (open[x]! >= 0) {
      cols.push(x);
      tops.push(open[x]!);
      bots.push(height - 1);
    }
  }
  const count = cols.length;
  const start = new Uint32Array(width + 1);
  for (let i = 0; i < count; i++) start[cols[i]! + 1]!++;
  for (let x = 0; x < width; x++) start[x + 1]! += start[x]!;
  const fill = start.slice(0, width);
  const top = new Int32Array(count), bottom = new Int32Array(count);
  const centre = new Float64Array(count), mass = new Float64Array(count);
  // Runs closed in row order: within a column they arrive top to bottom.
  for (let i = 0; i < count; i++) {
    const x = cols[i]!;
    const j = fill[x]!++;
    top[j] = tops[i]!;
    bottom[j] = bots[i]!;
    let w = 0, peak = 0;
    const y0 = Math.max(0, tops[i]! - 1), y1 = Math.min(height - 1, bots[i]! + 1);
    for (let y = y0; y <= y1; y++) {
      const v = data[y * width + x]!;
      w += v;
      if (v > peak) peak = v;
    }
    // Centre of the core: neighbouring columns' strokes spill ink onto one
    // side of a column's run, but never reach its fully covered core.
    const floor = CORE * peak;
    let cw = 0, cy = 0;
    for (let y = y0; y <= y1; y++) {
      const v = data[y * width + x]! - floor;
      if (v > 0) {
        cw += v;
        cy += v * y;
      }
    }
    centre[j] = cw > 0 ? cy / cw : (tops[i]! + bots[i]!) / 2;
    mass[j] = w / 255;
  }
  cols = tops = bots = [];
  return { width, start, top, bottom, centre, mass };
}

/**
 * Trace rows: the levels where traces run across the page, from a vote of
 * every column's ink runs (one vote per run at its centre, thin runs
 * weighing most), smoothed over a millimetre; a row must be covered by ink
 * over a large part of the page width, which rules out text lines.
 *
 * @module
 */
import type { ColumnRuns } from "./runs.ts";

/** A trace row candidate. */
export interface RowCandidate {
  /** Level of the row (the peak of the vote), px. */
  readonly centreY: number;
  /** Fraction of the page's columns with ink near the row, 0 to 1. */
  readonly coverage: number;
}

/**
 * Find trace rows, top to bottom.
 *
 * @param runs Column runs of the rectified page.
 * @param height Page height, px.
 * @param pxPerMm Page scale.
 */
export function findRows(runs: ColumnRuns, height: number, pxPerMm: number): RowCandidate[] {
  const { width, start, top, bottom, centre } = runs;
  const votes = new Float64Array(height);
  const thin = 1.5 * pxPerMm;
  for (let x = 0; x < width; x++) {
    for (let j = start[x]!; j < start[x + 1]!; j++) {
      const len = bottom[j]! - top[j]! + 1;
      votes[Math.round(centre[j]!)]! += len <= thin ? 1 : thin / len;
    }
  }
  const smooth = gaussianSmooth(votes, pxPerMm);
  const minSep = 8 * pxPerMm;
  const taken = new Uint8Array(height);
  const order = Array.from(smooth.keys()).sort((a, b) => smooth[b]! - smooth[a]!);
  const peaks: number[] = [];
  const floor = smooth[order[0] ?? 0]! * 0.08;
  for (const y of order) {
    if (smooth[y]! <= floor || taken[y]) continue;
    if (y > 0 && smooth[y - 1]! > smooth[y]!) continue;
    if (y + 1 < height && smooth[y + 1]! > smooth[y]!) continue;
    peaks.push(y);
    for (let k = Math.max(0, Math.floor(y - minSep)); k < Math.min(height, y + minSep); k++) {
      taken[k] = 1;
    }
  }
  const reach = 4 * pxPerMm;
  const candidates = peaks.map((y) => ({ centreY: y, coverage: coverageNear(runs, y, reach) }));
  const best = Math.max(0, ...candidates.map((c) => c.coverage));
  return candidates
    .filter((c) => c.coverage >= Math.max(0.4 * best, 0.12))
    .sort((a, b) => a.centreY - b.centreY);
}

function coverageNear(runs: ColumnRuns, y: number, reach: number): number {
  const { width, start, top, bottom } = runs;
  let covered = 0;
  for (let x = 0; x < width; x++) {
    for (let j = start[x]!; j < start[x + 1]!; j++) {
      if (bottom[j]! >= y - reach && top[j]! <= y + reach) {
        covered++;
        break;
      }
    }
  }
  return width > 0 ? covered / width : 0;
}

/** Gaussian smoothing with standard deviation `sigma` samples. */
export function gaussianSmooth(values: Float64Array, sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += kernel[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let acc = 0;
    for (let k = -r; k <= r; k++) {
      const j = i + k;
      if (j >= 0 && j < values.length) acc += values[j]! * kernel[k + r]!;
    }
    out[i] = acc / sum;
  }
  return out;
}

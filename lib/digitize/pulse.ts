/**
 * The calibration pulse at the start of a trace row: a step up from the
 * baseline, a flat top held for a short time (0.2 s by convention, 5 mm at
 * 25 mm/s), a step back down. Found on the traced path itself.
 *
 * @module
 */
import type { RunPath } from "./path.ts";
import type { ColumnRuns } from "./runs.ts";
import type { Pulse } from "./types.ts";

/** A pulse and where the row's trace starts after it. */
export interface PulseFound {
  readonly pulse: Pulse;
  /** First column of the trace proper, px. */
  readonly traceStartX: number;
}

/**
 * Look for a pulse in the first 35 mm of the path from column `xa`.
 * Returns null when none is there.
 */
export function findPulse(
  runs: ColumnRuns,
  path: RunPath,
  xa: number,
  pxPerMm: number,
  lineWidthPx: number,
): PulseFound | null {
  const { top, bottom, centre } = runs;
  const xEnd = Math.min(path.length, Math.round(xa + 35 * pxPerMm));
  const thin = Math.max(lineWidthPx * 1.6, lineWidthPx + 2);
  const flatAt = (x: number): number => {
    const j = path[x] ?? -1;
    return j >= 0 && bottom[j]! - top[j]! + 1 <= thin ? centre[j]! : NaN;
  };
  // Plateaus: runs of flat columns at one level (1-column gaps allowed).
  let x = xa;
  while (x < xEnd) {
    const level = flatAt(x);
    if (Number.isNaN(level)) {
      x++;
      continue;
    }
    const a = x;
    let b = x, miss = 0;
    const vals: number[] = [], pens: number[] = [];
    while (x < xEnd && miss <= 1) {
      const v = flatAt(x);
      if (!Number.isNaN(v) && Math.abs(v - level) <= 0.6 * pxPerMm) {
        vals.push(v);
        pens.push(bottom[path[x]!]! - top[path[x]!]! + 1);
        b = x;
        miss = 0;
      } else miss++;
      x++;
    }
    x = b + 1;
    const widthMm = (b - a + 1) / pxPerMm;
    if (widthMm < 2 || widthMm > 14) continue;
    const topY = median(vals);
    const up = edgeNear(runs, path, a - 3, a + 1, topY, pxPerMm);
    const down = edgeNear(runs, path, b - 1, b + 3, topY, pxPerMm);
    if (up < 0 || down < 0) continue;
    const foot: number[] = [];
    for (let k = down + 1; k < Math.min(path.length, down + 2 * pxPerMm); k++) {
      const v = flatAt(k);
      if (Number.isNaN(v)) break;
      foot.push(v);
    }
    // The trace before the rising edge (the lead-in) is at the baseline too, when it is level.
    const lead: number[] = [];
    for (let k = up - 1; k >= Math.max(0, up - 2 * pxPerMm); k--) {
      const v = flatAt(k);
      if (Number.isNaN(v)) break;
      lead.push(v);
    }
    // The pen is the plateau's own stroke: the row's line width is the median run height of its
    // path, which fast waves (noise, tremor) make many pen widths tall.
    const pen = Math.min(lineWidthPx, median(pens));
    const edgeFoot = edgeBottom(runs, path[down]!, down, pxPerMm) - pen / 2 + 0.5;
    const levelled = (v: number[]): boolean =>
      v.length >= 2 && Math.abs(median(v) - edgeFoot) < pxPerMm;
    // An edge broken by blur or a shadow ends above the foot: the level the trace rests at
    // just after (or before) the pulse is the baseline then.
    // With neither, the trace proper starts at the baseline (within a few tenths of a mV):
    // its first 2 mm stand well below an edge that stopped short.
    const below = (v: number[]): boolean => v.length >= 2 && median(v) > edgeFoot + pxPerMm;
    const startX = traceStart(path, down, pxPerMm);
    const start: number[] = [];
    for (let k = startX; k < Math.min(path.length, startX + 2 * pxPerMm); k++) {
      if ((path[k] ?? -1) >= 0) start.push(centre[path[k]!]!);
    }
    const baseY = levelled(foot) || below(foot)
      ? median(foot)
      : levelled(lead) || below(lead)
      ? median(lead)
      : start.length >= 2 && median(start) > edgeFoot + 3 * pxPerMm
      ? median(start)
      : edgeFoot;
    if (baseY - topY < 2 * pxPerMm) continue;
    return { pulse: { x0: up, x1: down, baseY, topY }, traceStartX: startX };
  }
  return null;
}

/** The column in `[from, to]` whose run falls at least 2 mm from the top level, or −1. */
function edgeNear(
  runs: ColumnRuns,
  path: RunPath,
  from: number,
  to: number,
  topY: number,
  pxPerMm: number,
): number {
  let best = -1, bestLen = 2 * pxPerMm;
  for (let x = Math.max(0, from); x <= Math.min(path.length - 1, to); x++) {
    const j = path[x]!;
    if (j < 0) continue;
    const len = runs.bottom[j]! - runs.top[j]! + 1;
    if (len >= bestLen && Math.abs(runs.top[j]! - topY) <= pxPerMm) {
      best = x;
      bestLen = len;
    }
  }
  return best;
}

/**
 * Bottom of the edge run `j` of column `x`, across gaps of up to a quarter millimetre: where the
 * grid is divided out of the ink, a pixel of a vertical stroke on a grid line can fall below the
 * threshold and split the edge short of its foot.
 */
function edgeBottom(runs: ColumnRuns, j: number, x: number, pxPerMm: number): number {
  const gap = Math.max(2, Math.round(0.25 * pxPerMm));
  let b = runs.bottom[j]!;
  for (let k = j + 1; k < runs.start[x + 1]! && runs.top[k]! - b - 1 <= gap; k++) {
    b = Math.max(b, runs.bottom[k]!);
  }
  return b;
}

/** After the falling edge: past a gap within 4 mm if there is one, else right after the edge. */
function traceStart(path: RunPath, down: number, pxPerMm: number): number {
  const limit = Math.min(path.length, down + Math.round(4 * pxPerMm));
  for (let x = down + 1; x < limit; x++) {
    if (path[x]! < 0 && path[x + 1]! < 0) {
      let k = x;
      while (k < path.length && path[k]! < 0) k++;
      return k;
    }
  }
  return down + 1;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

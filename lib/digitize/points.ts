/**
 * From a traced path (one run per column) to a polyline with sub-pixel
 * levels. A run about as tall as the line is thick gives one point at its
 * ink-weighted centre. A taller run is a steep stroke (QRS): the trace
 * enters it at the level of the previous column and leaves it at the level
 * of the next, each clamped into the run less half a line width, and if the
 * run reaches beyond both, the stroke turns there (a peak or a trough).
 *
 * @module
 */
import type { RunPath } from "./path.ts";
import type { ColumnRuns } from "./runs.ts";

/** A polyline in increasing `x`; NaN breaks it. */
export interface Polyline {
  /** Columns, px, increasing; NaN breaks the line. */
  readonly xs: Float64Array;
  /** Levels, px (NaN where broken). */
  readonly ys: Float64Array;
}

/** Median height of the path's runs, px: the line thickness seen vertically. */
export function lineWidthOf(runs: ColumnRuns, path: RunPath): number {
  const lengths: number[] = [];
  for (let x = 0; x < path.length; x++) {
    const j = path[x]!;
    if (j >= 0) lengths.push(runs.bottom[j]! - runs.top[j]! + 1);
  }
  if (lengths.length === 0) return 1;
  lengths.sort((a, b) => a - b);
  return lengths[lengths.length >> 1]!;
}

/**
 * Turn the path over columns `[x0, x1]` into a polyline. Gaps longer than
 * `maxGapPx` columns break the line (NaN); shorter ones are bridged. Runs
 * are cut to `clip` (top and bottom rows, inclusive; none by default).
 */
export function pathPolyline(
  runs: ColumnRuns,
  path: RunPath,
  x0: number,
  x1: number,
  lineWidthPx: number,
  maxGapPx: number,
  clip: readonly [number, number] = [-Infinity, Infinity],
): Polyline {
  const { top, bottom, centre } = runs;
  const n = Math.max(0, x1 - x0 + 1);
  const t = new Float64Array(n).fill(NaN), b = new Float64Array(n).fill(NaN);
  const y = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const j = path[x0 + i]!;
    if (j < 0) continue;
    // A stroke reaching past a neighbouring row's level merges with that
    // row's strokes: only the part inside this row's band is its own.
    t[i] = Math.max(top[j]!, clip[0]);
    b[i] = Math.min(bottom[j]!, clip[1]);
    y[i] = Math.min(b[i]!, Math.max(t[i]!, centre[j]!));
  }
  const thin = Math.max(lineWidthPx * 1.6, lineWidthPx + 2);
  const reach = lineWidthPx / 2 - 0.5;
  // Turning points: a plateau of equal run tops (bottoms) above (below) both
  // neighbours, on a tall run. One column: its level is the apex; several:
  // the apex sits between them and the columns keep their centres.
  const extra: [number, number][] = [];
  const turning = (edge: Float64Array, sign: number): void => {
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(edge[i]!)) continue;
      let k = i;
      while (k + 1 < n && edge[k + 1] === edge[i]) k++;
      const before = i > 0 ? edge[i - 1]! : NaN, after = k + 1 < n ? edge[k + 1]! : NaN;
      const v = edge[i]!;
      let tall = false;
      for (let q = i; q <= k; q++) if (b[q]! - t[q]! + 1 > thin) tall = true;
      const beyond = (o: number): boolean => Number.isNaN(o) || sign * (v - o) > 0;
      if (
        tall && beyond(before) && beyond(after) && !(Number.isNaN(before) && Number.isNaN(after))
      ) {
        const apex = v - sign * reach;
        if (k === i) y[i] = apex;
        else extra.push([x0 + (i + k) / 2, apex]);
      }
      i = k;
    }
  };
  turning(t, -1);
  turning(b, 1);
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(y[i]!)) points.push([x0 + i, y[i]!]);
  points.push(...extra);
  points.sort((p, q) => p[0] - q[0]);
  const xs: number[] = [], ys: number[] = [];
  let lastX = -Infinity;
  for (const [x, v] of points) {
    if (x - lastX > maxGapPx && xs.length > 0) {
      xs.push(NaN);
      ys.push(NaN);
    }
    lastX = x;
    xs.push(x);
    ys.push(v);
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/**
 * Sample a polyline at `x` by linear interpolation (NaN outside it or
 * across a break). `hint` is an index to start searching from; returns the
 * value and the index of the segment used, for scans in increasing `x`.
 */
export function sampleAt(line: Polyline, x: number, hint = 0): [number, number] {
  const { xs, ys } = line;
  const n = xs.length;
  if (n < 2) return [n === 1 && xs[0] === x ? ys[0]! : NaN, 0];
  let i = Math.max(0, Math.min(hint, n - 2));
  while (i > 0 && !(xs[i]! <= x)) i--;
  while (i + 2 < n && (Number.isNaN(xs[i + 1]!) || xs[i + 1]! < x)) i++;
  const xa = xs[i]!, xb = xs[i + 1]!;
  if (!(x >= xa && x <= xb)) return [NaN, i];
  const t = xb > xa ? (x - xa) / (xb - xa) : 0;
  return [ys[i]! + t * (ys[i + 1]! - ys[i]!), i];
}

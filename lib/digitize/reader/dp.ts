/**
 * The dynamic-programming trace reader: the row finder's path (one run of
 * ink per column) turned into sub-pixel levels (`pathPolyline`).
 *
 * Two kinds of ink that are not the trace's own touch it at a panel's ends,
 * and both are told apart from the signal by their shape and position, never
 * by leaving out a fixed span (until 2026-12-07 every tall run within 0.6 mm
 * of a boundary and the first tall columns after a pulse were left out, and
 * with them any QRS complex in progress there):
 *
 * - **The calibration pulse's falling edge**, a stroke from the pulse's top
 *   level down to its foot at `pulse.x1` (upright, or slanted where the pulse
 *   was drawn from samples). Where the trace starts right against it (as on
 *   ecg-image-kit pages), its columns are left out; where a gap parts the two
 *   (our generator), it lies before the trace's first column and nothing is.
 * - **A separator tick** at a panel boundary: a straight vertical stroke, so
 *   the tall runs of its columns share its top and bottom rows. Where the
 *   trace runs on at one level on both sides of it, its columns are left out
 *   (the line bridges them). Otherwise an end of a column's run that is the
 *   tick's is cut to the range the runs beside the tick span, an end beyond
 *   the tick's is the signal's (a QRS apex) and stays, and a column whose
 *   ends are both the tick's hides the signal and is left out. A tick one
 *   column wide is the run at the boundary that stands out more than a line
 *   width beyond both its neighbours; that end is cut to their range.
 *
 * @module
 */
import { pathPolyline } from "../points.ts";
import type { RunPath } from "../path.ts";
import type { ColumnRuns } from "../runs.ts";
import type { TraceReader, TraceReaderPage, TraceReading, TraceRowInput } from "./types.ts";

/** Read every row from its traced path. */
export function readDp(page: TraceReaderPage): TraceReading[] {
  const { runs, pxPerMm } = page;
  const maxGap = Math.round(3 * pxPerMm);
  return page.rows.map((r) => {
    const path = r.path.slice();
    const clips = new Map<number, readonly [number, number]>();
    const first = Math.floor(r.originX);
    if (r.pulse) pulseEdge(runs, r, path, first);
    for (const b of r.boundaries) separatorTick(runs, r, path, b, pxPerMm, clips);
    const line = pathPolyline(runs, path, first, r.x1, r.lineWidthPx, maxGap, [
      r.band[0],
      r.band[1],
    ], clips);
    return { ...line, confidence: new Float32Array(line.xs.length).fill(1) };
  });
}

/** The dynamic-programming reader as a {@linkcode TraceReader}. */
export const DP_READER: TraceReader = { kind: "dp", read: readDp };

/** Top and bottom row of the path's run at column `x`, or null. */
function runAt(runs: ColumnRuns, path: RunPath, x: number): [number, number] | null {
  const j = path[x] ?? -1;
  return j >= 0 ? [runs.top[j]!, runs.bottom[j]!] : null;
}

/**
 * The pulse's falling edge where the trace starts against it: the columns
 * from `first`, up to two line widths past `pulse.x1`, whose runs are tall
 * and reach above the pulse's foot (a stroke from the top level down to the
 * foot, upright or slanted) are left out.
 */
function pulseEdge(
  runs: ColumnRuns,
  r: TraceRowInput,
  path: RunPath,
  first: number,
): void {
  const p = r.pulse!;
  const lw = r.lineWidthPx;
  const last = Math.ceil(p.x1 + 2 * lw + 1);
  for (let x = first; x <= last; x++) {
    const run = runAt(runs, path, x);
    if (
      run === null || run[1] - run[0] + 1 <= 2 * lw + 1 || run[0] > p.baseY - lw
    ) break;
    path[x] = -1;
  }
}

/**
 * A separator tick near the boundary `xb`: a straight vertical stroke, so the
 * tall runs of its columns share one top and one bottom row (±1 px), at
 * least two line widths apart. Where the trace runs on at one level on both
 * sides of it, its columns are left out (the line bridges them). Otherwise
 * each end of a column's run that is the tick's is cut to the range the runs
 * beside the tick span, an end beyond the tick's is the signal's and stays,
 * and a column with both ends the tick's hides the signal and is left out. A
 * tick only one column wide shares nothing: there, a column at the boundary
 * whose run stands out more than a line width beyond both its neighbours' is
 * cut to their range at that end.
 */
function separatorTick(
  runs: ColumnRuns,
  r: TraceRowInput,
  path: RunPath,
  xb: number,
  pxPerMm: number,
  clips: Map<number, readonly [number, number]>,
): void {
  const lw = r.lineWidthPx;
  const thin = 2 * lw + 1;
  const near = Math.max(1, Math.round(0.6 * pxPerMm));
  const c = Math.round(xb);
  narrowTick(runs, path, xb, lw, clips);
  const tall: [number, number, number][] = [];
  for (let x = c - near; x <= c + near; x++) {
    const run = runAt(runs, path, x);
    if (run && run[1] - run[0] + 1 > thin) tall.push([x, run[0], run[1]]);
  }
  if (tall.length === 0) return;
  // The tick's ends: the top (bottom) row most tall runs here share, ±1 px.
  const mode = (k: 1 | 2): [number, number] => {
    let best = NaN, count = 0;
    for (const a of tall) {
      const n = tall.filter((b) => Math.abs(b[k] - a[k]) <= 1).length;
      if (n > count) {
        best = a[k];
        count = n;
      }
    }
    return [best, count];
  };
  const [tTop, nTop] = mode(1), [tBottom, nBottom] = mode(2);
  if (nTop < 2 || nBottom < 2 || tBottom - tTop + 1 < 2 * lw) return;
  // Its columns: the contiguous columns nearest the boundary whose runs span most of it.
  const slack = Math.max(2, 0.15 * (tBottom - tTop));
  const spans = (x: number): boolean => {
    const run = runAt(runs, path, x);
    return run !== null && run[0] <= tTop + slack && run[1] >= tBottom - slack;
  };
  let start = -1;
  for (let d = 0; d <= near && start < 0; d++) {
    if (spans(c - d)) start = c - d;
    else if (spans(c + d)) start = c + d;
  }
  if (start < 0) return;
  let a = start, b = start;
  while (a - 1 >= c - near && spans(a - 1)) a--;
  while (b + 1 <= c + near && spans(b + 1)) b++;
  if (b - a + 1 > 3 * lw + 2) return; // too wide for a tick: a stroke of the trace
  // The trace on each side: the nearest column outside the tick with a run.
  const outside = (x: number, dir: 1 | -1): [number, number] | null => {
    for (let k = 0; k <= near; k++) {
      const run = runAt(runs, path, x + dir * k);
      if (run) return run;
    }
    return null;
  };
  const left = outside(a - 1, -1), right = outside(b + 1, 1);
  const level = (run: [number, number]): number => (run[0] + run[1]) / 2;
  const flat = (run: [number, number]): boolean => run[1] - run[0] + 1 <= thin;
  const continuous = left !== null && right !== null && flat(left) && flat(right) &&
    Math.abs(level(left) - level(right)) <= lw + 1;
  const lo = Math.min(left?.[0] ?? Infinity, right?.[0] ?? Infinity);
  const hi = Math.max(left?.[1] ?? -Infinity, right?.[1] ?? -Infinity);
  for (let x = a; x <= b; x++) {
    const run = runAt(runs, path, x)!;
    const cut = clips.get(x) ?? run;
    const above = run[0] < tTop - 1, below = run[1] > tBottom + 1;
    const top = Math.max(cut[0], above ? run[0] : lo);
    const bottom = Math.min(cut[1], below ? run[1] : hi);
    if (continuous || (!above && !below) || top > bottom) path[x] = -1;
    else if (top !== run[0] || bottom !== run[1]) clips.set(x, [top, bottom]);
  }
}

/**
 * A tick one column wide: the tall run nearest the boundary (within half a
 * line width and a pixel) whose top or bottom stands more than a line width
 * beyond both its neighbours' is cut to their range at that end.
 */
function narrowTick(
  runs: ColumnRuns,
  path: RunPath,
  xb: number,
  lw: number,
  clips: Map<number, readonly [number, number]>,
): void {
  for (let x = Math.ceil(xb - lw / 2 - 1); x <= Math.floor(xb + lw / 2 + 1); x++) {
    const run = runAt(runs, path, x);
    const l = runAt(runs, path, x - 1), rr = runAt(runs, path, x + 1);
    if (run === null || l === null || rr === null || run[1] - run[0] + 1 <= 2 * lw + 1) continue;
    const lo = Math.min(l[0], rr[0]), hi = Math.max(l[1], rr[1]);
    const top = run[0] < lo - lw ? lo : run[0];
    const bottom = run[1] > hi + lw ? hi : run[1];
    if (top !== run[0] || bottom !== run[1]) clips.set(x, [top, bottom]);
  }
}

/**
 * Do the columns of a row follow one another in time, or do they all show
 * the same seconds? Some printers (and ecg-image-kit's two-column layout)
 * draw the right column over the same first seconds as the left one. The
 * heart beats at the same instants in every lead, so the QRS complexes of
 * a short panel fall on those of the full-width rhythm strip at the
 * panel's own time: compare the two readings of that time.
 *
 * @module
 */
import { type Polyline, sampleAt } from "./points.ts";

/**
 * QRS instants of a traced line between columns `x0` and `x1`, px: peaks
 * of the smoothed slope that reach 40 % of the strongest, at least
 * `minGapPx` apart.
 */
export function beatsOf(line: Polyline, x0: number, x1: number, minGapPx: number): number[] {
  const a = Math.ceil(x0), b = Math.floor(x1);
  const n = b - a + 1;
  if (n < 8) return [];
  const y = new Float64Array(n);
  let hint = 0;
  for (let i = 0; i < n; i++) {
    const [v, h] = sampleAt(line, a + i, hint);
    hint = h;
    y[i] = v;
  }
  const slope = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const d = Math.abs(y[i + 1]! - y[i - 1]!);
    slope[i] = Number.isNaN(d) ? 0 : d;
  }
  const r = Math.max(1, Math.round(minGapPx / 20));
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let k = Math.max(0, i - r); k <= Math.min(n - 1, i + r); k++) acc += slope[k]!;
    smooth[i] = acc;
  }
  const top = Math.max(...smooth);
  if (!(top > 0)) return [];
  const order = Array.from(smooth.keys()).filter((i) => smooth[i]! >= 0.4 * top)
    .sort((p, q) => smooth[q]! - smooth[p]!);
  const beats: number[] = [];
  for (const i of order) if (beats.every((j) => Math.abs(j - i) >= minGapPx)) beats.push(i);
  return beats.map((i) => a + i).sort((p, q) => p - q);
}

/** A row's panels as the timing check needs them. */
export interface TimingRow {
  readonly line: Polyline;
  readonly originX: number;
  readonly columns: number;
}

/** The verdict, with the mean beat distances (s) that decided it. */
export interface TimingVerdict {
  readonly shared: boolean;
  readonly sequentialS: number;
  readonly sharedS: number;
}

/**
 * Decide whether the columns of multi-column rows share their time, from
 * the beats of the full-width rows, for rows that span `rowSpanS` seconds.
 * Without a full-width row, rows much longer than the expected record
 * (`durationS`) are checked column against column: every lead beats at the
 * same instants, so where each column shows the whole record the beats of
 * every column fall at the same offsets from its start. Otherwise (no
 * beats, or rows of the usual length) the columns follow one another.
 */
export function columnsShareTime(
  rows: readonly TimingRow[],
  pxPerS: number,
  rowSpanS: number,
  durationS = rowSpanS,
): TimingVerdict | null {
  const gap = 0.3 * pxPerS;
  const rhythm = rows.filter((r) => r.columns === 1).map((r) =>
    beatsOf(r.line, r.originX, r.originX + rowSpanS * pxPerS, gap).map((x) =>
      (x - r.originX) / pxPerS
    )
  ).filter((b) => b.length >= 3);
  if (rhythm.length === 0) {
    return rowSpanS > 1.25 * durationS ? columnsAlike(rows, pxPerS, rowSpanS) : null;
  }
  const near = (t: number): number => {
    let best = Infinity;
    for (const beats of rhythm) for (const b of beats) best = Math.min(best, Math.abs(b - t));
    return best;
  };
  let seq = 0, shared = 0, count = 0;
  for (const r of rows) {
    if (r.columns < 2) continue;
    const span = rowSpanS / r.columns;
    for (let k = 1; k < r.columns; k++) {
      const x0 = r.originX + k * span * pxPerS;
      for (const x of beatsOf(r.line, x0 + 0.1 * pxPerS, x0 + (span - 0.1) * pxPerS, gap)) {
        const t = (x - r.originX) / pxPerS;
        seq += Math.min(near(t), 0.5);
        shared += Math.min(near(t - k * span), 0.5);
        count++;
      }
    }
  }
  if (count < 3) return null;
  const sequentialS = seq / count, sharedS = shared / count;
  return { shared: sharedS < 0.5 * sequentialS && sharedS < 0.1, sequentialS, sharedS };
}

/**
 * Long rows without a rhythm strip: the beats of columns 2.. against those
 * of the first column (all rows pooled), at the same offset from the column
 * start (shared) and at a half-beat shift (a control: what chance agreement
 * looks like for this rhythm). Shared when the beats line up much better
 * than the control; with no beats, shared too (a row many records long).
 */
function columnsAlike(
  rows: readonly TimingRow[],
  pxPerS: number,
  rowSpanS: number,
): TimingVerdict | null {
  const gap = 0.3 * pxPerS;
  const multi = rows.filter((r) => r.columns >= 2);
  if (multi.length === 0) return null;
  const span = rowSpanS / multi[0]!.columns;
  const local = (r: TimingRow, k: number): number[] => {
    const x0 = r.originX + k * span * pxPerS;
    return beatsOf(r.line, x0 + 0.1 * pxPerS, x0 + (span - 0.1) * pxPerS, gap)
      .map((x) => (x - x0) / pxPerS);
  };
  const first = multi.flatMap((r) => local(r, 0)).sort((a, b) => a - b);
  const rest = multi.flatMap((r) =>
    Array.from({ length: r.columns - 1 }, (_, k) => local(r, k + 1)).flat()
  );
  if (first.length < 3 || rest.length < 3) return { shared: true, sequentialS: NaN, sharedS: NaN };
  const fit = beatsAgree(first, rest, halfBeatOf(first, 0.25, 0.4), 0.5);
  const sharedS = fit.misfit / rest.length, sequentialS = fit.control / rest.length;
  return { shared: sharedS < 0.1 && sharedS < 0.6 * sequentialS, sequentialS, sharedS };
}

/**
 * Half the median interval of sorted beat instants, counting intervals over
 * `minInterval` only (`fallback` when none is).
 */
export function halfBeatOf(
  beats: readonly number[],
  minInterval: number,
  fallback: number,
): number {
  const intervals = beats.slice(1).map((b, i) => b - beats[i]!).filter((d) => d > minInterval);
  return intervals.length ? intervals.sort((a, b) => a - b)[intervals.length >> 1]! / 2 : fallback;
}

/**
 * How well `later` beat offsets fall on the `first` ones: the summed
 * distance of each to the nearest first beat (at most `cap`), and the same
 * at a `halfBeat` shift (the control: what chance agreement gives for this
 * rhythm).
 */
export function beatsAgree(
  first: readonly number[],
  later: readonly number[],
  halfBeat: number,
  cap: number,
): { misfit: number; control: number } {
  const near = (t: number): number => {
    let best = cap;
    for (const b of first) best = Math.min(best, Math.abs(b - t));
    return best;
  };
  let misfit = 0, control = 0;
  for (const t of later) misfit += near(t), control += near(t + halfBeat);
  return { misfit, control };
}

/**
 * Does the page show an ECG? Rows were found and read, but a landscape's
 * hill line, a line of text or a chart's curve can be read as a trace
 * too. An ECG's rows beat: along a row, QRS complexes stand out as sharp
 * deflections, each a few millimetres tall within about 0.12 s, over a
 * quieter baseline, at a heart rate (one every 0.25 to 2.5 s at the page's
 * time scale). A trace is one continuous stroke (text is broken ones). The
 * leads of a page are recorded together, so the rows' beats line up across
 * rows at the same column, far more often than they do with the rows moved
 * apart by less than a heartbeat (which is what chance alone lines up);
 * where the rows are skewed in time (a photo), at least half of them beat
 * steadily at one rate instead; a page of one strip must beat regularly. And an ECG page shows how
 * to read it: a calibration pulse, a millimetre grid, or lead labels. A
 * page that fails any of these is no ECG, with the reason.
 *
 * @module
 */
import { median } from "./pulse.ts";
import type { Digitized } from "./types.ts";

/** A read row as this check needs it. */
export interface BeatRow {
  /** The read path: points `(xs[i], ys[i])` in increasing `x`; NaN breaks it. */
  readonly xs: ArrayLike<number>;
  /** Levels of the path, px. */
  readonly ys: ArrayLike<number>;
}

/** What one row shows. */
export interface RowBeats {
  /** Sharp deflections (QRS-like) found along the row. */
  readonly beats: number;
  /** Median time between consecutive beats, s (NaN with fewer than two). */
  readonly intervalS: number;
  /** Median distance of the intervals from their median, over the median (NaN with fewer than two). */
  readonly irregularity: number;
  /** The row's quiet level: its 30th-percentile range over one QRS width, mm. */
  readonly quietMm: number;
  /** Median height of its beats (range over one QRS width), mm (0 without beats). */
  readonly beatMm: number;
  /** Page columns of the beats (centre of the QRS window), px. */
  readonly beatX: readonly number[];
  /** First and last column with a reading, px. */
  readonly x0: number;
  /** Last column with a reading, px. */
  readonly x1: number;
  /** Seconds the row spans. */
  readonly spanS: number;
  /** Fraction of the row's columns with a reading. */
  readonly continuity: number;
  /** The row beats at a heart rate: at least three beats, regular enough, at a plausible interval. */
  readonly beating: boolean;
}

/** The page-level verdict. */
export interface PageEvidence {
  /** Per row, top to bottom. */
  readonly rows: readonly RowBeats[];
  /** Rows that beat regularly, at the rate most of them share. */
  readonly beatingRows: number;
  /** Share of beats that a beat in another row lines up with (the leads are recorded together). */
  readonly aligned: number;
  /** The same share with the other rows moved by 0.15 s: what chance alone lines up. */
  readonly chance: number;
  /** Rows that beat steadily at the rate most steady rows share. */
  readonly steadyRows: number;
  /** A calibration pulse, a grid or lead labels was found. */
  readonly reference: boolean;
  /** Why the page is no ECG, or null when it shows one. */
  readonly rejected: string | null;
}

/** Width of a QRS complex, s: a beat's deflection happens within it. */
const QRS_S = 0.12;
/** A beat's deflection is at least this tall, mm (0.2 mV at 10 mm/mV). */
const MIN_BEAT_MM = 2;
/** A beat's deflection is this many times the row's typical deflection over the same time. */
const STANDS_OUT = 3;
/** Percentile of the row's window ranges that is its quiet level. */
const QUIET = 0.3;
/** Beats closer than this are one, s (a QRS and its own swing, or noise on it). */
const REFRACTORY_S = 0.2;
/** Plausible time between beats, s: 24 to 240 beats per minute. */
const INTERVAL_S: readonly [number, number] = [0.25, 2.5];
/** Beats vary by more than this share of their interval (median deviation) on no heart rhythm, atrial fibrillation included. */
const IRREGULAR = 0.3;
/** Median share of a row's columns with a reading below which the strokes are broken (text). */
const CONTINUOUS = 0.85;
/** Beats lined up across rows, less those lined up by chance, at least. */
const IN_STEP = 0.35;
/** A row beats steadily when its intervals vary by at most this share (median deviation). */
const STEADY = 0.15;
/** Rows beat at one rate when their intervals are within this share of the rows' median. */
const SAME_RATE = 0.1;
/** Beats lined up across rows, at least. */
const MIN_MATCHED = 6;
/** Beats of two rows this close are one heartbeat seen in two leads, s. */
const ALIGN_S = 0.06;
/** The shift that measures chance coincidences: shorter than any heartbeat interval, s. */
const SHIFT_S = 0.15;
/** Candidates within this time of each other are compared, s. */
const NEIGHBOURS_S = 1.25;
/** A beat is at least this share of the tallest candidate near it. */
const KEEP = 0.5;

/**
 * Measure the beats of each row and judge the page (see the module
 * documentation for the checks, in the order they are made).
 *
 * @param rows The read rows, rectified-page pixels.
 * @param pxPerS Page time scale, px per second.
 * @param pxPerMm Page scale, px per mm.
 * @param reference A calibration pulse, a grid or lead labels was found.
 *
 * @example
 * ```ts
 * import { pageEvidence } from "./page_evidence.ts";
 * const xs = Float64Array.from({ length: 1000 }, (_, i) => i);
 * // A flat line with a 10 px spike every 100 px (1 s at 100 px/s).
 * const ys = xs.map((x) => (x % 100 < 3 ? 90 : 100));
 * const e = pageEvidence([{ xs, ys }], 100, 4, true);
 * console.assert(e.rejected === null && e.rows[0]!.beats === 10);
 * ```
 */
export function pageEvidence(
  rows: readonly BeatRow[],
  pxPerS: number,
  pxPerMm: number,
  reference: boolean,
): PageEvidence {
  const measured = rows.map((r) => rowBeats(r, pxPerS, pxPerMm));
  const beatingRows = measured.filter((r) => r.beating).length;
  const continuity = median(measured.map((r) => r.continuity).concat(rows.length ? [] : [0]));
  const tol = ALIGN_S * pxPerS, shift = SHIFT_S * pxPerS;
  const [aligned, matched] = coincidence(measured, 0, tol);
  const chance = (coincidence(measured, shift, tol)[0] + coincidence(measured, -shift, tol)[0]) / 2;
  const together = matched >= MIN_MATCHED && aligned - chance >= IN_STEP;
  // Rows skewed in time (a photo, leads not recorded together) do not line up; they still beat
  // steadily at one rate.
  const steady = measured.filter((r) => r.beating && r.irregularity <= STEADY);
  const rate = steady.length ? median(steady.map((r) => r.intervalS)) : NaN;
  const steadyRows = steady.filter((r) => Math.abs(r.intervalS / rate - 1) <= SAME_RATE).length;
  const needed = rows.length === 1 ? 1 : Math.max(2, Math.ceil(rows.length / 2));
  let rejected: string | null = null;
  if (rows.length === 0) rejected = "no trace rows found";
  else if (continuity < CONTINUOUS) {
    rejected = `no continuous traces: the rows have ink over ${
      Math.round(100 * continuity)
    } % of their length (broken strokes, like text)`;
  } else if (beatingRows < needed) {
    rejected = `no heartbeat in the traces: ${beatingRows} of ${rows.length} rows show ` +
      "QRS-like spikes at a heart rate";
  } else if (rows.length === 1 && !(measured[0]!.irregularity <= IRREGULAR)) {
    rejected = "no heartbeat in the trace: its spikes come at irregular times";
  } else if (rows.length > 1 && !(together || steadyRows >= needed)) {
    rejected = `the rows do not beat as one heart: ${Math.round(100 * aligned)} % of their ` +
      `QRS-like spikes line up across rows (${Math.round(100 * chance)} % by chance), and ` +
      `${steadyRows} of ${rows.length} rows beat steadily at one rate`;
  } else if (!reference) rejected = "no calibration pulse, grid or lead labels found";
  return { rows: measured, beatingRows, aligned, chance, steadyRows, reference, rejected };
}

/**
 * Share of the beats that another row, spanning the same column, has a beat
 * within `tolPx` of, after moving the others by `shiftPx` (NaN when no beat
 * has another row beside it).
 */
function coincidence(
  rows: readonly RowBeats[],
  shiftPx: number,
  tolPx: number,
): [share: number, matched: number] {
  let counted = 0, matched = 0;
  rows.forEach((r, i) => {
    for (const x of r.beatX) {
      const others = rows.filter((o, j) => j !== i && o.x0 <= x && o.x1 >= x);
      if (others.length === 0) continue;
      counted++;
      if (others.some((o) => o.beatX.some((b) => Math.abs(b + shiftPx - x) <= tolPx))) matched++;
    }
  });
  return [counted ? matched / counted : NaN, matched];
}

/** A lead label counts as read from this match score. */
const LABEL_SCORE = 0.7;

/**
 * {@linkcode pageEvidence} of a digitized page: its read rows at its time
 * scale, and whether it shows a calibration pulse, a grid (`gridFound`, from
 * the rectification) or lead labels (two leads or more read clearly).
 */
export function digitizedEvidence(result: Digitized, gridFound: boolean): PageEvidence {
  const pulse = result.rows.some((r) => r.pulse !== null);
  const leads = new Set(result.labels.filter((l) => l.score >= LABEL_SCORE).map((l) => l.lead));
  const pxPerS = result.pxPerMm * result.scales.paperSpeedMmPerS;
  return pageEvidence(result.rows, pxPerS, result.pxPerMm, pulse || gridFound || leads.size >= 2);
}

/** The beats of one row. */
export function rowBeats(row: BeatRow, pxPerS: number, pxPerMm: number): RowBeats {
  const { xs, ys } = row;
  let x0 = Infinity, x1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(ys[i]!) || Number.isNaN(xs[i]!)) continue;
    x0 = Math.min(x0, Math.round(xs[i]!)), x1 = Math.max(x1, Math.round(xs[i]!));
  }
  const none: { -readonly [K in keyof RowBeats]: RowBeats[K] } = {
    beats: 0,
    intervalS: NaN,
    irregularity: NaN,
    quietMm: 0,
    beatMm: 0,
    beatX: [],
    x0: 0,
    x1: 0,
    spanS: 0,
    continuity: 0,
    beating: false,
  };
  if (!(x1 > x0)) return none;
  none.x0 = x0, none.x1 = x1;
  const n = x1 - x0 + 1;
  const y = new Float64Array(n).fill(NaN);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isNaN(ys[i]!) && !Number.isNaN(xs[i]!)) y[Math.round(xs[i]!) - x0] = ys[i]!;
  }
  let filled = 0;
  for (const v of y) if (!Number.isNaN(v)) filled++;
  const continuity = filled / n, spanS = n / pxPerS;
  // Range of the path over each window of one QRS width.
  const w = Math.max(3, Math.round(QRS_S * pxPerS));
  const range = new Float64Array(Math.max(0, n - w + 1)).fill(NaN);
  for (let a = 0; a + w <= n; a++) {
    let lo = Infinity, hi = -Infinity, k = 0;
    for (let b = a; b < a + w; b++) {
      const v = y[b]!;
      if (Number.isNaN(v)) continue;
      k++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (2 * k >= w) range[a] = hi - lo;
  }
  const ranges = Array.from(range).filter((v) => !Number.isNaN(v));
  if (ranges.length === 0) return { ...none, spanS, continuity };
  // The quiet level: P and T waves and baseline wander raise the median window, not this.
  const typical = ranges.sort((a, b) => a - b)[Math.floor(QUIET * (ranges.length - 1))]!;
  const threshold = Math.max(MIN_BEAT_MM * pxPerMm, STANDS_OUT * typical);
  // Candidate beats: the tallest window of each stretch above the threshold.
  const refractory = REFRACTORY_S * pxPerS;
  const peaks: { at: number; height: number }[] = [];
  for (let a = 0; a < range.length; a++) {
    const h = range[a]!;
    if (!(h >= threshold)) continue;
    const last = peaks[peaks.length - 1];
    if (last && a - last.at < refractory) {
      if (h > last.height) last.at = a, last.height = h;
    } else peaks.push({ at: a, height: h });
  }
  // A beat is at least half as tall as the tallest candidate within a panel's reach (T waves
  // and noise are not), like the adaptive threshold of QRS detectors.
  const reach = NEIGHBOURS_S * pxPerS;
  const kept = peaks.filter((p) =>
    peaks.every((q) => Math.abs(q.at - p.at) > reach || p.height >= KEEP * q.height)
  );
  const beats = kept.map((p) => p.at);
  const beatMm = kept.length ? median(kept.map((p) => p.height)) / pxPerMm : 0;
  const gaps = beats.slice(1).map((a, i) => (a - beats[i]!) / pxPerS);
  const intervalS = gaps.length ? median(gaps) : NaN;
  const irregularity = gaps.length
    ? median(gaps.map((g) => Math.abs(g - intervalS))) / intervalS
    : NaN;
  const beating = beats.length >= 3 && intervalS >= INTERVAL_S[0] && intervalS <= INTERVAL_S[1];
  return {
    beats: beats.length,
    intervalS,
    irregularity,
    quietMm: typical / pxPerMm,
    beatMm,
    beatX: beats.map((a) => x0 + a + w / 2),
    x0,
    x1,
    spanS,
    continuity,
    beating,
  };
}

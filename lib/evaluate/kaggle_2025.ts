/**
 * The 2025 Kaggle competition "PhysioNet - Digitization of ECG Images"
 * score, as its public metric (`physionet-ecg-signal-extraction-metric`)
 * computes it. Our own implementation of its definitions:
 *
 * - **Per lead**: the label is the lead's *shown* samples only (the
 *   competition's solution file lists, per lead, just the rows where the
 *   truth exists: 2.5 s for a short lead of a 3x4 page, 10 s for the rhythm
 *   strip); the prediction is the same rows. Both are mean-centred and
 *   cross-correlated; the lag with the largest correlation among
 *   `|lag| ≤ int(0.2·fs)` wins (ties: smallest |lag|, then the more negative
 *   lag). The prediction is moved by that lag (NaN-padded, length kept),
 *   then the vertical offset minimising Σ (truth − (pred − v))² over the
 *   overlap (the overlap mean of pred − truth; the official code finds it
 *   with Brent's method, to ~1e-8) is subtracted. Then
 *   `signal = Σ truth²`, `noise = Σ (truth − aligned)²` with the padded
 *   NaN samples counted as 0 mV.
 * - **Per image**: signal and noise are summed over the 12 leads and
 *   `ratio = min(signal / noise, 384)` (384 when noise = 0, 0 when signal
 *   = 0 with noise > 0).
 * - **Score**: `max(10·log10(mean ratio over images), −384)`: ratios are
 *   averaged *before* taking dB, so a perfect image is worth
 *   10·log10(384) = 25.84 dB and bad images barely pull the mean down.
 * - The official metric rejects any NaN in a submission and any missing
 *   row. We score a prediction that is NaN (or absent, or shorter) at a
 *   shown truth sample as 0 mV there, which is what a valid submission
 *   must contain, and a lead missing from the prediction as all zeros (the
 *   offset step then turns it into the label's mean). A truth lead with no
 *   finite sample is skipped (the competition never has one). The official
 *   `fs = rows of lead II / 10` check is not enforced.
 *
 * @module
 */
import { npMean, pairwiseSum } from "./_numeric.ts";
import type { KaggleLead } from "./types.ts";

/** The per-image ratio cap (`PERFECT_SCORE`): 10·log10(384) = 25.84 dB. */
export const KAGGLE_PERFECT_RATIO = 384;
/** Largest time shift, in seconds (`MAX_TIME_SHIFT`). */
export const KAGGLE_MAX_TIME_SHIFT_S = 0.2;

/** Result of {@linkcode alignKaggle}. */
export interface KaggleAlignment {
  /** The prediction moved and offset-corrected; NaN where it was padded. */
  readonly aligned: Float64Array;
  /** Delay of the prediction in samples (= −lag of the official code). */
  readonly shiftSamples: number;
  /** Offset subtracted, in mV. */
  readonly offsetMv: number;
}

/**
 * The official `align_signals(label, pred, max_shift)`.
 *
 * @param label Finite truth samples.
 * @param pred Finite prediction samples (any length).
 * @param maxShift Largest |lag| in samples.
 *
 * @example
 * ```ts
 * import { alignKaggle } from "./kaggle_2025.ts";
 * const r = alignKaggle(Float64Array.of(0, 0, 1, 2, 1, 0, 0), Float64Array.of(1, 2, 1, 0, 0, 0, 0), 10);
 * console.assert(r.shiftSamples === -2 && Number.isNaN(r.aligned[0]!) && r.aligned[3] === 2);
 * ```
 */
export function alignKaggle(
  label: Float64Array,
  pred: Float64Array,
  maxShift: number,
): KaggleAlignment {
  const nl = label.length, np = pred.length;
  const ml = npMean(label), mp = npMean(pred);
  const lc = label.map((v) => v - ml), pc = pred.map((v) => v - mp);
  // correlation(lag) = Σ_n lc[n + lag] · pc[n]; lags −(np−1)..(nl−1).
  const from = Math.max(-(np - 1), -maxShift), to = Math.min(nl - 1, maxShift);
  let best = -Infinity, lag = 0;
  for (let l = from; l <= to; l++) {
    let s = 0;
    const n0 = Math.max(0, -l), n1 = Math.min(np, nl - l);
    for (let n = n0; n < n1; n++) s += lc[n + l]! * pc[n]!;
    if (s > best || (s === best && Math.abs(l) < Math.abs(lag))) {
      best = s;
      lag = l;
    }
  }
  const aligned = new Float64Array(nl).fill(NaN);
  for (let i = 0; i < nl; i++) {
    const j = i - lag;
    if (j >= 0 && j < np) aligned[i] = pred[j]!;
  }
  let sum = 0, count = 0;
  for (let i = 0; i < nl; i++) {
    if (Number.isFinite(aligned[i]!)) {
      sum += aligned[i]! - label[i]!;
      count++;
    }
  }
  const offsetMv = count > 0 ? sum / count : 0;
  if (count > 0) { for (let i = 0; i < nl; i++) aligned[i] = aligned[i]! - offsetMv; }
  return { aligned, shiftSamples: lag === 0 ? 0 : -lag, offsetMv };
}

/**
 * One lead of the Kaggle score: label = the truth's finite samples,
 * prediction = the same indices (NaN, absent or missing → 0 mV), aligned
 * with {@linkcode alignKaggle}, then the official `compute_power`.
 * Returns `null` when the truth lead has no finite sample.
 *
 * @param truth Truth samples (NaN = not shown).
 * @param prediction Prediction on the truth's grid, or `null` when missing.
 * @param sampleRateHz The truth's rate; the shift window is `int(0.2·fs)`.
 *
 * @example
 * ```ts
 * import { kaggleLead } from "./kaggle_2025.ts";
 * const t = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i / 9));
 * const r = kaggleLead(t, t.map((v) => v + 0.3), 250)!;
 * console.assert(r.shiftSamples === 0 && Math.abs(r.offsetMv - 0.3) < 1e-12 && r.noisePower < 1e-20);
 * ```
 */
export function kaggleLead(
  truth: Float64Array,
  prediction: Float64Array | null,
  sampleRateHz: number,
): KaggleLead | null {
  const label: number[] = [], pred: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    if (!Number.isFinite(truth[i]!)) continue;
    label.push(truth[i]!);
    const p = prediction !== null && i < prediction.length ? prediction[i]! : NaN;
    pred.push(Number.isFinite(p) ? p : 0);
  }
  if (label.length === 0) return null;
  const l = Float64Array.from(label);
  const maxShift = Math.trunc(sampleRateHz * KAGGLE_MAX_TIME_SHIFT_S);
  const { aligned, shiftSamples, offsetMv } = alignKaggle(l, Float64Array.from(pred), maxShift);
  const noise = l.map((v, i) => {
    const a = aligned[i]!;
    const e = v - (Number.isFinite(a) ? a : 0);
    return e * e;
  });
  return {
    signalPower: pairwiseSum(l.map((v) => v * v)),
    noisePower: pairwiseSum(noise),
    shiftSamples,
    offsetMv,
  };
}

/**
 * The official per-image `compute_snr(signal, noise)`: the capped power
 * ratio (not dB).
 *
 * @example
 * ```ts
 * import { kaggleRatio } from "./kaggle_2025.ts";
 * console.assert(kaggleRatio(5, 0) === 384 && kaggleRatio(0, 1) === 0 && kaggleRatio(10, 1) === 10);
 * ```
 */
export function kaggleRatio(signalPower: number, noisePower: number): number {
  if (noisePower === 0) return KAGGLE_PERFECT_RATIO;
  if (signalPower === 0) return 0;
  return Math.min(signalPower / noisePower, KAGGLE_PERFECT_RATIO);
}

/**
 * Per-image ratio from the leads' powers (leads that are `null` add nothing).
 *
 * @example
 * ```ts
 * import { kaggleImageRatio } from "./kaggle_2025.ts";
 * const lead = { signalPower: 2, noisePower: 1, shiftSamples: 0, offsetMv: 0 };
 * console.assert(kaggleImageRatio([lead, null, lead]) === 2);
 * ```
 */
export function kaggleImageRatio(leads: readonly (KaggleLead | null)[]): number {
  let signal = 0, noise = 0;
  for (const lead of leads) {
    if (lead === null) continue;
    signal += lead.signalPower;
    noise += lead.noisePower;
  }
  return kaggleRatio(signal, noise);
}

/**
 * The leaderboard score over images: `max(10·log10(mean ratio), −384)`.
 * NaN for no images.
 *
 * @example
 * ```ts
 * import { kaggleScoreDb } from "./kaggle_2025.ts";
 * console.assert(kaggleScoreDb([384]).toFixed(4) === "25.8433");
 * console.assert(kaggleScoreDb([0, 0]) === -384);
 * ```
 */
export function kaggleScoreDb(ratios: readonly number[]): number {
  if (ratios.length === 0) return NaN;
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  return Math.max(10 * Math.log10(mean), -KAGGLE_PERFECT_RATIO);
}

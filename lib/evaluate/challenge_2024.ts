/**
 * The George B. Moody PhysioNet Challenge 2024 digitization score, as the
 * final official scoring code (`physionetchallenges/evaluation-2024`,
 * `evaluate_model.py` with `helper_code.py`'s `align_signals` of July 2024
 * and `compute_snr`) computes it. Our own implementation of its
 * definitions; the oddities below are the official behaviour, kept on
 * purpose:
 *
 * - **Alignment** per lead: both signals are quantised to 256 levels over
 *   their joint [min, max] (NumPy round-half-even), drawn as binary images,
 *   Gaussian-smoothed (σ = 0.5) and cross-correlated in 2-D; the peak gives
 *   a time shift and a vertical offset that is a *multiple of the
 *   quantisation step* (so a constant offset is removed only to within
 *   half a step). The shift and offset are applied only when
 *   `|shift| ≤ round(0.5·fs)` samples and `|offset| ≤ 1.0 mV`; otherwise
 *   the prediction is scored unshifted. The peak is searched over all lags,
 *   not just those windows: exhaustively for short leads, coarse-to-fine
 *   (bounded work, a few ms per lead) for longer ones, which finds the
 *   official peak whenever it stands out; on a nearly flat correlation (a
 *   constant or meaningless prediction) it may settle on another lag of
 *   almost the same value, where the official FFT's rounding decides too.
 * - **SNR** per lead: over the samples finite in both (the shorter signal
 *   padded with NaN), `10·log10(mean t² / mean (t − p)²)`, then
 *   **multiplied** (the dB value, not the ratio) by
 *   `alpha = (samples finite in both) / (samples finite in the truth)`.
 *   Zero error gives **+Infinity** (×alpha stays +Infinity); zero truth
 *   power with some error gives NaN.
 * - **Missing output**: a missing record is scored as all-NaN, which gives
 *   NaN (no overlap), and NaN leads are *skipped* by the final `np.nanmean`.
 *   So a missing lead or an all-NaN lead does not lower the score. (The
 *   official code would crash or misalign on a record that lacks only some
 *   leads; we treat such a lead like a missing record's lead.)
 * - **Score**: `np.nanmean` over every (record, lead) SNR; one +Infinity
 *   lead makes it +Infinity.
 * - No resampling: the official code asserts equal rates. The toolkit
 *   resamples the prediction to the truth's rate first.
 *
 * @module
 */
import { npMean, roundHalfEven } from "./_numeric.ts";
import { smoothedCorrelationPeak } from "./_xcorr2d.ts";
import type { Challenge2024Lead } from "./types.ts";

/** Quantisation levels of the official alignment (`2**8`). */
export const CHALLENGE_2024_LEVELS = 256;
/** Largest vertical offset (mV) the official code applies. */
export const CHALLENGE_2024_MAX_OFFSET_MV = 1.0;

/** Result of {@linkcode align2024}. */
export interface Alignment2024 {
  /** The prediction moved by the shift and with the offset subtracted (NaN-padded). */
  readonly shifted: Float64Array;
  /** Delay of the prediction in samples (the official `offset_hz`). */
  readonly shiftSamples: number;
  /** Offset in mV (the official `offset_vt`). */
  readonly offsetMv: number;
}

/**
 * The official 2024 `align_signals(x_ref, x_est, num_quant_levels=256)`.
 * Returns `null` when either signal has no finite sample (where the
 * official code's result is all-NaN or meaningless).
 *
 * @param ref Truth samples (NaN = none).
 * @param est Prediction samples on the truth's grid (NaN = none).
 *
 * @example
 * ```ts
 * import { align2024 } from "./challenge_2024.ts";
 * const ref = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i / 7));
 * const est = Float64Array.from({ length: 200 }, (_, i) => Math.sin((i - 3) / 7));
 * console.assert(align2024(ref, est)!.shiftSamples === 3);
 * ```
 */
export function align2024(ref: Float64Array, est: Float64Array): Alignment2024 | null {
  let lo = Infinity, hi = -Infinity, nRef = 0, nEst = 0;
  for (const v of ref) {
    if (Number.isFinite(v)) {
      nRef++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  for (const v of est) {
    if (Number.isFinite(v)) {
      nEst++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (nRef === 0 || nEst === 0) return null;
  const levels = CHALLENGE_2024_LEVELS;
  const width = Math.max(ref.length, est.length);
  const peak = smoothedCorrelationPeak(
    quantise(ref, width, lo, hi, levels),
    quantise(est, width, lo, hi, levels),
    levels,
  )!;
  // The reference's autocorrelation peaks at zero lag, (levels−1, width−1):
  // a non-negative image correlates with itself strictly best unshifted.
  const shiftSamples = width - 1 - peak.col;
  const offsetMv = (levels - 1 - peak.row) / (levels - 1) * (hi - lo);
  const n = est.length;
  let shifted: Float64Array;
  if (shiftSamples < 0) {
    shifted = new Float64Array(n - shiftSamples).fill(NaN);
    shifted.set(est, -shiftSamples);
  } else {
    const kept = Math.max(0, n - shiftSamples);
    shifted = new Float64Array(kept + shiftSamples).fill(NaN);
    shifted.set(est.subarray(shiftSamples, shiftSamples + kept), 0);
  }
  for (let i = 0; i < shifted.length; i++) shifted[i] = shifted[i]! - offsetMv;
  return { shifted, shiftSamples, offsetMv };
}

/** Row index per column (−1 = no sample), as the official `convert_signal`. */
function quantise(
  x: Float64Array,
  width: number,
  lo: number,
  hi: number,
  levels: number,
): Int32Array {
  const rows = new Int32Array(width).fill(-1);
  const range = hi - lo;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    // range 0: NumPy gives NaN → int → clipped to level 1, i.e. row 0.
    const y = range === 0 ? 1 : roundHalfEven((levels - 1) * (v - lo) / range + 1);
    rows[t] = Math.min(Math.max(y, 1), levels) - 1;
  }
  return rows;
}

/** Result of {@linkcode snr2024}. */
export interface Snr2024 {
  /** SNR in dB times alpha; NaN / +Infinity as the official code. */
  readonly snrDb: number;
  /** Mean truth² over the samples finite in both. */
  readonly signalPower: number;
  /** Mean error² over those samples. */
  readonly noisePower: number;
  /** Samples finite in both / samples finite in the truth. */
  readonly alpha: number;
}

/**
 * The official 2024 `compute_snr(x_ref, x_est)` (`keep_nans=True`).
 *
 * @example
 * ```ts
 * import { snr2024 } from "./challenge_2024.ts";
 * const r = snr2024(Float64Array.of(1, -1, 1, -1), Float64Array.of(1.1, -1, NaN, -1));
 * console.assert(Math.abs(r.snrDb - 0.75 * 10 * Math.log10(1 / (0.01 / 3))) < 1e-9);
 * ```
 */
export function snr2024(ref: Float64Array, est: Float64Array): Snr2024 {
  const n = Math.max(ref.length, est.length);
  const t: number[] = [], e: number[] = [];
  let refFinite = 0;
  for (let i = 0; i < n; i++) {
    const a = i < ref.length ? ref[i]! : NaN;
    const b = i < est.length ? est[i]! : NaN;
    if (!Number.isFinite(a)) continue;
    refFinite++;
    if (!Number.isFinite(b)) continue;
    t.push(a * a);
    e.push((a - b) * (a - b));
  }
  const signalPower = npMean(t), noisePower = npMean(e);
  let snrDb: number;
  if (signalPower > 0 && noisePower > 0) snrDb = 10 * Math.log10(signalPower / noisePower);
  else if (noisePower === 0) snrDb = Infinity;
  else snrDb = NaN;
  const alpha = t.length / refFinite; // 0/0 = NaN when the truth has no sample
  return { snrDb: snrDb * alpha, signalPower, noisePower, alpha };
}

/**
 * One lead of the 2024 score: align, apply the shift and offset when they
 * are inside the official windows, then {@linkcode snr2024}.
 *
 * @param ref Truth samples at `sampleRateHz`.
 * @param est Prediction on the truth's grid, or `null` when missing
 *   (scored as all-NaN, i.e. NaN).
 * @param sampleRateHz The truth's rate; the time window is `round(0.5·fs)`.
 *
 * @example
 * ```ts
 * import { challenge2024Lead } from "./challenge_2024.ts";
 * const ref = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i / 9));
 * console.assert(challenge2024Lead(ref, ref.slice(), 500).snrDb === Infinity);
 * console.assert(Number.isNaN(challenge2024Lead(ref, null, 500).snrDb));
 * ```
 */
export function challenge2024Lead(
  ref: Float64Array,
  est: Float64Array | null,
  sampleRateHz: number,
): Challenge2024Lead {
  const prediction = est ?? new Float64Array(ref.length).fill(NaN);
  const aligned = align2024(ref, prediction);
  if (aligned === null) {
    return {
      snrDb: snr2024(ref, prediction).snrDb,
      shiftSamples: null,
      offsetMv: null,
      applied: false,
    };
  }
  const maxShift = roundHalfEven(0.5 * sampleRateHz);
  const applied = Math.abs(aligned.shiftSamples) <= maxShift &&
    Math.abs(aligned.offsetMv) <= CHALLENGE_2024_MAX_OFFSET_MV;
  return {
    snrDb: snr2024(ref, applied ? aligned.shifted : prediction).snrDb,
    shiftSamples: aligned.shiftSamples,
    offsetMv: aligned.offsetMv,
    applied,
  };
}

/**
 * Plain per-lead metrics, as put in figure titles:
 * `Lead V2 (SNR = 12.8 dB, NRMSE = 2.87%, r = 0.974)`. No alignment: the
 * prediction is compared sample by sample with the truth, over the samples
 * where both are finite (index `k` of one against index `k` of the other,
 * up to the shorter length).
 *
 * @module
 */

/** Plain metrics of one lead. */
export interface PlainLeadMetrics {
  /**
   * `10·log10(Σ t² / Σ (t − p)²)`; +Infinity when the error is 0; NaN with
   * no samples or when the truth is all zeros (and the error is not).
   */
  readonly snrDb: number;
  /** `100 · √(mean (t − p)²) / (max t − min t)`; NaN when the range is 0 or no samples. */
  readonly nrmsePercent: number;
  /** Pearson r; NaN when either side has zero variance or fewer than 2 samples. */
  readonly pearsonR: number;
  /** Samples finite in both. */
  readonly comparedSamples: number;
  /** `comparedSamples` / samples finite in the truth (NaN when the truth has none). */
  readonly coverage: number;
}

/**
 * Compute the plain metrics of one lead.
 *
 * @param truth Truth samples (NaN = not shown).
 * @param prediction Prediction samples on the truth's grid (NaN = none).
 *
 * @example
 * ```ts
 * import { plainLeadMetrics } from "./lead_metrics.ts";
 * const t = Float64Array.of(0, 1, 0, -1);
 * const m = plainLeadMetrics(t, Float64Array.of(0, 1, 0, -0.9));
 * console.assert(Math.abs(m.snrDb - 10 * Math.log10(2 / 0.01)) < 1e-9);
 * console.assert(Math.abs(m.nrmsePercent - 100 * Math.sqrt(0.01 / 4) / 2) < 1e-9);
 * ```
 */
export function plainLeadMetrics(truth: Float64Array, prediction: Float64Array): PlainLeadMetrics {
  const n = Math.min(truth.length, prediction.length);
  let truthFinite = 0;
  for (let i = 0; i < truth.length; i++) if (Number.isFinite(truth[i]!)) truthFinite++;
  let count = 0, st = 0, sp = 0, stt = 0, see = 0;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = truth[i]!, p = prediction[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(p)) continue;
    count++;
    st += t;
    sp += p;
    stt += t * t;
    see += (t - p) * (t - p);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const coverage = truthFinite === 0 ? NaN : count / truthFinite;
  if (count === 0) {
    return { snrDb: NaN, nrmsePercent: NaN, pearsonR: NaN, comparedSamples: 0, coverage };
  }
  // As the official 2024 SNR: no error → +Infinity; a silent truth with some error → NaN.
  const snrDb = see === 0 ? Infinity : stt === 0 ? NaN : 10 * Math.log10(stt / see);
  const range = hi - lo;
  const nrmsePercent = range > 0 ? 100 * Math.sqrt(see / count) / range : NaN;
  // Pearson r in a second pass about the means (stable when the means are large).
  const mt = st / count, mp = sp / count;
  let vt = 0, vp = 0, cov = 0;
  for (let i = 0; i < n; i++) {
    const t = truth[i]!, p = prediction[i]!;
    if (!Number.isFinite(t) || !Number.isFinite(p)) continue;
    vt += (t - mt) * (t - mt);
    vp += (p - mp) * (p - mp);
    cov += (t - mt) * (p - mp);
  }
  const pearsonR = count < 2 || !(vt > 0) || !(vp > 0)
    ? NaN
    : Math.max(-1, Math.min(1, cov / Math.sqrt(vt * vp)));
  return { snrDb, nrmsePercent, pearsonR, comparedSamples: count, coverage };
}

/**
 * The figure-title text of a lead, e.g.
 * `Lead V2 (SNR = 12.8 dB, NRMSE = 2.87%, r = 0.974)`.
 *
 * @example
 * ```ts
 * import { leadTitle } from "./lead_metrics.ts";
 * const title = leadTitle("V2", { snrDb: 12.84, nrmsePercent: 2.871, pearsonR: 0.9741 });
 * console.assert(title === "Lead V2 (SNR = 12.8 dB, NRMSE = 2.87%, r = 0.974)");
 * ```
 */
export function leadTitle(
  lead: string,
  metrics: Pick<PlainLeadMetrics, "snrDb" | "nrmsePercent" | "pearsonR">,
): string {
  const f = (v: number, digits: number) =>
    Number.isNaN(v) ? "n/a" : Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? "∞" : "−∞";
  return `Lead ${lead} (SNR = ${f(metrics.snrDb, 1)} dB, NRMSE = ${
    f(metrics.nrmsePercent, 2)
  }%, r = ${f(metrics.pearsonR, 3)})`;
}

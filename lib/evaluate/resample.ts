/**
 * Bring a prediction onto the truth's sample grid. Neither official metric
 * resamples (both require the prediction at the truth's rate); this is the
 * toolkit's own step so that a digitizer writing 500 Hz can be scored
 * against a 250 Hz or 100 Hz record.
 *
 * @module
 */
import { normaliseLeadName } from "../records/lead_names.ts";
import type { EcgRecord } from "../records/types.ts";

/**
 * Resample a signal by linear interpolation on the time grid `n / rateHz`.
 * The output has `round(length · toHz / fromHz)` samples. Output sample `k`
 * sits at input position `u = k · fromHz / toHz`; it interpolates between
 * `⌊u⌋` and `⌊u⌋ + 1` (NaN if either is NaN), holds the last input sample for
 * `u` in `(length − 1, length)`, and is NaN beyond. With equal rates the
 * signal comes back unchanged (a copy). No anti-alias filter is applied.
 *
 * @param signal Samples, NaN = no sample.
 * @param fromHz Rate of `signal` (> 0).
 * @param toHz Rate wanted (> 0).
 * @returns A new array at `toHz`.
 *
 * @example
 * ```ts
 * import { resampleLinear } from "./resample.ts";
 * const up = resampleLinear(Float64Array.of(0, 1, 2), 1, 2);
 * console.assert(up.join() === "0,0.5,1,1.5,2,2");
 * ```
 */
export function resampleLinear(signal: Float64Array, fromHz: number, toHz: number): Float64Array {
  if (!(fromHz > 0) || !Number.isFinite(fromHz)) {
    throw new RangeError(`Cannot resample: fromHz must be > 0, got ${fromHz}`);
  }
  if (!(toHz > 0) || !Number.isFinite(toHz)) {
    throw new RangeError(`Cannot resample: toHz must be > 0, got ${toHz}`);
  }
  if (fromHz === toHz) return signal.slice();
  const n = signal.length;
  const m = Math.round(n * toHz / fromHz);
  const out = new Float64Array(m);
  const step = fromHz / toHz;
  for (let k = 0; k < m; k++) {
    const u = k * step;
    const i = Math.floor(u);
    if (i >= n) {
      out[k] = NaN;
    } else if (i === n - 1) {
      out[k] = signal[i]!;
    } else {
      const f = u - i;
      const a = signal[i]!, b = signal[i + 1]!;
      out[k] = f === 0 ? a : a + (b - a) * f;
      if (f !== 0 && (Number.isNaN(a) || Number.isNaN(b))) out[k] = NaN;
    }
  }
  return out;
}

/**
 * The prediction's leads on the truth's grid, one entry per truth lead (in
 * the truth's order): the matching prediction lead (names compared after
 * {@linkcode normaliseLeadName}) resampled to the truth's rate, or `null`
 * when the prediction has no such lead. Lengths follow
 * {@linkcode resampleLinear}, so they may differ from the truth's.
 *
 * @example
 * ```ts
 * import { predictionOnTruthGrid } from "./resample.ts";
 * const rec = (rate: number, names: string[], n: number) => ({
 *   name: "", source: "", comments: [], sampleRateHz: rate, leadNames: names,
 *   signals: names.map(() => new Float64Array(n)),
 * });
 * const grid = predictionOnTruthGrid(rec(250, ["I", "II"], 2500), rec(500, ["II"], 5000));
 * console.assert(grid[0] === null && grid[1]!.length === 2500);
 * ```
 */
export function predictionOnTruthGrid(
  truth: EcgRecord,
  prediction: EcgRecord | null,
): (Float64Array | null)[] {
  if (prediction === null) return truth.leadNames.map(() => null);
  const byName = new Map<string, Float64Array>();
  prediction.leadNames.forEach((name, i) => {
    const key = normaliseLeadName(name);
    if (!byName.has(key)) byName.set(key, prediction.signals[i]!);
  });
  return truth.leadNames.map((name) => {
    const signal = byName.get(normaliseLeadName(name));
    return signal === undefined
      ? null
      : resampleLinear(signal, prediction.sampleRateHz, truth.sampleRateHz);
  });
}

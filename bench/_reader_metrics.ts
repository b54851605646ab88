/**
 * Per-lead error anatomy for `bench/trace_reader.ts`: the Kaggle 2025 alignment of one lead, then
 * the squared error at panel edges, the QRS peak-to-peak ratios and the largest errors.
 *
 * @module
 */
import { alignKaggle } from "../lib/evaluate/kaggle_2025.ts";
import type { KaggleLead } from "../lib/evaluate/types.ts";
import { pairwiseSum } from "../lib/evaluate/_numeric.ts";

/** One lead of one page, aligned as the Kaggle 2025 score aligns it. */
export interface LeadAnatomy {
  /** Signal and noise power as the Kaggle score counts them (noise = all squared error). */
  kaggle: KaggleLead;
  /** Squared error in the first and last `edgeMs` of each panel (run of finite truth). */
  errEdge: number;
  /** Whether the prediction has any finite sample where the truth has one. */
  read: boolean;
  /** Predicted over true QRS peak-to-peak, one per complex found in the truth. */
  peakRatios: number[];
  /** The prediction aligned and offset-corrected on the truth's grid; NaN where not shown. */
  aligned: Float64Array;
}

/** A 500 Hz prediction on a truth grid of `n` samples at `sampleRateHz`, linearly interpolated. */
export function onTruthGrid(pred: Float64Array, n: number, sampleRateHz: number): Float64Array {
  if (sampleRateHz === 500 && pred.length === n) return pred;
  return Float64Array.from({ length: n }, (_, i) => {
    const x = i * 500 / sampleRateHz, k = Math.floor(x), f = x - k;
    const a = pred[Math.min(k, pred.length - 1)]!, b = pred[Math.min(k + 1, pred.length - 1)]!;
    return f === 0 ? a : a * (1 - f) + b * f;
  });
}

/** QRS centres in one panel of the truth (slope energy over 30 ms, ≥ half its peak, 250 ms apart). */
function qrsCentres(g: Float64Array, sampleRateHz: number): number[] {
  const w = Math.max(1, Math.round(0.03 * sampleRateHz));
  const e = new Float64Array(g.length);
  for (let i = 1; i < g.length; i++) {
    const d = Math.abs(g[i]! - g[i - 1]!);
    for (let k = i; k < Math.min(g.length, i + w); k++) e[k] = e[k]! + d;
  }
  const max = e.reduce((a, b) => Math.max(a, b), 0);
  if (max <= 0) return [];
  const order = [...e.keys()].sort((a, b) => e[b]! - e[a]!);
  const taken: number[] = [];
  const gap = Math.round(0.25 * sampleRateHz);
  for (const i of order) {
    if (e[i]! < 0.5 * max) break;
    if (taken.every((t) => Math.abs(t - i) > gap)) taken.push(i);
  }
  return taken.map((i) => i - Math.floor(w / 2)).sort((a, b) => a - b);
}

/**
 * Align one lead as the Kaggle 2025 score does (on the truth's finite samples, missing prediction
 * = 0 mV), then split its squared error. Complexes count for the peak ratio when their ±60 ms
 * window lies inside the panel and their true peak-to-peak is at least 0.3 mV. Null when the
 * truth has fewer than 10 finite samples.
 */
export function leadAnatomy(
  truth: Float64Array,
  pred: Float64Array | undefined,
  sampleRateHz: number,
  edgeMs: number,
): LeadAnatomy | null {
  const n = truth.length;
  const pr = pred ? onTruthGrid(pred, n, sampleRateHz) : new Float64Array(n).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(truth[i]!)) idx.push(i);
  if (idx.length < 10) return null;
  const label = Float64Array.from(idx, (i) => truth[i]!);
  const pv = Float64Array.from(idx, (i) => (Number.isFinite(pr[i]!) ? pr[i]! : 0));
  const al = alignKaggle(label, pv, Math.trunc(0.2 * sampleRateHz));
  const aligned = new Float64Array(n).fill(NaN);
  idx.forEach((i, j) => (aligned[i] = al.aligned[j]!));
  const edgeW = Math.max(1, Math.round(edgeMs / 1000 * sampleRateHz));
  const half = Math.round(0.06 * sampleRateHz);
  const err2 = new Float64Array(n);
  let errEdge = 0;
  const peakRatios: number[] = [];
  for (let a = 0; a < n;) {
    if (!Number.isFinite(truth[a]!)) {
      a++;
      continue;
    }
    let b = a;
    while (b < n && Number.isFinite(truth[b]!)) b++;
    for (let j = a; j < b; j++) {
      const e = truth[j]! - (Number.isFinite(aligned[j]!) ? aligned[j]! : 0);
      err2[j] = e * e;
      if (j < a + edgeW || j >= b - edgeW) errEdge += e * e;
    }
    const g = truth.subarray(a, b);
    for (const c of qrsCentres(g, sampleRateHz)) {
      if (c - half < 0 || c + half >= g.length) continue;
      let tMin = Infinity, tMax = -Infinity, pMin = Infinity, pMax = -Infinity, ok = true;
      for (let j = c - half; j <= c + half; j++) {
        const v = g[j]!, q = aligned[a + j]!;
        if (!Number.isFinite(q)) ok = false;
        tMin = Math.min(tMin, v), tMax = Math.max(tMax, v);
        pMin = Math.min(pMin, q), pMax = Math.max(pMax, q);
      }
      if (ok && tMax - tMin >= 0.3) peakRatios.push((pMax - pMin) / (tMax - tMin));
    }
    a = b;
  }
  return {
    kaggle: {
      signalPower: pairwiseSum(label.map((v) => v * v)),
      noisePower: pairwiseSum(err2),
      shiftSamples: al.shiftSamples,
      offsetMv: al.offsetMv,
    },
    errEdge,
    read: idx.some((i) => Number.isFinite(pr[i]!)),
    peakRatios,
    aligned,
  };
}

/** The value of largest magnitude in `v[a, b)` (finite values only; 0 when none). */
export function extreme(v: Float64Array, a = 0, b: number = v.length): number {
  let best = 0;
  for (let i = a; i < b; i++) {
    if (Number.isFinite(v[i]!) && Math.abs(v[i]!) > Math.abs(best)) best = v[i]!;
  }
  return best;
}

/** Largest |aligned − truth| over the truth's finite samples in `[a, b)` (missing = 0 mV). */
export function maxAbsError(
  truth: Float64Array,
  aligned: Float64Array,
  a = 0,
  b: number = truth.length,
): number {
  let m = 0;
  for (let i = a; i < b; i++) {
    if (!Number.isFinite(truth[i]!)) continue;
    const q = Number.isFinite(aligned[i]!) ? aligned[i]! : 0;
    m = Math.max(m, Math.abs(q - truth[i]!));
  }
  return m;
}

/** The q-quantile (lower) of the values; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
}

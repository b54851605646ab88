/**
 * Grid period from a 1-D profile of grid evidence: spectral peak and
 * autocorrelation, cross-checked, with the decision whether the strongest
 * comb is the 1 mm or the 5 mm grid.
 *
 * @module
 */
import { spectrumAndAcf } from "./_fft.ts";

/** The period found along one axis. */
export interface AxisPeriod {
  /** Pixels per millimetre (under `ambiguous`, the 1 mm reading). */
  readonly pxPerMm: number;
  /** The period to demodulate for phase (px): the 1 mm lines when resolved, else 5 mm. */
  readonly periodPx: number;
  /** Millimetres per `periodPx` (1 or 5). */
  readonly mmPerPeriod: 1 | 5;
  /** Strongest peak over the spectrum's median in the search band. */
  readonly significance: number;
  /** The same period from the autocorrelation (px), or NaN. */
  readonly acfPeriodPx: number;
  /** Autocorrelation at the period (1 = perfectly periodic). */
  readonly acfPeak: number;
  /** Whether spectrum and autocorrelation agree within 2 %. */
  readonly agree: boolean;
  /** True when only one pitch shows (no 5-fold structure): 1 mm or 5 mm is decided later. */
  readonly ambiguous: boolean;
}

/** Peak of `s` near bin `k` (± `reach` bins), refined by a parabola; returns [bin, value]. */
function peakNear(s: Float64Array, k: number, reach: number): [number, number] {
  const lo = Math.max(1, Math.floor(k - reach)), hi = Math.min(s.length - 2, Math.ceil(k + reach));
  let best = lo;
  for (let i = lo; i <= hi; i++) if (s[i]! > s[best]!) best = i;
  const a = s[best - 1]!, b = s[best]!, c = s[best + 1]!;
  const den = a - 2 * b + c;
  const off = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
  return [best + off, b - 0.25 * (a - c) * off];
}

/**
 * Autocorrelation period near `p` px (NaN when none), and its peak. The
 * search stays within ±15 % of `p`, never below a lag of 2 (a blurred line
 * keeps the autocorrelation high at short lags, which must not pass for a
 * period); the lag is then refined over longer and longer multiples, each
 * within reach of the last estimate.
 */
function acfPeriod(acf: Float64Array, p: number): [number, number] {
  if (!(2 * p < acf.length)) return [NaN, 0];
  const lo = Math.max(2, Math.ceil(0.85 * p)), hi = Math.min(acf.length - 2, Math.floor(1.15 * p));
  let best = lo;
  for (let i = lo; i <= hi; i++) if (acf[i]! > acf[best]!) best = i;
  if (hi < lo || !(acf[best]! >= acf[best - 1]! && acf[best]! >= acf[best + 1]!)) return [NaN, 0];
  const [p1, peak] = peakNear(acf, best, 0);
  let period = p1;
  for (let mult = 2; mult <= 32 && mult * period < 0.5 * acf.length; mult *= 2) {
    const [pm] = peakNear(acf, mult * period, Math.max(1, 0.1 * period));
    period = pm / mult;
  }
  return [period, peak];
}

/**
 * Estimate the grid period of a profile (grid evidence summed along the
 * lines), searching periods from `minPeriodPx` up to a sixth of the
 * profile or `maxPeriodPx`. Returns null when there is no periodic
 * structure.
 */
export function estimateAxisPeriod(
  profile: ArrayLike<number> | readonly ArrayLike<number>[],
  minPeriodPx = 2.2,
  maxPeriodPx = 300,
): AxisPeriod | null {
  // Several profiles (strips of the page): magnitude spectra and autocorrelations add up,
  // so lines that shift between strips (perspective, bending) still count.
  const list = Array.isArray(profile)
    ? profile as readonly ArrayLike<number>[]
    : [profile as ArrayLike<number>];
  const len = list[0]?.length ?? 0;
  if (len < 32) return null;
  const parts = list.map((p) => spectrumAndAcf(p));
  const n = parts[0]!.n;
  const s = new Float64Array(parts[0]!.spectrum.length), acf = new Float64Array(len);
  for (const part of parts) {
    for (let k = 0; k < s.length; k++) s[k]! += part.spectrum[k]!;
    for (let k = 0; k < len; k++) acf[k]! += part.acf[k]! / parts.length;
  }
  const kMin = Math.max(2, Math.ceil(n / Math.min(len / 6, maxPeriodPx)));
  const kMax = Math.floor(n / minPeriodPx);
  if (kMax <= kMin + 4) return null;
  const band = Array.from(s.subarray(kMin, kMax + 1)).sort((a, b) => a - b);
  const floor = band[Math.floor(band.length / 2)]! || 1e-12;
  let top = kMin;
  for (let k = kMin; k <= kMax; k++) if (s[k]! > s[top]!) top = k;
  const [kTop, vTop] = peakNear(s, top, 1);
  const significance = vTop / floor;
  if (significance < 4) return null;
  const sig = (k: number): boolean => {
    if (k < kMin - 1 || k > kMax) return false;
    const [, v] = peakNear(s, k, Math.max(2, 0.02 * k));
    return v > Math.max(4 * floor, 0.06 * vTop);
  };
  // The top peak may be a harmonic (h = 1..3) of the 1 mm comb; a 1 mm comb
  // is confirmed by the 5 mm comb's harmonics at j/5 of it. Without that,
  // the lowest significant divisor is the fundamental, and a 5 mm comb
  // shows its harmonics 2–4.
  let m = 0, k0 = kTop;
  for (const h of [3, 2, 1]) {
    const k1 = kTop / h;
    if (!sig(k1)) continue;
    let five = true;
    for (let j = 1; j < 5 && five; j++) five = sig((k1 * j) / 5);
    if (five) {
      m = 5, k0 = k1 / 5;
      break;
    }
  }
  if (m === 0) {
    m = 1;
    for (const h of [3, 2, 1]) {
      if (sig(kTop / h)) {
        k0 = kTop / h;
        break;
      }
    }
  }
  const harmonics = m > 1 || (sig(2 * k0) && sig(3 * k0) && sig(4 * k0));
  let periodPx: number, mmPerPeriod: 1 | 5, pxPerMm: number;
  if (harmonics) {
    const k5 = 5 * k0;
    if (k5 <= kMax && sig(k5)) {
      const [k1] = peakNear(s, k5, 2);
      periodPx = n / k1, mmPerPeriod = 1, pxPerMm = periodPx;
    } else {
      periodPx = n / k0, mmPerPeriod = 5, pxPerMm = periodPx / 5;
    }
  } else {
    const [k1] = peakNear(s, k0, 2);
    periodPx = n / k1, mmPerPeriod = 1, pxPerMm = periodPx;
  }
  // Blur smears 1 mm lines into a slope of the autocorrelation: where the
  // 5 mm comb is known, check (and refine) at its period instead.
  let [acfPeriodPx, acfPeak] = acfPeriod(acf, periodPx);
  if (mmPerPeriod === 1 && harmonics && !(Math.abs(acfPeriodPx / periodPx - 1) < 0.02)) {
    const [p5, peak5] = acfPeriod(acf, 5 * periodPx);
    if (Number.isFinite(p5)) acfPeriodPx = p5 / 5, acfPeak = peak5;
  }
  const agree = Math.abs(acfPeriodPx - periodPx) < 0.02 * periodPx;
  return {
    pxPerMm,
    periodPx,
    mmPerPeriod,
    significance,
    acfPeriodPx,
    acfPeak,
    agree,
    ambiguous: !harmonics,
  };
}

/**
 * Column and row profiles of a map seen in a frame rotated by `thetaRad`
 * about the centre (1-px bins, linear splatting): `x[u]` sums along the
 * (rotated) vertical lines, `y[v]` along the horizontal ones.
 */
export function rotatedProfiles(
  map: ArrayLike<number>,
  width: number,
  height: number,
  thetaRad: number,
): { x: Float64Array; y: Float64Array } {
  const cos = Math.cos(thetaRad), sin = Math.sin(thetaRad);
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  const wr = Math.ceil(Math.abs(width * cos) + Math.abs(height * sin)) + 2;
  const hr = Math.ceil(Math.abs(width * sin) + Math.abs(height * cos)) + 2;
  const px = new Float64Array(wr), py = new Float64Array(hr);
  const ox = wr / 2, oy = hr / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const v = map[i]!;
      if (v === 0) continue;
      const dx = x - cx;
      const u = dx * cos + dy * sin + ox, w = -dx * sin + dy * cos + oy;
      const ui = Math.floor(u), wi = Math.floor(w), fu = u - ui, fw = w - wi;
      px[ui]! += v * (1 - fu), px[ui + 1]! += v * fu;
      py[wi]! += v * (1 - fw), py[wi + 1]! += v * fw;
    }
  }
  return { x: px, y: py };
}

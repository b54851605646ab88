/**
 * A small in-place radix-2 complex FFT, enough for 1-D profiles.
 *
 * @module
 */

/** Smallest power of two ≥ `n`. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

/** In-place FFT of `re + i·im` (length a power of two); `inverse` omits the 1/n scale. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!, ti = im[i]!;
      re[i] = re[j]!, im[i] = im[j]!;
      re[j] = tr, im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (inverse ? 2 : -2) * Math.PI / len;
    const wr = Math.cos(ang), wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k, b = a + half;
        const xr = re[b]! * cr - im[b]! * ci, xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr, im[b] = im[a]! - xi;
        re[a] = re[a]! + xr, im[a] = im[a]! + xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
}

/**
 * Magnitude spectrum and autocorrelation of a real profile (mean removed,
 * Hann-windowed for the spectrum), zero-padded to `pad × length`.
 * `spectrum[k]` is at `k / n` cycles per sample, `acf[lag]` is normalised
 * so that `acf[0] = 1`.
 */
export function spectrumAndAcf(
  profile: ArrayLike<number>,
  pad = 4,
): { spectrum: Float64Array; n: number; acf: Float64Array } {
  const len = profile.length;
  let mean = 0;
  for (let i = 0; i < len; i++) mean += profile[i]!;
  mean /= len || 1;
  const n = nextPow2(len * pad);
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < len; i++) {
    re[i] = (profile[i]! - mean) * (0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / len));
  }
  fft(re, im);
  const spectrum = new Float64Array(n >> 1);
  for (let k = 0; k < n >> 1; k++) spectrum[k] = Math.hypot(re[k]!, im[k]!);
  // Autocorrelation of the unwindowed profile (padding ≥ 2× avoids wrap-around).
  const ar = new Float64Array(n), ai = new Float64Array(n);
  for (let i = 0; i < len; i++) ar[i] = profile[i]! - mean;
  fft(ar, ai);
  for (let k = 0; k < n; k++) {
    ar[k] = ar[k]! * ar[k]! + ai[k]! * ai[k]!;
    ai[k] = 0;
  }
  fft(ar, ai, true);
  const acf = new Float64Array(len);
  const zero = ar[0]! || 1;
  for (let lag = 0; lag < len; lag++) acf[lag] = ar[lag]! / zero;
  return { spectrum, n, acf };
}

/**
 * Numeric helpers that follow NumPy's arithmetic, so that our numbers match
 * the official Python metrics to the last bits where that is cheap.
 *
 * @module
 */

const BLOCK = 128;

/**
 * Sum as `np.sum` / `np.add.reduce` does on a contiguous float64 array:
 * NumPy's pairwise summation (8 accumulators in blocks of ≤ 128, halves
 * above that), which differs from a left-to-right loop in the last bits.
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = start + i;
      r0 += a[o]!;
      r1 += a[o + 1]!;
      r2 += a[o + 2]!;
      r3 += a[o + 3]!;
      r4 += a[o + 4]!;
      r5 += a[o + 5]!;
      r6 += a[o + 6]!;
      r7 += a[o + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** `np.mean` of a float64 array: pairwise sum divided by the count (NaN when empty). */
export function npMean(a: ArrayLike<number>): number {
  return a.length === 0 ? NaN : pairwiseSum(a) / a.length;
}

/** `np.round` / `np.rint`: round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `np.nanmean`: mean of the non-NaN values (±Infinity included); NaN when none. */
export function nanMean(values: Iterable<number>): number {
  let sum = 0, n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Mean of the finite values; NaN when none. */
export function finiteMean(values: Iterable<number>): number {
  let sum = 0, n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Median of the non-NaN values (±Infinity kept); NaN when none. */
export function nanMedian(values: Iterable<number>): number {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

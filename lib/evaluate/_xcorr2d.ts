/**
 * The peak of the 2-D cross-correlation that the 2024 challenge uses to
 * align a digitized lead with its reference, computed exactly without FFTs.
 *
 * The official code draws each signal as a binary image (`levels` rows of
 * quantised amplitude × `width` columns of time, one 1 per finite sample),
 * smooths both with `scipy.ndimage.gaussian_filter(σ = 0.5)` (5 taps per
 * axis, `reflect` borders) and takes `argmax` of
 * `fftconvolve(A_ref, flip(A_est), "full")`. Both images are sparse, so we
 * use instead: for two points p (reference) and q (estimate) whose smoothed
 * profiles do not touch a border, their contribution at lag (dy, dx) is
 * `K[dy − (y_p − y_q)] · K[dx − (x_p − x_q)]`, with `K` the autocorrelation
 * of the 5-tap kernel. So the correlation is a histogram of point-pair
 * offsets convolved with the 9 × 9 kernel `K ⊗ K`; pairs that involve a
 * point within 2 rows or columns of a border (whose profile `reflect`
 * folds) are added pair by pair with their exact folded profiles.
 *
 * The convolution is evaluated block by block (one block per time lag),
 * largest upper bound first (a block's values are at most the largest
 * histogram count within 4 lags plus its border-pair part, as K sums to 1),
 * and stops once no remaining block can reach the best value found: exact,
 * including ties. Cost: O(min(n_ref, n_est) · width) for the histogram plus
 * a few blocks of O(levels); ≈ 0.1–0.2 s for a 5000-sample lead.
 *
 * @module
 */

/** 5-tap kernel of `gaussian_filter(sigma=0.5, truncate=4)`: exp(−2x²), x = −2..2, normalised. */
const S: Float64Array = (() => {
  const w = Float64Array.from([-2, -1, 0, 1, 2], (x) => Math.exp(-0.5 / 0.25 * x * x));
  let sum = 0;
  for (const v of w) sum += v;
  return w.map((v) => v / sum);
})();

/** K[d + 4] = Σ_u S[u] S[u − d], d = −4..4. */
const K: Float64Array = correlateProfiles(S, S);

/** 9 values `Σ_u p[u] q[u − d]` for d = −4..4 (profiles indexed −2..2 as 0..4). */
function correlateProfiles(p: Float64Array, q: Float64Array): Float64Array {
  const out = new Float64Array(9);
  for (let d = -4; d <= 4; d++) {
    let s = 0;
    for (let u = -2; u <= 2; u++) {
      const v = u - d;
      if (v >= -2 && v <= 2) s += p[u + 2]! * q[v + 2]!;
    }
    out[d + 4] = s;
  }
  return out;
}

/** scipy.ndimage `reflect` index (d c b a | a b c d | d c b a). */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const m = ((i % (2 * n)) + 2 * n) % (2 * n);
  return m < n ? m : 2 * n - 1 - m;
}

/** Smoothed profile of a unit impulse at `a` on an axis of length `n`, at positions a−2..a+2. */
function profile(a: number, n: number): Float64Array {
  if (a >= 2 && a <= n - 3) return S;
  const out = new Float64Array(5);
  for (let i = a - 2; i <= a + 2; i++) {
    if (i < 0 || i >= n) continue;
    let s = 0;
    for (let k = -2; k <= 2; k++) if (reflect(i + k, n) === a) s += S[k + 2]!;
    out[i - a + 2] = s;
  }
  return out;
}

/** Row (dy) and column (dx) indices of the peak in NumPy's `full` output. */
export interface CorrelationPeak {
  /** Index along amplitude, 0..2·levels−2 (levels − 1 = no vertical lag). */
  readonly row: number;
  /** Index along time, 0..2·width−2 (width − 1 = no time lag). */
  readonly col: number;
}

/** Profiles of one axis: positions within 2 of a border get their own (folded) kind. */
class Axis {
  readonly kinds: number[] = [];
  readonly profiles: Float64Array[] = [S];
  readonly n: number;
  constructor(n: number) {
    this.n = n;
    for (const a of new Set([0, 1, n - 2, n - 1])) {
      if (a >= 0 && a < n && !(a >= 2 && a <= n - 3)) {
        this.kinds[a] = this.profiles.length;
        this.profiles.push(profile(a, n));
      }
    }
  }
  kind(a: number): number {
    return a >= 2 && a <= this.n - 3 ? 0 : this.kinds[a]!;
  }
  /** table[kp * m + kq] = correlateProfiles(profile kp, profile kq). */
  table(): Float64Array[] {
    const out: Float64Array[] = [];
    for (const p of this.profiles) for (const q of this.profiles) out.push(correlateProfiles(p, q));
    return out;
  }
}

/**
 * Find `argmax` of the smoothed 2-D cross-correlation of two quantised
 * signals. Exact ties go to the first cell in row-major order, as
 * `np.argmax` does on exact values (the official FFT adds rounding noise of
 * order 1e-16 that can break such ties either way).
 *
 * @param ref Row index (0..levels−1) of the reference at each column, −1 = no sample.
 * @param est Same for the estimate; same length as `ref` (the image width).
 * @param levels Number of quantisation levels (image height).
 * @returns The peak, or `null` when either image is empty.
 */
export function smoothedCorrelationPeak(
  ref: Int32Array,
  est: Int32Array,
  levels: number,
): CorrelationPeak | null {
  const w = ref.length, q = levels;
  if (est.length !== w) throw new RangeError("Cannot correlate: images differ in width");
  const rows = 2 * q - 1, cols = 2 * w - 1;
  const isStd = (y: number, x: number) => y >= 2 && y <= q - 3 && x >= 2 && x <= w - 3;
  const stdRef = new Int32Array(w).fill(-1), stdEst = new Int32Array(w).fill(-1);
  const edgeRef: number[] = [], edgeEst: number[] = [];
  let nRef = 0, nEst = 0;
  for (let x = 0; x < w; x++) {
    const a = ref[x]!, b = est[x]!;
    if (a >= 0) {
      nRef++;
      if (isStd(a, x)) stdRef[x] = a;
      else edgeRef.push(x);
    }
    if (b >= 0) {
      nEst++;
      if (isStd(b, x)) stdEst[x] = b;
      else edgeEst.push(x);
    }
  }
  if (nRef === 0 || nEst === 0) return null;

  // Histogram of (y_p − y_q, x_p − x_q) over pairs of interior points, one
  // block of `rows` per dx. Loop over the sparser image's points (`pos`) for
  // each dx so that writes stay inside one block; `below[x]` = points before x.
  const hist = w <= 65535 ? new Uint16Array(cols * rows) : new Int32Array(cols * rows);
  const hmax = new Int32Array(cols);
  const refSparse = nRef <= nEst;
  const sparse = refSparse ? stdRef : stdEst, dense = refSparse ? stdEst : stdRef;
  const posX = new Int32Array(refSparse ? nRef : nEst), posY = new Int32Array(posX.length);
  const below = new Int32Array(w + 1);
  let count = 0;
  for (let x = 0; x < w; x++) {
    below[x] = count;
    if (sparse[x]! >= 0) {
      posX[count] = x;
      posY[count++] = sparse[x]!;
    }
  }
  below[w] = count;
  const sign = refSparse ? 1 : -1;
  for (let j = 0; j < cols; j++) {
    const dx = j - (w - 1); // x_ref − x_est
    const base = j * rows + q - 1;
    const off = refSparse ? -dx : dx; // partner of sparse point x is dense point x + off
    const lo = Math.max(0, -off), hi = Math.min(w, w - off);
    if (lo >= hi) continue;
    let m = 0;
    for (let k = below[lo]!, end = below[hi]!; k < end; k++) {
      const y2 = dense[posX[k]! + off]!;
      if (y2 < 0) continue;
      const v = ++hist[base + sign * (posY[k]! - y2)]!;
      if (v > m) m = v;
    }
    hmax[j] = m;
  }

  // Pairs with a border point use their folded profiles. First an upper
  // bound of their part per block; the values themselves are added when a
  // block is evaluated (`patch`).
  const patchMax = new Float64Array(cols);
  const rowAxis = new Axis(q), colAxis = new Axis(w);
  const rowTable = rowAxis.table(), colTable = colAxis.table();
  const nr = rowAxis.profiles.length, nc = colAxis.profiles.length;
  const rowPeak = rowTable.map((t) => Math.max(...t));
  const bounds = (xp: number, yp: number, xq: number, yq: number) => {
    const r = rowPeak[rowAxis.kind(yp) * nr + rowAxis.kind(yq)]!;
    const cc = colTable[colAxis.kind(xp) * nc + colAxis.kind(xq)]!;
    for (let e = 0; e < 9; e++) patchMax[xp - xq + e - 4 + w - 1]! += r * cc[e]!;
  };
  for (const xp of edgeRef) {
    for (let xq = 0; xq < w; xq++) if (est[xq]! >= 0) bounds(xp, ref[xp]!, xq, est[xq]!);
  }
  for (const xq of edgeEst) {
    for (let xp = 0; xp < w; xp++) if (stdRef[xp]! >= 0) bounds(xp, ref[xp]!, xq, est[xq]!);
  }
  const patch = (j: number, out: Float64Array) => {
    const add = (xp: number, yp: number, xq: number, yq: number, e: number) => {
      const rc = rowTable[rowAxis.kind(yp) * nr + rowAxis.kind(yq)]!;
      const c = colTable[colAxis.kind(xp) * nc + colAxis.kind(xq)]![e]!;
      if (c === 0) return;
      const base = yp - yq - 4 + q - 1;
      for (let d = 0; d < 9; d++) if (rc[d] !== 0) out[base + d]! += rc[d]! * c;
    };
    for (let e = 0; e < 9; e++) {
      const lag = j - (w - 1) - e + 4; // xp − xq for this tap
      for (const xp of edgeRef) {
        const xq = xp - lag;
        if (xq >= 0 && xq < w && est[xq]! >= 0) add(xp, ref[xp]!, xq, est[xq]!, e);
      }
      for (const xq of edgeEst) {
        const xp = xq + lag;
        if (xp >= 0 && xp < w && stdRef[xp]! >= 0) add(xp, ref[xp]!, xq, est[xq]!, e);
      }
    }
  };

  // Upper bound per block; evaluate blocks from the largest bound down.
  const bound = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let m = 0;
    for (let e = Math.max(0, j - 4); e <= Math.min(cols - 1, j + 4); e++) m = Math.max(m, hmax[e]!);
    bound[j] = (m + patchMax[j]!) * (1 + 1e-9); // margin for rounding
  }
  const order = Int32Array.from({ length: cols }, (_, j) => j)
    .filter((j) => bound[j]! > 0)
    .sort((a, b) => bound[b]! - bound[a]!);
  const vert = new Float64Array(cols * rows);
  const vertDone = new Uint8Array(cols);
  const vertical = (j: number) => {
    vertDone[j] = 1;
    if (hmax[j] === 0) return;
    const base = j * rows;
    for (let i = 0; i < rows; i++) {
      const h = hist[base + i]!;
      if (h === 0) continue;
      for (let d = -4; d <= 4; d++) {
        const t = i + d;
        if (t >= 0 && t < rows) vert[base + t]! += h * K[d + 4]!;
      }
    }
  };
  let best = -Infinity, bestRow = 0, bestCol = 0;
  const block = new Float64Array(rows);
  for (const j of order) {
    if (bound[j]! < best) break;
    block.fill(0);
    patch(j, block);
    for (let d = -4; d <= 4; d++) {
      const src = j - d;
      if (src < 0 || src >= cols || hmax[src] === 0) continue;
      if (!vertDone[src]) vertical(src);
      const k = K[d + 4]!, sb = src * rows;
      for (let i = 0; i < rows; i++) block[i]! += k * vert[sb + i]!;
    }
    // argmax in NumPy's row-major order of the (rows × cols) output.
    for (let i = 0; i < rows; i++) {
      const v = block[i]!;
      if (v > best || (v === best && (i < bestRow || (i === bestRow && j < bestCol)))) {
        best = v;
        bestRow = i;
        bestCol = j;
      }
    }
  }
  return { row: bestRow, col: bestCol };
}

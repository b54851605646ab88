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
 * The convolution is evaluated block by block (one block per time lag).
 * Small images are searched over every lag, largest upper bound first (a
 * block's values are at most the largest histogram count within 4 lags
 * plus its border-pair part, as K sums to 1), stopping once no remaining
 * block can reach the best value found: exact, including ties. Larger ones
 * (a 3x4 page's leads at 500 Hz) are searched coarse-to-fine with bounded
 * work: see {@linkcode smoothedCorrelationPeak}. Memory is O(levels ·
 * width) either way.
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

/** Options of {@linkcode smoothedCorrelationPeak}. */
export interface PeakSearchOptions {
  /**
   * `exhaustive`: every lag (exact, including ties). `coarse-to-fine`:
   * bounded work (see {@linkcode smoothedCorrelationPeak}). `auto`:
   * exhaustive when (finite points of the sparser image) × (width) is at
   * most {@linkcode EXHAUSTIVE_WORK}, else coarse-to-fine.
   * @default "auto"
   */
  search?: "auto" | "exhaustive" | "coarse-to-fine";
}

/** Largest (points × width) searched exhaustively by default (≈ 10 ms). */
export const EXHAUSTIVE_WORK = 1_500_000;
/** Point pairs the coarse pass of the coarse-to-fine search looks at, at most. */
const COARSE_PAIRS = 400_000;
/** Lag step of the coarse pass. */
const COARSE_LAG_STEP = 4;
/** Distinct coarse peaks refined exactly, at most. */
const CANDIDATES = 8;
/** Coarse peaks below this share of the best one are not refined. */
const CANDIDATE_SHARE = 0.5;
/** Weights of the coarse pass's vertical smoothing (K[0], K[±1]). */
const K0 = K[4]!, K1 = K[3]!;

/**
 * Find `argmax` of the smoothed 2-D cross-correlation of two quantised
 * signals. Exact ties go to the first cell in row-major order, as
 * `np.argmax` does on exact values (the official FFT adds rounding noise of
 * order 1e-16 that can break such ties either way).
 *
 * Small images (see {@linkcode EXHAUSTIVE_WORK}) are searched over every
 * lag, exactly. Larger ones coarse-to-fine, with bounded work: a coarse
 * pass scores every 4th time lag on a subsample of the reference's points
 * (at most 400,000 point pairs), and the exact correlation is then
 * evaluated at every lag within 8 of the best distinct coarse peaks (at
 * most 8, and none under half the best one's coarse score).
 * That finds the official peak whenever it stands out (a digitized lead,
 * shifted, offset, noisy); where the correlation is nearly flat over many
 * lags (a constant or meaningless prediction) it may pick another cell of
 * almost the same value. Cost: O(levels · width) memory, and time
 * O(400,000 + 8 · 25 · points + 8 · 17 · levels · 18), a few ms per lead.
 *
 * @param ref Row index (0..levels−1) of the reference at each column, −1 = no sample.
 * @param est Same for the estimate; same length as `ref` (the image width).
 * @param levels Number of quantisation levels (image height).
 * @param options which search (`auto` by default).
 * @returns The peak, or `null` when either image is empty.
 */
export function smoothedCorrelationPeak(
  ref: Int32Array,
  est: Int32Array,
  levels: number,
  options: PeakSearchOptions = {},
): CorrelationPeak | null {
  if (est.length !== ref.length) throw new RangeError("Cannot correlate: images differ in width");
  let nRef = 0, nEst = 0;
  for (let x = 0; x < ref.length; x++) {
    if (ref[x]! >= 0) nRef++;
    if (est[x]! >= 0) nEst++;
  }
  if (nRef === 0 || nEst === 0) return null;
  const { search: mode = "auto" } = options;
  const exhaustive = mode === "exhaustive" ||
    (mode === "auto" && Math.min(nRef, nEst) * ref.length <= EXHAUSTIVE_WORK);
  const search = new PeakSearch(ref, est, levels, !exhaustive);
  return exhaustive ? search.exhaustive() : search.coarseToFine();
}

/**
 * The correlation, block by block (one block of `rows` values per time
 * lag `j`), with each lag's histogram of point-pair offsets computed on
 * demand.
 */
class PeakSearch {
  readonly w: number;
  readonly q: number;
  readonly rows: number;
  readonly cols: number;
  readonly ref: Int32Array;
  readonly est: Int32Array;
  readonly stdRef: Int32Array;
  readonly edgeRef: number[] = [];
  readonly edgeEst: number[] = [];
  /**
   * With `rowEdgesInHistogram`: points in the two border columns of each
   * side (the only ones `patch` then handles), and points in interior
   * columns but border rows (added per lag in `vertical`, with their
   * folded row profiles).
   */
  readonly #colEdgeRef: number[] = [];
  readonly #colEdgeEst: number[] = [];
  readonly #rowEdgeRef: number[] = [];
  readonly #rowEdgeEst: number[] = [];
  readonly #rowEdgesInHistogram: boolean;
  readonly #refSparse: boolean;
  readonly #dense: Int32Array;
  /** The dense image's interior points lie in columns denseFrom..denseTo−1. */
  readonly #denseFrom: number;
  readonly #denseTo: number;
  readonly #posX: Int32Array;
  readonly #posY: Int32Array;
  /** below[x] = interior points of the sparser image before column x. */
  readonly #below: Int32Array;
  readonly #rowAxis: Axis;
  readonly #colAxis: Axis;
  readonly #rowTable: Float64Array[];
  readonly #colTable: Float64Array[];
  readonly #vert = new Map<number, Float64Array | null>();
  readonly #scratch: Int32Array;
  best = -Infinity;
  bestRow = 0;
  bestCol = 0;

  constructor(ref: Int32Array, est: Int32Array, levels: number, rowEdgesInHistogram: boolean) {
    this.#rowEdgesInHistogram = rowEdgesInHistogram;
    const w = ref.length, q = levels;
    this.w = w;
    this.q = q;
    this.rows = 2 * q - 1;
    this.cols = 2 * w - 1;
    this.ref = ref;
    this.est = est;
    const isStd = (y: number, x: number) => y >= 2 && y <= q - 3 && x >= 2 && x <= w - 3;
    const stdRef = new Int32Array(w).fill(-1), stdEst = new Int32Array(w).fill(-1);
    let nRef = 0, nEst = 0, sRef = 0, sEst = 0;
    for (let x = 0; x < w; x++) {
      const a = ref[x]!, b = est[x]!;
      if (a >= 0) {
        nRef++;
        if (isStd(a, x)) (stdRef[x] = a, sRef++);
        else {
          this.edgeRef.push(x);
          (x >= 2 && x <= w - 3 ? this.#rowEdgeRef : this.#colEdgeRef).push(x);
        }
      }
      if (b >= 0) {
        nEst++;
        if (isStd(b, x)) (stdEst[x] = b, sEst++);
        else {
          this.edgeEst.push(x);
          (x >= 2 && x <= w - 3 ? this.#rowEdgeEst : this.#colEdgeEst).push(x);
        }
      }
    }
    this.stdRef = stdRef;
    // Loop over the sparser image's points (`pos`) for each lag, so that the
    // cost of one lag's histogram is at most its point count.
    const refSparse = sRef <= sEst;
    this.#refSparse = refSparse;
    const sparse = refSparse ? stdRef : stdEst;
    this.#dense = refSparse ? stdEst : stdRef;
    let from = 0, to = w;
    while (from < w && this.#dense[from]! < 0) from++;
    while (to > from && this.#dense[to - 1]! < 0) to--;
    this.#denseFrom = from;
    this.#denseTo = to;
    this.#posX = new Int32Array(refSparse ? sRef : sEst);
    this.#posY = new Int32Array(this.#posX.length);
    this.#below = new Int32Array(w + 1);
    let count = 0;
    for (let x = 0; x < w; x++) {
      this.#below[x] = count;
      if (sparse[x]! >= 0) {
        this.#posX[count] = x;
        this.#posY[count++] = sparse[x]!;
      }
    }
    this.#below[w] = count;
    this.#scratch = new Int32Array(this.rows);
    this.#rowAxis = new Axis(q);
    this.#colAxis = new Axis(w);
    this.#rowTable = this.#rowAxis.table();
    this.#colTable = this.#colAxis.table();
  }

  /**
   * Histogram of (y_p − y_q) over pairs of interior points at lag `j`
   * (x_p − x_q = j − (w − 1)), added into `h` (`rows` long); returns its
   * largest count.
   */
  histogram(j: number, h: Int32Array): number {
    const { w, q } = this;
    const dx = j - (w - 1); // x_ref − x_est
    const off = this.#refSparse ? -dx : dx; // partner of sparse point x is dense point x + off
    // Sparse points x whose partner x + off lies in the dense image's finite span.
    const lo = Math.max(0, this.#denseFrom - off), hi = Math.min(w, this.#denseTo - off);
    if (lo >= hi) return 0;
    const dense = this.#dense, posX = this.#posX, posY = this.#posY;
    const base = q - 1, sign = this.#refSparse ? 1 : -1;
    let m = 0;
    for (let k = this.#below[lo]!, end = this.#below[hi]!; k < end; k++) {
      const y2 = dense[posX[k]! + off]!;
      if (y2 < 0) continue;
      const v = ++h[base + sign * (posY[k]! - y2)]!;
      if (v > m) m = v;
    }
    return m;
  }

  /** Lag `j`'s histogram smoothed along amplitude by K (cached), or null when empty. */
  vertical(j: number): Float64Array | null {
    const cached = this.#vert.get(j);
    if (cached !== undefined) return cached;
    const rows = this.rows;
    const hist = this.#scratch;
    let out: Float64Array | null = null;
    if (this.histogram(j, hist) > 0 || this.#rowEdgesInHistogram) {
      out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const h = hist[i]!;
        if (h === 0) continue;
        for (let d = -4; d <= 4; d++) {
          const t = i + d;
          if (t >= 0 && t < rows) out[t]! += h * K[d + 4]!;
        }
      }
    }
    if (out !== null && this.#rowEdgesInHistogram && !this.#addRowEdges(j, out)) {
      if (!hist.some((v) => v > 0)) out = null;
    }
    hist.fill(0);
    this.#vert.set(j, out);
    return out;
  }

  /**
   * Add the pairs at lag `j` in interior columns with a point in a border
   * row (each with its folded row profile) into `out`; returns whether
   * there were any.
   */
  #addRowEdges(j: number, out: Float64Array): boolean {
    const { w, q, ref, est, stdRef } = this;
    const dx = j - (w - 1);
    const rowAxis = this.#rowAxis, rowTable = this.#rowTable;
    const nr = rowAxis.profiles.length;
    let any = false;
    const add = (yp: number, yq: number) => {
      const rc = rowTable[rowAxis.kind(yp) * nr + rowAxis.kind(yq)]!;
      const base = yp - yq - 4 + q - 1;
      for (let d = 0; d < 9; d++) out[base + d]! += rc[d]!;
      any = true;
    };
    for (const xp of this.#rowEdgeRef) {
      const xq = xp - dx;
      if (xq >= 2 && xq <= w - 3 && est[xq]! >= 0) add(ref[xp]!, est[xq]!);
    }
    for (const xq of this.#rowEdgeEst) {
      const xp = xq + dx;
      if (xp >= 2 && xp <= w - 3 && stdRef[xp]! >= 0) add(ref[xp]!, est[xq]!);
    }
    return any;
  }

  /** Add the pairs with a border point at lag `j` (their folded profiles) into `out`. */
  patch(j: number, out: Float64Array): void {
    const { w, q, ref, est, stdRef } = this;
    // Row-border points in interior columns are in the histogram when #rowEdgesInHistogram.
    const fast = this.#rowEdgesInHistogram;
    const edgeRef = fast ? this.#colEdgeRef : this.edgeRef;
    const edgeEst = fast ? this.#colEdgeEst : this.edgeEst;
    const inner = (x: number) => x >= 2 && x <= w - 3;
    const rowAxis = this.#rowAxis, colAxis = this.#colAxis;
    const rowTable = this.#rowTable, colTable = this.#colTable;
    const nr = rowAxis.profiles.length, nc = colAxis.profiles.length;
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
        if (xp < 0 || xp >= w) continue;
        // Exhaustive: the reference point is interior (edge–edge pairs came above).
        // Fast: its column is interior (border-column pairs came above).
        if (fast ? ref[xp]! >= 0 && inner(xp) : stdRef[xp]! >= 0) {
          add(xp, ref[xp]!, xq, est[xq]!, e);
        }
      }
    }
  }

  /** Evaluate block `j` exactly and keep the argmax in NumPy's row-major order. */
  evaluate(j: number, block: Float64Array): void {
    const { rows, cols } = this;
    block.fill(0);
    this.patch(j, block);
    for (let d = -4; d <= 4; d++) {
      const src = j - d;
      if (src < 0 || src >= cols) continue;
      const v = this.vertical(src);
      if (v === null) continue;
      const k = K[d + 4]!;
      for (let i = 0; i < rows; i++) block[i]! += k * v[i]!;
    }
    for (let i = 0; i < rows; i++) {
      const v = block[i]!;
      if (
        v > this.best ||
        (v === this.best && (i < this.bestRow || (i === this.bestRow && j < this.bestCol)))
      ) {
        this.best = v;
        this.bestRow = i;
        this.bestCol = j;
      }
    }
  }

  /**
   * Every lag: blocks from the largest upper bound down (a block's values
   * are at most the largest histogram count within 4 lags plus its
   * border-pair part, as K sums to 1), stopping once no remaining block
   * can reach the best value found: exact, including ties.
   */
  exhaustive(): CorrelationPeak {
    const { w, cols, rows, ref, est, stdRef, edgeRef, edgeEst } = this;
    const hmax = new Int32Array(cols);
    const scratch = new Int32Array(rows);
    for (let j = 0; j < cols; j++) {
      const m = this.histogram(j, scratch);
      if (m > 0) {
        hmax[j] = m;
        scratch.fill(0);
      }
    }
    // An upper bound of the border pairs' part per block.
    const patchMax = new Float64Array(cols);
    const rowAxis = this.#rowAxis, colAxis = this.#colAxis;
    const nr = rowAxis.profiles.length, nc = colAxis.profiles.length;
    const rowPeak = this.#rowTable.map((t) => Math.max(...t));
    const bounds = (xp: number, yp: number, xq: number, yq: number) => {
      const r = rowPeak[rowAxis.kind(yp) * nr + rowAxis.kind(yq)]!;
      const cc = this.#colTable[colAxis.kind(xp) * nc + colAxis.kind(xq)]!;
      for (let e = 0; e < 9; e++) patchMax[xp - xq + e - 4 + w - 1]! += r * cc[e]!;
    };
    for (const xp of edgeRef) {
      for (let xq = 0; xq < w; xq++) if (est[xq]! >= 0) bounds(xp, ref[xp]!, xq, est[xq]!);
    }
    for (const xq of edgeEst) {
      for (let xp = 0; xp < w; xp++) if (stdRef[xp]! >= 0) bounds(xp, ref[xp]!, xq, est[xq]!);
    }
    const bound = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      let m = 0;
      for (let e = Math.max(0, j - 4); e <= Math.min(cols - 1, j + 4); e++) {
        m = Math.max(m, hmax[e]!);
      }
      bound[j] = (m + patchMax[j]!) * (1 + 1e-9); // margin for rounding
    }
    const order = Int32Array.from({ length: cols }, (_, j) => j)
      .filter((j) => bound[j]! > 0)
      .sort((a, b) => bound[b]! - bound[a]!);
    const block = new Float64Array(rows);
    for (const j of order) {
      if (bound[j]! < this.best) break;
      this.evaluate(j, block);
    }
    return { row: this.bestRow, col: this.bestCol };
  }

  /** The coarse pass, then the exact correlation around its best distinct peaks. */
  coarseToFine(): CorrelationPeak {
    const { w, q, rows, cols, ref, est } = this;
    const step = COARSE_LAG_STEP;
    const first = (w - 1) % step; // the lags first + c·step include lag 0 (j = w − 1)
    const nLags = Math.floor((cols - 1 - first) / step) + 1;
    let nPoints = 0;
    for (let x = 0; x < w; x++) if (ref[x]! >= 0) nPoints++;
    const stride = Math.max(1, Math.ceil((nPoints * nLags) / COARSE_PAIRS));
    const sample = new Int32Array(Math.ceil(nPoints / stride));
    for (let x = 0, k = 0, n = 0; x < w; x++) {
      if (ref[x]! >= 0 && k++ % stride === 0) sample[n++] = x;
    }
    let estFrom = 0, estTo = w;
    while (estFrom < w && est[estFrom]! < 0) estFrom++;
    while (estTo > estFrom && est[estTo - 1]! < 0) estTo--;
    const h = new Int32Array(rows);
    const touched = new Int32Array(sample.length);
    const score = new Float64Array(nLags);
    for (let c = 0; c < nLags; c++) {
      const dx = first + c * step - (w - 1);
      // Sample points whose partner x − dx is inside the image.
      const from = lowerBound(sample, Math.max(0, estFrom + dx));
      const to = lowerBound(sample, Math.min(w, estTo + dx));
      let nt = 0;
      for (let k = from; k < to; k++) {
        const x = sample[k]!;
        const yq = est[x - dx]!;
        if (yq < 0) continue;
        const i = q - 1 + ref[x]! - yq;
        if (h[i]!++ === 0) touched[nt++] = i;
      }
      let best = 0;
      for (let t = 0; t < nt; t++) {
        const i = touched[t]!;
        const v = K0 * h[i]! + K1 * ((i > 0 ? h[i - 1]! : 0) + (i < rows - 1 ? h[i + 1]! : 0));
        if (v > best) best = v;
      }
      for (let t = 0; t < nt; t++) h[touched[t]!] = 0;
      score[c] = best;
    }
    // The best coarse lags, none within 2 steps of a better one.
    const chosen: number[] = [];
    const suppressed = new Uint8Array(nLags);
    while (chosen.length < CANDIDATES) {
      let top = -1;
      for (let c = 0; c < nLags; c++) {
        if (!suppressed[c] && score[c]! > 0 && (top < 0 || score[c]! > score[top]!)) top = c;
      }
      // Peaks far below the best one are not refined (a sharp peak needs one region).
      if (top < 0 || (chosen.length > 0 && score[top]! < CANDIDATE_SHARE * score[chosen[0]!]!)) {
        break;
      }
      chosen.push(top);
      for (let c = Math.max(0, top - 2); c <= Math.min(nLags - 1, top + 2); c++) suppressed[c] = 1;
    }
    const block = new Float64Array(rows);
    const done = new Set<number>();
    for (const c of chosen) {
      const center = first + c * step;
      // ±2 steps: every lag the suppressed neighbours stood for is refined too.
      const from = Math.max(0, center - 2 * step), to = Math.min(cols - 1, center + 2 * step);
      for (let j = from; j <= to; j++) {
        if (done.has(j)) continue;
        done.add(j);
        this.evaluate(j, block);
      }
    }
    return { row: this.bestRow, col: this.bestCol };
  }
}

/** The first index of sorted `a` whose value is ≥ `v`. */
function lowerBound(a: Int32Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

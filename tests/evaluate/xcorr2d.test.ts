import assert from "node:assert/strict";
import fc from "fast-check";
import { smoothedCorrelationPeak } from "../../lib/evaluate/_xcorr2d.ts";

/** scipy.ndimage `reflect` index. */
const reflect = (i: number, n: number) => {
  if (n === 1) return 0;
  const m = ((i % (2 * n)) + 2 * n) % (2 * n);
  return m < n ? m : 2 * n - 1 - m;
};

/** Dense reference: binary image, gaussian_filter(σ=0.5) per axis, full cross-correlation. */
function bruteForce(ref: Int32Array, est: Int32Array, q: number): Float64Array {
  const w = ref.length;
  const raw = [-2, -1, 0, 1, 2].map((x) => Math.exp(-2 * x * x));
  const sum = raw.reduce((a, b) => a + b, 0);
  const k = raw.map((v) => v / sum);
  const smooth = (rows: Int32Array) => {
    const a = new Float64Array(q * w);
    rows.forEach((y, x) => y >= 0 && (a[y * w + x] = 1));
    const b = new Float64Array(q * w), c = new Float64Array(q * w);
    for (let y = 0; y < q; y++) {
      for (let x = 0; x < w; x++) {
        for (let d = -2; d <= 2; d++) b[y * w + x]! += k[d + 2]! * a[reflect(y + d, q) * w + x]!;
      }
    }
    for (let y = 0; y < q; y++) {
      for (let x = 0; x < w; x++) {
        for (let d = -2; d <= 2; d++) c[y * w + x]! += k[d + 2]! * b[y * w + reflect(x + d, w)]!;
      }
    }
    return c;
  };
  const a = smooth(ref), b = smooth(est);
  const rows = 2 * q - 1, cols = 2 * w - 1;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const dy = i - (q - 1), dx = j - (w - 1);
      let s = 0;
      for (let y = Math.max(0, dy); y < Math.min(q, q + dy); y++) {
        for (let x = Math.max(0, dx); x < Math.min(w, w + dx); x++) {
          s += a[y * w + x]! * b[(y - dy) * w + x - dx]!;
        }
      }
      out[i * cols + j] = s;
    }
  }
  return out;
}

Deno.test("smoothedCorrelationPeak() finds the dense cross-correlation maximum", () => {
  const image = (w: number, q: number) =>
    fc.array(fc.integer({ min: -1, max: q - 1 }), { minLength: w, maxLength: w }).map((a) =>
      Int32Array.from(a)
    );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 14 }).chain((w) =>
        fc.integer({ min: 1, max: 12 }).chain((q) =>
          fc.tuple(fc.constant(q), image(w, q), image(w, q))
        )
      ),
      ([q, ref, est]) => {
        const peak = smoothedCorrelationPeak(ref, est, q);
        if (!ref.some((v) => v >= 0) || !est.some((v) => v >= 0)) return peak === null;
        const dense = bruteForce(ref, est, q);
        const max = Math.max(...dense);
        const got = dense[peak!.row * (2 * ref.length - 1) + peak!.col]!;
        return Math.abs(got - max) <= 1e-12 * max;
      },
    ),
    { numRuns: 300, seed: 2024 },
  );
});

Deno.test("smoothedCorrelationPeak() takes the first of exactly tied maxima in row-major order", () => {
  // Two reference points at x = 3 and 7, one estimate point at x = 5, all
  // on row 4: lags −2 and +2 tie; NumPy's argmax takes the lower index.
  const ref = Int32Array.from({ length: 11 }, (_, x) => (x === 3 || x === 7 ? 4 : -1));
  const est = Int32Array.from({ length: 11 }, (_, x) => (x === 5 ? 4 : -1));
  assert.deepEqual(smoothedCorrelationPeak(ref, est, 9), { row: 8, col: 10 - 2 });
  assert.equal(smoothedCorrelationPeak(Int32Array.of(-1), Int32Array.of(2), 4), null);
});

Deno.test("smoothedCorrelationPeak() coarse-to-fine finds the exhaustive peak of shifted, noisy leads", () => {
  // Long enough for the coarse-to-fine search (points × width > EXHAUSTIVE_WORK).
  const w = 3000, q = 256;
  fc.assert(
    fc.property(
      fc.integer({ min: -400, max: 400 }),
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 1000 }),
      (shift, offset, noise, seed) => {
        let s = seed;
        const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
        const beat = (x: number) => {
          const t = (x + seed) % 450;
          return 100 + 20 * Math.sin(x / 60) + (t < 12 ? 110 * Math.sin((t / 12) * Math.PI) : 0);
        };
        const clip = (v: number) => Math.min(q - 1, Math.max(0, Math.round(v)));
        const ref = Int32Array.from({ length: w }, (_, x) => clip(beat(x)));
        const est = Int32Array.from(
          { length: w },
          (_, x) => clip(beat(x + shift) + offset + (rand() - 0.5) * 2 * noise),
        );
        const fast = smoothedCorrelationPeak(ref, est, q);
        const exact = smoothedCorrelationPeak(ref, est, q, { search: "exhaustive" });
        assert.deepEqual(fast, exact);
      },
    ),
    { numRuns: 12, seed: 19 },
  );
});

Deno.test("smoothedCorrelationPeak() coarse-to-fine evaluates cells with border rows and columns exactly", () => {
  // Few lags: the refined neighbourhoods cover them all, so the peak is the dense maximum.
  const image = (w: number, q: number) =>
    fc.array(fc.integer({ min: 0, max: q - 1 }), { minLength: w, maxLength: w }).map((a) =>
      Int32Array.from(a)
    );
  fc.assert(
    fc.property(
      fc.integer({ min: 6, max: 9 }).chain((w) =>
        fc.integer({ min: 5, max: 12 }).chain((q) =>
          fc.tuple(fc.constant(q), image(w, q), image(w, q))
        )
      ),
      ([q, ref, est]) => {
        const peak = smoothedCorrelationPeak(ref, est, q, { search: "coarse-to-fine" })!;
        const dense = bruteForce(ref, est, q);
        const max = Math.max(...dense);
        const got = dense[peak.row * (2 * ref.length - 1) + peak.col]!;
        return Math.abs(got - max) <= 1e-12 * max;
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});

/**
 * Small least-squares helpers: a quadratic surface over a lattice, and a
 * dense linear solve.
 *
 * @module
 */
import type { Lattice } from "./_phase.ts";

/** Least-squares quadratic surface through valid samples; returns its 6 coefficients. */
export function fitQuadratic(
  val: Float64Array,
  valid: Uint8Array,
  lat: Lattice,
): Float64Array | null {
  const a = new Float64Array(36), b = new Float64Array(6), f = new Float64Array(6);
  let count = 0;
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      const k = j * lat.nx + i;
      if (!valid[k]) continue;
      quadBasis(i / lat.nx, j / lat.ny, f);
      for (let r = 0; r < 6; r++) {
        b[r]! += f[r]! * val[k]!;
        for (let c = 0; c < 6; c++) a[r * 6 + c]! += f[r]! * f[c]!;
      }
      count++;
    }
  }
  if (count < 12) return null;
  for (let r = 0; r < 6; r++) a[r * 6 + r]! += 1e-9 * count;
  return solve(a, b, 6);
}

/** The quadratic basis (1, x, y, x², xy, y²). */
export function quadBasis(x: number, y: number, out: Float64Array): void {
  out[0] = 1, out[1] = x, out[2] = y, out[3] = x * x, out[4] = x * y, out[5] = y * y;
}

/** Solve `a·x = b` (n×n, Gaussian elimination with partial pivoting); null if singular. */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a), v = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (Math.abs(m[p * n + c]!) < 1e-14) return null;
    for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
    [v[c], v[p]] = [v[p]!, v[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      v[r]! -= f * v[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = v[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * v[k]!;
    v[r] = s / m[r * n + r]!;
  }
  return v;
}

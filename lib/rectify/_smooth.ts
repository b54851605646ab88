/**
 * Smoothing of a millimetre field on its lattice: the local phase of each
 * lattice point carries noise from traces, text and JPEG blocks (a few
 * tenths of a pixel), which a mesh built on it would print into the
 * rectified page as wobble. The field is split into a quadratic surface
 * (page-wide geometry: scale, rotation, perspective) and a residual
 * (bending, wrinkles); the residual is Gaussian-smoothed, with measured
 * points weighted over filled ones.
 *
 * @module
 */
import type { Lattice } from "./_phase.ts";
import { fitQuadratic, quadBasis } from "./_lsq.ts";

/** Separable normalised Gaussian smoothing of `val` with weights `w` (σ in lattice steps). */
function gaussian(val: Float64Array, w: Float64Array, lat: Lattice, sigma: number): Float64Array {
  const { nx, ny } = lat, r = Math.ceil(3 * sigma);
  const kern = new Float64Array(2 * r + 1);
  for (let k = -r; k <= r; k++) kern[k + r] = Math.exp(-(k * k) / (2 * sigma * sigma));
  const pass = (src: Float64Array, horizontal: boolean): Float64Array => {
    const out = new Float64Array(src.length);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        let s = 0;
        for (let k = -r; k <= r; k++) {
          const a = horizontal ? i + k : i, b = horizontal ? j : j + k;
          if (a < 0 || a >= nx || b < 0 || b >= ny) continue;
          s += kern[k + r]! * src[b * nx + a]!;
        }
        out[j * nx + i] = s;
      }
    }
    return out;
  };
  const num = new Float64Array(val.length);
  for (let k = 0; k < val.length; k++) num[k] = val[k]! * w[k]!;
  const sn = pass(pass(num, true), false), sw = pass(pass(w, true), false);
  const out = new Float64Array(val.length);
  for (let k = 0; k < val.length; k++) out[k] = sw[k]! > 1e-12 ? sn[k]! / sw[k]! : val[k]!;
  return out;
}

/**
 * The field `u` (one coordinate, on `lat`) with its departure from a
 * quadratic surface smoothed over `sigma` lattice steps. Points marked
 * valid weigh 1, filled ones 0.1. Returns a new array.
 */
export function smoothField(
  u: Float64Array,
  valid: Uint8Array,
  lat: Lattice,
  sigma: number,
): Float64Array {
  const c = fitQuadratic(u, valid, lat);
  if (!c || !(sigma > 0)) return Float64Array.from(u);
  const f = new Float64Array(6), model = new Float64Array(u.length);
  const res = new Float64Array(u.length), w = new Float64Array(u.length);
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      const k = j * lat.nx + i;
      quadBasis(i / lat.nx, j / lat.ny, f);
      let s = 0;
      for (let q = 0; q < 6; q++) s += c[q]! * f[q]!;
      model[k] = s, res[k] = u[k]! - s, w[k] = valid[k] ? 1 : 0.1;
    }
  }
  const smooth = gaussian(res, w, lat, sigma);
  for (let k = 0; k < u.length; k++) smooth[k] = model[k]! + smooth[k]!;
  return smooth;
}

/**
 * From the grid-coordinate fields (U, V in mm on a lattice of the
 * normalised image) to the page mesh: every mesh node of the rectified page
 * is found in the normalised image by Newton's method on the bilinear
 * fields, then carried to the input image.
 *
 * @module
 */
import type { PageMesh } from "./types.ts";
import type { Lattice } from "./_phase.ts";

/** Millimetre coordinates of the normalised image, sampled on a lattice. */
export interface MmField {
  readonly lat: Lattice;
  /** mm along x at each lattice point. */
  readonly u: Float64Array;
  /** mm along y at each lattice point. */
  readonly v: Float64Array;
}

/** Evaluate the field and its Jacobian at (x, y); linear extrapolation outside the lattice. */
export function evalField(f: MmField, x: number, y: number, out: Float64Array): void {
  const { nx, ny, x0, y0, step } = f.lat;
  const gx = (x - x0) / step, gy = (y - y0) / step;
  const i = Math.max(0, Math.min(nx - 2, Math.floor(gx)));
  const j = Math.max(0, Math.min(ny - 2, Math.floor(gy)));
  const tx = gx - i, ty = gy - j;
  const k = j * nx + i;
  for (let c = 0; c < 2; c++) {
    const a = c === 0 ? f.u : f.v;
    const p00 = a[k]!, p10 = a[k + 1]!, p01 = a[k + nx]!, p11 = a[k + nx + 1]!;
    out[c * 3] = p00 * (1 - tx) * (1 - ty) + p10 * tx * (1 - ty) + p01 * (1 - tx) * ty +
      p11 * tx * ty;
    out[c * 3 + 1] = ((p10 - p00) * (1 - ty) + (p11 - p01) * ty) / step;
    out[c * 3 + 2] = ((p01 - p00) * (1 - tx) + (p11 - p10) * tx) / step;
  }
}

/** The point (x, y) of the normalised image where the field equals (U, V), from a start guess. */
export function invertField(
  f: MmField,
  U: number,
  V: number,
  start: [number, number],
  buf: Float64Array,
): [number, number] {
  let [x, y] = start;
  for (let it = 0; it < 12; it++) {
    evalField(f, x, y, buf);
    const eu = U - buf[0]!, ev = V - buf[3]!;
    const a = buf[1]!, b = buf[2]!, c = buf[4]!, d = buf[5]!;
    const det = a * d - b * c;
    if (Math.abs(det) < 1e-12) break;
    const dx = (d * eu - b * ev) / det, dy = (a * ev - c * eu) / det;
    x += dx, y += dy;
    if (Math.abs(dx) + Math.abs(dy) < 1e-4) break;
  }
  return [x, y];
}

/** Build a mesh of `cols × rows` nodes `stepPx` apart from a node → source-point function. */
export function buildMesh(
  cols: number,
  rows: number,
  stepPx: number,
  node: (X: number, Y: number) => [number, number],
): PageMesh {
  const srcX = new Float32Array(cols * rows), srcY = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const [x, y] = node(i * stepPx, j * stepPx);
      srcX[j * cols + i] = x, srcY[j * cols + i] = y;
    }
  }
  return { stepPx, cols, rows, srcX, srcY };
}

/** Least-squares affine fit of a field over valid lattice points: [a0, ax, ay] for U and V. */
export function affineFit(
  f: MmField,
  validU: Uint8Array,
  validV: Uint8Array,
): { u: [number, number, number]; v: [number, number, number] } | null {
  const fit = (val: Float64Array, valid: Uint8Array): [number, number, number] | null => {
    let n = 0, sx = 0, sy = 0, sz = 0, sxx = 0, sxy = 0, syy = 0, sxz = 0, syz = 0;
    const { nx, ny, x0, y0, step } = f.lat;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i;
        if (!valid[k]) continue;
        const x = x0 + i * step, y = y0 + j * step, z = val[k]!;
        n++, sx += x, sy += y, sz += z, sxx += x * x, sxy += x * y, syy += y * y;
        sxz += x * z, syz += y * z;
      }
    }
    if (n < 6) return null;
    const mx = sx / n, my = sy / n, mz = sz / n;
    const cxx = sxx / n - mx * mx, cxy = sxy / n - mx * my, cyy = syy / n - my * my;
    const cxz = sxz / n - mx * mz, cyz = syz / n - my * mz;
    const det = cxx * cyy - cxy * cxy;
    if (Math.abs(det) < 1e-12) return null;
    const ax = (cxz * cyy - cyz * cxy) / det, ay = (cyz * cxx - cxz * cxy) / det;
    return [mz - ax * mx - ay * my, ax, ay];
  };
  const u = fit(f.u, validU), v = fit(f.v, validV);
  return u && v ? { u, v } : null;
}

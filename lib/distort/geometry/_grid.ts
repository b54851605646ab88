/**
 * The inverse mapping sampled on a grid, for fast per-pixel resampling:
 * exact inverses every {@linkcode COARSE_PX} output pixels, refined by
 * Catmull-Rom interpolation to every {@linkcode FINE_PX} pixels, then
 * bilinear per pixel along each row.
 *
 * @module
 */
import type { Mapping } from "./mapping.ts";

/** Spacing of the exactly computed inverse, output px. */
export const COARSE_PX = 16;
/** Spacing of the refined grid, output px (divides {@linkcode COARSE_PX}). */
export const FINE_PX = 4;

/** Source coordinates on the fine grid: node `(i, j)` is output pixel `(i·FINE_PX, j·FINE_PX)`. */
export interface InverseGrid {
  /** Fine nodes per row. */
  readonly nx: number;
  /** Fine node rows. */
  readonly ny: number;
  /** Source x of each node, row-major. */
  readonly gx: Float64Array;
  /** Source y of each node, row-major. */
  readonly gy: Float64Array;
}

const cache = new WeakMap<Mapping, InverseGrid>();

function catmullRom(t: number, w: Float64Array): void {
  const t2 = t * t, t3 = t2 * t;
  w[0] = (-t3 + 2 * t2 - t) / 2;
  w[1] = (3 * t3 - 5 * t2 + 2) / 2;
  w[2] = (-3 * t3 + 4 * t2 + t) / 2;
  w[3] = (t3 - t2) / 2;
}

/** The inverse grid of `mapping` (computed once per mapping, then cached). */
export function inverseGrid(mapping: Mapping): InverseGrid {
  const hit = cache.get(mapping);
  if (hit) return hit;
  const { outWidth: W, outHeight: H } = mapping;
  const sub = COARSE_PX / FINE_PX;
  const nx = Math.ceil((W - 1) / FINE_PX) + 2, ny = Math.ceil((H - 1) / FINE_PX) + 2;
  // Coarse node (i, j) sits at ((i - 1)·C, (j - 1)·C): one node before, two after.
  const cnx = Math.floor((nx - 1) / sub) + 4, cny = Math.floor((ny - 1) / sub) + 4;
  const cxs = new Float64Array(cnx * cny), cys = new Float64Array(cnx * cny);
  const p = new Float64Array(2);
  for (let j = 0; j < cny; j++) {
    for (let i = 0; i < cnx; i++) {
      mapping.inverse((i - 1) * COARSE_PX, (j - 1) * COARSE_PX, p);
      cxs[j * cnx + i] = p[0]!;
      cys[j * cnx + i] = p[1]!;
    }
  }
  const weights: Float64Array[] = [];
  for (let s = 0; s < sub; s++) {
    const w = new Float64Array(4);
    catmullRom(s / sub, w);
    weights.push(w);
  }
  // Along x on every coarse row.
  const tx = new Float64Array(cny * nx), ty = new Float64Array(cny * nx);
  for (let j = 0; j < cny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = Math.floor(i / sub) + 1, w = weights[i % sub]!;
      const k = j * cnx + c - 1;
      tx[j * nx + i] = w[0]! * cxs[k]! + w[1]! * cxs[k + 1]! + w[2]! * cxs[k + 2]! +
        w[3]! * cxs[k + 3]!;
      ty[j * nx + i] = w[0]! * cys[k]! + w[1]! * cys[k + 1]! + w[2]! * cys[k + 2]! +
        w[3]! * cys[k + 3]!;
    }
  }
  // Along y.
  const gx = new Float64Array(nx * ny), gy = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const c = Math.floor(j / sub) + 1, w = weights[j % sub]!;
    const r0 = (c - 1) * nx, r1 = r0 + nx, r2 = r1 + nx, r3 = r2 + nx;
    for (let i = 0; i < nx; i++) {
      gx[j * nx + i] = w[0]! * tx[r0 + i]! + w[1]! * tx[r1 + i]! + w[2]! * tx[r2 + i]! +
        w[3]! * tx[r3 + i]!;
      gy[j * nx + i] = w[0]! * ty[r0 + i]! + w[1]! * ty[r1 + i]! + w[2]! * ty[r2 + i]! +
        w[3]! * ty[r3 + i]!;
    }
  }
  const grid = { nx, ny, gx, gy };
  cache.set(mapping, grid);
  return grid;
}

/**
 * Source coordinates of every pixel of output row `y` (interpolated from
 * the grid), written into `sx` and `sy` (at least `width` long).
 */
export function sourceRow(
  grid: InverseGrid,
  y: number,
  width: number,
  sx: Float64Array,
  sy: Float64Array,
): void {
  const { nx, gx, gy } = grid;
  const j = Math.floor(y / FINE_PX), t = (y - j * FINE_PX) / FINE_PX;
  const r0 = j * nx, r1 = r0 + nx;
  let ax = gx[r0]! + (gx[r1]! - gx[r0]!) * t, ay = gy[r0]! + (gy[r1]! - gy[r0]!) * t;
  for (let i = 0, x = 0; x < width; i++) {
    const bx = gx[r0 + i + 1]! + (gx[r1 + i + 1]! - gx[r0 + i + 1]!) * t;
    const by = gy[r0 + i + 1]! + (gy[r1 + i + 1]! - gy[r0 + i + 1]!) * t;
    const dx = (bx - ax) / FINE_PX, dy = (by - ay) / FINE_PX;
    const end = Math.min(width, x + FINE_PX);
    for (let s = 0; x < end; x++, s++) {
      sx[x] = ax + dx * s;
      sy[x] = ay + dy * s;
    }
    ax = bx;
    ay = by;
  }
}

/**
 * The grid nodes of output row `y`, interpolated between node rows, in
 * 16.16 fixed point: source x into `fx`, y into `fy` (at least `grid.nx` long).
 * Pixel `x` lies between nodes `x >> 2` and `(x >> 2) + 1` (FINE_PX = 4).
 */
export function nodeRowFixed(grid: InverseGrid, y: number, fx: Int32Array, fy: Int32Array): void {
  const { nx, gx, gy } = grid;
  const j = Math.floor(y / FINE_PX), t = (y - j * FINE_PX) / FINE_PX;
  const r0 = j * nx, r1 = r0 + nx;
  for (let i = 0; i < nx; i++) {
    fx[i] = ((gx[r0 + i]! + (gx[r1 + i]! - gx[r0 + i]!) * t) * 65536) | 0;
    fy[i] = ((gy[r0 + i]! + (gy[r1 + i]! - gy[r0 + i]!) * t) * 65536) | 0;
  }
}

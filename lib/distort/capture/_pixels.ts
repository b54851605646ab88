/**
 * Pixel helpers shared by the capture families: smooth
 * fields on a coarse grid upsampled row by row, tables of normal deviates
 * and a fast inline generator for per-pixel randomness.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import { takeBuffer, type Workspace } from "../../raster/workspace.ts";

/** `n` floats in a workspace buffer named `name` (fresh memory without a workspace). */
export function floatBuffer(
  workspace: Workspace | undefined,
  name: string,
  n: number,
): Float32Array {
  const bytes = takeBuffer(workspace, name, n * 4);
  return new Float32Array(bytes.buffer, bytes.byteOffset, n);
}

/**
 * A smooth field with `planes` values per sample on a coarse grid: sample
 * `(i, j)` sits at pixel `(i·cell, j·cell)`; it covers a `width × height`
 * image, one sample beyond the last pixel on each axis.
 */
export interface CoarseGrid {
  /** Samples per row. */
  readonly cols: number;
  /** Sample rows. */
  readonly rows: number;
  /** Pixels between samples. */
  readonly cell: number;
  /** Values per sample (e.g. 3 for per-channel gains). */
  readonly planes: number;
  /** `data[(j·cols + i)·planes + p]`. */
  readonly data: Float32Array;
}

/** A grid over a `width × height` image with `f(x, y, out)` written at every sample. */
export function coarseGrid(
  width: number,
  height: number,
  cell: number,
  planes: number,
  f: (x: number, y: number, out: Float32Array) => void,
): CoarseGrid {
  const cols = Math.ceil((width - 1) / cell) + 2, rows = Math.ceil((height - 1) / cell) + 2;
  const data = new Float32Array(cols * rows * planes);
  const out = new Float32Array(planes);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      f(i * cell, j * cell, out);
      data.set(out, (j * cols + i) * planes);
    }
  }
  return { cols, rows, cell, planes, data };
}

/**
 * Interpolate every grid row along x to full width: `width · planes`
 * values per grid row, interleaved like the image's channels. Row `y` of
 * the image is then a linear blend of grid rows `⌊y / cell⌋` and the next
 * (see {@linkcode blendRows}).
 */
export function expandColumns(
  grid: CoarseGrid,
  width: number,
  workspace?: Workspace,
): Float32Array {
  const { cols, rows, cell, planes, data } = grid;
  const n = width * planes;
  const out = floatBuffer(workspace, `capture.expanded.${cell}.${planes}`, rows * n);
  const index = new Int32Array(width), frac = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    index[x] = Math.floor(x / cell) * planes;
    frac[x] = x / cell - Math.floor(x / cell);
  }
  for (let j = 0; j < rows; j++) {
    const src = j * cols * planes, dst = j * n;
    for (let x = 0; x < width; x++) {
      const i = src + index[x]!, t = frac[x]!;
      for (let p = 0; p < planes; p++) {
        const a = data[i + p]!, b = data[i + planes + p]!;
        out[dst + x * planes + p] = a + (b - a) * t;
      }
    }
  }
  return out;
}

/** Row `y` of the image from expanded grid rows, into `out` (`width · planes` values). */
export function blendRows(
  expanded: Float32Array,
  cell: number,
  y: number,
  out: Float32Array,
): void {
  const n = out.length, j = Math.floor(y / cell), t = y / cell - j;
  const a = expanded.subarray(j * n, j * n + n), b = expanded.subarray(j * n + n, j * n + 2 * n);
  for (let k = 0; k < n; k++) out[k] = a[k]! + (b[k]! - a[k]!) * t;
}

/**
 * Multiply every pixel of an RGB image by per-channel gains from a
 * 3-plane grid (smooth light, shadows, colour casts); with `tables`, then
 * map each channel's result through its table (R, G, B) in the same pass.
 */
export function multiplyByGrid(
  data: Uint8Array,
  width: number,
  height: number,
  grid: CoarseGrid,
  workspace?: Workspace,
  tables?: readonly [Uint8Array, Uint8Array, Uint8Array],
): void {
  const n = width * 3, expanded = expandColumns(grid, width, workspace), cell = grid.cell;
  for (let y = 0; y < height; y++) {
    const j = Math.floor(y / cell), t = y / cell - j;
    const a = expanded.subarray(j * n, j * n + n), b = expanded.subarray(j * n + n, j * n + 2 * n);
    const row = data.subarray(y * n, y * n + n);
    if (tables) multiplyRowThenLookup(row, a, b, t, tables[0], tables[1], tables[2]);
    else {
      for (let k = 0; k < n; k++) {
        const ga = a[k]!, v = (row[k]! * (ga + (b[k]! - ga) * t) + 0.5) | 0;
        row[k] = v > 255 ? 255 : v;
      }
    }
  }
}

/**
 * One row of {@linkcode multiplyByGrid} with lookup tables. `& 255` keeps
 * what storing the product into the byte array and reading it back gives.
 */
function multiplyRowThenLookup(
  row: Uint8Array,
  a: Float32Array,
  b: Float32Array,
  t: number,
  r: Uint8Array,
  g: Uint8Array,
  bl: Uint8Array,
): void {
  for (let k = 0; k < row.length; k += 3) {
    let ga = a[k]!, v = (row[k]! * (ga + (b[k]! - ga) * t) + 0.5) | 0;
    row[k] = r[(v > 255 ? 255 : v) & 255]!;
    ga = a[k + 1]!;
    v = (row[k + 1]! * (ga + (b[k + 1]! - ga) * t) + 0.5) | 0;
    row[k + 1] = g[(v > 255 ? 255 : v) & 255]!;
    ga = a[k + 2]!;
    v = (row[k + 2]! * (ga + (b[k + 2]! - ga) * t) + 0.5) | 0;
    row[k + 2] = bl[(v > 255 ? 255 : v) & 255]!;
  }
}

/** Table size of {@linkcode normalTable} (a power of two). */
export const NORMAL_TABLE_SIZE = 1 << 16;

/** `NORMAL_TABLE_SIZE` standard normal deviates times `scale`, rounded to integers. */
export function normalTable(rng: Rng, scale: number): Int16Array {
  const table = new Int16Array(NORMAL_TABLE_SIZE);
  for (let i = 0; i < table.length; i++) {
    table[i] = Math.max(-32767, Math.min(32767, Math.round(rng.normal() * scale)));
  }
  return table;
}

/** An inline xorshift32 stream seeded from `rng`: each call gives a uint32. */
export function xorshift(rng: Rng): () => number {
  let s = (Math.floor(rng.next() * 4294967295) | 1) >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** Smooth value noise in [-1, 1] with lattice spacing `period` (in the units of x and y). */
export function valueNoise(rng: Rng, period: number): (x: number, y: number) => number {
  const n = 64, lattice = new Float32Array(n * n);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next() * 2 - 1;
  const ox = rng.next() * n, oy = rng.next() * n;
  return (x, y) => {
    const fx = x / period + ox, fy = y / period + oy;
    const i = Math.floor(fx), j = Math.floor(fy);
    const tx = fx - i, ty = fy - j;
    const sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
    const i0 = i & (n - 1), i1 = (i + 1) & (n - 1), j0 = (j & (n - 1)) * n;
    const j1 = ((j + 1) & (n - 1)) * n;
    const a = lattice[j0 + i0]! + (lattice[j0 + i1]! - lattice[j0 + i0]!) * sx;
    const b = lattice[j1 + i0]! + (lattice[j1 + i1]! - lattice[j1 + i0]!) * sx;
    return a + (b - a) * sy;
  };
}

/** Parse `#rrggbb` into three numbers. */
export function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Format three channel values as `#rrggbb`. */
export function rgbHex(rgb: readonly number[]): string {
  return "#" +
    rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0"))
      .join("");
}

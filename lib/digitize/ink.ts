/**
 * Trace ink: how much each pixel of a rectified page looks like trace,
 * separated from paper and grid.
 *
 * Darkness is taken from the brightest channel (a red, pink, blue or green
 * grid is bright in at least one channel; black, navy or dark-grey ink is
 * dark in all), relative to the estimated paper level. Achromatic grid
 * lines (black or grey grids of photos and copies) run the full width or
 * height of the rectified page, so a low percentile of each row and column
 * segment is the grid's own darkness there and is subtracted.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/** A trace-ink map, row-major, `width × height`, 0 (paper, grid) to 255 (ink). */
export interface InkMap {
  /** Width, px. */
  readonly width: number;
  /** Height, px. */
  readonly height: number;
  /** Ink per pixel, row-major. */
  readonly data: Uint8Array;
  /** Ink level above which a pixel counts as trace. */
  readonly threshold: number;
  /** Estimated paper level of the brightest channel, 0 to 255. */
  readonly paperLevel: number;
  /** Estimated darkest ink level of the brightest channel, 0 to 255. */
  readonly inkLevel: number;
}

/** Options of {@linkcode inkMap}. */
export interface InkMapOptions {
  /** Period of the page's grid (5 mm), px, when a grid was found: structure repeating at it is removed. @default undefined */
  gridPeriodPx?: number;
  /**
   * Measure darkness against the paper's own level around each pixel (so
   * shadows, wrinkles and uneven light are not ink), not one level for the
   * page. @default true
   */
  localPaper?: boolean;
}

/** Share of dark pixels above which the grid is taken to be dark (achromatic). */
const DARK_GRID_SHARE = 0.05;
const SEGMENTS = 6;
const BG_QUANTILE = 0.25;
const MAX_GRID = 150;

/**
 * Compute the ink map of an RGB (or grey) image.
 *
 * @example
 * ```ts
 * import { inkMap } from "./ink.ts";
 * const data = new Uint8Array(20 * 20 * 3).fill(255);
 * for (let x = 0; x < 20; x++) data.fill(0, (10 * 20 + x) * 3, (10 * 20 + x) * 3 + 3);
 * const ink = inkMap({ width: 20, height: 20, channels: 3, data });
 * console.assert(ink.data[10 * 20 + 5]! > ink.threshold && ink.data[0] === 0);
 * ```
 */
export function inkMap(image: RasterImage, options: InkMapOptions = {}): InkMap {
  const { width, height, channels, data } = image;
  const n = width * height;
  const bright = new Uint8Array(n);
  const hist = new Float64Array(256);
  const step = channels === 4 ? 4 : channels;
  for (let p = 0, i = 0; p < n; p++, i += step) {
    let m = data[i]!;
    if (channels >= 3) {
      const g = data[i + 1]!, b = data[i + 2]!;
      if (g > m) m = g;
      if (b > m) m = b;
    }
    bright[p] = m;
    hist[m]!++;
  }
  const paperLevel = quantileOfHistogram(hist, n, 0.75);
  const inkLevel = Math.min(quantileOfHistogram(hist, n, 0.001), paperLevel - 40);
  const span = Math.max(paperLevel - Math.max(inkLevel, 0), 40);
  const { gridPeriodPx } = options;
  const dark = new Uint8Array(n);
  if (options.localPaper === false) {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) {
      lut[v] = Math.round(255 * Math.min(1, Math.max(0, (paperLevel - v) / span)));
    }
    for (let p = 0; p < n; p++) dark[p] = lut[bright[p]!]!;
  } else {
    const block = Math.max(16, Math.round(gridPeriodPx !== undefined ? 2 * gridPeriodPx : 64));
    localDarkness(bright, width, height, block, Math.max(inkLevel, 0), dark);
  }
  // A grid dark in every channel (grey or black: copies, B&W prints) leaves
  // much of the page dark; only then is the periodic structure taken out,
  // as it would also eat into traces drawn along a light grid's lines.
  let darkShare = 0;
  for (let p = 0; p < n; p += 7) if (dark[p]! > 64) darkShare++;
  darkShare /= Math.ceil(n / 7);
  if (gridPeriodPx !== undefined && gridPeriodPx >= 4 && darkShare > DARK_GRID_SHARE) {
    subtractPeriodic(dark, width, height, gridPeriodPx);
  }
  const out = subtractLineBackground(dark, width, height);
  return { width, height, data: out, threshold: inkThreshold(out), paperLevel, inkLevel };
}

/**
 * Darkness of every pixel against the local paper level: the 75th
 * percentile of the brightest channel in blocks of `block` pixels,
 * interpolated bilinearly between block centres.
 */
function localDarkness(
  bright: Uint8Array,
  width: number,
  height: number,
  block: number,
  inkLevel: number,
  out: Uint8Array,
): void {
  const bx = Math.ceil(width / block), by = Math.ceil(height / block);
  const level = new Float32Array(bx * by);
  const counts = new Uint32Array(256);
  for (let j = 0; j < by; j++) {
    for (let i = 0; i < bx; i++) {
      counts.fill(0);
      let total = 0;
      const y1 = Math.min(height, (j + 1) * block), x1 = Math.min(width, (i + 1) * block);
      for (let y = j * block; y < y1; y += 2) {
        for (let x = i * block, k = y * width + x; x < x1; x += 2, k += 2) {
          counts[bright[k]!]!++;
          total++;
        }
      }
      level[j * bx + i] = countsQuantile(counts, total, 0.75);
    }
  }
  const rowLevel = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(by - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const j0 = Math.floor(fy), j1 = Math.min(by - 1, j0 + 1), ty = fy - j0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(bx - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const i0 = Math.floor(fx), i1 = Math.min(bx - 1, i0 + 1), tx = fx - i0;
      const top = level[j0 * bx + i0]! * (1 - tx) + level[j0 * bx + i1]! * tx;
      const bot = level[j1 * bx + i0]! * (1 - tx) + level[j1 * bx + i1]! * tx;
      rowLevel[x] = top * (1 - ty) + bot * ty;
    }
    for (let x = 0, k = y * width; x < width; x++, k++) {
      const paper = rowLevel[x]!;
      const span = Math.max(paper - inkLevel, 40);
      const d = (255 * (paper - bright[k]!)) / span;
      out[k] = d <= 0 ? 0 : d >= 255 ? 255 : Math.round(d);
    }
  }
}

/**
 * Remove structure that repeats one grid period away, in place. A grid
 * line, a grid dot or a crossing is as dark one period up or down (the
 * next line, or the same vertical line) and one period left or right; a
 * trace is not, in at least one of the two directions (a flat stretch is
 * not repeated vertically, a steep stroke not horizontally). So the grid
 * there is the lesser of the two directions' darkness, each the lesser of
 * its two sides, each the darkest pixel within a pixel of the shifted
 * position (the period is rarely a whole number of pixels).
 */
function subtractPeriodic(dark: Uint8Array, width: number, height: number, period: number): void {
  const p = Math.round(period);
  const src = dark.slice();
  const at = (x: number, y: number): number => {
    if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) return -1;
    const k = y * width + x;
    return Math.max(src[k]!, src[k - 1]!, src[k + 1]!, src[k - width]!, src[k + width]!);
  };
  const side = (a: number, b: number): number =>
    a < 0 ? (b < 0 ? 0 : b) : b < 0 ? a : Math.min(a, b);
  for (let y = 0; y < height; y++) {
    for (let x = 0, k = y * width; x < width; x++, k++) {
      const v = src[k]!;
      if (v === 0) continue;
      const gy = side(at(x, y - p), at(x, y + p));
      if (gy === 0) continue;
      const gx = side(at(x - p, y), at(x + p, y));
      const g = gx < gy ? gx : gy;
      if (g === 0) continue;
      const d = v - g;
      dark[k] = d > 0 ? Math.round((255 * d) / (255 - Math.min(g, 254))) : 0;
    }
  }
}

/** Remove full-length horizontal and vertical structure (grid lines), per segment. */
function subtractLineBackground(dark: Uint8Array, width: number, height: number): Uint8Array {
  const segW = Math.ceil(width / SEGMENTS), segH = Math.ceil(height / SEGMENTS);
  const rowBg = new Uint8Array(height * SEGMENTS);
  const colBg = new Uint8Array(width * SEGMENTS);
  const counts = new Uint32Array(256);
  for (let y = 0; y < height; y++) {
    for (let s = 0; s < SEGMENTS; s++) {
      const a = s * segW, b = Math.min(width, a + segW);
      if (b <= a) continue;
      counts.fill(0);
      for (let x = a, k = y * width + a; x < b; x += 2, k += 2) counts[dark[k]!]!++;
      rowBg[y * SEGMENTS + s] = countsQuantile(counts, Math.ceil((b - a) / 2), BG_QUANTILE);
    }
  }
  for (let s = 0; s < SEGMENTS; s++) {
    const a = s * segH, b = Math.min(height, a + segH);
    if (b <= a) continue;
    const colHist = new Uint16Array(width * 32);
    for (let y = a; y < b; y += 2) {
      const row = y * width;
      for (let x = 0; x < width; x++) colHist[x * 32 + (dark[row + x]! >> 3)]!++;
    }
    const total = Math.ceil((b - a) / 2), target = total * BG_QUANTILE;
    for (let x = 0; x < width; x++) {
      let acc = 0, bin = 0;
      for (; bin < 32; bin++) {
        acc += colHist[x * 32 + bin]!;
        if (acc > target) break;
      }
      colBg[x * SEGMENTS + s] = bin << 3;
    }
  }
  const out = new Uint8Array(dark.length);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(SEGMENTS - 1, Math.floor(y / segH));
    for (let x = 0, k = y * width; x < width; x++, k++) {
      const sx = Math.min(SEGMENTS - 1, Math.floor(x / segW));
      const r = rowBg[y * SEGMENTS + sx]!, c = colBg[x * SEGMENTS + sy]!;
      let bg = r > c ? r : c;
      // A row or column dark over most of a segment and darker than any grid
      // line is a flat trace (a lead at zero), not grid: keep it.
      if (bg > MAX_GRID) bg = 0;
      // Ink over a grid line: transmittances multiply, so divide the grid out.
      const v = dark[k]! - bg;
      out[k] = v > 0 ? Math.round((255 * v) / (255 - bg)) : 0;
    }
  }
  return out;
}

/** Half the level of the trace cores (a high percentile of the ink), with a floor. */
function inkThreshold(ink: Uint8Array): number {
  const hist = new Float64Array(256);
  let nonZero = 0;
  for (let i = 0; i < ink.length; i++) {
    const v = ink[i]!;
    hist[v]!++;
    if (v > 0) nonZero++;
  }
  hist[0] = 0;
  if (nonZero === 0) return 255;
  // The darkest few per cent of the non-paper pixels are trace and text cores.
  const core = quantileOfHistogram(hist, nonZero, 0.9);
  return Math.max(40, Math.round(core * 0.45));
}

function quantileOfHistogram(hist: Float64Array, total: number, q: number): number {
  const target = total * q;
  let acc = 0;
  for (let v = 0; v < hist.length; v++) {
    acc += hist[v]!;
    if (acc > target) return v;
  }
  return hist.length - 1;
}

function countsQuantile(counts: Uint32Array, total: number, q: number): number {
  const target = total * q;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += counts[v]!;
    if (acc > target) return v;
  }
  return 255;
}

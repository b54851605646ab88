/**
 * Stage 2 figures: the extracted traces drawn over the input image (mapped
 * back through the page mesh), and the 12 leads plotted.
 *
 * @module
 */
import { renderText, stampText } from "../generate/text.ts";
import { drawPolyline } from "../raster/draw.ts";
import {
  createCoverage,
  createRgbImage,
  paintCoverage,
  type RasterImage,
  type Rgb,
  toRgb,
} from "../raster/image.ts";
import type { EcgRecord } from "../records/types.ts";
import type { PageMesh } from "../rectify/types.ts";
import type { Digitized } from "./types.ts";

const ROW_COLOURS: readonly Rgb[] = [
  [0, 160, 255],
  [255, 0, 200],
  [0, 200, 60],
  [255, 140, 0],
  [140, 60, 255],
  [0, 200, 200],
];

/**
 * Map a rectified-page point to the input image through the mesh
 * (bilinear between nodes, clamped at the border of the mesh).
 *
 * @example
 * ```ts
 * import { meshToInput } from "./figures.ts";
 * const mesh = { stepPx: 10, cols: 2, rows: 2, srcX: Float32Array.of(0, 20, 0, 20), srcY: Float32Array.of(0, 0, 20, 20) };
 * console.assert(meshToInput(mesh, 5, 5)[0] === 10);
 * ```
 */
export function meshToInput(mesh: PageMesh, x: number, y: number): [number, number] {
  const { stepPx, cols, rows, srcX, srcY } = mesh;
  const gx = Math.min(Math.max(x / stepPx, 0), cols - 1);
  const gy = Math.min(Math.max(y / stepPx, 0), rows - 1);
  const i = Math.min(Math.floor(gx), Math.max(0, cols - 2));
  const j = Math.min(Math.floor(gy), Math.max(0, rows - 2));
  const fx = gx - i, fy = gy - j;
  const i1 = Math.min(i + 1, cols - 1), j1 = Math.min(j + 1, rows - 1);
  const at = (a: Float32Array, ii: number, jj: number): number => a[jj * cols + ii]!;
  const lerp = (a: Float32Array): number =>
    (1 - fy) * ((1 - fx) * at(a, i, j) + fx * at(a, i1, j)) +
    fy * ((1 - fx) * at(a, i, j1) + fx * at(a, i1, j1));
  // Extrapolate linearly beyond the last node.
  const ex = x / stepPx - gx, ey = y / stepPx - gy;
  const dxdi = cols > 1 ? at(srcX, i1, j) - at(srcX, i, j) : stepPx;
  const dydj = rows > 1 ? at(srcY, i, j1) - at(srcY, i, j) : stepPx;
  return [lerp(srcX) + ex * dxdi, lerp(srcY) + ey * dydj];
}

/**
 * `fig_stage2_pixel_overlay`: the input image with every traced row drawn
 * over it (one colour per row), the calibration pulses boxed.
 */
export function pixelOverlayFigure(input: RasterImage, result: Digitized): RasterImage {
  const base = toRgb(input);
  const halfWidth = Math.max(0.6, Math.min(input.width, input.height) / 1500);
  result.rows.forEach((row, r) => {
    const cov = createCoverage(base.width, base.height);
    const xs = new Float64Array(row.xs.length), ys = new Float64Array(row.ys.length);
    for (let i = 0; i < row.xs.length; i++) {
      if (Number.isNaN(row.xs[i]!)) {
        xs[i] = ys[i] = NaN;
        continue;
      }
      [xs[i], ys[i]] = meshToInput(result.mesh, row.xs[i]!, row.ys[i]!);
    }
    drawPolyline(cov, xs, ys, halfWidth);
    const p = row.pulse;
    if (p) {
      const box = [[p.x0, p.topY], [p.x1, p.topY], [p.x1, p.baseY], [p.x0, p.baseY], [p.x0, p.topY]]
        .map(([x, y]) => meshToInput(result.mesh, x!, y!));
      drawPolyline(cov, box.map((b) => b[0]), box.map((b) => b[1]), halfWidth);
    }
    paintCoverage(base, cov, ROW_COLOURS[r % ROW_COLOURS.length]!);
  });
  return base;
}

/** `fig_stage2_series`: the 12 leads, one strip each, with a 0.2 s / 0.5 mV grid. */
export function seriesFigure(record: EcgRecord, widthPx = 1600): RasterImage {
  const strip = 110, left = 70, top = 10;
  const n = record.leadNames.length;
  const height = top * 2 + strip * n;
  const image = createRgbImage(widthPx, height, [255, 255, 255]);
  const grid = createCoverage(widthPx, height), ink = createCoverage(widthPx, height);
  const text = createCoverage(widthPx, height);
  const samples = record.signals[0]?.length ?? 0;
  const seconds = samples / record.sampleRateHz;
  const pxPerS = (widthPx - left - 10) / Math.max(seconds, 1e-9);
  const pxPerMv = 40;
  for (let s = 0; s <= seconds + 1e-9; s += 0.2) {
    const x = left + s * pxPerS;
    drawPolyline(grid, [x, x], [top, height - top], Math.abs(s % 1) < 1e-6 ? 0.7 : 0.35);
  }
  record.leadNames.forEach((lead, k) => {
    const mid = top + strip * k + strip / 2;
    for (let mv = -1; mv <= 1; mv += 0.5) {
      drawPolyline(grid, [left, widthPx - 10], [mid - mv * pxPerMv, mid - mv * pxPerMv], 0.35);
    }
    stampText(text, renderText(lead, 16), 8, mid + 6);
    const v = record.signals[k]!;
    const finite = Array.from(v).filter(Number.isFinite).sort((a, b) => a - b);
    const centre = finite.length ? finite[finite.length >> 1]! : 0;
    const xs = new Float64Array(v.length), ys = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      xs[i] = left + (i / record.sampleRateHz) * pxPerS;
      const y = mid - (v[i]! - centre) * pxPerMv;
      ys[i] = Number.isFinite(y) ? Math.min(Math.max(y, mid - strip / 2), mid + strip / 2) : NaN;
    }
    drawPolyline(ink, xs, ys, 0.8);
  });
  paintCoverage(image, grid, [250, 190, 190]);
  paintCoverage(image, ink, [0, 0, 0]);
  paintCoverage(image, text, [0, 0, 120]);
  return image;
}

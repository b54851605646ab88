/**
 * Stage figures of rectification, as images (the digitize CLI writes them
 * as `fig_stage0_*.png` / `fig_stage1_*.png`).
 *
 * @module
 */
import {
  createCoverage,
  paintCoverage,
  type RasterImage,
  type Rgb,
  toRgb,
} from "../raster/image.ts";
import { drawPolyline } from "../raster/draw.ts";
import type { FloatMap, Rectified } from "./types.ts";

/** A heatmap as a grey image: 0 = white, 1 = black. */
function heatmap(map: FloatMap): RasterImage {
  const data = new Uint8Array(map.width * map.height);
  for (let i = 0; i < data.length; i++) data[i] = 255 - Math.round(255 * Math.min(1, map.data[i]!));
  return { width: map.width, height: map.height, channels: 1, data };
}

/** Paint polylines over an RGB image (in place on a copy we own). */
function paintLines(
  image: RasterImage,
  lines: readonly [number[], number[]][],
  halfWidth: number,
  colour: Rgb,
): void {
  const cov = createCoverage(image.width, image.height);
  for (const [xs, ys] of lines) drawPolyline(cov, xs, ys, halfWidth);
  paintCoverage(image, cov, colour);
}

/**
 * The stage 0 and 1 figures of a rectification: `fig_stage0_marker_overlay`
 * (marker boxes on the normalised image), `fig_stage0_normalised`,
 * `fig_stage1_gh` and `fig_stage1_gv` (line heatmaps, dark = line),
 * `fig_stage1_mapping` (the mesh, every 5 mm, drawn over the input) and
 * `fig_stage1_rectified`.
 *
 * @example
 * ```ts
 * import { rectify, rectifyFigures } from "./mod.ts";
 * const page = { width: 64, height: 64, channels: 3 as const, data: new Uint8Array(64 * 64 * 3).fill(255) };
 * const result = await rectify(page);
 * if (result.ok) console.assert("fig_stage1_mapping" in rectifyFigures(result, page));
 * ```
 */
export function rectifyFigures(result: Rectified, input: RasterImage): Record<string, RasterImage> {
  const norm = toRgb(result.normalised);
  const boxes: [number[], number[]][] = result.markers.map((m) => {
    const [l, t, r, b] = m.box;
    return [[l - 1, r + 1, r + 1, l - 1, l - 1], [t - 1, t - 1, b + 1, b + 1, t - 1]];
  });
  const markerOverlay = toRgb(result.normalised);
  paintLines(markerOverlay, boxes, Math.max(0.6, norm.width / 1500), [0, 90, 255]);

  const mapping = toRgb(input);
  const { mesh } = result;
  const every = Math.max(1, Math.round((5 * result.pxPerMm) / mesh.stepPx));
  const lines: [number[], number[]][] = [];
  for (let j = 0; j < mesh.rows; j++) {
    if (j % every !== 0 && j !== mesh.rows - 1) continue;
    const xs: number[] = [], ys: number[] = [];
    for (let i = 0; i < mesh.cols; i++) {
      xs.push(mesh.srcX[j * mesh.cols + i]!), ys.push(mesh.srcY[j * mesh.cols + i]!);
    }
    lines.push([xs, ys]);
  }
  for (let i = 0; i < mesh.cols; i++) {
    if (i % every !== 0 && i !== mesh.cols - 1) continue;
    const xs: number[] = [], ys: number[] = [];
    for (let j = 0; j < mesh.rows; j++) {
      xs.push(mesh.srcX[j * mesh.cols + i]!), ys.push(mesh.srcY[j * mesh.cols + i]!);
    }
    lines.push([xs, ys]);
  }
  paintLines(mapping, lines, Math.max(0.6, input.width / 1800), [0, 160, 60]);

  return {
    fig_stage0_marker_overlay: markerOverlay,
    fig_stage0_normalised: norm,
    fig_stage1_gh: heatmap(result.gridHorizontal),
    fig_stage1_gv: heatmap(result.gridVertical),
    fig_stage1_mapping: mapping,
    fig_stage1_rectified: toRgb(result.image),
  };
}

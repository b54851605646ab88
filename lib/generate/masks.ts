/**
 * The 9 segmentation channels of docs/FORMATS.md, from the renderer's coverage
 * planes and grid profiles.
 *
 * @module
 */
import { takeBuffer, type Workspace } from "../raster/workspace.ts";
import { gridCoverageAt } from "./grid.ts";
import type { RenderedPage } from "./render.ts";

/** Channel names, in channel order. */
export const MASK_CHANNELS = [
  "grid_horizontal",
  "grid_vertical",
  "grid_crossings",
  "signal_row_1",
  "signal_row_2",
  "signal_row_3",
  "signal_row_4",
  "text",
  "separators",
] as const;

/** Ink coverage (of 255) from which a pixel counts as part of a mask. */
const INK_THRESHOLD = 64;
/** Grid-line coverage (of 1) from which a pixel counts as part of a grid mask. */
const GRID_THRESHOLD = 0.25;

/**
 * One 0/1 plane (row-major, `width × height`) per channel. Pixels may
 * belong to several channels (a trace crossing a grid line is in both).
 * With a workspace the planes are its buffers, valid until the next page.
 */
export function pageMasks(page: RenderedPage, workspace?: Workspace): Uint8Array[] {
  const { width, height } = page;
  const size = width * height;
  const masks = MASK_CHANNELS.map((_, c) => takeBuffer(workspace, `mask${c}`, size));
  const [h, v, both] = masks as [Uint8Array, Uint8Array, Uint8Array];
  const grid = page.grid;
  if (grid && (grid.pattern === "dotted_minor" || grid.pattern === "dots" || boxed(page))) {
    const cov = new Float64Array(4);
    for (let y = 0, i = 0; y < height; y++) {
      for (let x = 0; x < width; x++, i++) {
        gridCoverageAt(grid, x, y, cov);
        const onH = Math.max(cov[0]!, cov[2]!) >= GRID_THRESHOLD ? 1 : 0;
        const onV = Math.max(cov[1]!, cov[3]!) >= GRID_THRESHOLD ? 1 : 0;
        h[i] = onH;
        v[i] = onV;
        both[i] = onH & onV;
      }
    }
  } else if (grid) {
    const onX = new Uint8Array(width);
    for (let x = 0; x < width; x++) {
      onX[x] = Math.max(grid.minorX[x]!, grid.majorX[x]!) >= GRID_THRESHOLD ? 1 : 0;
    }
    for (let y = 0; y < height; y++) {
      const onY = Math.max(grid.minorY[y]!, grid.majorY[y]!) >= GRID_THRESHOLD;
      const row = y * width;
      h.fill(onY ? 1 : 0, row, row + width);
      v.set(onX, row);
      if (onY) both.set(onX, row);
      else both.fill(0, row, row + width);
    }
  } else {
    for (const m of [h, v, both]) m.fill(0);
  }
  for (let c = 3; c < MASK_CHANNELS.length; c++) {
    const out = masks[c]!;
    out.fill(0);
    const plane = page.planes?.get(c);
    if (!plane) continue;
    const data = plane.data;
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) continue;
      for (let i = w * 4; i < w * 4 + 4; i++) if (data[i]! >= INK_THRESHOLD) out[i] = 1;
    }
    for (let i = words.length * 4; i < data.length; i++) if (data[i]! >= INK_THRESHOLD) out[i] = 1;
  }
  // The pixel of every plotted sample (as the JSON states it, to 0.001 px) is in its channel,
  // however thin the trace.
  if (page.planes) {
    const pixel = (v: number): number => Math.round(Math.round(v * 1000) / 1000);
    for (const d of page.panels) {
      const out = masks[d.panel.maskChannel]!;
      for (let i = 0; i < d.xs.length; i++) {
        const x = pixel(d.xs[i]!), y = pixel(d.ys[i]!);
        if (x >= 0 && y >= 0 && x < width && y < height) out[y * width + x] = 1;
      }
    }
  }
  return masks;
}

function boxed(page: RenderedPage): boolean {
  const [x0, y0, x1, y1] = page.grid!.box;
  return x0 > 0 || y0 > 0 || x1 < page.width - 1 || y1 < page.height - 1;
}

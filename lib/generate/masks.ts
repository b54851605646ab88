/**
 * The 9 segmentation channels of FORMATS.md, from the renderer's coverage
 * planes and grid profiles.
 *
 * @module
 */
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
 */
export function pageMasks(page: RenderedPage): Uint8Array[] {
  const { width, height } = page;
  const masks = MASK_CHANNELS.map(() => new Uint8Array(width * height));
  const grid = page.grid;
  if (grid) {
    const onX = new Uint8Array(width), onY = new Uint8Array(height);
    for (let x = 0; x < width; x++) {
      onX[x] = Math.max(grid.minorX[x]!, grid.majorX[x]!) >= GRID_THRESHOLD ? 1 : 0;
    }
    for (let y = 0; y < height; y++) {
      onY[y] = Math.max(grid.minorY[y]!, grid.majorY[y]!) >= GRID_THRESHOLD ? 1 : 0;
    }
    const [h, v, both] = masks as [Uint8Array, Uint8Array, Uint8Array];
    for (let y = 0; y < height; y++) {
      if (onY[y]) h.fill(1, y * width, (y + 1) * width);
      const row = y * width;
      for (let x = 0; x < width; x++) {
        if (onX[x]) {
          v[row + x] = 1;
          if (onY[y]) both[row + x] = 1;
        }
      }
    }
  }
  for (const [channel, plane] of page.planes ?? []) {
    const out = masks[channel]!;
    for (let i = 0; i < plane.data.length; i++) if (plane.data[i]! >= INK_THRESHOLD) out[i] = 1;
  }
  return masks;
}

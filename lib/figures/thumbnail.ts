/**
 * A small copy of an image, for contact sheets and notebook previews.
 *
 * @module
 */
import { createRgbImage, type RasterImage } from "../raster/image.ts";

/**
 * Area-average downscale of `image` to `widthPx` wide (aspect ratio kept;
 * never upscales). RGB out, from a 1-, 3- or 4-channel image; the input is
 * not changed.
 *
 * @param image `width × height × channels` pixels, row-major.
 * @param widthPx Width of the result, px (an image already narrower is copied as RGB).
 *
 * @example
 * ```ts
 * import { thumbnail } from "./thumbnail.ts";
 * import { createRgbImage } from "../raster/image.ts";
 * const small = thumbnail(createRgbImage(2200, 1700, [255, 0, 0]), 640);
 * console.assert(small.width === 640 && small.height === 495 && small.data[0] === 255);
 * ```
 */
export function thumbnail(image: RasterImage, widthPx: number): RasterImage {
  if (!(widthPx >= 1)) {
    throw new RangeError(`Cannot make a thumbnail: widthPx must be ≥ 1, got ${widthPx}`);
  }
  const scale = Math.min(1, widthPx / image.width);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const out = createRgbImage(w, h, [255, 255, 255]);
  const sums = new Float64Array(w * h * 3), counts = new Float64Array(w * h);
  const ch = image.channels;
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(h - 1, Math.floor(y * scale));
    for (let x = 0; x < image.width; x++) {
      const t = ty * w + Math.min(w - 1, Math.floor(x * scale));
      const s = (y * image.width + x) * ch;
      for (let c = 0; c < 3; c++) sums[t * 3 + c]! += image.data[s + (ch >= 3 ? c : 0)]!;
      counts[t]!++;
    }
  }
  for (let t = 0; t < w * h; t++) {
    for (let c = 0; c < 3; c++) out.data[t * 3 + c] = Math.round(sums[t * 3 + c]! / counts[t]!);
  }
  return out;
}

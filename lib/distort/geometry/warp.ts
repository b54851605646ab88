/**
 * Resample an image or a mask through a composed mapping: each output
 * pixel takes the page at the inverse-mapped point (bilinear).
 *
 * @module
 */
import type { RasterImage } from "../../raster/image.ts";
import { takeBuffer, type Workspace } from "../../raster/workspace.ts";
import { type InverseGrid, inverseGrid, nodeRowFixed } from "./_grid.ts";
import type { Mapping } from "./mapping.ts";

/** Value written where no page is (alpha 0): a paper-ish mid grey, for the capture stage to replace. */
export const OUTSIDE_GREY = 128;

/**
 * Bilinear mask coverage from which a warped mask pixel is on. A pixel
 * shows as ink (a third of full darkness) only if at least ~0.11 of its
 * bilinear weight falls on source mask pixels (those have ≥ 0.25 ink
 * coverage, the rest < 0.25), so 0.1 keeps every visible ink pixel covered.
 */
export const MASK_COVERAGE_THRESHOLD = 0.1;

/** A warped image and how much of each pixel is page. */
export interface WarpedImage {
  /**
   * The image, `mapping.outWidth × mapping.outHeight`, same channels as the
   * input. Where alpha is 0 it holds {@linkcode OUTSIDE_GREY}; where alpha is
   * between 0 and 1 it holds the page's edge colour, not yet blended.
   */
  readonly image: RasterImage;
  /** Page coverage per pixel, row-major: 1 inside, 0 outside, a one-pixel ramp at the page edge. */
  readonly alpha: Float32Array;
}

/** Occupancy blocks of warpMask are 2^BLOCK_SHIFT pixels square. */
const BLOCK_SHIFT = 3;

/** 1 for each block of the mask that holds an on pixel. */
function blocks(mask: Uint8Array, w: number, h: number): Uint8Array {
  const bw = (w >> BLOCK_SHIFT) + 1, bh = (h >> BLOCK_SHIFT) + 1;
  const occupancy = new Uint8Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const row = y * w, brow = (y >> BLOCK_SHIFT) * bw;
    let x = 0;
    // Skip empty runs four pixels at a time where the row is aligned.
    if (mask.byteOffset % 4 === 0 && row % 4 === 0) {
      const words = new Uint32Array(mask.buffer, mask.byteOffset + row, w >> 2);
      for (let k = 0; k < words.length; k++) {
        if (words[k] === 0) continue;
        for (let i = k * 4; i < k * 4 + 4; i++) {
          if (mask[row + i]) occupancy[brow + (i >> BLOCK_SHIFT)] = 1;
        }
      }
      x = words.length * 4;
    }
    for (; x < w; x++) if (mask[row + x]) occupancy[brow + (x >> BLOCK_SHIFT)] = 1;
  }
  return occupancy;
}

/**
 * 1 for each fine-grid cell (4 × 4 output pixels) whose source area, the
 * hull of its corner nodes plus one pixel, touches an occupied block.
 */
function busyCells(grid: InverseGrid, occupancy: Uint8Array, w: number, h: number): Uint8Array {
  const { nx, ny, gx, gy } = grid;
  const bw = (w >> BLOCK_SHIFT) + 1, bh = (h >> BLOCK_SHIFT) + 1;
  const busy = new Uint8Array(nx * ny);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i, b = a + 1, c = a + nx, d = c + 1;
      const x0 = Math.floor(Math.min(gx[a]!, gx[b]!, gx[c]!, gx[d]!));
      const x1 = Math.floor(Math.max(gx[a]!, gx[b]!, gx[c]!, gx[d]!)) + 1;
      const y0 = Math.floor(Math.min(gy[a]!, gy[b]!, gy[c]!, gy[d]!));
      const y1 = Math.floor(Math.max(gy[a]!, gy[b]!, gy[c]!, gy[d]!)) + 1;
      if (x1 < 0 || y1 < 0 || x0 >= w || y0 >= h) continue;
      const bx0 = Math.max(0, x0) >> BLOCK_SHIFT, bx1 = Math.min(bw - 1, x1 >> BLOCK_SHIFT);
      const by0 = Math.max(0, y0) >> BLOCK_SHIFT, by1 = Math.min(bh - 1, y1 >> BLOCK_SHIFT);
      let any = 0;
      for (let by = by0; by <= by1 && !any; by++) {
        for (let bx = bx0; bx <= bx1; bx++) any |= occupancy[by * bw + bx]!;
      }
      busy[a] = any;
    }
  }
  return busy;
}

/** A pixel whose source point is on or past the page edge: edge colour and partial alpha. */
function edgePixel(
  src: Uint8Array,
  w: number,
  h: number,
  ch: number,
  fx: number,
  fy: number,
  out: Uint8Array,
  o: number,
): number {
  const ax = fx < 0 ? fx + 1 : w - fx, ay = fy < 0 ? fy + 1 : h - fy;
  if (!(ax > 0 && ay > 0)) {
    for (let c = 0; c < ch; c++) out[o + c] = OUTSIDE_GREY;
    return 0;
  }
  const x = Math.min(Math.max(fx, 0), w - 1), y = Math.min(Math.max(fy, 0), h - 1);
  const x0 = Math.floor(x), y0 = Math.floor(y), tx = x - x0, ty = y - y0;
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  for (let c = 0; c < ch; c++) {
    const a = src[(y0 * w + x0) * ch + c]!, b = src[(y0 * w + x1) * ch + c]!;
    const d = src[(y1 * w + x0) * ch + c]!, e = src[(y1 * w + x1) * ch + c]!;
    out[o + c] = (1 - ty) * (a + (b - a) * tx) + ty * (d + (e - d) * tx) + 0.5;
  }
  return (ax < 1 ? ax : 1) * (ay < 1 ? ay : 1);
}

/**
 * Warp `image` (the undistorted page, `mapping.inWidth × inHeight`) into
 * the final image. With a workspace, the result lives in its buffers
 * (`<name>_image`, `<name>_alpha`; `name` defaults to `warp`) until the next
 * call with it and the same name.
 *
 * @example
 * ```ts
 * import { composeSteps } from "./mapping.ts";
 * import { pad } from "./pad.ts";
 * import { warpImage } from "./warp.ts";
 * const image = { width: 4, height: 4, channels: 3 as const, data: new Uint8Array(48).fill(200) };
 * const step = pad.step({ left_mm: 1, top_mm: 0, right_mm: 0, bottom_mm: 0 }, { width: 4, height: 4, pxPerMm: 1 });
 * const { image: out, alpha } = warpImage(image, composeSteps([step]));
 * console.assert(out.width === 5 && alpha[0] === 0 && alpha[1] === 1 && out.data[3] === 200);
 * ```
 */
export function warpImage(
  image: RasterImage,
  mapping: Mapping,
  workspace?: Workspace,
  name: string = "warp",
): WarpedImage {
  if (image.width !== mapping.inWidth || image.height !== mapping.inHeight) {
    throw new RangeError(
      `Cannot warp image: it is ${image.width}×${image.height}, the mapping takes ${mapping.inWidth}×${mapping.inHeight}`,
    );
  }
  const { outWidth: W, outHeight: H } = mapping;
  const { width: w, height: h, channels: ch, data: src } = image;
  const out = takeBuffer(workspace, `${name}_image`, W * H * ch);
  const alphaBytes = takeBuffer(workspace, `${name}_alpha`, W * H * 4);
  const alpha = new Float32Array(alphaBytes.buffer, alphaBytes.byteOffset, W * H);
  const grid = inverseGrid(mapping);
  const gx = new Int32Array(grid.nx), gy = new Int32Array(grid.nx);
  for (let y = 0; y < H; y++) {
    nodeRowFixed(grid, y, gx, gy);
    imageRow(src, w, h, ch, gx, gy, y, W, out, alpha);
  }
  return { image: { width: W, height: H, channels: ch, data: out }, alpha };
}

/**
 * Warp a 0/1 mask (`mapping.inWidth × inHeight`, row-major) into the final
 * image: a pixel is on when the bilinear coverage of the mask at its
 * source point is at least `threshold`, so the mask still covers its ink.
 * The result goes into `out` when given (`outWidth × outHeight` bytes, all
 * zero), else into a fresh array.
 *
 * @example
 * ```ts
 * import { composeSteps } from "./mapping.ts";
 * import { crop } from "./crop.ts";
 * import { warpMask } from "./warp.ts";
 * const mask = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
 * const step = crop.step({ left: 0.25, top: 0, right: 0, bottom: 0 }, { width: 4, height: 4, pxPerMm: 1 });
 * const out = warpMask(mask, composeSteps([step]));
 * console.assert(out.length === 12 && out[2] === 1 && out[1] === 0);
 * ```
 */
export function warpMask(
  mask: Uint8Array,
  mapping: Mapping,
  threshold: number = MASK_COVERAGE_THRESHOLD,
  out: Uint8Array = new Uint8Array(mapping.outWidth * mapping.outHeight),
): Uint8Array {
  const { inWidth: w, inHeight: h, outWidth: W, outHeight: H } = mapping;
  if (mask.length !== w * h) {
    throw new RangeError(
      `Cannot warp mask: it has ${mask.length} pixels, the mapping takes ${w}×${h} = ${w * h}`,
    );
  }
  if (out.length !== W * H) {
    throw new RangeError(
      `Cannot warp mask: the output has ${out.length} pixels, the mapping gives ${W}×${H} = ${
        W * H
      }`,
    );
  }
  const grid = inverseGrid(mapping);
  const gx = new Int32Array(grid.nx), gy = new Int32Array(grid.nx);
  const limit = Math.ceil(threshold * 65536);
  const busy = busyCells(grid, blocks(mask, w, h), w, h);
  for (let y = 0; y < H; y++) {
    nodeRowFixed(grid, y, gx, gy);
    maskRow(mask, w, h, busy, grid.nx, gx, gy, y, W, out, limit);
  }
  return out;
}

/** One output row of {@linkcode warpImage} (its own function, so that V8 optimizes it whole). */
function imageRow(
  src: Uint8Array,
  w: number,
  h: number,
  ch: number,
  gx: Int32Array,
  gy: Int32Array,
  y: number,
  W: number,
  out: Uint8Array,
  alpha: Float32Array,
): void {
  const maxX = w - 1, maxY = h - 1, stride = w * ch;
  let p = y * W, o = p * ch;
  alpha.fill(1, p, p + W);
  for (let k = 0, x = 0; x < W; k++) {
    let fx = gx[k]!, fy = gy[k]!;
    const dfx = (gx[k + 1]! - fx) >> 2, dfy = (gy[k + 1]! - fy) >> 2;
    const end = x + 4 < W ? x + 4 : W;
    for (; x < end; x++, p++, o += ch, fx += dfx, fy += dfy) {
      const X = fx >> 16, Y = fy >> 16;
      if (X < 0 || Y < 0 || X >= maxX || Y >= maxY) {
        alpha[p] = edgePixel(src, w, h, ch, fx / 65536, fy / 65536, out, o);
        continue;
      }
      const tx = (fx >> 8) & 255, ty = (fy >> 8) & 255;
      const w11 = tx * ty, w10 = (tx << 8) - w11, w01 = (ty << 8) - w11;
      const w00 = 65536 - (tx << 8) - (ty << 8) + w11;
      const i = Y * stride + X * ch, j = i + stride;
      if (ch === 3) {
        out[o] = (w00 * src[i]! + w10 * src[i + 3]! + w01 * src[j]! + w11 * src[j + 3]! +
          32768) >> 16;
        out[o + 1] = (w00 * src[i + 1]! + w10 * src[i + 4]! + w01 * src[j + 1]! +
          w11 * src[j + 4]! + 32768) >> 16;
        out[o + 2] = (w00 * src[i + 2]! + w10 * src[i + 5]! + w01 * src[j + 2]! +
          w11 * src[j + 5]! + 32768) >> 16;
      } else {
        for (let c = 0; c < ch; c++) {
          out[o + c] = (w00 * src[i + c]! + w10 * src[i + ch + c]! + w01 * src[j + c]! +
            w11 * src[j + ch + c]! + 32768) >> 16;
        }
      }
    }
  }
}

/** One output row of {@linkcode warpMask}. */
function maskRow(
  mask: Uint8Array,
  w: number,
  h: number,
  busy: Uint8Array,
  nx: number,
  gx: Int32Array,
  gy: Int32Array,
  y: number,
  W: number,
  out: Uint8Array,
  limit: number,
): void {
  let p = y * W;
  const cells = (y >> 2) * nx;
  for (let k = 0, x = 0; x < W; k++) {
    let fx = gx[k]!, fy = gy[k]!;
    const end = x + 4 < W ? x + 4 : W;
    if (busy[cells + k] === 0) {
      p += end - x;
      x = end;
      continue;
    }
    const ex = gx[k + 1]!, ey = gy[k + 1]!;
    const dfx = (ex - fx) >> 2, dfy = (ey - fy) >> 2;
    for (; x < end; x++, p++, fx += dfx, fy += dfy) {
      const X = fx >> 16, Y = fy >> 16;
      let m00: number, m10: number, m01: number, m11: number;
      const i = Y * w + X;
      if (X >= 0 && Y >= 0 && X < w - 1 && Y < h - 1) {
        m00 = mask[i]!;
        m10 = mask[i + 1]!;
        m01 = mask[i + w]!;
        m11 = mask[i + w + 1]!;
      } else {
        if (X < -1 || Y < -1 || X >= w || Y >= h) continue;
        const l = X >= 0, r = X + 1 < w, t = Y >= 0, b = Y + 1 < h;
        m00 = l && t ? mask[i]! : 0;
        m10 = r && t ? mask[i + 1]! : 0;
        m01 = l && b ? mask[i + w]! : 0;
        m11 = r && b ? mask[i + w + 1]! : 0;
      }
      if ((m00 | m10 | m01 | m11) === 0) continue;
      const tx = (fx >> 8) & 255, ty = (fy >> 8) & 255;
      const w11 = tx * ty, w10 = (tx << 8) - w11, w01 = (ty << 8) - w11;
      const w00 = 65536 - (tx << 8) - (ty << 8) + w11;
      if (w00 * m00 + w10 * m10 + w01 * m01 + w11 * m11 >= limit) out[p] = 1;
    }
  }
}

/**
 * Resampling: affine maps between frames and bilinear warps of RGB images
 * through an affine map or a page mesh.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { PageMesh } from "./types.ts";
import type { Rgb8 } from "./_maps.ts";

/** `[a, b, c, d, e, f]`: (x, y) ↦ (a·x + b·y + c, d·x + e·y + f). */
export type Affine = readonly [number, number, number, number, number, number];

/** Apply an affine map to a point. */
export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer, [p, q, r, s, t, u] = inner;
  return [
    a * p + b * s,
    a * q + b * t,
    a * r + b * u + c,
    d * p + e * s,
    d * q + e * t,
    d * r + e * u + f,
  ];
}

/** Bilinear sample of an RGB(A/grey) pixel buffer at (x, y) into `out` at `o`; `fill` outside. */
function sample(
  data: Uint8Array,
  w: number,
  h: number,
  ch: number,
  x: number,
  y: number,
  out: Uint8Array,
  o: number,
  fill: number,
): void {
  if (!(x > -0.5 && y > -0.5 && x < w - 0.5 && y < h - 0.5)) {
    out[o] = fill, out[o + 1] = fill, out[o + 2] = fill;
    return;
  }
  const xc = x < 0 ? 0 : x > w - 1 ? w - 1 : x, yc = y < 0 ? 0 : y > h - 1 ? h - 1 : y;
  const x0 = Math.min(w - 2, Math.floor(xc)), y0 = Math.min(h - 2, Math.floor(yc));
  const tx = xc - Math.max(0, x0), ty = yc - Math.max(0, y0);
  const i00 = (Math.max(0, y0) * w + Math.max(0, x0)) * ch;
  const i10 = i00 + (w > 1 ? ch : 0), i01 = i00 + (h > 1 ? w * ch : 0);
  const i11 = i01 + (w > 1 ? ch : 0);
  const w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty;
  for (let c = 0; c < 3; c++) {
    const k = ch === 1 ? 0 : c;
    out[o + c] = data[i00 + k]! * w00 + data[i10 + k]! * w10 + data[i01 + k]! * w01 +
      data[i11 + k]! * w11 + 0.5;
  }
}

/** Warp an RGB buffer: output pixel (x, y) samples the source at `map(x, y)`. */
export function warpAffine(
  src: Rgb8,
  map: Affine,
  width: number,
  height: number,
  fill = 255,
): Rgb8 {
  const out = new Uint8Array(width * height * 3);
  const [a, b, c, d, e, f] = map;
  for (let y = 0; y < height; y++) {
    let sx = b * y + c, sy = e * y + f;
    for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
      sample(src.data, src.width, src.height, 3, sx, sy, out, o, fill);
      sx += a, sy += d;
    }
  }
  return { width, height, data: out };
}

/** Rotate a buffer by quarter turns clockwise (exact). */
export function quarterTurn(src: Rgb8, turns: 0 | 1 | 2 | 3): Rgb8 {
  if (turns === 0) return src;
  const { width: w, height: h, data } = src;
  const ow = turns === 2 ? w : h, oh = turns === 2 ? h : w;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const nx = turns === 1 ? h - 1 - y : turns === 2 ? w - 1 - x : y;
      const ny = turns === 1 ? x : turns === 2 ? h - 1 - y : w - 1 - x;
      const i = (y * w + x) * 3, o = (ny * ow + nx) * 3;
      out[o] = data[i]!, out[o + 1] = data[i + 1]!, out[o + 2] = data[i + 2]!;
    }
  }
  return { width: ow, height: oh, data: out };
}

/** Warp the input through a page mesh (rectified pixel → input pixel) into RGB. */
export function warpMesh(input: RasterImage, mesh: PageMesh, width: number, height: number): Rgb8 {
  const out = new Uint8Array(width * height * 3);
  const { stepPx: s, cols, srcX, srcY } = mesh;
  const { data, width: iw, height: ih, channels: ch } = input;
  const rowStride = iw * ch;
  for (let y = 0; y < height; y++) {
    const j = Math.min(mesh.rows - 2, Math.floor(y / s)), ty = y / s - j;
    for (let i = 0; i < cols - 1; i++) {
      const x0 = i * s;
      if (x0 >= width) break;
      const n00 = j * cols + i, n01 = n00 + cols;
      // Source point at the cell's left edge on this row, and its step per pixel.
      const lx = srcX[n00]! + (srcX[n01]! - srcX[n00]!) * ty;
      const ly = srcY[n00]! + (srcY[n01]! - srcY[n00]!) * ty;
      const rx = srcX[n00 + 1]! + (srcX[n01 + 1]! - srcX[n00 + 1]!) * ty;
      const ry = srcY[n00 + 1]! + (srcY[n01 + 1]! - srcY[n00 + 1]!) * ty;
      const dx = (rx - lx) / s, dy = (ry - ly) / s;
      const x1 = Math.min(width, x0 + s);
      let sx = lx, sy = ly;
      for (let x = x0, o = (y * width + x0) * 3; x < x1; x++, o += 3, sx += dx, sy += dy) {
        if (ch === 3 && sx >= 0 && sy >= 0 && sx < iw - 1 && sy < ih - 1) {
          // Fixed point: 8 fractional bits per axis.
          const xf = (sx * 256) | 0, yf = (sy * 256) | 0;
          const fx = xf & 255, fy = yf & 255, gx = 256 - fx, gy = 256 - fy;
          const i00 = (yf >> 8) * rowStride + (xf >> 8) * 3, i01 = i00 + rowStride;
          out[o] = ((data[i00]! * gx + data[i00 + 3]! * fx) * gy +
            (data[i01]! * gx + data[i01 + 3]! * fx) * fy + 32768) >> 16;
          out[o + 1] = ((data[i00 + 1]! * gx + data[i00 + 4]! * fx) * gy +
            (data[i01 + 1]! * gx + data[i01 + 4]! * fx) * fy + 32768) >> 16;
          out[o + 2] = ((data[i00 + 2]! * gx + data[i00 + 5]! * fx) * gy +
            (data[i01 + 2]! * gx + data[i01 + 5]! * fx) * fy + 32768) >> 16;
        } else sample(data, iw, ih, ch, sx, sy, out, o, 255);
      }
    }
  }
  return { width, height, data: out };
}

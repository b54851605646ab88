/**
 * Resampling between the input image and the segmenter's working scale:
 * area averaging (exact box integration, separable) into planar float RGB,
 * and bilinear interpolation of a probability plane back to the input.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/**
 * Weights of a 1-D area resampling from `n` input samples to `m` output
 * samples: output `j` averages the input over `[j·n/m, (j+1)·n/m)` (or, when
 * enlarging, interpolates linearly between input centres).
 */
function axisWeights(n: number, m: number): { start: Int32Array; weights: Float32Array[] } {
  const scale = n / m;
  const start = new Int32Array(m);
  const weights: Float32Array[] = [];
  for (let j = 0; j < m; j++) {
    if (scale >= 1) {
      const lo = j * scale, hi = (j + 1) * scale;
      const i0 = Math.floor(lo), i1 = Math.min(n - 1, Math.ceil(hi) - 1);
      const w = new Float32Array(i1 - i0 + 1);
      for (let i = i0; i <= i1; i++) w[i - i0] = (Math.min(hi, i + 1) - Math.max(lo, i)) / scale;
      start[j] = i0;
      weights.push(w);
    } else {
      const x = Math.min(n - 1, Math.max(0, (j + 0.5) * scale - 0.5));
      const i0 = Math.min(n - 2, Math.floor(x));
      if (n === 1) {
        start[j] = 0;
        weights.push(Float32Array.of(1));
        continue;
      }
      const f = x - i0;
      start[j] = i0;
      weights.push(Float32Array.of(1 - f, f));
    }
  }
  return { start, weights };
}

/**
 * Resample an image to `width × height` as planar float RGB in [0, 1]
 * (`data[c·width·height + y·width + x]`). Grey images give three equal
 * planes; an alpha channel is ignored.
 */
export function toPlanarRgb(image: RasterImage, width: number, height: number): Float32Array {
  const { width: w0, height: h0, channels, data } = image;
  const xs = axisWeights(w0, width), ys = axisWeights(h0, height);
  const out = new Float32Array(3 * width * height);
  const rows = new Float32Array(3 * width * h0);
  // Horizontal pass: every input row to `width` samples per channel.
  for (let y = 0; y < h0; y++) {
    const rowBase = y * w0 * channels;
    for (let x = 0; x < width; x++) {
      const s = xs.start[x]!, wts = xs.weights[x]!;
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < wts.length; k++) {
        const i = rowBase + (s + k) * channels, wk = wts[k]!;
        if (channels >= 3) {
          r += data[i]! * wk;
          g += data[i + 1]! * wk;
          b += data[i + 2]! * wk;
        } else {
          r += data[i]! * wk;
        }
      }
      const o = (y * width + x) * 3;
      rows[o] = r;
      rows[o + 1] = channels >= 3 ? g : r;
      rows[o + 2] = channels >= 3 ? b : r;
    }
  }
  // Vertical pass into planes, scaled to [0, 1].
  const plane = width * height;
  for (let y = 0; y < height; y++) {
    const s = ys.start[y]!, wts = ys.weights[y]!;
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < wts.length; k++) {
        const i = ((s + k) * width + x) * 3, wk = wts[k]!;
        r += rows[i]! * wk;
        g += rows[i + 1]! * wk;
        b += rows[i + 2]! * wk;
      }
      const o = y * width + x;
      out[o] = r / 255;
      out[plane + o] = g / 255;
      out[2 * plane + o] = b / 255;
    }
  }
  return out;
}

/**
 * Bilinear resampling of a `w × h` plane (values 0..1) to `width × height`
 * bytes 0..255, pixel centres aligned (`x_in = (x + 0.5)·w/width − 0.5`).
 */
export function planeToBytes(
  plane: Float32Array,
  w: number,
  h: number,
  width: number,
  height: number,
): Uint8Array {
  const out = new Uint8Array(width * height);
  const sx = w / width, sy = h / height;
  const x0s = new Int32Array(width), fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    x0s[x] = Math.min(Math.max(0, w - 2), Math.floor(fx));
    fxs[x] = w === 1 ? 0 : fx - x0s[x]!;
  }
  for (let y = 0; y < height; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.min(Math.max(0, h - 2), Math.floor(fy));
    const ty = h === 1 ? 0 : fy - y0;
    const r0 = y0 * w, r1 = (h === 1 ? y0 : y0 + 1) * w;
    for (let x = 0; x < width; x++) {
      const x0 = x0s[x]!, tx = fxs[x]!, x1 = w === 1 ? x0 : x0 + 1;
      const top = plane[r0 + x0]! + (plane[r0 + x1]! - plane[r0 + x0]!) * tx;
      const bottom = plane[r1 + x0]! + (plane[r1 + x1]! - plane[r1 + x0]!) * tx;
      out[y * width + x] = Math.round(255 * Math.min(1, Math.max(0, top + (bottom - top) * ty)));
    }
  }
  return out;
}

/**
 * Low-resolution random fields and how paper effects lay them on a page:
 * fractal value noise, bilinear upsampling, multiplicative shading and
 * translucent tints.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import type { RasterImage } from "../../raster/image.ts";

/** A row-major grid of floats whose sample `(i, j)` sits at page pixel `(x0 + i·cell, y0 + j·cell)`. */
export interface Field {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
  /** Page pixels between samples. */
  readonly cell: number;
  /** Page pixel of sample (0, 0). */
  readonly x0: number;
  readonly y0: number;
}

/** A field of `width × height` samples, zero-filled. */
export function createField(
  width: number,
  height: number,
  cell: number,
  x0 = 0,
  y0 = 0,
): Field {
  return { width, height, data: new Float32Array(width * height), cell, x0, y0 };
}

/** A field with samples every `cell` px that covers a `pageWidth × pageHeight` page. */
export function pageField(pageWidth: number, pageHeight: number, cell: number): Field {
  return createField(
    Math.ceil((pageWidth - 1) / cell) + 2,
    Math.ceil((pageHeight - 1) / cell) + 2,
    cell,
  );
}

/**
 * Add one octave of smooth value noise (lattice values uniform in [-1, 1],
 * smoothstep interpolation) with period `period` samples and amplitude
 * `amp`; with `ridged`, add `amp · (1 - 2|n|)` (sharp creases) instead.
 */
export function addValueNoise(
  field: Field,
  rng: Rng,
  period: number,
  amp: number,
  ridged = false,
): void {
  const gw = Math.ceil(field.width / period) + 2, gh = Math.ceil(field.height / period) + 2;
  const lattice = new Float32Array(gw * gh);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next() * 2 - 1;
  const ox = rng.next() * period, oy = rng.next() * period;
  const sx = new Float32Array(field.width), ix = new Int32Array(field.width);
  for (let i = 0; i < field.width; i++) {
    const u = (i + ox) / period, k = Math.floor(u), f = u - k;
    ix[i] = k;
    sx[i] = f * f * (3 - 2 * f);
  }
  const d = field.data;
  for (let j = 0; j < field.height; j++) {
    const v = (j + oy) / period, k = Math.floor(v), g = v - k, t = g * g * (3 - 2 * g);
    const r0 = k * gw, r1 = r0 + gw;
    for (let i = 0; i < field.width; i++) {
      const c = ix[i]!, s = sx[i]!;
      const a = lattice[r0 + c]! + (lattice[r0 + c + 1]! - lattice[r0 + c]!) * s;
      const b = lattice[r1 + c]! + (lattice[r1 + c + 1]! - lattice[r1 + c]!) * s;
      const n = a + (b - a) * t;
      d[j * field.width + i] = d[j * field.width + i]! +
        (ridged ? amp * (1 - 2 * Math.abs(n)) : amp * n);
    }
  }
}

/** Fractal noise: `octaves` octaves from `period` down, each half the period and `gain` times the amplitude. */
export function addFractalNoise(
  field: Field,
  rng: Rng,
  period: number,
  octaves: number,
  gain: number,
  ridged = false,
): void {
  let amp = 1;
  for (let o = 0; o < octaves && period >= 1; o++) {
    addValueNoise(field, rng, period, amp, ridged);
    period /= 2;
    amp *= gain;
  }
}

/**
 * Lay a field over the whole page, upsampled bilinearly, in one pass in
 * 8.8 fixed point. `multiply`: the page times the field (clamped to 0..1;
 * 1 = unchanged). `overlay`: the field (0..1, 0.5 = unchanged) is the base
 * layer and the page the blend layer, so shadows darken the paper and
 * highlights lift the ink.
 */
export function shadeByField(
  image: RasterImage,
  field: Field,
  mode: "multiply" | "overlay" = "multiply",
): void {
  const { width, height, channels, data } = image;
  const { cell, width: fw, height: fh } = field;
  const limit = mode === "multiply" ? 256 : 255;
  if (mode === "multiply" && channels === 3 && (width * 3) % 4 === 0 && data.byteOffset % 4 === 0) {
    multiplyAligned(image, field);
    return;
  }
  // Per pixel column: the field sample left of it and the weight of the one right of it.
  const ix = new Int32Array(width), wx = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    const u = (x - field.x0) / cell, i = Math.min(fw - 2, Math.max(0, Math.floor(u)));
    ix[x] = i;
    wx[x] = Math.round((u - i) * 256);
  }
  const low = new Int32Array(fw), f = new Int32Array(width);
  const px = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const packed = channels !== 4 && data.byteOffset % 4 === 0;
  const words = packed ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
  const rowBytes = width * channels;
  // Column of the pixel that holds byte `off` of a row (a word can start up to 3 bytes early).
  const byteToX = new Int32Array(rowBytes + 4);
  for (let off = 0; off < byteToX.length; off++) {
    byteToX[off] = Math.min(width - 1, Math.floor(off / channels));
  }
  for (let y = 0; y < height; y++) {
    const v = (y - field.y0) / cell, j = Math.min(fh - 2, Math.max(0, Math.floor(v)));
    const g = v - j, d = field.data;
    for (let i = 0; i < fw; i++) {
      const a = d[j * fw + i]!, b = d[(j + 1) * fw + i]!;
      const q = Math.round(256 * (a + (b - a) * g));
      low[i] = q < 0 ? 0 : q > limit ? limit : q;
    }
    upsampleRow(low, ix, wx, f);
    const p0 = y * rowBytes;
    if (mode === "overlay") overlayRow(px, p0, f, width, channels);
    else if (words) {
      multiplyRowPacked(words, px, p0, rowBytes, channels, f, byteToX);
    } else {
      const colour = channels === 4 ? 3 : channels;
      for (let x = 0, p = p0; x < width; x++, p += channels) {
        for (let c = 0; c < colour; c++) px[p + c] = (px[p + c]! * f[x]! + 128) >> 8;
      }
    }
  }
}

/**
 * The common case, fused: RGB rows that start on a word boundary. Each
 * field row is upsampled once to one factor per word (the pixel of the
 * word's first byte); each image row blends two of them while it multiplies.
 */
function multiplyAligned(image: RasterImage, field: Field): void {
  const { width, height, data } = image;
  const { cell, width: fw, height: fh } = field;
  const rowWords = (width * 3) >> 2;
  const rows = new Int32Array(fh * rowWords);
  for (let j = 0; j < fh; j++) {
    for (let w = 0; w < rowWords; w++) {
      const x = Math.floor((4 * w) / 3), u = (x - field.x0) / cell;
      const i = Math.min(fw - 2, Math.max(0, Math.floor(u))), k = j * fw + i;
      const q = Math.round(
        256 * (field.data[k]! + (field.data[k + 1]! - field.data[k]!) * (u - i)),
      );
      rows[j * rowWords + w] = q < 0 ? 0 : q > 256 ? 256 : q;
    }
  }
  const words = new Uint32Array(data.buffer, data.byteOffset, height * rowWords);
  for (let y = 0; y < height; y++) {
    const v = (y - field.y0) / cell, j = Math.min(fh - 2, Math.max(0, Math.floor(v)));
    const wb = Math.round((v - j) * 256);
    multiplyRowFused(words, y * rowWords, rows, j * rowWords, rowWords, 256 - wb, wb);
  }
}

function multiplyRowFused(
  words: Uint32Array,
  w0: number,
  rows: Int32Array,
  r0: number,
  n: number,
  wa: number,
  wb: number,
): void {
  for (let w = 0; w < n; w++) {
    const k = (Math.imul(rows[r0 + w]!, wa) + Math.imul(rows[r0 + n + w]!, wb)) >> 8;
    if (k === 256) continue;
    const word = words[w0 + w]!;
    const even = Math.imul(word & 0x00ff00ff, k) + 0x00800080;
    const odd = Math.imul((word >>> 8) & 0x00ff00ff, k) + 0x00800080;
    words[w0 + w] = ((even >>> 8) & 0x00ff00ff) | (odd & 0xff00ff00);
  }
}

function upsampleRow(low: Int32Array, ix: Int32Array, wx: Int32Array, f: Int32Array): void {
  for (let x = 0; x < f.length; x++) {
    const i = ix[x]!, a = low[i]!;
    f[x] = a + ((Math.imul(low[i + 1]! - a, wx[x]!)) >> 8);
  }
}

/** Multiply one row by `f`, two bytes per multiply; a word takes the factor of the pixel of its first byte. */
function multiplyRowPacked(
  words: Uint32Array,
  px: Uint8ClampedArray,
  p0: number,
  rowBytes: number,
  channels: number,
  f: Int32Array,
  byteToX: Int32Array,
): void {
  const w0 = (p0 + 3) >> 2, w1 = Math.min(words.length, (p0 + rowBytes + 3) >> 2);
  for (let w = w0; w < w1; w++) {
    const k = f[byteToX[4 * w - p0]!]!;
    if (k === 256) continue;
    const word = words[w]!;
    const even = Math.imul(word & 0x00ff00ff, k) + 0x00800080;
    const odd = Math.imul((word >>> 8) & 0x00ff00ff, k) + 0x00800080;
    words[w] = ((even >>> 8) & 0x00ff00ff) | (odd & 0xff00ff00);
  }
  // The last bytes of an image whose size is not a multiple of 4.
  for (let p = Math.max(p0, words.length * 4); p < p0 + rowBytes; p++) {
    px[p] = (px[p]! * f[Math.floor((p - p0) / channels)]! + 128) >> 8;
  }
}

function overlayRow(
  px: Uint8ClampedArray,
  p0: number,
  f: Int32Array,
  width: number,
  channels: number,
): void {
  const colour = channels >= 3 ? 3 : 1;
  for (let x = 0, p = p0; x < width; x++, p += channels) {
    const t = f[x]!;
    for (let c = 0; c < colour; c++) {
      const b = px[p + c]!;
      px[p + c] = t < 128 ? (2 * t * b) >> 8 : 255 - ((2 * (256 - t) * (255 - b)) >> 8);
    }
  }
}

/**
 * Tint the box `[x0, x1) × [y0, y1)` of the page with a translucent
 * multiply layer: `alpha` (a field over that box, 0..1) of colour `rgb`.
 * Pixels where alpha is 0 are left untouched.
 */
export function tintByField(
  image: RasterImage,
  field: Field,
  rgb: readonly [number, number, number],
): void {
  const { width, height, channels, data } = image;
  const { cell, width: fw, height: fh } = field;
  const xa = Math.max(0, Math.ceil(field.x0)), ya = Math.max(0, Math.ceil(field.y0));
  const xb = Math.min(width - 1, Math.floor(field.x0 + (fw - 1) * cell));
  const yb = Math.min(height - 1, Math.floor(field.y0 + (fh - 1) * cell));
  if (xb < xa || yb < ya) return;
  const grey = (rgb[0] + rgb[1] + rgb[2]) / 3;
  // How much each channel is taken away at full opacity, in 8.8 fixed point.
  const k0 = Math.round(256 - (channels >= 3 ? rgb[0] : grey)), k1 = Math.round(256 - rgb[1]);
  const k2 = Math.round(256 - rgb[2]);
  const n = xb - xa + 1, ix = new Int32Array(n), wx = new Int32Array(n);
  for (let x = xa; x <= xb; x++) {
    const u = (x - field.x0) / cell, i = Math.min(fw - 2, Math.floor(u));
    ix[x - xa] = i;
    wx[x - xa] = Math.round((u - i) * 256);
  }
  const low = new Int32Array(fw), a = new Int32Array(n), d = field.data;
  for (let y = ya; y <= yb; y++) {
    const v = (y - field.y0) / cell, j = Math.min(fh - 2, Math.floor(v)), g = v - j;
    let any = false;
    for (let i = 0; i < fw; i++) {
      const top = d[j * fw + i]!, q = Math.round(256 * (top + (d[(j + 1) * fw + i]! - top) * g));
      low[i] = q < 0 ? 0 : q > 256 ? 256 : q;
      if (q > 0) any = true;
    }
    if (!any) continue;
    upsampleRow(low, ix, wx, a);
    tintRow(data, (y * width + xa) * channels, channels, a, k0, k1, k2);
  }
}

function tintRow(
  data: Uint8Array,
  p0: number,
  channels: number,
  a: Int32Array,
  k0: number,
  k1: number,
  k2: number,
): void {
  for (let x = 0, p = p0; x < a.length; x++, p += channels) {
    const al = a[x]!;
    if (al === 0) continue;
    data[p] = (data[p]! * (65536 - Math.imul(al, k0)) + 32768) >>> 16;
    if (channels >= 3) {
      data[p + 1] = (data[p + 1]! * (65536 - Math.imul(al, k1)) + 32768) >>> 16;
      data[p + 2] = (data[p + 2]! * (65536 - Math.imul(al, k2)) + 32768) >>> 16;
    }
  }
}

/** A colour `#rrggbb` as numbers. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Format a colour as `#rrggbb`. */
export function rgbToHex(rgb: readonly number[]): string {
  return "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

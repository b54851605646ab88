/**
 * Raster images as flat typed arrays (the `ImageData` shape).
 *
 * Coordinate convention, used everywhere in the toolkit: origin top-left,
 * `x` = column, `y` = row, and pixel `(x, y)` has its centre at the integer
 * coordinates `(x, y)`, covering `[x - 0.5, x + 0.5) × [y - 0.5, y + 0.5)`.
 *
 * @module
 */

/** A raster image: `data[(y * width + x) * channels + c]`, 8 bits per channel. */
export interface RasterImage {
  /** Width, px. */
  readonly width: number;
  /** Height, px. */
  readonly height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA. */
  readonly channels: 1 | 3 | 4;
  /** Pixel values, row-major. */
  readonly data: Uint8Array;
}

/** An 8-bit coverage (alpha) plane: 0 = no ink, 255 = full ink. */
export interface Coverage {
  /** Width, px. */
  readonly width: number;
  /** Height, px. */
  readonly height: number;
  /** Pixel values, row-major. */
  readonly data: Uint8Array;
}

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** A blank coverage plane. */
export function createCoverage(width: number, height: number): Coverage {
  return { width, height, data: new Uint8Array(width * height) };
}

/** An RGB image filled with one colour. */
export function createRgbImage(width: number, height: number, fill: Rgb): RasterImage {
  const data = new Uint8Array(width * height * 3);
  fillRgb(data, fill);
  return { width, height, channels: 3, data };
}

/** Fill interleaved RGB pixels with one colour. */
export function fillRgb(data: Uint8Array, [r, g, b]: Rgb): void {
  if (r === g && g === b) {
    data.fill(r);
    return;
  }
  for (let i = 0; i + 2 < data.length; i += 3) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
  }
}

/**
 * Paint `colour` over an RGB image with the coverage plane as alpha
 * (in place: the image must be one the caller owns).
 */
export function paintCoverage(image: RasterImage, coverage: Coverage, colour: Rgb): void {
  const { data } = image;
  const cov = coverage.data;
  // Skip empty runs four pixels at a time: most of a page has no ink.
  const aligned = cov.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(cov.buffer, cov.byteOffset, cov.length >> 2) : null;
  const wordCount = words ? words.length : 0;
  for (let w = 0; w < wordCount; w++) {
    if (words![w] === 0) continue;
    for (let p = w * 4; p < w * 4 + 4; p++) blend(data, p * 3, colour, cov[p]!);
  }
  for (let p = wordCount * 4; p < cov.length; p++) blend(data, p * 3, colour, cov[p]!);
}

function blend(data: Uint8Array, i: number, [r, g, b]: Rgb, a: number): void {
  if (a === 0) return;
  if (a === 255) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    return;
  }
  const k = a / 255;
  data[i] = data[i]! + (r - data[i]!) * k + 0.5;
  data[i + 1] = data[i + 1]! + (g - data[i + 1]!) * k + 0.5;
  data[i + 2] = data[i + 2]! + (b - data[i + 2]!) * k + 0.5;
}

/** Parse `#rrggbb` (or `#rgb`) into an {@linkcode Rgb}; `undefined` when malformed. */
export function parseHexColour(text: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return undefined;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Format an {@linkcode Rgb} as `#rrggbb`. */
export function formatHexColour([r, g, b]: Rgb): string {
  return "#" + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

/**
 * An RGB copy of a grey, RGB or RGBA image: grey is repeated, alpha
 * dropped.
 *
 * @example
 * ```ts
 * import { toRgb } from "./image.ts";
 * const rgb = toRgb({ width: 1, height: 1, channels: 1, data: Uint8Array.of(7) });
 * console.assert(rgb.channels === 3 && rgb.data.join() === "7,7,7");
 * ```
 */
export function toRgb(image: RasterImage): RasterImage {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) out[p * 3 + c] = data[p * channels + (channels >= 3 ? c : 0)]!;
  }
  return { width, height, channels: 3, data: out };
}

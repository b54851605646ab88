/**
 * Text glyphs rendered once with @napi-rs/canvas (DejaVu Sans from npm, so
 * output does not depend on the fonts of the machine) and cached as
 * coverage bitmaps.
 *
 * @module
 */
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { fileURLToPath } from "node:url";
import type { Coverage } from "../raster/image.ts";

/** A rendered string: coverage plus where its baseline-left origin sits. */
export interface TextBitmap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Position of the text origin (left end of the baseline) in the bitmap. */
  readonly originX: number;
  readonly originY: number;
  /** Tight ink box relative to the origin: left, top (negative = above), right, bottom. */
  readonly ink: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
}

const FAMILY = "EcgToolkitSans";
let family: string | undefined;
const cache = new Map<string, TextBitmap>();

/** The font family used for all printed text (registered on first use). */
export function fontFamily(): string {
  if (family !== undefined) return family;
  try {
    const path = fileURLToPath(import.meta.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"));
    family = GlobalFonts.registerFromPath(path, FAMILY) ? FAMILY : "sans-serif";
  } catch {
    family = "sans-serif";
  }
  return family;
}

/** Render `text` at `sizePx` (cached). */
export function renderText(text: string, sizePx: number): TextBitmap {
  const key = `${sizePx.toFixed(3)}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const font = `${sizePx}px ${fontFamily()}`;
  const probe = createCanvas(1, 1).getContext("2d");
  probe.font = font;
  const m = probe.measureText(text);
  const pad = 2;
  const left = Math.floor(-m.actualBoundingBoxLeft), right = Math.ceil(m.actualBoundingBoxRight);
  const ascent = Math.ceil(m.actualBoundingBoxAscent),
    descent = Math.ceil(m.actualBoundingBoxDescent);
  const width = Math.max(1, right - left + 2 * pad),
    height = Math.max(1, ascent + descent + 2 * pad);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.font = font;
  ctx.fillStyle = "#000";
  const originX = pad - left, originY = pad + ascent;
  ctx.fillText(text, originX, originY);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 3]!;
  const bitmap: TextBitmap = {
    width,
    height,
    data,
    originX,
    originY,
    ink: {
      left: -m.actualBoundingBoxLeft,
      top: -m.actualBoundingBoxAscent,
      right: m.actualBoundingBoxRight,
      bottom: m.actualBoundingBoxDescent,
    },
  };
  cache.set(key, bitmap);
  return bitmap;
}

/**
 * Stamp a text bitmap into a coverage plane with its origin at the pixel
 * `(x, y)` (rounded), merging with `max`. Returns the ink box placed, in
 * pixel coordinates: `[left, top, right, bottom]`.
 */
export function stampText(
  coverage: Coverage,
  bitmap: TextBitmap,
  x: number,
  y: number,
): [number, number, number, number] {
  const ox = Math.round(x) - bitmap.originX, oy = Math.round(y) - bitmap.originY;
  const { width, height, data } = coverage;
  for (let j = 0; j < bitmap.height; j++) {
    const yy = oy + j;
    if (yy < 0 || yy >= height) continue;
    for (let i = 0; i < bitmap.width; i++) {
      const xx = ox + i;
      if (xx < 0 || xx >= width) continue;
      const v = bitmap.data[j * bitmap.width + i]!;
      const k = yy * width + xx;
      if (v > data[k]!) data[k] = v;
    }
  }
  // Canvas pixel i covers [i, i+1): its centre in our convention is i.
  const bx = Math.round(x), by = Math.round(y);
  return [
    bx + bitmap.ink.left - 0.5,
    by + bitmap.ink.top - 0.5,
    bx + bitmap.ink.right - 0.5,
    by + bitmap.ink.bottom - 0.5,
  ];
}

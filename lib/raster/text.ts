/**
 * Text glyphs rendered once with @napi-rs/canvas and cached as coverage
 * bitmaps. Every font comes from npm (so output does not depend on the
 * fonts of the machine): DejaVu Sans (the default), Noto Serif, Courier
 * Prime (monospace) and Roboto Condensed (SIL OFL 1.1), and DejaVu Serif
 * and DejaVu Sans Mono.
 *
 * @module
 */
import { createCanvas } from "npm:@napi-rs/canvas@1.0.11";
import { type FontFile, registerFont } from "../io/fonts.ts";
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

/** The printing fonts, by name, and the font file (see `FONT_FILES` in `lib/io/fonts.ts`) each is drawn with. */
export const FONTS: Readonly<
  Record<"sans" | "serif" | "mono" | "condensed" | "dejavu_serif" | "dejavu_mono", FontFile>
> = {
  sans: "DejaVuSans",
  serif: "NotoSerif",
  mono: "CourierPrime",
  condensed: "RobotoCondensed",
  dejavu_serif: "DejaVuSerif",
  dejavu_mono: "DejaVuSansMono",
};

/** A printing font name. */
export type FontName = keyof typeof FONTS;

const families = new Map<FontName, string>();
const cache = new Map<string, TextBitmap>();

/**
 * The canvas font family of a printing font (registered on first use;
 * DejaVu Sans, then the system's sans-serif, when it cannot be loaded).
 */
export function fontFamily(font: FontName = "sans"): string {
  const known = families.get(font);
  if (known !== undefined) return known;
  const name = `EcgToolkit_${font}`;
  const family = registerFont(FONTS[font], name)
    ? name
    : font === "sans"
    ? "sans-serif"
    : fontFamily("sans");
  families.set(font, family);
  return family;
}

/** Render `text` at `sizePx` in a printing font (cached). */
export function renderText(text: string, sizePx: number, fontName: FontName = "sans"): TextBitmap {
  const key = `${fontName}|${sizePx.toFixed(3)}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const font = `${sizePx}px ${fontFamily(fontName)}`;
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

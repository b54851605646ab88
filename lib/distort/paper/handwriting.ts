/**
 * Handwritten notes in ballpoint ink (the Caveat handwriting font, OFL,
 * from npm), glyph by glyph with jitter in size, slant and baseline.
 *
 * @module
 */
import { createCanvas } from "npm:@napi-rs/canvas@1.0.11";
import { registerFont } from "../../io/fonts.ts";
import { createRng, type Rng } from "../../random/rng.ts";
import { fontFamily } from "../../raster/text.ts";
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  drawIn,
  drawInt,
  drawSeed,
  num,
  rangeOf,
  round4,
  type SettingSpec,
  str,
} from "../_config.ts";
import { hexToRgb, rgbToHex } from "./_field.ts";
import { drawNoteText, drawNoteWords } from "./_notes.ts";

const NAME = "handwriting";
/** Ballpoint inks: blue and black. */
const INKS: readonly (readonly [number, number, number])[] = [
  [28, 48, 140],
  [20, 35, 110],
  [35, 35, 40],
];

const SPECS: Record<string, SettingSpec> = {
  count: { type: "range", lo: 0, hi: 20, whole: true },
  size_mm: { type: "range", lo: 1, hi: 40 },
  slant_deg: { type: "range", lo: -30, hi: 45 },
  angle_deg: { type: "range", lo: -45, hi: 45 },
  jitter: { type: "range", lo: 0, hi: 1 },
  words: { type: "range", lo: 0, hi: 50, whole: true },
  x_offset_px: { type: "range", lo: 0, hi: 20000 },
  y_offset_px: { type: "range", lo: 0, hi: 20000 },
  width_fraction: { type: "range", lo: 0, hi: 1 },
};

/**
 * Handwritten notes. Settings: `count` (notes per page, default `[0, 3]`),
 * `size_mm` (font size, default `[5, 10]`), `slant_deg` (lean of the
 * letters, default `[-5, 18]`), `angle_deg` (tilt of the line, default
 * `[-6, 6]`), `jitter` (per-glyph variation of size, slant and baseline,
 * 0..1, default `[0.3, 1]`), `words` (default `0`): when above 0, one
 * note of that many single words instead (ecg-image-kit's `-n`), anchored
 * `x_offset_px` and `y_offset_px` (default `0`) from the page's top-left
 * corner (its `--x_offset` and `--y_offset`), and `count` is not used;
 * with `words`, `width_fraction` (default `0`) above 0 sizes the writing so
 * that it spans that fraction of the page width (its `--hws`) instead of
 * `size_mm`.
 * Recorded per note `k`: `note_k_text`,
 * `note_k_x`, `note_k_y` (where the note is anchored, px), `note_k_size_px`,
 * `note_k_slant_deg`, `note_k_angle_deg`, `note_k_colour`. Each note's ink
 * goes into `target.textMask` (where coverage >= 64/255) and its text and
 * ink box into `target.notes`.
 *
 * @example
 * ```ts
 * import { handwriting } from "./handwriting.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = handwriting.sample(createRng(1), handwriting.defaults, { width: 220, height: 170, pxPerMm: 1 });
 * console.assert(typeof params.count === "number");
 * ```
 */
export const handwriting: PixelFamily = {
  name: NAME,
  kind: "paper",
  description: "Handwritten notes (findings, values, initials, dates) in blue or black pen",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.2,
    count: [0, 3],
    size_mm: [5, 10],
    slant_deg: [-5, 18],
    angle_deg: [-6, 6],
    jitter: [0.3, 1],
    words: 0,
    x_offset_px: 0,
    y_offset_px: 0,
    width_fraction: 0,
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = handwriting.defaults;
    const words = rangeOf(config, d, "words")[1] > 0;
    const count = words ? 1 : drawInt(rng, rangeOf(config, d, "count"));
    const ink = rgbToHex(rng.pick(INKS));
    const params: Params = {
      count,
      jitter: drawIn(rng, rangeOf(config, d, "jitter")),
      sub_seed: drawSeed(rng),
    };
    if (words) {
      params.x_offset_px = drawInt(rng, rangeOf(config, d, "x_offset_px"));
      params.y_offset_px = drawInt(rng, rangeOf(config, d, "y_offset_px"));
    }
    for (let k = 0; k < count; k++) {
      if (words) {
        params[`note_${k}_text`] = drawNoteWords(rng, drawInt(rng, rangeOf(config, d, "words")));
        params[`note_${k}_x`] = params.x_offset_px as number;
        params[`note_${k}_y`] = params.y_offset_px as number;
      } else {
        params[`note_${k}_text`] = drawNoteText(rng);
        params[`note_${k}_x`] = round4(rng.uniform(0, frame.width - 1));
        params[`note_${k}_y`] = round4(rng.uniform(0, frame.height - 1));
      }
      params[`note_${k}_size_px`] = round4(
        drawIn(rng, rangeOf(config, d, "size_mm")) * frame.pxPerMm,
      );
      const fraction = words ? drawIn(rng, rangeOf(config, d, "width_fraction")) : 0;
      if (fraction > 0) {
        params[`note_${k}_size_px`] = round4(
          sizeForWidth(params[`note_${k}_text`] as string, fraction * frame.width),
        );
      }
      params[`note_${k}_slant_deg`] = drawIn(rng, rangeOf(config, d, "slant_deg"));
      params[`note_${k}_angle_deg`] = drawIn(rng, rangeOf(config, d, "angle_deg"));
      params[`note_${k}_colour`] = rng.chance(0.85) ? ink : rgbToHex(rng.pick(INKS));
    }
    return params;
  },
  apply(params: Params, target: PixelTarget): void {
    const count = num(params, NAME, "count");
    const jitter = num(params, NAME, "jitter");
    for (let k = 0; k < count; k++) {
      const rng = createRng(num(params, NAME, "sub_seed"), NAME, k);
      const text = str(params, NAME, `note_${k}_text`);
      const ink = writeNote(rng, text, {
        sizePx: Math.max(4, num(params, NAME, `note_${k}_size_px`)),
        slant: (num(params, NAME, `note_${k}_slant_deg`) * Math.PI) / 180,
        angle: (num(params, NAME, `note_${k}_angle_deg`) * Math.PI) / 180,
        jitter,
      });
      const box = placeNote(
        target,
        ink,
        num(params, NAME, `note_${k}_x`),
        num(params, NAME, `note_${k}_y`),
        hexToRgb(str(params, NAME, `note_${k}_colour`)),
        rng,
      );
      if (box) target.notes.push({ text, box });
    }
  },
};

const HAND = "EcgToolkitHand";
let hand: string | undefined;

/** The handwriting font family (registered on first use; DejaVu if Caveat cannot be loaded). */
function handFamily(): string {
  if (hand !== undefined) return hand;
  hand = registerFont("Caveat", HAND) ? HAND : fontFamily();
  return hand;
}

/** The font size (px) at which `text` in the hand font is `width` px wide (at least 4 px). */
function sizeForWidth(text: string, width: number): number {
  const probe = createCanvas(1, 1).getContext("2d");
  probe.font = `100px ${handFamily()}`;
  const at100 = probe.measureText(text).width;
  return at100 > 0 ? Math.max(4, (100 * width) / at100) : 4;
}

interface Pen {
  sizePx: number;
  slant: number;
  angle: number;
  jitter: number;
}

/** A note's coverage: alpha 0..255, with its ink box in the bitmap. */
interface Ink {
  width: number;
  height: number;
  alpha: Uint8Array;
  /** Bitmap pixel that the anchor point maps to. */
  originX: number;
  originY: number;
}

/** Write `text` glyph by glyph on a small canvas: each glyph with its own size, slant, baseline and tilt. */
function writeNote(rng: Rng, text: string, pen: Pen): Ink {
  const font = (px: number) => `${px.toFixed(2)}px ${handFamily()}`;
  const probe = createCanvas(1, 1).getContext("2d");
  probe.font = font(pen.sizePx);
  const length = probe.measureText(text).width * 1.25 + pen.sizePx;
  const cos = Math.cos(pen.angle), sin = Math.sin(pen.angle);
  const pad = 1.5 * pen.sizePx;
  const width = Math.ceil(length * Math.abs(cos) + 2 * pad);
  const height = Math.ceil(length * Math.abs(sin) + 2 * pad);
  const originX = pad + Math.max(0, -cos * length), originY = pad + Math.max(0, -sin * length);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#000";
  let x = 0;
  for (const ch of text) {
    const size = pen.sizePx * (1 + pen.jitter * 0.08 * rng.normal());
    const slant = pen.slant + pen.jitter * 0.07 * rng.normal();
    const rise = pen.jitter * 0.05 * pen.sizePx * rng.normal();
    const tilt = pen.angle + pen.jitter * 0.04 * rng.normal();
    ctx.font = font(size);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.translate(originX + x * cos + rise * sin, originY + x * sin - rise * cos);
    ctx.rotate(tilt);
    ctx.transform(1, 0, -Math.tan(slant), 1, 0, 0);
    ctx.fillText(ch, 0, 0);
    x += ctx.measureText(ch).width + pen.jitter * 0.03 * pen.sizePx * rng.normal();
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
  return { width, height, alpha, originX, originY };
}

/**
 * Lay a note's ink on the page with its anchor near `(x, y)`, shifted so
 * the whole note is on the page; multiply in the ink colour with slight
 * pen-pressure grain, mark the text mask and return the ink box (pixel
 * edges), or null when the note has no ink.
 */
function placeNote(
  target: PixelTarget,
  ink: Ink,
  x: number,
  y: number,
  rgb: readonly [number, number, number],
  rng: Rng,
): [number, number, number, number] | null {
  let left = ink.width, top = ink.height, right = -1, bottom = -1;
  for (let j = 0; j < ink.height; j++) {
    for (let i = 0; i < ink.width; i++) {
      if (ink.alpha[j * ink.width + i] === 0) continue;
      if (i < left) left = i;
      if (i > right) right = i;
      if (j < top) top = j;
      if (j > bottom) bottom = j;
    }
  }
  if (right < 0) return null;
  const { width, height, channels, data } = target.image;
  // Page offset of the bitmap, shifted so the ink lies on the page.
  let ox = Math.round(x - ink.originX), oy = Math.round(y - ink.originY);
  ox = Math.max(-left, Math.min(width - 1 - right, ox));
  oy = Math.max(-top, Math.min(height - 1 - bottom, oy));
  const mask = target.textMask, colour = channels >= 3 ? 3 : 1;
  const grey = (rgb[0] + rgb[1] + rgb[2]) / 3, pressure = rng.uniform(0.8, 0.95);
  for (let j = top; j <= bottom; j++) {
    const py = oy + j;
    if (py < 0 || py >= height) continue;
    for (let i = left; i <= right; i++) {
      const a8 = ink.alpha[j * ink.width + i]!, px = ox + i;
      if (a8 === 0 || px < 0 || px >= width) continue;
      const a = (a8 / 255) * pressure * (0.85 + 0.15 * rng.next());
      const p = (py * width + px) * channels;
      for (let c = 0; c < colour; c++) {
        const k = 1 - a * (1 - (colour === 1 ? grey : rgb[c]!) / 255);
        data[p + c] = data[p + c]! * k + 0.5;
      }
      if (mask && a8 >= 64) mask[py * width + px] = 1;
    }
  }
  return [ox + left - 0.5, oy + top - 0.5, ox + right + 0.5, oy + bottom + 0.5];
}

/**
 * Templates of the printed lead labels: every spelling of the twelve lead
 * names that printers use (`aVR`, `AVR`, `avr`, `-aVR`, `V1` …), rendered
 * once in several free fonts (DejaVu Sans, Sans Bold, Sans Condensed,
 * Serif and Sans Mono, from npm) and kept as small coverage maps at a
 * fixed height. A word cut from a page is compared with them in
 * {@linkcode matchWord}.
 *
 * @module
 */
import { createCanvas } from "npm:@napi-rs/canvas@1.0.11";
import { type FontFile, registerFont } from "../io/fonts.ts";

/** Height every template and word (with its margin) is scaled to, px. */
export const GLYPH_H = 24;

/** One template: a spelling of a lead name in one font. */
export interface Template {
  /** Standard lead name the spelling stands for. */
  readonly lead: string;
  /** The spelling. */
  readonly text: string;
  /** Width over height of the ink. */
  readonly aspect: number;
  /** Coverage of the ink box and its margin, `GLYPH_H` rows of `width`, mean removed, unit norm. */
  readonly data: Float32Array;
  /** Columns of `data`. */
  readonly width: number;
  /** The right part of `data` (where aVR, aVL, aVF and V1 to V6 differ), normalised alike. */
  readonly tail: Float32Array;
}

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];
const FONTS: readonly FontFile[] = [
  "DejaVuSans",
  "DejaVuSans-Bold",
  "DejaVuSansCondensed",
  "DejaVuSerif",
  "DejaVuSansMono",
];

/** Every spelling of `lead` printers use. */
function spellings(lead: string): string[] {
  if (lead.startsWith("aV")) {
    const s = lead.slice(2);
    return [lead, `AV${s}`, `av${s.toLowerCase()}`, `-${lead}`];
  }
  return [lead];
}

let templates: Template[] | undefined;

/** All templates (rendered on first use). */
export function leadTemplates(): readonly Template[] {
  if (templates) return templates;
  const families: string[] = [];
  for (const f of FONTS) {
    // A font that cannot be loaded is skipped; the others still match.
    if (registerFont(f, `EcgLabel${f}`)) families.push(`EcgLabel${f}`);
  }
  if (families.length === 0) families.push("sans-serif");
  const out: Template[] = [];
  for (const lead of LEADS) {
    for (const text of spellings(lead)) {
      for (const family of families) {
        const t = renderTemplate(text, family);
        if (t) out.push({ lead, text, ...t, tail: tailOf(t.data, t.width) });
      }
    }
  }
  templates = out;
  return out;
}

function renderTemplate(
  text: string,
  family: string,
): { aspect: number; data: Float32Array; width: number } | null {
  const size = 64;
  const w = size * (text.length + 1), h = size * 2;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.font = `${size}px ${family}`;
  ctx.fillStyle = "#000";
  ctx.fillText(text, size / 4, size * 1.4);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const cov = new Float32Array(w * h);
  for (let i = 0; i < cov.length; i++) cov[i] = rgba[i * 4 + 3]! / 255;
  const box = inkBox(cov, w, h, 0.3);
  if (!box) return null;
  return normalise(cov, w, box);
}

/** Tight box `[x0, y0, x1, y1]` (inclusive) of values above `level`. */
export function inkBox(
  v: Float32Array,
  w: number,
  h: number,
  level: number,
): [number, number, number, number] | null {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (v[y * w + x]! <= level) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

/**
 * Scale the box of a coverage map (row stride `w`) to `GLYPH_H` rows by
 * area averaging, then remove the mean and scale to unit norm.
 */
export function normalise(
  v: Float32Array,
  w: number,
  box: readonly [number, number, number, number],
): { aspect: number; data: Float32Array; width: number } {
  const [x0, y0, x1, y1] = padded(box);
  const aspect = (box[2] - box[0] + 1) / (box[3] - box[1] + 1);
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const width = Math.max(2, Math.round((GLYPH_H * bw) / bh));
  return { aspect, data: resample(v, w, v.length / w, x0, y0, bw, bh, width, GLYPH_H), width };
}

/** Share of the columns, from the right, that make up a word's tail. */
const TAIL = 0.4;

/** The rightmost columns of a normalised map, normalised again. */
function tailOf(data: Float32Array, width: number): Float32Array {
  const a = Math.floor(width * (1 - TAIL));
  const tw = width - a;
  const out = new Float32Array(tw * GLYPH_H);
  for (let y = 0; y < GLYPH_H; y++) {
    for (let x = 0; x < tw; x++) out[y * tw + x] = data[y * width + a + x]!;
  }
  return standardise(out);
}

/** The ink box with a margin of a fifth of its height all round, so a bar ("I") has a background. */
function padded(box: readonly [number, number, number, number]): [number, number, number, number] {
  const m = Math.max(1, Math.round(0.2 * (box[3] - box[1] + 1)));
  return [box[0] - m, box[1] - m, box[2] + m, box[3] + m];
}

/** Area-average resampling of a box to `ow × oh`, normalised (zero mean, unit norm). */
export function resample(
  v: Float32Array,
  w: number,
  h: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  ow: number,
  oh: number,
): Float32Array {
  const out = new Float32Array(ow * oh);
  const sx = bw / ow, sy = bh / oh;
  for (let oy = 0; oy < oh; oy++) {
    const ya = oy * sy, yb = ya + sy;
    for (let ox = 0; ox < ow; ox++) {
      const xa = ox * sx, xb = xa + sx;
      let acc = 0, area = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const fy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const f = fy * (Math.min(xb, x + 1) - Math.max(xa, x));
          const X = x0 + x, Y = y0 + y;
          if (X >= 0 && Y >= 0 && X < w && Y < h) acc += f * v[Y * w + X]!;
          area += f;
        }
      }
      out[oy * ow + ox] = area > 0 ? acc / area : 0;
    }
  }
  return standardise(out);
}

/** Remove the mean and scale to unit norm, in place (a constant map stays all zero). */
function standardise(out: Float32Array): Float32Array {
  let mean = 0;
  for (let i = 0; i < out.length; i++) mean += out[i]!;
  mean /= out.length || 1;
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = out[i]! - mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/** A word's best reading. */
export interface WordMatch {
  /** Standard lead name of the best template. */
  readonly lead: string;
  /** The spelling matched. */
  readonly text: string;
  /** Mean of the whole word's and its tail's correlation with the best template, less the aspect penalty; about −1 to 1. */
  readonly score: number;
  /** Best score over the templates of other leads. */
  readonly runnerUp: number;
}

/** Weight of the log aspect-ratio difference in a match score. */
const ASPECT_WEIGHT = 0.6;

/**
 * Compare a word (coverage map `v` with row stride `w`, its ink box) with
 * every template: normalised correlation after scaling the word into each
 * template's box, less a penalty for a different aspect ratio.
 *
 * @example
 * ```ts
 * import { matchWord } from "./glyphs.ts";
 * // Three bars, a word as wide as it is tall: reads best as III.
 * const w = 30, h = 30, v = new Float32Array(w * h);
 * for (let y = 5; y < 25; y++) for (const x of [7, 8, 14, 15, 21, 22]) v[y * w + x] = 1;
 * const m = matchWord(v, w, [7, 5, 22, 24]);
 * console.assert(m.lead === "III", m.lead);
 * ```
 */
export function matchWord(
  v: Float32Array,
  w: number,
  box: readonly [number, number, number, number],
): WordMatch {
  const aspect = (box[2] - box[0] + 1) / (box[3] - box[1] + 1);
  const [x0, y0, x1, y1] = padded(box);
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const h = v.length / w;
  const best = new Map<string, { score: number; text: string }>();
  const scaled = new Map<number, [Float32Array, Float32Array]>();
  for (const t of leadTemplates()) {
    let word = scaled.get(t.width);
    if (!word) {
      const full = resample(v, w, h, x0, y0, bw, bh, t.width, GLYPH_H);
      word = [full, tailOf(full, t.width)];
      scaled.set(t.width, word);
    }
    let dot = 0, tail = 0;
    for (let i = 0; i < word[0].length; i++) dot += word[0][i]! * t.data[i]!;
    for (let i = 0; i < word[1].length; i++) tail += word[1][i]! * t.tail[i]!;
    const score = 0.5 * (dot + tail) - ASPECT_WEIGHT * Math.abs(Math.log(aspect / t.aspect));
    const prev = best.get(t.lead);
    if (!prev || score > prev.score) best.set(t.lead, { score, text: t.text });
  }
  const ranked = [...best.entries()].sort((a, b) => b[1].score - a[1].score);
  const [lead, top] = ranked[0]!;
  return { lead, text: top.text, score: top.score, runnerUp: ranked[1]?.[1].score ?? -1 };
}

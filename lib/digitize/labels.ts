/**
 * Printed lead labels: the ink left once the traced paths are taken out is
 * cut into connected components, components of text height are chained
 * into words, and each word is read against the lead-name templates. Only
 * words that read clearly (high score, clear margin over the next lead)
 * are returned.
 *
 * @module
 */
import { matchWord } from "./glyphs.ts";
import type { InkMap } from "./ink.ts";

/** A lead label read on the page. */
export interface LabelRead {
  /** Standard lead name. */
  readonly lead: string;
  /** The spelling matched (`aVR`, `AVR`, `-aVR` …). */
  readonly text: string;
  /** Ink box of the word, px: left, top, right, bottom (inclusive). */
  readonly box: readonly [number, number, number, number];
  /** Match score, about −1 to 1. */
  readonly score: number;
  /** Score of the best other lead. */
  readonly runnerUp: number;
}

/** A word must match this well … */
const MIN_SCORE = 0.55;
/** … and this much better than any other lead. */
const MIN_MARGIN = 0.06;
/** Text heights, mm: lower and upper bounds of a label's ink height. */
const TEXT_H_MM: readonly [number, number] = [1.2, 7];
/** A label is at most this wide, mm. */
const WORD_W_MM = 16;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  ids: number[];
}

/**
 * Read the lead labels of a page.
 *
 * @param ink The page's trace-ink map.
 * @param exclude Per pixel, 1 where a traced path lies (left out of the text).
 * @param pxPerMm Page scale.
 */
export function readLabels(
  ink: InkMap,
  exclude: Uint8Array,
  pxPerMm: number,
  all = false,
): LabelRead[] {
  const { width, height, data, threshold } = ink;
  const { label, boxes } = components(data, exclude, width, height, threshold);
  const minH = TEXT_H_MM[0] * pxPerMm, maxH = TEXT_H_MM[1] * pxPerMm;
  // Glyph-sized components (dots of an "i" are not needed: labels have none that matter).
  const glyphs = boxes.filter((b) => {
    const h = b.y1 - b.y0 + 1, w = b.x1 - b.x0 + 1;
    return h >= 0.45 * minH && h <= maxH && w <= WORD_W_MM * pxPerMm;
  }).sort((a, b) => a.x0 - b.x0);
  const words: Box[] = [];
  const used = new Uint8Array(glyphs.length);
  for (let i = 0; i < glyphs.length; i++) {
    if (used[i]) continue;
    const w: Box = { ...glyphs[i]!, ids: [...glyphs[i]!.ids] };
    used[i] = 1;
    for (let k = i + 1; k < glyphs.length; k++) {
      if (used[k]) continue;
      const g = glyphs[k]!;
      const h = w.y1 - w.y0 + 1;
      if (g.x0 - w.x1 > 0.6 * h) break;
      const overlap = Math.min(w.y1, g.y1) - Math.max(w.y0, g.y0) + 1;
      if (overlap < 0.4 * Math.min(h, g.y1 - g.y0 + 1)) continue;
      if (Math.max(w.y1, g.y1) - Math.min(w.y0, g.y0) + 1 > maxH) continue;
      w.x0 = Math.min(w.x0, g.x0);
      w.x1 = Math.max(w.x1, g.x1);
      w.y0 = Math.min(w.y0, g.y0);
      w.y1 = Math.max(w.y1, g.y1);
      w.ids.push(...g.ids);
      used[k] = 1;
    }
    words.push(w);
  }
  const out: LabelRead[] = [];
  for (const w of words) {
    const h = w.y1 - w.y0 + 1, bw = w.x1 - w.x0 + 1;
    if (h < minH || h > maxH || bw > WORD_W_MM * pxPerMm) continue;
    const cov = coverage(data, label, width, w, threshold);
    const m = matchWord(cov.v, cov.w, [cov.pad, cov.pad, cov.pad + bw - 1, cov.pad + h - 1]);
    if (!all && (m.score < MIN_SCORE || m.score - m.runnerUp < MIN_MARGIN)) continue;
    // A bar-only reading (I, II, III) next to other ink is a piece of a word or a tick.
    if (m.lead.startsWith("I") && inkBeside(data, label, width, w, threshold)) continue;
    out.push({
      lead: m.lead,
      text: m.text,
      box: [w.x0, w.y0, w.x1, w.y1],
      score: m.score,
      runnerUp: m.runnerUp,
    });
  }
  // Labels of one page share a text height: drop words far from it.
  if (out.length >= 4) {
    const hs = out.map((l) => l.box[3] - l.box[1] + 1).sort((a, b) => a - b);
    const typical = hs[hs.length >> 1]!;
    return out.filter((l) => Math.abs(l.box[3] - l.box[1] + 1 - typical) <= 0.35 * typical);
  }
  return out;
}

/** Is there ink other than the word's own within 0.6 of its height left or right of it? */
function inkBeside(
  data: Uint8Array,
  label: Int32Array,
  width: number,
  w: Box,
  threshold: number,
): boolean {
  const h = w.y1 - w.y0 + 1, reach = Math.max(2, Math.round(0.6 * h));
  const ids = new Set(w.ids);
  let count = 0;
  for (let y = w.y0; y <= w.y1; y++) {
    for (const [a, b] of [[w.x0 - reach, w.x0 - 1], [w.x1 + 1, w.x1 + reach]] as const) {
      for (let x = Math.max(0, a); x <= Math.min(width - 1, b); x++) {
        const k = y * width + x;
        if (data[k]! > threshold && !ids.has(label[k]!)) count++;
      }
    }
  }
  return count > 0.1 * h;
}

/** The word's own ink (its components only) in a padded box, 0 to 1. */
function coverage(
  data: Uint8Array,
  label: Int32Array,
  width: number,
  w: Box,
  threshold: number,
): { v: Float32Array; w: number; pad: number } {
  const pad = Math.max(2, Math.round(0.3 * (w.y1 - w.y0 + 1)));
  const cw = w.x1 - w.x0 + 1 + 2 * pad, ch = w.y1 - w.y0 + 1 + 2 * pad;
  const v = new Float32Array(cw * ch);
  const ids = new Set(w.ids);
  const height = label.length / width;
  for (let y = w.y0 - 1; y <= w.y1 + 1; y++) {
    if (y < 0 || y >= height) continue;
    for (let x = w.x0 - 1; x <= w.x1 + 1; x++) {
      if (x < 0 || x >= width) continue;
      const k = y * width + x;
      // Own pixels, and their soft edges below the threshold.
      const own = ids.has(label[k]!) ||
        (data[k]! > 0 && data[k]! <= threshold && nearOwn(label, ids, width, height, x, y));
      if (own) {
        v[(y - w.y0 + pad) * cw + (x - w.x0 + pad)] = Math.min(1, data[k]! / (2 * threshold));
      }
    }
  }
  return { v, w: cw, pad };
}

function nearOwn(
  label: Int32Array,
  ids: Set<number>,
  width: number,
  height: number,
  x: number,
  y: number,
): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const X = x + dx, Y = y + dy;
      if (X >= 0 && Y >= 0 && X < width && Y < height && ids.has(label[Y * width + X]!)) {
        return true;
      }
    }
  }
  return false;
}

/** 8-connected components of the ink above `threshold`, outside `exclude`. */
function components(
  data: Uint8Array,
  exclude: Uint8Array,
  width: number,
  height: number,
  threshold: number,
): { label: Int32Array; boxes: Box[] } {
  const label = new Int32Array(width * height).fill(-1);
  const parent: number[] = [];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return ra;
    const r = Math.min(ra, rb);
    parent[ra] = r;
    parent[rb] = r;
    return r;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = y * width + x;
      if (data[k]! <= threshold || exclude[k]) continue;
      let l = -1;
      const look = (X: number, Y: number): void => {
        if (X < 0 || X >= width || Y < 0) return;
        const n = label[Y * width + X]!;
        if (n >= 0) l = l < 0 ? n : union(l, n);
      };
      look(x - 1, y);
      look(x - 1, y - 1);
      look(x, y - 1);
      look(x + 1, y - 1);
      if (l < 0) {
        l = parent.length;
        parent.push(l);
      }
      label[k] = l;
    }
  }
  const boxes = new Map<number, Box>();
  for (let k = 0; k < label.length; k++) {
    if (label[k]! < 0) continue;
    const r = find(label[k]!);
    label[k] = r;
    const x = k % width, y = (k - x) / width;
    const b = boxes.get(r);
    if (!b) boxes.set(r, { x0: x, y0: y, x1: x, y1: y, ids: [r] });
    else {
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y > b.y1) b.y1 = y;
    }
  }
  return { label, boxes: [...boxes.values()] };
}

/**
 * Off the page: in a photo, the table or background around the sheet shows
 * in the rectified image's margins. It is dark, wide and touches the image
 * border, where paper (even in a shadow) is light and ink is thin. Ink
 * there is not trace: rows would run on along the page edge and take the
 * sheet's border for their start or end.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { InkMap } from "./ink.ts";
import type { PageInk } from "./page_ink.ts";

/**
 * Pixels off the sheet (1), or null when there are hardly any: regions
 * darker than 40 % of the paper's brightest-channel level or of another hue
 * than the paper's (its shadows keep its hue), wider than 1.6 mm everywhere
 * (thin ink and grid lines are eroded away), connected to the image border;
 * grown back by 1.8 mm so the sheet's shaded edge goes too.
 *
 * @param image The rectified page.
 * @param pxPerMm Its scale.
 */
export function offPageMask(image: RasterImage, pxPerMm: number): Uint8Array | null {
  const { width: w, height: h, channels: ch, data } = image;
  const n = w * h;
  const light = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += ch) {
    let m = data[p]!;
    if (ch >= 3) m = Math.max(m, data[p + 1]!, data[p + 2]!);
    light[i] = m;
  }
  // Each channel over the brightest one: the paper's hue, the same in its shadows.
  const hue = (p: number, c: number): number => data[p + c]! / Math.max(1, light[p / ch]!);
  // The paper's level: the median of the middle half of the page.
  const hist = new Float64Array(256);
  for (let y = h >> 2; y < (3 * h) >> 2; y++) {
    for (let x = w >> 2; x < (3 * w) >> 2; x++) hist[light[y * w + x]!]!++;
  }
  const total = hist.reduce((a, b) => a + b, 0);
  let paper = 0;
  for (let acc = 0; paper < 255 && acc + hist[paper]! < total / 2; paper++) acc += hist[paper]!;
  const paperHue = [0, 1, 2].map((c) => {
    if (ch < 3) return 1;
    const v: number[] = [];
    for (let y = h >> 2; y < (3 * h) >> 2; y += 3) {
      for (let x = w >> 2; x < (3 * w) >> 2; x += 3) {
        const i = y * w + x;
        if (light[i]! >= 0.6 * paper) v.push(hue(i * ch, c));
      }
    }
    v.sort((a, b) => a - b);
    return v.length ? v[v.length >> 1]! : 1;
  });
  // Off the paper: much darker than it, or of another hue (a wooden or coloured table).
  const dark = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += ch) {
    let off = light[i]! < 0.4 * paper;
    if (!off && ch >= 3) {
      const d = Math.abs(hue(p, 0) - paperHue[0]!) + Math.abs(hue(p, 1) - paperHue[1]!) +
        Math.abs(hue(p, 2) - paperHue[2]!);
      off = d > 0.3;
    }
    dark[i] = off ? 1 : 0;
  }
  const r = Math.max(1, Math.round(0.8 * pxPerMm));
  const core = boxAll(dark, w, h, r);
  // Flood from the border through the eroded dark.
  const off = new Uint8Array(n);
  const stack: number[] = [];
  const seed = (i: number): void => {
    if (core[i] && !off[i]) off[i] = 1, stack.push(i);
  };
  // The erosion cannot reach the outermost r pixels: seed along the ring r pixels in.
  if (w <= 2 * r + 1 || h <= 2 * r + 1) return null;
  for (let x = r; x < w - r; x++) seed(r * w + x), seed((h - 1 - r) * w + x);
  for (let y = r; y < h - r; y++) seed(y * w + r), seed(y * w + w - 1 - r);
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % w;
    if (x > 0) seed(i - 1);
    if (x < w - 1) seed(i + 1);
    if (i >= w) seed(i - w);
    if (i < n - w) seed(i + w);
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += off[i]!;
  if (count < 0.002 * n) return null;
  return boxAny(off, w, h, r + Math.round(pxPerMm));
}

/** 1 where every pixel of the (2r+1)² box is 1 (erosion). */
function boxAll(m: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const side = 2 * r + 1;
  const sums = boxSums(m, w, h, r);
  const out = new Uint8Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = sums[i]! >= side * side ? 1 : 0;
  return out;
}

/** 1 where any pixel of the (2r+1)² box is 1 (dilation). */
function boxAny(m: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const sums = boxSums(m, w, h, r);
  const out = new Uint8Array(m.length);
  for (let i = 0; i < m.length; i++) out[i] = sums[i]! > 0 ? 1 : 0;
  return out;
}

/** Sums of `m` over the (2r+1)² box around each pixel (outside the image counts 0). */
function boxSums(m: Uint8Array, w: number, h: number, r: number): Int32Array {
  const row = new Int32Array(m.length), out = new Int32Array(m.length);
  for (let y = 0; y < h; y++) {
    let acc = 0;
    const o = y * w;
    for (let x = 0; x < Math.min(r, w); x++) acc += m[o + x]!;
    for (let x = 0; x < w; x++) {
      if (x + r < w) acc += m[o + x + r]!;
      if (x - r - 1 >= 0) acc -= m[o + x - r - 1]!;
      row[o + x] = acc;
    }
  }
  for (let x = 0; x < w; x++) {
    let acc = 0;
    for (let y = 0; y < Math.min(r, h); y++) acc += row[y * w + x]!;
    for (let y = 0; y < h; y++) {
      if (y + r < h) acc += row[(y + r) * w + x]!;
      if (y - r - 1 >= 0) acc -= row[(y - r - 1) * w + x]!;
      out[y * w + x] = acc;
    }
  }
  return out;
}

/** The ink maps with what lies off the sheet (`off`, 1 there) taken out. */
export function offPage(ink: PageInk, off: Uint8Array | null): PageInk {
  if (off === null) return ink;
  const clear = (m: InkMap): InkMap => {
    const data = m.data.slice();
    for (let i = 0; i < data.length; i++) if (off[i]) data[i] = 0;
    return { ...m, data };
  };
  return { ...ink, trace: clear(ink.trace), ...(ink.text ? { text: clear(ink.text) } : {}) };
}

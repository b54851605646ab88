/**
 * Test helpers: images that are not ECGs, drawn in memory from a seed — a
 * landscape (sky, sun, hills, noise) and a cut of it, a page of text, a
 * line-and-bar chart on a grid, noise, a photo-like gradient, a desk seen
 * from above, and a blank page.
 *
 * @module
 */
import {
  createCoverage,
  createRgbImage,
  paintCoverage,
  type RasterImage,
  type Rgb,
} from "../../lib/raster/image.ts";
import { drawPolyline, drawSegment, fillBox } from "../../lib/raster/draw.ts";
import { renderText, stampText } from "../../lib/raster/text.ts";
import { createRng, type Rng } from "../../lib/random/rng.ts";

/** The names of {@linkcode notEcgImage}'s images. */
export const NOT_ECG_KINDS = [
  "landscape",
  "landscape-cut",
  "text",
  "chart",
  "noise",
  "gradient",
  "desk",
  "blank",
] as const;

/** One of {@linkcode NOT_ECG_KINDS}. */
export type NotEcgKind = typeof NOT_ECG_KINDS[number];

const W = 1200, H = 900;

/** A non-ECG image of the given kind, the same for the same seed. */
export function notEcgImage(kind: NotEcgKind, seed = 1): RasterImage {
  const rng = createRng(seed, "not-ecg", kind);
  switch (kind) {
    case "landscape":
      return landscape(rng, W, H);
    case "landscape-cut":
      return crop(landscape(rng, W, H), 0, Math.round(0.35 * H), W, Math.round(0.45 * H));
    case "text":
      return textPage(rng);
    case "chart":
      return chart(rng);
    case "noise":
      return noise(rng);
    case "gradient":
      return gradient(rng);
    case "desk":
      return desk(rng);
    case "blank":
      return addNoise(createRgbImage(W, H, [246, 245, 242]), rng, 3);
  }
}

function set(img: RasterImage, x: number, y: number, [r, g, b]: Rgb): void {
  const i = (y * img.width + x) * 3;
  img.data[i] = r;
  img.data[i + 1] = g;
  img.data[i + 2] = b;
}

function addNoise(img: RasterImage, rng: Rng, amp: number): RasterImage {
  for (let i = 0; i < img.data.length; i++) {
    img.data[i] = Math.max(0, Math.min(255, img.data[i]! + (rng.next() * 2 - 1) * amp));
  }
  return img;
}

function crop(img: RasterImage, x0: number, y0: number, w: number, h: number): RasterImage {
  const out = createRgbImage(w, h, [0, 0, 0]);
  for (let y = 0; y < h; y++) {
    const src = ((y0 + y) * img.width + x0) * 3;
    out.data.set(img.data.subarray(src, src + w * 3), y * w * 3);
  }
  return out;
}

/** A smooth random profile: a sum of a few sines, `n` values. */
function profile(rng: Rng, n: number, amp: number): Float64Array {
  const terms = Array.from({ length: 4 }, (_, k) => ({
    f: (k + 1) * (0.5 + rng.next()) * 2 * Math.PI / n,
    p: rng.next() * 2 * Math.PI,
    a: amp / (k + 1),
  }));
  const out = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    for (const t of terms) out[x] = out[x]! + t.a * Math.sin(t.f * x + t.p);
  }
  return out;
}

function landscape(rng: Rng, w: number, h: number): RasterImage {
  const img = createRgbImage(w, h, [0, 0, 0]);
  for (let y = 0; y < h; y++) {
    const t = y / h;
    for (let x = 0; x < w; x++) set(img, x, y, [90 + 120 * t, 150 + 80 * t, 235]);
  }
  const sx = w * (0.2 + 0.6 * rng.next()), sy = h * 0.18, sr = h * 0.07;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if ((x - sx) ** 2 + (y - sy) ** 2 < sr * sr) set(img, x, y, [255, 220, 80]);
    }
  }
  const greens: Rgb[] = [[110, 160, 90], [70, 130, 60], [40, 95, 40]];
  greens.forEach((colour, k) => {
    const base = h * (0.45 + 0.15 * k), hills = profile(rng, w, h * 0.06);
    for (let x = 0; x < w; x++) {
      for (let y = Math.max(0, Math.round(base + hills[x]!)); y < h; y++) set(img, x, y, colour);
    }
  });
  return addNoise(img, rng, 18);
}

const WORDS = ("the quick brown fox jumps over a lazy dog while heart rhythm reports wait on " +
  "the desk for review before noon and every figure in this letter is only text").split(" ");

function textPage(rng: Rng): RasterImage {
  const img = createRgbImage(W, H, [250, 250, 248]);
  const cov = createCoverage(W, H);
  stampText(cov, renderText("Quarterly report", 36, "serif"), 80, 90);
  for (let y = 150; y < H - 60; y += 26) {
    let x = 80;
    while (x < W - 160) {
      const word = WORDS[Math.floor(rng.next() * WORDS.length)]!;
      const box = stampText(cov, renderText(word, 18, "sans"), x, y);
      x = box[2] + 9;
    }
    if (rng.next() < 0.12) y += 26;
  }
  paintCoverage(img, cov, [30, 30, 30]);
  return addNoise(img, rng, 4);
}

function chart(rng: Rng): RasterImage {
  const img = createRgbImage(W, H, [255, 255, 255]);
  const grid = createCoverage(W, H), axes = createCoverage(W, H);
  const x0 = 100, x1 = W - 60, y0 = 60, y1 = H - 100;
  for (let x = x0; x <= x1; x += 55) drawSegment(grid, x, y0, x, y1, 0.5);
  for (let y = y0; y <= y1; y += 55) drawSegment(grid, x0, y, x1, y, 0.5);
  drawSegment(axes, x0, y0, x0, y1, 1.2);
  drawSegment(axes, x0, y1, x1, y1, 1.2);
  paintCoverage(img, grid, [200, 200, 200]);
  paintCoverage(img, axes, [0, 0, 0]);
  const colours: Rgb[] = [[20, 60, 200], [210, 40, 30]];
  colours.forEach((colour, k) => {
    const line = createCoverage(W, H);
    const n = 24, xs: number[] = [], ys: number[] = [];
    let v = 0.3 + 0.4 * rng.next();
    for (let i = 0; i < n; i++) {
      v = Math.max(0.05, Math.min(0.95, v + (rng.next() - 0.5) * 0.15));
      xs.push(x0 + ((x1 - x0) * i) / (n - 1));
      ys.push(y1 - (y1 - y0) * (0.5 * v + 0.25 * k));
    }
    drawPolyline(line, xs, ys, 1.5);
    paintCoverage(img, line, colour);
  });
  const bars = createCoverage(W, H);
  for (let i = 0; i < 8; i++) {
    const bx = x0 + 40 + i * 120, top = y1 - (y1 - y0) * 0.35 * rng.next();
    fillBox(bars, bx, top, bx + 40, y1);
  }
  paintCoverage(img, bars, [120, 180, 120]);
  const labels = createCoverage(W, H);
  for (let i = 0; i < 8; i++) {
    stampText(labels, renderText(`Q${i + 1}`, 16), x0 + 45 + i * 120, y1 + 30);
  }
  stampText(labels, renderText("Sales by quarter", 26), W / 2 - 100, 40);
  paintCoverage(img, labels, [0, 0, 0]);
  return img;
}

function noise(rng: Rng): RasterImage {
  return addNoise(createRgbImage(W, H, [128, 128, 128]), rng, 127);
}

function gradient(rng: Rng): RasterImage {
  const img = createRgbImage(W, H, [0, 0, 0]);
  const blobs = Array.from({ length: 5 }, () => ({
    x: rng.next() * W,
    y: rng.next() * H,
    r: (0.15 + 0.2 * rng.next()) * W,
    c: [rng.next() * 255, rng.next() * 255, rng.next() * 255],
  }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let r = 60 + 100 * (x / W), g = 80 + 60 * (y / H), b = 120, wsum = 1;
      for (const o of blobs) {
        const k = Math.exp(-((x - o.x) ** 2 + (y - o.y) ** 2) / (o.r * o.r));
        r += k * o.c[0]!, g += k * o.c[1]!, b += k * o.c[2]!, wsum += k;
      }
      set(img, x, y, [r / wsum, g / wsum, b / wsum]);
    }
  }
  return addNoise(img, rng, 6);
}

function desk(rng: Rng): RasterImage {
  const img = createRgbImage(W, H, [0, 0, 0]);
  // Wood: brown with wavy grain along x.
  const grain = profile(rng, H, 1);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const g = Math.sin(y * 0.35 + 3 * Math.sin(x * 0.01 + grain[y]!)) * 0.5 + 0.5;
      set(img, x, y, [120 + 40 * g, 80 + 25 * g, 45 + 15 * g]);
    }
  }
  // A keyboard: a dark slab with light keys.
  const slab = createCoverage(W, H), keys = createCoverage(W, H);
  fillBox(slab, 80, 560, 760, 820);
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 14; c++) {
      fillBox(keys, 95 + c * 47, 575 + r * 48, 95 + c * 47 + 38, 575 + r * 48 + 38);
    }
  }
  paintCoverage(img, slab, [40, 40, 45]);
  paintCoverage(img, keys, [200, 200, 205]);
  // A sheet of paper with handwriting-like text lines, a pen, a mug.
  const sheet = createCoverage(W, H), lines = createCoverage(W, H);
  fillBox(sheet, 820, 80, 1140, 520);
  for (let y = 120; y < 500; y += 30) {
    let x = 845;
    while (x < 1100) {
      const word = WORDS[Math.floor(rng.next() * WORDS.length)]!;
      x = stampText(lines, renderText(word, 15, "serif"), x, y)[2] + 8;
    }
  }
  paintCoverage(img, sheet, [245, 243, 235]);
  paintCoverage(img, lines, [30, 40, 110]);
  const pen = createCoverage(W, H);
  drawSegment(pen, 860, 600, 1100, 700, 6);
  paintCoverage(img, pen, [20, 20, 20]);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x - 400, y - 250);
      if (d < 110) set(img, x, y, d < 90 ? [60, 35, 20] : [230, 230, 230]);
    }
  }
  return addNoise(img, rng, 10);
}

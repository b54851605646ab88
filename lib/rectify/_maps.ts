/**
 * Pixel-level evidence maps: box downsampling, the local paper colour, and
 * per-pixel grid and ink evidence, estimated from the image's own colours
 * (no grid colour is assumed).
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/** An RGB buffer (3 bytes per pixel, row-major). */
export interface Rgb8 {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Optionally, each block's darkest pixel (RGB): thin ink that averaging would fade. */
  readonly dark?: Uint8Array;
}

/** How grid pixels differ from the paper. */
export interface GridColourModel {
  /** `colour`: grid lines differ in hue; `neutral`: only in lightness (grey/black grids). */
  readonly kind: "colour" | "neutral";
  /** Unit direction of (paper − grid) chroma, RGB (colour grids). */
  readonly direction: readonly [number, number, number];
  /** Grid darkness scale (evidence 1 at this value). */
  readonly gridLevel: number;
  /** Ink level at and above which a pixel counts as ink. */
  readonly inkThreshold: number;
}

/** Evidence maps of one image. */
export interface EvidenceMaps {
  readonly width: number;
  readonly height: number;
  /** Grid evidence, 0 to 1. */
  readonly grid: Float32Array;
  /** Ink level (trace/text darkness not explained by the grid), 0 to 255. */
  readonly ink: Uint8Array;
  readonly model: GridColourModel;
}

/**
 * Average `f × f` blocks of any 1/3/4-channel image into RGB; with
 * `withDark`, also keep each block's darkest pixel.
 */
export function boxDownsample(image: RasterImage, f: number, withDark = false): Rgb8 {
  const { width, height, channels: ch, data } = image;
  if (f === 1 && ch === 3) return { width, height, data };
  const w = Math.max(1, Math.floor(width / f)), h = Math.max(1, Math.floor(height / f));
  const out = new Uint8Array(w * h * 3);
  const dark = withDark ? new Uint8Array(w * h * 3) : undefined;
  const darkSum = withDark ? new Int32Array(w) : undefined;
  const acc = new Float64Array(w * 3);
  const g1 = ch === 1 ? 0 : 1, g2 = ch === 1 ? 0 : 2;
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    darkSum?.fill(1000);
    for (let yy = y * f; yy < y * f + f && yy < height; yy++) {
      let i = yy * width * ch;
      for (let x = 0, a = 0; x < w; x++, a += 3) {
        let r = 0, g = 0, b = 0;
        for (let k = 0; k < f; k++, i += ch) {
          const pr = data[i]!, pg = data[i + g1]!, pb = data[i + g2]!;
          r += pr, g += pg, b += pb;
          if (darkSum && pr + pg + pb < darkSum[x]!) {
            darkSum[x] = pr + pg + pb;
            const o = (y * w + x) * 3;
            dark![o] = pr, dark![o + 1] = pg, dark![o + 2] = pb;
          }
        }
        acc[a]! += r, acc[a + 1]! += g, acc[a + 2]! += b;
      }
    }
    const inv = 1 / (f * f), o = y * w * 3;
    for (let k = 0; k < w * 3; k++) out[o + k] = acc[k]! * inv + 0.5;
  }
  return dark ? { width: w, height: h, data: out, dark } : { width: w, height: h, data: out };
}

/**
 * The local paper colour: per block, the mean of the pixels in the block's
 * top decile of lightness, smoothed, at `1/step` resolution.
 */
function paperColour(img: Rgb8): { bg: Float32Array; step: number; bw: number; bh: number } {
  const { width, height, data } = img;
  const block = Math.max(8, Math.round(Math.max(width, height) / 40));
  const bw = Math.ceil(width / block), bh = Math.ceil(height / block);
  const blocks = new Float32Array(bw * bh * 3);
  const hist = new Int32Array(766);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const x0 = bx * block, x1 = Math.min(width, x0 + block);
      const y0 = by * block, y1 = Math.min(height, y0 + block);
      for (let y = y0; y < y1; y++) {
        for (let i = (y * width + x0) * 3, e = (y * width + x1) * 3; i < e; i += 3) {
          hist[data[i]! + data[i + 1]! + data[i + 2]!]!++;
        }
      }
      let need = Math.ceil((x1 - x0) * (y1 - y0) * 0.1), level = 765;
      while (level > 0 && need > 0) need -= hist[level--]!;
      let r = 0, g = 0, b = 0, n = 0;
      for (let y = y0; y < y1; y++) {
        for (let i = (y * width + x0) * 3, e = (y * width + x1) * 3; i < e; i += 3) {
          if (data[i]! + data[i + 1]! + data[i + 2]! > level) {
            r += data[i]!, g += data[i + 1]!, b += data[i + 2]!, n++;
          }
        }
      }
      const o = (by * bw + bx) * 3;
      blocks[o] = r / n, blocks[o + 1] = g / n, blocks[o + 2] = b / n;
    }
  }
  // Upsample to 1/step resolution, bilinear between block centres.
  const step = Math.max(1, Math.floor(block / 4));
  const sw = Math.ceil(width / step), sh = Math.ceil(height / step);
  const bg = new Float32Array(sw * sh * 3);
  for (let sy = 0; sy < sh; sy++) {
    const fy = Math.min(bh - 1, Math.max(0, (sy * step + step / 2) / block - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(bh - 1, y0 + 1), ty = fy - y0;
    for (let sx = 0; sx < sw; sx++) {
      const fx = Math.min(bw - 1, Math.max(0, (sx * step + step / 2) / block - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(bw - 1, x0 + 1), tx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const a = blocks[(y0 * bw + x0) * 3 + c]!, b = blocks[(y0 * bw + x1) * 3 + c]!;
        const d = blocks[(y1 * bw + x0) * 3 + c]!, e = blocks[(y1 * bw + x1) * 3 + c]!;
        bg[(sy * sw + sx) * 3 + c] = (a + (b - a) * tx) * (1 - ty) + (d + (e - d) * tx) * ty;
      }
    }
  }
  return { bg, step, bw: sw, bh: sh };
}

/** The `q`-quantile of a 256-bin histogram (bins 0..255), counting bins ≥ `from`. */
function histQuantile(hist: Float64Array, q: number, from = 0): number {
  let total = 0;
  for (let i = from; i < hist.length; i++) total += hist[i]!;
  let acc = 0;
  for (let i = from; i < hist.length; i++) {
    acc += hist[i]!;
    if (acc >= q * total) return i;
  }
  return hist.length - 1;
}

/**
 * Grid and ink evidence for an RGB image. With `model` given, its colour
 * model is reused (so that two views of one page agree); otherwise it is
 * estimated from the image's colour distribution.
 */
export function evidenceMaps(img: Rgb8, model?: GridColourModel): EvidenceMaps {
  const { width, height, data } = img;
  const paper = paperColour(img);
  const [dr, dg, db] = darkening(data, width, height, paper);
  const m = model ?? estimateModel(dr, dg, db);
  const grid = new Float32Array(width * height);
  const ink = new Uint8Array(width * height);
  applyModel(m, dr, dg, db, grid, ink);
  if (img.dark) {
    // Ink from the darkest pixel of each block: thin traces survive downsampling.
    const [kr, kg, kb] = darkening(img.dark, width, height, paper);
    const dm = { ...m, inkThreshold: levels(m.kind, m.direction, kr, kg, kb).inkThreshold };
    applyModel(dm, kr, kg, kb, new Float32Array(width * height), ink);
    return { width, height, grid, ink, model: dm };
  }
  return { width, height, grid, ink, model: m };
}

/** Per-channel darkening relative to the local paper colour, clamped at 0. */
function darkening(
  data: Uint8Array,
  width: number,
  height: number,
  paper: { bg: Float32Array; step: number; bw: number },
): [Uint8Array, Uint8Array, Uint8Array] {
  const { bg, step, bw } = paper;
  const n = width * height;
  const dr = new Uint8Array(n), dg = new Uint8Array(n), db = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const brow = Math.floor(y / step) * bw;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const b = (brow + Math.floor(x / step)) * 3, p = i * 3;
      const r = bg[b]! - data[p]!, g = bg[b + 1]! - data[p + 1]!, bl = bg[b + 2]! - data[p + 2]!;
      dr[i] = r < 0 ? 0 : r, dg[i] = g < 0 ? 0 : g, db[i] = bl < 0 ? 0 : bl;
    }
  }
  return [dr, dg, db];
}

/** Grid evidence (0..1) and ink level (0..255) of darkened pixels under a colour model. */
function applyModel(
  m: GridColourModel,
  dr: Uint8Array,
  dg: Uint8Array,
  db: Uint8Array,
  grid: Float32Array,
  ink: Uint8Array,
): void {
  const n = dr.length;
  const [ux, uy, uz] = m.direction;
  const invLevel = 1 / m.gridLevel;
  for (let i = 0; i < n; i++) {
    const r = dr[i]!, g = dg[i]!, b = db[i]!;
    const nm = r < g ? (r < b ? r : b) : (g < b ? g : b);
    if (m.kind === "colour") {
      const cr = r - nm, cg = g - nm, cb = b - nm;
      const along = cr * ux + cg * uy + cb * uz;
      const ox = cr - along * ux, oy = cg - along * uy, oz = cb - along * uz;
      const gv = along - Math.sqrt(ox * ox + oy * oy + oz * oz);
      const e = gv * invLevel;
      grid[i] = e <= 0 ? 0 : e >= 1 ? 1 : e;
      const k = (r + g + b) / 3 - (gv > 0 ? gv : 0);
      ink[i] = k <= 0 ? 0 : k;
    } else {
      const e = nm * invLevel;
      grid[i] = e >= 1 ? 1 : e;
      ink[i] = nm;
    }
  }
}

function estimateModel(dr: Uint8Array, dg: Uint8Array, db: Uint8Array): GridColourModel {
  const n = dr.length, stride = Math.max(1, Math.floor(n / 300_000));
  let sx = 0, sy = 0, sz = 0, chroma = 0, neutral = 0, samples = 0;
  for (let i = 0; i < n; i += stride) {
    samples++;
    const r = dr[i]!, g = dg[i]!, b = db[i]!;
    const nm = Math.min(r, g, b), mx = Math.max(r, g, b);
    if (mx < 14) continue;
    const cr = r - nm, cg = g - nm, cb = b - nm;
    const c = Math.sqrt(cr * cr + cg * cg + cb * cb);
    if (c > nm) {
      chroma++;
      sx += cr, sy += cg, sz += cb;
    } else neutral++;
  }
  const len = Math.hypot(sx, sy, sz) || 1;
  const direction: [number, number, number] = [sx / len, sy / len, sz / len];
  const kind = chroma > 0.5 * neutral && chroma > 0.01 * samples ? "colour" : "neutral";
  return { kind, direction, ...levels(kind, direction, dr, dg, db) };
}

/** Grid level and ink threshold of darkened pixels under a grid kind and chroma direction. */
function levels(
  kind: "colour" | "neutral",
  direction: readonly [number, number, number],
  dr: Uint8Array,
  dg: Uint8Array,
  db: Uint8Array,
): { gridLevel: number; inkThreshold: number } {
  const n = dr.length, stride = Math.max(1, Math.floor(n / 300_000));
  const hist = new Float64Array(256), inkHist = new Float64Array(256);
  for (let i = 0; i < n; i += stride) {
    const r = dr[i]!, g = dg[i]!, b = db[i]!;
    const nm = Math.min(r, g, b);
    if (kind === "neutral") {
      const cr = r - nm, cg = g - nm, cb = b - nm;
      if (Math.max(r, g, b) >= 14 && Math.hypot(cr, cg, cb) <= nm) hist[nm]!++;
      continue;
    }
    const cr = r - nm, cg = g - nm, cb = b - nm;
    const along = cr * direction[0] + cg * direction[1] + cb * direction[2];
    const ox = cr - along * direction[0], oy = cg - along * direction[1];
    const oz = cb - along * direction[2];
    const gv = along - Math.sqrt(ox * ox + oy * oy + oz * oz);
    if (gv > 8) hist[Math.min(255, Math.round(gv))]!++;
    const k = (r + g + b) / 3 - (gv > 0 ? gv : 0);
    if (k > 0) inkHist[Math.min(255, Math.round(k))]!++;
  }
  if (kind === "colour") {
    const gridLevel = Math.max(10, histQuantile(hist, 0.9));
    return { gridLevel, inkThreshold: Math.max(30, 0.3 * histQuantile(inkHist, 0.995, 1)) };
  }
  const gridLevel = Math.max(10, histQuantile(hist, 0.8, 12));
  const top = histQuantile(hist, 0.99, 12);
  const inkThreshold = Math.max(40, otsu(hist, 12), Math.min(1.3 * gridLevel, 0.6 * top));
  return { gridLevel, inkThreshold };
}

/** Otsu's threshold of a 256-bin histogram over bins ≥ `from`. */
function otsu(hist: Float64Array, from: number): number {
  let total = 0, sum = 0;
  for (let i = from; i < 256; i++) total += hist[i]!, sum += i * hist[i]!;
  let w0 = 0, s0 = 0, best = from, bestVar = -1;
  for (let t = from; t < 255; t++) {
    w0 += hist[t]!, s0 += t * hist[t]!;
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const d = s0 / w0 - (sum - s0) / w1;
    const v = w0 * w1 * d * d;
    if (v > bestVar) bestVar = v, best = t + 1;
  }
  return best;
}

/**
 * Stage 0: a coarse look at the page (grid angle, orientation, rough
 * scale), then the normalised image: the input box-averaged to the working
 * scale, deskewed and turned upright.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import { boxDownsample, evidenceMaps, type Rgb8 } from "./_maps.ts";
import { estimateSkew } from "./_angle.ts";
import { decideOrientation, type Orientation } from "./_orient.ts";
import { type AxisPeriod, estimateAxisPeriod, rotatedProfiles } from "./_period.ts";
import { type Affine, composeAffine, quarterTurn, warpAffine } from "./_warp.ts";

/** What stage 0 found and made. */
export interface Stage0 {
  /** Upright, deskewed RGB image at the working scale. */
  readonly normalised: Rgb8;
  /** Normalised pixel → input pixel. */
  readonly toInput: Affine;
  /** Input pixels per normalised pixel (the box-averaging factor). */
  readonly factor: number;
  readonly quarterTurns: 0 | 1 | 2 | 3;
  /** Rotation removed, radians (positive: the input was turned clockwise). */
  readonly thetaRad: number;
  readonly orientation: Orientation;
  /** Rough input px per mm from the coarse grid, or null when none showed. */
  readonly roughPxPerMm: number | null;
  /** Whether that scale rests on a fine (1 mm) comb seen at full resolution. */
  readonly roughFromFineGrid: boolean;
}

/**
 * Rough px/mm of one coarse axis. Where the coarse copy shows one pitch
 * only, the input itself decides when it can: a comb at a fifth of that
 * pitch in a full-resolution crop makes it the 5 mm grid (a fine grid lost
 * to the downsampling). Otherwise the page size decides: a page of at most
 * 112 periods is taken as 5 mm boxes.
 */
function roughScale(
  profile: Float64Array,
  extentPx: number,
  fine: (periodPx: number) => boolean,
): { s: number; fine: boolean } | null {
  const p = estimateAxisPeriod(profile, 4);
  if (!p || p.significance < 6 || !(Math.abs(p.acfPeriodPx / p.periodPx - 1) <= 0.05)) return null;
  const seenFine = p.ambiguous && fine(p.pxPerMm);
  const s = p.ambiguous && (seenFine || extentPx / p.pxPerMm <= 112) ? p.pxPerMm / 5 : p.pxPerMm;
  const extentMm = extentPx / s;
  // Plots of many seconds side by side make pages over a metre wide; only a seen fine grid
  // vouches for those.
  return extentMm >= 40 && extentMm <= (seenFine ? 1500 : 700) ? { s, fine: seenFine } : null;
}

/** Grid evidence of a full-resolution crop, summed along each axis. */
interface CropProfiles {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * The grid evidence of a full-resolution crop at the middle of the page (at
 * most 1000 px a side), summed along columns (`x`) and rows (`y`).
 */
function cropProfiles(image: RasterImage): CropProfiles {
  const cw = Math.min(image.width, 1000), chh = Math.min(image.height, 1000);
  const maps = evidenceMaps(
    cropRgb(image, (image.width - cw) >> 1, (image.height - chh) >> 1, cw, chh),
  );
  const x = new Float64Array(cw), y = new Float64Array(chh);
  for (let r = 0; r < chh; r++) {
    for (let c = 0; c < cw; c++) {
      const v = maps.grid[r * cw + c]!;
      x[c]! += v, y[r]! += v;
    }
  }
  return { x, y };
}

/**
 * Whether a crop profile shows a grid comb at a fifth of `periodPx` (input
 * px). False when that comb would be under 2.5 px.
 */
function fineCombSeen(profile: Float64Array, periodPx: number): boolean {
  const fine = periodPx / 5;
  if (!(fine >= 2.5)) return false;
  const p = estimateAxisPeriod(profile, 2.2);
  if (!p) return false;
  const near = (v: number): boolean => Math.abs(v / fine - 1) < 0.08;
  return near(p.pxPerMm) || (p.ambiguous && near(p.periodPx));
}

/**
 * Rough px/mm from the crop's profiles (`cropProfiles`): both axes must
 * show the same pitch. Resolved 1 mm / 5 mm by the 5-fold structure where
 * seen (`fine`), else by the page size.
 */
function cropScale(image: RasterImage, crop: CropProfiles): { s: number; fine: boolean } | null {
  const ax = estimateAxisPeriod(crop.x, 2.2), ay = estimateAxisPeriod(crop.y, 2.2);
  // Both axes periodic, spectrum and autocorrelation agreeing (paper textures and scanner
  // noise do not pass).
  if (!ax || !ay || ax.significance < 6 || ay.significance < 6 || !ax.agree || !ay.agree) {
    return null;
  }
  // Readings per axis: 1 mm, and for a single pitch also the 5 mm one.
  const read = (p: AxisPeriod): number[] => p.ambiguous ? [p.pxPerMm, p.pxPerMm / 5] : [p.pxPerMm];
  let best: { s: number; fine: boolean } | null = null, bestD = 0.1;
  for (const rx of read(ax)) {
    for (const ry of read(ay)) {
      const d = Math.abs(Math.log(rx / ry));
      if (d < bestD) bestD = d, best = { s: (rx + ry) / 2, fine: !ax.ambiguous || !ay.ambiguous };
    }
  }
  if (!best) {
    // One axis resolved (5-fold seen), the other locked on a multiple of its pitch (traces
    // running along it, or a harmonic): square paper still, at the resolved axis's scale.
    const [a, b] = [ax, ay].sort((p, q) => p.pxPerMm - q.pxPerMm) as [AxisPeriod, AxisPeriod];
    if (a.ambiguous) return null;
    const r = b.pxPerMm / a.pxPerMm;
    const k = Math.round(r);
    if (!(k >= 1 && k <= 5 && Math.abs(r / k - 1) < 0.04)) return null;
    best = { s: a.pxPerMm, fine: true };
  }
  if (!best.fine) {
    // One pitch on both axes: 5 mm boxes when the page is at most 112 of them.
    const p = ax.pxPerMm;
    best = { s: Math.max(image.width, image.height) / p <= 112 ? p / 5 : p, fine: false };
  }
  // A whole ECG page (this look is a fallback: part-page crops keep the coarse look's range).
  const extentMm = Math.max(image.width, image.height) / best.s;
  return extentMm >= 150 && extentMm <= (best.fine ? 1500 : 700) ? best : null;
}

/** An RGB copy of a rectangle of `image`. */
function cropRgb(image: RasterImage, x0: number, y0: number, w: number, h: number): Rgb8 {
  const { width, channels: ch, data } = image;
  const out = new Uint8Array(w * h * 3);
  const g1 = ch === 1 ? 0 : 1, g2 = ch === 1 ? 0 : 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * width + x0 + x) * ch, o = (y * w + x) * 3;
      out[o] = data[i]!, out[o + 1] = data[i + g1]!, out[o + 2] = data[i + g2]!;
    }
  }
  return { width: w, height: h, data: out };
}

/** 3×3 box blur: removes what is left of 1 mm lines near the coarse image's Nyquist limit. */
function blur3(map: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(map.length), out = new Float32Array(map.length);
  for (let y = 0; y < h; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      tmp[i] = map[i - 1]! + map[i]! + map[i + 1]!;
    }
  }
  for (let y = 1; y < h - 1; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) out[i] = (tmp[i - w]! + tmp[i]! + tmp[i + w]!) / 9;
  }
  return out;
}

/** The coarse look: grid angle, orientation and rough scale on a ≤ 800 px copy. */
export function coarseLook(image: RasterImage): {
  thetaRad: number;
  orientation: Orientation;
  roughPxPerMm: number | null;
  roughFromFineGrid: boolean;
  coarse: Rgb8;
  f1: number;
} {
  const maxDim = Math.max(image.width, image.height);
  const f1 = Math.max(1, Math.ceil(maxDim / 800));
  const coarse = boxDownsample(image, f1, true);
  const maps = evidenceMaps(coarse);
  const smooth = blur3(maps.grid, coarse.width, coarse.height);
  const { theta } = estimateSkew(smooth, coarse.width, coarse.height);
  const inkMask = new Uint8Array(maps.ink.length);
  for (let i = 0; i < inkMask.length; i++) {
    inkMask[i] = maps.ink[i]! >= maps.model.inkThreshold ? 1 : 0;
  }
  const orientation = decideOrientation(inkMask, coarse.width, coarse.height, theta);
  const prof = rotatedProfiles(smooth, coarse.width, coarse.height, theta);
  // The full-resolution crop is made once, when a check first needs it.
  let crop: CropProfiles | null = null;
  const full = (): CropProfiles => crop ??= cropProfiles(image);
  const sx = roughScale(prof.x, coarse.width, (p) => fineCombSeen(full().x, p * f1));
  const sy = roughScale(prof.y, coarse.height, (p) => fineCombSeen(full().y, p * f1));
  // A grid shows the same period along both axes (within perspective).
  const s = sx && sy && Math.abs(Math.log(sx.s / sy.s)) < 0.3 ? (sx.s + sy.s) / 2 : null;
  let roughPxPerMm = s === null ? null : s * f1;
  let roughFromFineGrid = s !== null && (sx!.fine || sy!.fine);
  if (f1 > 1) {
    // The 1 mm / 5 mm structure seen at full resolution outranks the coarse copy, which can
    // lose a fine grid (a long, narrow page shrunk by its long side) or lock on a multiple.
    const c = cropScale(image, full());
    const differs = roughPxPerMm === null || Math.abs(Math.log(roughPxPerMm / (c?.s ?? 1))) > 0.3;
    if (c && differs && (c.fine || roughPxPerMm === null)) {
      roughPxPerMm = c.s, roughFromFineGrid = c.fine;
    }
  }
  return { thetaRad: theta, orientation, roughPxPerMm, roughFromFineGrid, coarse, f1 };
}

/** Run stage 0 on an input image. */
export function normalise(image: RasterImage, workPxPerMm: number): Stage0 {
  const maxDim = Math.max(image.width, image.height);
  const { thetaRad: theta, orientation, roughPxPerMm, roughFromFineGrid, coarse, f1 } = coarseLook(
    image,
  );
  let f0 = roughPxPerMm === null
    ? Math.round(maxDim / 1400)
    : Math.round(roughPxPerMm / workPxPerMm);
  // Working size bounded by area (about 2600 x 2000 px), so that long, narrow pages (plots of
  // many seconds) keep their fine grid resolvable.
  f0 = Math.max(1, f0, Math.ceil(Math.sqrt((image.width * image.height) / (2600 * 2000))));
  const work = f0 === f1 ? coarse : boxDownsample(image, f0, true);
  const turns = orientation.turns;
  const toInputFromWork: Affine = [f0, 0, (f0 - 1) / 2, 0, f0, (f0 - 1) / 2];
  const w0 = work.width, h0 = work.height;
  let normalised: Rgb8, toWork: Affine;
  const dark: Rgb8 | null = work.dark ? { width: w0, height: h0, data: work.dark } : null;
  if (Math.abs(theta) < 0.0003) {
    normalised = quarterTurn({ width: w0, height: h0, data: work.data }, turns);
    if (dark) normalised = { ...normalised, dark: quarterTurn(dark, turns).data };
    toWork = turnInverse(turns, w0, h0);
  } else {
    const cos = Math.cos(theta), sin = Math.sin(theta);
    const wr = Math.ceil(Math.abs(w0 * cos) + Math.abs(h0 * sin));
    const hr = Math.ceil(Math.abs(w0 * sin) + Math.abs(h0 * cos));
    const rot: Affine = [
      cos,
      -sin,
      (w0 - 1) / 2 - cos * (wr - 1) / 2 + sin * (hr - 1) / 2,
      sin,
      cos,
      (h0 - 1) / 2 - sin * (wr - 1) / 2 - cos * (hr - 1) / 2,
    ];
    toWork = composeAffine(rot, turnInverse(turns, wr, hr));
    const odd = turns % 2 === 1;
    normalised = warpAffine(work, toWork, odd ? hr : wr, odd ? wr : hr);
    if (dark) {
      normalised = {
        ...normalised,
        dark: warpAffine(dark, toWork, odd ? hr : wr, odd ? wr : hr).data,
      };
    }
  }
  return {
    normalised,
    toInput: composeAffine(toInputFromWork, toWork),
    factor: f0,
    quarterTurns: turns,
    thetaRad: theta,
    orientation,
    roughPxPerMm,
    roughFromFineGrid,
  };
}

/** Turned-image pixel → unturned pixel, for an unturned image of `w × h`. */
function turnInverse(turns: 0 | 1 | 2 | 3, w: number, h: number): Affine {
  switch (turns) {
    case 0:
      return [1, 0, 0, 0, 1, 0];
    case 1:
      return [0, 1, 0, -1, 0, h - 1];
    case 2:
      return [-1, 0, w - 1, 0, -1, h - 1];
    case 3:
      return [0, -1, w - 1, 1, 0, 0];
  }
}

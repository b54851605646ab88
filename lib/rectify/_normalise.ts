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
import { estimateAxisPeriod, rotatedProfiles } from "./_period.ts";
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
}

/** Rough px/mm of one coarse axis, choosing 1 or 5 mm by how big the page would be. */
function roughScale(profile: Float64Array, extentPx: number): number | null {
  const p = estimateAxisPeriod(profile, 4);
  if (!p || p.significance < 6 || !(Math.abs(p.acfPeriodPx / p.periodPx - 1) <= 0.05)) return null;
  const s = p.ambiguous && extentPx / p.pxPerMm <= 112 ? p.pxPerMm / 5 : p.pxPerMm;
  const extentMm = extentPx / s;
  return extentMm >= 40 && extentMm <= 700 ? s : null;
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
  const sx = roughScale(prof.x, coarse.width), sy = roughScale(prof.y, coarse.height);
  // A grid shows the same period along both axes (within perspective).
  const s = sx && sy && Math.abs(Math.log(sx / sy)) < 0.3 ? (sx + sy) / 2 : null;
  const roughPxPerMm = s === null ? null : s * f1;
  return { thetaRad: theta, orientation, roughPxPerMm, coarse, f1 };
}

/** Run stage 0 on an input image. */
export function normalise(image: RasterImage, workPxPerMm: number): Stage0 {
  const maxDim = Math.max(image.width, image.height);
  const { thetaRad: theta, orientation, roughPxPerMm, coarse, f1 } = coarseLook(image);
  let f0 = roughPxPerMm === null
    ? Math.round(maxDim / 1400)
    : Math.round(roughPxPerMm / workPxPerMm);
  f0 = Math.max(1, f0, Math.ceil(maxDim / 2600));
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

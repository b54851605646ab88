/**
 * Crumpled paper: shading from a fractal height field (procedural, the
 * default) or from a photo of crumpled paper when the caller gives
 * textures.
 *
 * @module
 */
import { createRng } from "../../random/rng.ts";
import type { RasterImage } from "../../raster/image.ts";
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  choicesOf,
  drawIn,
  drawInt,
  drawSeed,
  num,
  rangeOf,
  round4,
  type SettingSpec,
  str,
} from "../_config.ts";
import { addFractalNoise, type Field, pageField, shadeByField } from "./_field.ts";

const NAME = "wrinkles";

const SPECS: Record<string, SettingSpec> = {
  strength: { type: "range", lo: 0, hi: 0.5 },
  scale_mm: { type: "range", lo: 1, hi: 500 },
  octaves: { type: "range", lo: 1, hi: 8, whole: true },
  texture_scale: { type: "range", lo: 0.05, hi: 1 },
  blend: { type: "choices", values: ["multiply", "overlay"] },
};

/**
 * Crumpled-paper shading. Settings: `strength` (RMS of the shading, as a
 * fraction of brightness, default `[0.025, 0.07]`), `scale_mm` (size of the
 * largest crumple facets, default `[15, 45]`), `octaves` (levels of ever
 * finer, more numerous folds, default `[2, 3]`), `texture_scale` (part of
 * a photo texture's width cropped onto the page, default `[0.5, 1]`),
 * `blend` (`multiply` darkens folds and lifts nothing; `overlay` darkens
 * the paper in shadows and lifts ink in highlights; default both).
 * With textures (`--textures`) a random photo, crop and blend is used and
 * `source: "texture"` with `texture_index` is recorded; else
 * `source: "procedural"`.
 *
 * @example
 * ```ts
 * import { wrinkles } from "./wrinkles.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = wrinkles.sample(createRng(1), wrinkles.defaults, { width: 200, height: 100, pxPerMm: 4 });
 * console.assert(typeof params.strength === "number");
 * ```
 */
export const wrinkles: PixelFamily = {
  name: NAME,
  kind: "paper",
  description: "Crumpled paper: fractal shading, or a photo texture when textures are given",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.5,
    strength: [0.025, 0.07],
    scale_mm: [15, 45],
    octaves: [2, 3],
    texture_scale: [0.5, 1],
    blend: ["multiply", "multiply", "overlay"],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, _frame: Frame): Params {
    const d = wrinkles.defaults;
    return {
      strength: drawIn(rng, rangeOf(config, d, "strength")),
      scale_mm: drawIn(rng, rangeOf(config, d, "scale_mm")),
      octaves: drawInt(rng, rangeOf(config, d, "octaves")),
      light_deg: round4(rng.uniform(0, 360)),
      blend: rng.pick(choicesOf(config, d, "blend")),
      texture_pick: round4(rng.next()),
      texture_scale: drawIn(rng, rangeOf(config, d, "texture_scale")),
      crop_x: round4(rng.next()),
      crop_y: round4(rng.next()),
      sub_seed: drawSeed(rng),
    };
  },
  apply(params: Params, target: PixelTarget): void {
    const { image, textures } = target;
    // `source` and `texture_index` are known only here (sample does not see the textures).
    if (params.source === undefined) {
      params.source = textures.length > 0 ? "texture" : "procedural";
      if (textures.length > 0) {
        params.texture_index = Math.min(
          textures.length - 1,
          Math.floor(num(params, NAME, "texture_pick") * textures.length),
        );
      }
    }
    const strength = num(params, NAME, "strength");
    const texture = params.source === "texture"
      ? textures[num(params, NAME, "texture_index")]
      : undefined;
    if (params.source === "texture" && !texture) {
      throw new RangeError(`Cannot apply ${NAME}: texture ${params.texture_index} was not given`);
    }
    const shading = texture
      ? textureShading(texture, image, params)
      : proceduralShading(image, target.pxPerMm, params);
    const blend = str(params, NAME, "blend");
    const d = shading.data;
    for (let i = 0; i < d.length; i++) {
      const s = Math.max(-3, Math.min(3, d[i]!)) * strength;
      d[i] = blend === "overlay" ? Math.max(0, Math.min(1, 0.5 + s)) : 1 + s;
    }
    shadeByField(image, shading, blend === "overlay" ? "overlay" : "multiply");
  },
};

/**
 * Shading of crumpled paper: many short random folds, each a ridge or a
 * valley whose two sides face towards and away from the light, fading
 * along and across the fold, over a broad smooth undulation. Computed
 * about every millimetre, normalised to unit RMS.
 */
function proceduralShading(image: RasterImage, pxPerMm: number, params: Params): Field {
  const cell = Math.max(2, Math.round(pxPerMm));
  const field = pageField(image.width, image.height, cell);
  const rng = createRng(num(params, NAME, "sub_seed"), NAME);
  const mmPerSample = cell / pxPerMm, scale = num(params, NAME, "scale_mm") / mmPerSample;
  const a = (num(params, NAME, "light_deg") * Math.PI) / 180;
  const lx = Math.cos(a), ly = Math.sin(a);
  const { width: w, height: h, data: out } = field;
  const detail = num(params, NAME, "octaves");
  // Coarse folds first, then finer ones: `detail` levels, each half the size, twice as many.
  for (let level = 0; level < detail; level++) {
    const size = scale / 2 ** level, amp = 0.6 ** level;
    const count = Math.round(((w * h) / (size * size)) * 0.8);
    for (let k = 0; k < count; k++) {
      const cx = rng.uniform(-size, w + size), cy = rng.uniform(-size, h + size);
      const t = rng.uniform(0, Math.PI), ux = Math.cos(t), uy = Math.sin(t);
      const half = size * rng.uniform(0.7, 1.6), reach = size * rng.uniform(0.12, 0.3);
      const strength = amp * rng.uniform(0.3, 1) * (rng.chance(0.5) ? 1 : -1);
      // Normal (-uy, ux) against the light: how much the fold's sides differ.
      const facing = strength * (-uy * lx + ux * ly);
      addFold(out, w, h, cx, cy, ux, uy, half, reach, facing);
    }
  }
  normalise(out);
  // A broad undulation of the sheet, from the gradient of smooth noise.
  const height = pageField(image.width, image.height, cell);
  addFractalNoise(height, rng, scale * 4, 2, 0.5);
  for (let j = 1; j < h - 1; j++) {
    for (let i = 1; i < w - 1; i++) {
      const q = j * w + i;
      out[q] = out[q]! + 0.5 * scale * (lx * (height.data[q + 1]! - height.data[q - 1]!) +
            ly * (height.data[q + w]! - height.data[q - w]!));
    }
  }
  normalise(out);
  return field;
}

/** Add one fold's shading: `facing · sign(d)`, fading as `(1 - (s/half)²)²` along and `exp(-(d/reach)²)` across. */
function addFold(
  out: Float32Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  ux: number,
  uy: number,
  half: number,
  reach: number,
  facing: number,
): void {
  const ex = Math.abs(ux) * half + Math.abs(uy) * 2 * reach;
  const ey = Math.abs(uy) * half + Math.abs(ux) * 2 * reach;
  const i0 = Math.max(0, Math.ceil(cx - ex)), i1 = Math.min(w - 1, Math.floor(cx + ex));
  const j0 = Math.max(0, Math.ceil(cy - ey)), j1 = Math.min(h - 1, Math.floor(cy + ey));
  const invHalf = 1 / half, invReach = 1 / reach;
  for (let j = j0; j <= j1; j++) {
    const dy = j - cy;
    for (let i = i0; i <= i1; i++) {
      const dx = i - cx;
      const s = (dx * ux + dy * uy) * invHalf;
      if (s <= -1 || s >= 1) continue;
      const d = (dy * ux - dx * uy) * invReach;
      if (d <= -2 || d >= 2) continue;
      const along = 1 - s * s;
      // sign(d) with a one-sample soft edge, fading across.
      const side = d * reach > 1 ? 1 : d * reach < -1 ? -1 : d * reach;
      out[j * w + i] = out[j * w + i]! + facing * side * along * along * Math.exp(-d * d);
    }
  }
}

/** Luminance of a crop of the texture, scaled onto the page, normalised to zero mean and unit RMS. */
function textureShading(texture: RasterImage, image: RasterImage, params: Params): Field {
  const tw = texture.width, th = texture.height;
  let cw = num(params, NAME, "texture_scale") * tw, ch = (cw * image.height) / image.width;
  if (ch > th) {
    cw *= th / ch;
    ch = th;
  }
  const cx = num(params, NAME, "crop_x") * (tw - cw), cy = num(params, NAME, "crop_y") * (th - ch);
  const cell = Math.max(3, Math.min(16, Math.round(image.width / cw)));
  const field = pageField(image.width, image.height, cell);
  const sx = cw / image.width, sy = ch / image.height;
  const { channels: tc, data: td } = texture;
  const lum = new Float32Array(tw * th);
  for (let q = 0, p = 0; q < lum.length; q++, p += tc) {
    lum[q] = tc >= 3 ? 0.299 * td[p]! + 0.587 * td[p + 1]! + 0.114 * td[p + 2]! : td[p]!;
  }
  for (let j = 0; j < field.height; j++) {
    const ty = Math.min(th - 1.001, cy + j * cell * sy), y0 = Math.floor(ty), g = ty - y0;
    for (let i = 0; i < field.width; i++) {
      const tx = Math.min(tw - 1.001, cx + i * cell * sx), x0 = Math.floor(tx), f = tx - x0;
      const q = y0 * tw + x0;
      const top = lum[q]! * (1 - f) + lum[q + 1]! * f;
      const bottom = lum[q + tw]! * (1 - f) + lum[q + tw + 1]! * f;
      field.data[j * field.width + i] = top * (1 - g) + bottom * g;
    }
  }
  normalise(field.data);
  return field;
}

function normalise(d: Float32Array): void {
  let sum = 0, sq = 0;
  for (let i = 0; i < d.length; i++) sum += d[i]!;
  const mean = sum / d.length;
  for (let i = 0; i < d.length; i++) sq += (d[i]! - mean) ** 2;
  const rms = Math.sqrt(sq / d.length) || 1;
  for (let i = 0; i < d.length; i++) d[i] = (d[i]! - mean) / rms;
}

/**
 * Fold lines: where a printout was folded (in halves or thirds), a lit
 * side, a shadowed side and a thin dark, fibrous line.
 *
 * @module
 */
import { createRng } from "../../random/rng.ts";
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
import { addFractalNoise, createField } from "./_field.ts";

const NAME = "creases";
/** Where folds of a letter-size printout fall, as fractions of the page. */
const FOLDS = [1 / 3, 1 / 2, 2 / 3];

const SPECS: Record<string, SettingSpec> = {
  count: { type: "range", lo: 0, hi: 10, whole: true },
  angle_deg: { type: "range", lo: -45, hi: 45 },
  strength: { type: "range", lo: 0, hi: 1 },
  width_mm: { type: "range", lo: 0.2, hi: 50 },
  position_jitter: { type: "range", lo: 0, hi: 0.5 },
  horizontal: { type: "range", lo: 0, hi: 20, whole: true },
  vertical: { type: "range", lo: 0, hi: 20, whole: true },
};

/**
 * Fold lines. Settings: `count` (folds per page, default `[1, 3]`),
 * `angle_deg` (skew from horizontal or vertical, default `[-1.5, 1.5]`),
 * `strength` (darkening of the shadow side and the line, 0..1, default
 * `[0.06, 0.16]`), `width_mm` (falloff of the shading each side of the
 * line, default `[1.5, 5]`), `position_jitter` (how far a fold strays from
 * the halves and thirds of the page, as a fraction of it, default
 * `[0, 0.04]`), `horizontal` and `vertical` (default `0`): when either is
 * above 0, the page instead gets that many evenly spaced horizontal and
 * vertical creases (ecg-image-kit's `-nh` and `-nv`), all at one drawn
 * `angle_deg`, and `count` and `position_jitter` are not used. Recorded
 * per fold `k`: `fold_k_axis` (`horizontal` or
 * `vertical`), `fold_k_offset_px` (the line's position at the page centre),
 * `fold_k_angle_deg`, `fold_k_strength`, `fold_k_width_px`,
 * `fold_k_light_side` (+1: the side of larger x or y is lit).
 *
 * @example
 * ```ts
 * import { creases } from "./creases.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = creases.sample(createRng(1), creases.defaults, { width: 220, height: 170, pxPerMm: 1 });
 * console.assert(typeof params.count === "number");
 * ```
 */
export const creases: PixelFamily = {
  name: NAME,
  kind: "paper",
  description: "Fold lines at the halves and thirds of the page, with a lit and a shadowed side",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.3,
    count: [1, 3],
    angle_deg: [-1.5, 1.5],
    strength: [0.06, 0.16],
    width_mm: [1.5, 5],
    position_jitter: [0, 0.04],
    horizontal: 0,
    vertical: 0,
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = creases.defaults;
    if (rangeOf(config, d, "horizontal")[1] > 0 || rangeOf(config, d, "vertical")[1] > 0) {
      return evenFolds(rng, config, frame);
    }
    const count = drawInt(rng, rangeOf(config, d, "count"));
    const params: Params = { count, sub_seed: drawSeed(rng) };
    const used = new Set<string>();
    for (let k = 0; k < count; k++) {
      let axis = rng.chance(0.5) ? "horizontal" : "vertical", fold = rng.pick(FOLDS);
      for (let tries = 0; tries < 8 && used.has(`${axis}${fold}`); tries++) {
        axis = rng.chance(0.5) ? "horizontal" : "vertical";
        fold = rng.pick(FOLDS);
      }
      used.add(`${axis}${fold}`);
      const across = axis === "horizontal" ? frame.height : frame.width;
      const jitter = drawIn(rng, rangeOf(config, d, "position_jitter"));
      params[`fold_${k}_axis`] = axis;
      params[`fold_${k}_offset_px`] = round4(
        (fold + (rng.chance(0.5) ? jitter : -jitter)) * across,
      );
      params[`fold_${k}_angle_deg`] = drawIn(rng, rangeOf(config, d, "angle_deg"));
      params[`fold_${k}_strength`] = drawIn(rng, rangeOf(config, d, "strength"));
      params[`fold_${k}_width_px`] = round4(
        drawIn(rng, rangeOf(config, d, "width_mm")) * frame.pxPerMm,
      );
      params[`fold_${k}_light_side`] = rng.chance(0.5) ? 1 : -1;
    }
    return params;
  },
  apply(params: Params, target: PixelTarget): void {
    const count = num(params, NAME, "count");
    const rng = createRng(num(params, NAME, "sub_seed"), NAME);
    for (let k = 0; k < count; k++) {
      drawFold(target, rng, {
        vertical: str(params, NAME, `fold_${k}_axis`) === "vertical",
        offset: num(params, NAME, `fold_${k}_offset_px`),
        angle: (num(params, NAME, `fold_${k}_angle_deg`) * Math.PI) / 180,
        strength: num(params, NAME, `fold_${k}_strength`),
        width: Math.max(0.5, num(params, NAME, `fold_${k}_width_px`)),
        lightSide: num(params, NAME, `fold_${k}_light_side`),
      });
    }
  },
};

/** Evenly spaced folds, `horizontal` across and `vertical` down the page, all at one angle. */
function evenFolds(
  rng: ReturnType<typeof createRng>,
  config: Readonly<FamilyConfig>,
  frame: Frame,
): Params {
  const d = creases.defaults;
  const across = drawInt(rng, rangeOf(config, d, "horizontal"));
  const down = drawInt(rng, rangeOf(config, d, "vertical"));
  const angle = drawIn(rng, rangeOf(config, d, "angle_deg"));
  const params: Params = { count: across + down, sub_seed: drawSeed(rng) };
  let k = 0;
  for (const [axis, n] of [["horizontal", across], ["vertical", down]] as const) {
    const span = axis === "horizontal" ? frame.height : frame.width;
    for (let i = 1; i <= n; i++, k++) {
      params[`fold_${k}_axis`] = axis;
      params[`fold_${k}_offset_px`] = round4((i / (n + 1)) * span);
      // One direction on the page: a vertical fold's skew runs the other way round.
      params[`fold_${k}_angle_deg`] = axis === "horizontal" ? angle : -angle;
      params[`fold_${k}_strength`] = drawIn(rng, rangeOf(config, d, "strength"));
      params[`fold_${k}_width_px`] = round4(
        drawIn(rng, rangeOf(config, d, "width_mm")) * frame.pxPerMm,
      );
      params[`fold_${k}_light_side`] = rng.chance(0.5) ? 1 : -1;
    }
  }
  return params;
}

interface Fold {
  vertical: boolean;
  offset: number;
  angle: number;
  strength: number;
  width: number;
  lightSide: number;
}

/** Shade one fold. Along the line `t` runs over x (horizontal fold) or y (vertical fold). */
function drawFold(target: PixelTarget, rng: ReturnType<typeof createRng>, fold: Fold): void {
  const { width, height, channels, data } = target.image;
  const along = fold.vertical ? height : width, across = fold.vertical ? width : height;
  const lineWidth = Math.max(0.6, 0.18 * target.pxPerMm);
  const reach = Math.ceil(2.5 * Math.max(fold.width, lineWidth * 2));
  const lineReach = 3 * lineWidth;
  // Profiles across the fold, sampled every quarter pixel: the lit/shadowed sides and the line.
  const steps = 4, side = new Float32Array(2 * reach * steps + 2);
  const line = new Float32Array(side.length);
  for (let i = 0; i < side.length; i++) {
    const d = i / steps - reach, u = d / fold.width, q = d / lineWidth;
    side[i] = 0.6 * fold.strength * fold.lightSide * (u / Math.SQRT1_2) * Math.exp(0.5 - u * u);
    line[i] = Math.exp(-q * q);
  }
  // Fibre roughness of the line itself along its length (0.2..1.4).
  const rough = createField(along + 2, 1, 1);
  addFractalNoise(rough, rng, Math.max(4, 4 * target.pxPerMm), 4, 0.6);
  const tan = Math.tan(fold.angle), cos = Math.cos(fold.angle);
  const mid = (along - 1) / 2;
  const px = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const stride = fold.vertical ? channels : width * channels;
  const colour = channels >= 3 ? 3 : 1;
  for (let t = 0; t < along; t++) {
    const centre = fold.offset + tan * (t - mid);
    const lineDark = fold.strength * Math.max(0.2, Math.min(1.4, 0.8 + 0.5 * rough.data[t]!));
    const lo = Math.max(0, Math.ceil(centre - reach)),
      hi = Math.min(across - 1, Math.floor(centre + reach));
    const p0 = (fold.vertical ? t * width + lo : lo * width + t) * channels;
    shadeSpan(px, p0, stride, hi - lo + 1, colour, side, line, (lo - centre) * cos, cos, {
      reach,
      steps,
      lineReach,
      lineDark,
    });
  }
}

/** Shade `n` pixels `stride` bytes apart whose distances from the fold start at `d0` and grow by `dd`. */
function shadeSpan(
  px: Uint8ClampedArray,
  p0: number,
  stride: number,
  n: number,
  colour: number,
  side: Float32Array,
  line: Float32Array,
  d0: number,
  dd: number,
  o: { reach: number; steps: number; lineReach: number; lineDark: number },
): void {
  for (let k = 0, p = p0, d = d0; k < n; k++, p += stride, d += dd) {
    const idx = Math.round((d + o.reach) * o.steps);
    let v = side[idx] ?? 0;
    if (d > -o.lineReach && d < o.lineReach) v -= o.lineDark * line[idx]!;
    if (v > -0.002 && v < 0.002) continue;
    if (v < 0) {
      const m = 1 + v;
      for (let c = 0; c < colour; c++) px[p + c] = px[p + c]! * m + 0.5;
    } else {
      for (let c = 0; c < colour; c++) px[p + c] = px[p + c]! + (255 - px[p + c]!) * v + 0.5;
    }
  }
}

/**
 * Crop: trim a random fraction of the image from each side (whole pixels).
 * Points on the trimmed strips fall outside the new image.
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, param, readRange } from "./_config.ts";
import { shiftStep } from "./_canvas.ts";

const NAME = "crop";
const SIDES = ["left", "top", "right", "bottom"] as const;

/**
 * Defaults of {@linkcode crop}:
 * - `probability` 0.3;
 * - `fraction` [0, 0.04]: range of the fraction of the width (left, right)
 *   or height (top, bottom) trimmed from each side, drawn per side (0 to 0.25).
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.3,
  fraction: [0, 0.04] as const,
});

/**
 * Crop each side. Params: `left`, `top`, `right`, `bottom`, fractions of
 * the input width or height (rounded to whole pixels when applied).
 *
 * @example
 * ```ts
 * import { crop } from "./crop.ts";
 * const step = crop.step(
 *   { left: 0.1, top: 0, right: 0.05, bottom: 0.2 },
 *   { width: 200, height: 100, pxPerMm: 4 },
 * );
 * console.assert(step.outWidth === 170 && step.outHeight === 80);
 * ```
 */
export const crop: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Trim the image edges",
  defaults,
  validate(config) {
    readRange(NAME, config, defaults, "fraction", 0, 0.25);
  },
  sample(rng, config) {
    const range = readRange(NAME, config, defaults, "fraction", 0, 0.25);
    return Object.fromEntries(SIDES.map((side) => [side, drawIn(rng, range)]));
  },
  step(params, input) {
    const [left, top, right, bottom] = SIDES.map((side) => {
      const f = param(params, NAME, side);
      if (!(f >= 0 && f <= 0.25)) {
        throw new RangeError(`Cannot build crop step: ${side} = ${f} must be between 0 and 0.25`);
      }
      return Math.round(f * (side === "left" || side === "right" ? input.width : input.height));
    }) as [number, number, number, number];
    return shiftStep(
      NAME,
      params,
      input,
      -left,
      -top,
      Math.max(1, input.width - left - right),
      Math.max(1, input.height - top - bottom),
    );
  },
};

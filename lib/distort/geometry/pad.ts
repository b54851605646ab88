/**
 * Padding: a margin of background around the page (whole pixels). The
 * margin is not page: its alpha is 0 after the warp, and the capture stage
 * fills it (a table, a desk, a scanner lid).
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, param, readRange } from "./_config.ts";
import { shiftStep } from "./_canvas.ts";

const NAME = "pad";
const SIDES = ["left_mm", "top_mm", "right_mm", "bottom_mm"] as const;

/**
 * Defaults of {@linkcode pad}:
 * - `probability` 0.3;
 * - `margin_mm` [0, 15]: range of each side's margin, drawn per side (0 to 200).
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.3,
  margin_mm: [0, 15] as const,
});

/**
 * Pad each side. Params: `left_mm`, `top_mm`, `right_mm`, `bottom_mm`
 * (rounded to whole pixels when applied).
 *
 * @example
 * ```ts
 * import { pad } from "./pad.ts";
 * const step = pad.step(
 *   { left_mm: 10, top_mm: 0, right_mm: 5, bottom_mm: 2 },
 *   { width: 200, height: 100, pxPerMm: 4 },
 * );
 * console.assert(step.outWidth === 260 && step.outHeight === 108);
 * ```
 */
export const pad: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Add a background margin around the page",
  defaults,
  validate(config) {
    readRange(NAME, config, defaults, "margin_mm", 0, 200);
  },
  sample(rng, config) {
    const range = readRange(NAME, config, defaults, "margin_mm", 0, 200);
    return Object.fromEntries(SIDES.map((side) => [side, drawIn(rng, range)]));
  },
  step(params, input) {
    const [left, top, right, bottom] = SIDES.map((side) => {
      const mm = param(params, NAME, side);
      if (!(mm >= 0 && mm <= 200)) {
        throw new RangeError(`Cannot build pad step: ${side} = ${mm} must be between 0 and 200`);
      }
      return Math.round(mm * input.pxPerMm);
    }) as [number, number, number, number];
    return shiftStep(
      NAME,
      params,
      input,
      left,
      top,
      input.width + left + right,
      input.height + top + bottom,
    );
  },
};

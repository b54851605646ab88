/**
 * Rotation of the page in the image plane: a small angle, and rarely a
 * quarter, half or three-quarter turn (a page scanned sideways or upside
 * down). The canvas grows to hold the whole turned page.
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, param, readNumber } from "./_config.ts";
import { fitStep } from "./_canvas.ts";

const NAME = "rotation";

/**
 * Defaults of {@linkcode rotation}:
 * - `probability` 0.5;
 * - `max_deg` 5: the small angle is uniform in `[-max_deg, max_deg]` (0 to 45);
 * - `quarter_turn_probability` 0.02: chance of adding 90, 180 or 270 degrees
 *   (each equally likely);
 * - `fixed` false: when true, the small angle is exactly `max_deg` (no draw),
 *   as ecg-image-kit's `--deterministic_rot` asks.
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.5,
  max_deg: 5,
  quarter_turn_probability: 0.02,
  fixed: false,
});

function readFixed(config: Readonly<FamilyConfig>): boolean {
  const value = config.fixed ?? defaults.fixed;
  if (typeof value !== "boolean") {
    throw new RangeError(
      `Invalid option distortions.${NAME}.fixed = ${JSON.stringify(value)}: must be true or false`,
    );
  }
  return value;
}

/**
 * Rotate the page by `angle_deg + 90 · quarter_turns` degrees,
 * counter-clockwise as seen, about the image centre. Params:
 * `angle_deg`, `quarter_turns` (0..3).
 *
 * @example
 * ```ts
 * import { rotation } from "./rotation.ts";
 * const frame = { width: 300, height: 200, pxPerMm: 4 };
 * const step = rotation.step({ angle_deg: 0, quarter_turns: 1 }, frame);
 * console.assert(step.outWidth === 200 && step.outHeight === 300);
 * ```
 */
export const rotation: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Turn the page by a small angle, rarely by a quarter, half or three-quarter turn",
  defaults,
  validate(config) {
    readNumber(NAME, config, defaults, "max_deg", 0, 45);
    readNumber(NAME, config, defaults, "quarter_turn_probability", 0, 1);
    readFixed(config);
  },
  sample(rng, config) {
    const max = readNumber(NAME, config, defaults, "max_deg", 0, 45);
    const q = readNumber(NAME, config, defaults, "quarter_turn_probability", 0, 1);
    const angle_deg = readFixed(config) ? max : drawIn(rng, [-max, max]);
    const quarter_turns = q > 0 && rng.chance(q) ? rng.int(1, 3) : 0;
    return { angle_deg, quarter_turns };
  },
  step(params, input) {
    const angle = param(params, NAME, "angle_deg");
    const quarters = ((Math.round(param(params, NAME, "quarter_turns")) % 4) + 4) % 4;
    let c = Math.cos((angle * Math.PI) / 180), s = Math.sin((angle * Math.PI) / 180);
    for (let k = 0; k < quarters; k++) [c, s] = [-s, c];
    const cx = (input.width - 1) / 2, cy = (input.height - 1) / 2;
    return fitStep(NAME, params, input, (x, y, out) => {
      const dx = x - cx, dy = y - cy;
      out[0] = c * dx + s * dy;
      out[1] = -s * dx + c * dy;
    }, (x, y, out) => {
      out[0] = cx + c * x - s * y;
      out[1] = cy + s * x + c * y;
    });
  },
};

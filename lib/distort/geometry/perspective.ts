/**
 * Perspective: a pinhole camera looking at the page tilted in 3-D. The page
 * plane turns by `tilt_deg` about an axis in the page at `tilt_direction_deg`
 * through its centre, and is projected from a camera on the page's normal
 * at `distance` page diagonals, with the focal length equal to the distance
 * (so an untilted page keeps its size). The map is a homography; the canvas
 * grows to hold the projected page.
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, param, readNumber, readRange } from "./_config.ts";
import { fitStep } from "./_canvas.ts";

const NAME = "perspective";

/**
 * Defaults of {@linkcode perspective}:
 * - `probability` 0.5;
 * - `max_tilt_deg` 12: tilt uniform in `[0, max_tilt_deg]` (0 to 60), about
 *   an axis in a uniformly random direction;
 * - `distance` [1.5, 4]: camera distance range in page diagonals (1 to 50);
 *   nearer means stronger perspective.
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.5,
  max_tilt_deg: 12,
  distance: [1.5, 4] as const,
});

/** Row-major 3×3 homography of a tilted, projected page (input px to centred output px). */
export function tiltHomography(
  width: number,
  height: number,
  tiltDeg: number,
  directionDeg: number,
  distance: number,
): Float64Array {
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  const d = distance * Math.hypot(width, height);
  const t = (tiltDeg * Math.PI) / 180, phi = (directionDeg * Math.PI) / 180;
  const ax = Math.cos(phi), ay = Math.sin(phi), ct = Math.cos(t), st = Math.sin(t);
  const r00 = ct + (1 - ct) * ax * ax, r01 = (1 - ct) * ax * ay;
  const r11 = ct + (1 - ct) * ay * ay, r20 = -ay * st, r21 = ax * st;
  return Float64Array.of(
    r00,
    r01,
    -(r00 * cx + r01 * cy),
    r01,
    r11,
    -(r01 * cx + r11 * cy),
    r20 / d,
    r21 / d,
    1 - (r20 * cx + r21 * cy) / d,
  );
}

/** Inverse of a 3×3 matrix (row-major). */
export function invert3(m: Float64Array): Float64Array {
  const a = m[0]!, b = m[1]!, c = m[2]!, d = m[3]!, e = m[4]!, f = m[5]!;
  const g = m[6]!, h = m[7]!, i = m[8]!;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const k = 1 / det;
  return Float64Array.of(
    A * k,
    -(b * i - c * h) * k,
    (b * f - c * e) * k,
    B * k,
    (a * i - c * g) * k,
    -(a * f - c * d) * k,
    C * k,
    -(a * h - b * g) * k,
    (a * e - b * d) * k,
  );
}

function project(m: Float64Array, x: number, y: number, out: Float64Array): void {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  out[0] = (m[0]! * x + m[1]! * y + m[2]!) / w;
  out[1] = (m[3]! * x + m[4]! * y + m[5]!) / w;
}

/**
 * Camera tilt and distance. Params: `tilt_deg`, `tilt_direction_deg`
 * (direction of the tilt axis in the page, 0 = along x), `distance`
 * (page diagonals).
 *
 * @example
 * ```ts
 * import { perspective } from "./perspective.ts";
 * const frame = { width: 400, height: 300, pxPerMm: 4 };
 * const step = perspective.step({ tilt_deg: 10, tilt_direction_deg: 30, distance: 2 }, frame);
 * const p = new Float64Array(2);
 * step.forward(10, 20, p);
 * step.inverse(p[0]!, p[1]!, p);
 * console.assert(Math.abs(p[0]! - 10) < 1e-9 && Math.abs(p[1]! - 20) < 1e-9);
 * ```
 */
export const perspective: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "View the page through a pinhole camera, tilted in 3-D, from a few diagonals away",
  defaults,
  validate(config) {
    readNumber(NAME, config, defaults, "max_tilt_deg", 0, 60);
    readRange(NAME, config, defaults, "distance", 1, 50);
  },
  sample(rng, config) {
    const max = readNumber(NAME, config, defaults, "max_tilt_deg", 0, 60);
    const distance = drawIn(rng, readRange(NAME, config, defaults, "distance", 1, 50));
    return {
      tilt_deg: drawIn(rng, [0, max]),
      tilt_direction_deg: drawIn(rng, [0, 360]),
      distance,
    };
  },
  step(params, input) {
    const h = tiltHomography(
      input.width,
      input.height,
      param(params, NAME, "tilt_deg"),
      param(params, NAME, "tilt_direction_deg"),
      param(params, NAME, "distance"),
    );
    const inv = invert3(h);
    return fitStep(
      NAME,
      params,
      input,
      (x, y, out) => project(h, x, y, out),
      (x, y, out) => project(inv, x, y, out),
    );
  },
};

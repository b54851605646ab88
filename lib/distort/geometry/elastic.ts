/**
 * A smooth random elastic warp: a displacement field given by random
 * control values on a coarse grid (one knot every `spacing_mm`), blended by
 * a cubic B-spline. The knot values come from an integer `seed` drawn at
 * sampling time, so the recorded params rebuild the field exactly. Values
 * are uniform in `[-max_displacement_mm, max_displacement_mm]`, so no point
 * moves further; settings keep the displacement gradient at most 0.2, so
 * the warp is one-to-one, and the inverse is found by Newton's method.
 *
 * @module
 */
import { createRng } from "../../random/rng.ts";
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, invalidSetting, param, readRange } from "./_config.ts";
import { fitStep } from "./_canvas.ts";

const NAME = "elastic";

/**
 * Defaults of {@linkcode elastic}:
 * - `probability` 0.3;
 * - `max_displacement_mm` [0.5, 2] (0 to 20);
 * - `spacing_mm` [30, 60]: knot spacing (5 to 500), at least 10 times the
 *   largest displacement.
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.3,
  max_displacement_mm: [0.5, 2] as const,
  spacing_mm: [30, 60] as const,
});

function ranges(config: Readonly<FamilyConfig>) {
  const amplitude = readRange(NAME, config, defaults, "max_displacement_mm", 0, 20);
  const spacing = readRange(NAME, config, defaults, "spacing_mm", 5, 500);
  if (spacing[0] < 10 * amplitude[1]) {
    invalidSetting(
      NAME,
      "spacing_mm",
      config.spacing_mm ?? defaults.spacing_mm,
      `must be at least 10 times the largest max_displacement_mm (${amplitude[1]})`,
    );
  }
  return { amplitude, spacing };
}

/** Displacement field: writes `[dx, dy, ∂dx/∂x, ∂dx/∂y, ∂dy/∂x, ∂dy/∂y]` into `out`. */
type Field = (x: number, y: number, out: Float64Array) => void;

function makeField(
  width: number,
  height: number,
  seed: number,
  amplitudePx: number,
  spacingPx: number,
): Field {
  // Knots from one spacing before the image to one after; u = 1 at x = -spacing.
  const nx = Math.floor((width - 1 + 2 * spacingPx) / spacingPx) + 4;
  const ny = Math.floor((height - 1 + 2 * spacingPx) / spacingPx) + 4;
  const rng = createRng(seed, NAME);
  const cx = new Float64Array(nx * ny), cy = new Float64Array(nx * ny);
  for (let i = 0; i < nx * ny; i++) {
    cx[i] = amplitudePx * rng.uniform(-1, 1);
    cy[i] = amplitudePx * rng.uniform(-1, 1);
  }
  const bx = new Float64Array(4), dbx = new Float64Array(4);
  const by = new Float64Array(4), dby = new Float64Array(4);
  const basis = (u: number, n: number, b: Float64Array, db: Float64Array): number => {
    const uc = Math.min(Math.max(u, 1), n - 2 - 1e-9);
    const i = Math.floor(uc), t = uc - i, s = 1 - t, inside = uc === u ? 1 / spacingPx : 0;
    b[0] = (s * s * s) / 6;
    b[1] = (3 * t * t * t - 6 * t * t + 4) / 6;
    b[2] = (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
    b[3] = (t * t * t) / 6;
    db[0] = (-s * s / 2) * inside;
    db[1] = ((3 * t * t - 4 * t) / 2) * inside;
    db[2] = ((-3 * t * t + 2 * t + 1) / 2) * inside;
    db[3] = ((t * t) / 2) * inside;
    return i - 1;
  };
  return (x, y, out) => {
    const i0 = basis((x + spacingPx) / spacingPx + 1, nx, bx, dbx);
    const j0 = basis((y + spacingPx) / spacingPx + 1, ny, by, dby);
    let u = 0, v = 0, ux = 0, uy = 0, vx = 0, vy = 0;
    for (let j = 0; j < 4; j++) {
      const row = (j0 + j) * nx + i0;
      let su = 0, sv = 0, sux = 0, svx = 0;
      for (let i = 0; i < 4; i++) {
        const a = cx[row + i]!, b = cy[row + i]!;
        su += bx[i]! * a;
        sv += bx[i]! * b;
        sux += dbx[i]! * a;
        svx += dbx[i]! * b;
      }
      u += by[j]! * su;
      v += by[j]! * sv;
      ux += by[j]! * sux;
      vx += by[j]! * svx;
      uy += dby[j]! * su;
      vy += dby[j]! * sv;
    }
    out[0] = u;
    out[1] = v;
    out[2] = ux;
    out[3] = uy;
    out[4] = vx;
    out[5] = vy;
  };
}

/**
 * Smooth random elastic warp. Params: `seed` (integer), `max_displacement_mm`,
 * `spacing_mm`.
 *
 * @example
 * ```ts
 * import { elastic } from "./elastic.ts";
 * const params = { seed: 12345, max_displacement_mm: 2, spacing_mm: 40 };
 * const step = elastic.step(params, { width: 400, height: 300, pxPerMm: 4 });
 * const p = new Float64Array(2);
 * step.inverse(100, 80, p);
 * step.forward(p[0]!, p[1]!, p);
 * console.assert(Math.hypot(p[0]! - 100, p[1]! - 80) < 1e-6);
 * ```
 */
export const elastic: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Smooth random elastic warp of the paper",
  defaults,
  validate(config) {
    ranges(config);
  },
  sample(rng, config) {
    const { amplitude, spacing } = ranges(config);
    return {
      seed: rng.int(0, 2147483647),
      max_displacement_mm: drawIn(rng, amplitude),
      spacing_mm: drawIn(rng, spacing),
    };
  },
  step(params, input) {
    const amplitude = param(params, NAME, "max_displacement_mm");
    const spacing = param(params, NAME, "spacing_mm");
    if (!(amplitude >= 0 && spacing >= 10 * amplitude && spacing > 0)) {
      throw new RangeError(
        `Cannot build elastic step: spacing_mm (${spacing}) must be at least 10 times max_displacement_mm (${amplitude})`,
      );
    }
    const field = makeField(
      input.width,
      input.height,
      Math.round(param(params, NAME, "seed")),
      amplitude * input.pxPerMm,
      spacing * input.pxPerMm,
    );
    const f = new Float64Array(6);
    return fitStep(NAME, params, input, (x, y, out) => {
      field(x, y, f);
      out[0] = x + f[0]!;
      out[1] = y + f[1]!;
    }, (qx, qy, out) => {
      field(qx, qy, f);
      let x = qx - f[0]!, y = qy - f[1]!;
      for (let k = 0; k < 12; k++) {
        field(x, y, f);
        const rx = x + f[0]! - qx, ry = y + f[1]! - qy;
        if (Math.abs(rx) + Math.abs(ry) < 1e-10) break;
        const a = 1 + f[2]!, b = f[3]!, c = f[4]!, d = 1 + f[5]!;
        const det = a * d - b * c;
        x -= (d * rx - b * ry) / det;
        y -= (a * ry - c * rx) / det;
      }
      out[0] = x;
      out[1] = y;
    });
  },
};

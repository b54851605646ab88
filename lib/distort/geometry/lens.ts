/**
 * Lens distortion: radial barrel (`k1 < 0`) or pincushion (`k1 > 0`)
 * about the image centre, `r' = r (1 + k1 r² + k2 r⁴)` with `r` in half
 * image diagonals (so the corners are at `r = 1`). Beyond `r = 1` the map
 * continues linearly, so it is one-to-one everywhere; the inverse solves
 * for `r` by Newton's method. The canvas fits the distorted page.
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, param, readRange } from "./_config.ts";
import { fitStep } from "./_canvas.ts";

const NAME = "lens";

/**
 * Defaults of {@linkcode lens}:
 * - `probability` 0.3;
 * - `k1` [-0.08, 0.08]: range of the radial coefficient (-0.2 to 0.2);
 * - `k2` [-0.02, 0.02]: range of the fourth-order coefficient (-0.05 to 0.05).
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.3,
  k1: [-0.08, 0.08] as const,
  k2: [-0.02, 0.02] as const,
});

/** Radial factor function: `r` (half diagonals) to distorted `r`. */
function radial(k1: number, k2: number): { f: (r: number) => number; inv: (rd: number) => number } {
  const f1 = 1 + k1 + k2, d1 = 1 + 3 * k1 + 5 * k2;
  const f = (r: number): number => {
    if (r > 1) return f1 + d1 * (r - 1);
    const r2 = r * r;
    return r * (1 + r2 * (k1 + k2 * r2));
  };
  const inv = (rd: number): number => {
    if (rd > f1) return 1 + (rd - f1) / d1;
    let r = rd;
    for (let k = 0; k < 20; k++) {
      const r2 = r * r;
      const g = r * (1 + r2 * (k1 + k2 * r2)) - rd;
      const dg = 1 + r2 * (3 * k1 + 5 * k2 * r2);
      const next = Math.min(1, Math.max(0, r - g / dg));
      if (Math.abs(next - r) < 1e-13) return next;
      r = next;
    }
    return r;
  };
  return { f, inv };
}

/**
 * Barrel or pincushion lens distortion. Params: `k1`, `k2`.
 *
 * @example
 * ```ts
 * import { lens } from "./lens.ts";
 * const step = lens.step({ k1: -0.1, k2: 0 }, { width: 400, height: 300, pxPerMm: 4 });
 * const p = new Float64Array(2);
 * step.inverse(5, 7, p);
 * step.forward(p[0]!, p[1]!, p);
 * console.assert(Math.abs(p[0]! - 5) < 1e-9 && Math.abs(p[1]! - 7) < 1e-9);
 * ```
 */
export const lens: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Barrel or pincushion distortion of a camera lens",
  defaults,
  validate(config) {
    readRange(NAME, config, defaults, "k1", -0.2, 0.2);
    readRange(NAME, config, defaults, "k2", -0.05, 0.05);
  },
  sample(rng, config) {
    const k1 = drawIn(rng, readRange(NAME, config, defaults, "k1", -0.2, 0.2));
    const k2 = drawIn(rng, readRange(NAME, config, defaults, "k2", -0.05, 0.05));
    return { k1, k2 };
  },
  step(params, input) {
    const k1 = param(params, NAME, "k1"), k2 = param(params, NAME, "k2");
    if (!(Math.abs(k1) <= 0.2 && Math.abs(k2) <= 0.05)) {
      throw new RangeError(`Cannot build lens step: k1 = ${k1}, k2 = ${k2} out of range`);
    }
    const { f, inv } = radial(k1, k2);
    const cx = (input.width - 1) / 2, cy = (input.height - 1) / 2;
    const half = Math.hypot(input.width, input.height) / 2;
    return fitStep(NAME, params, input, (x, y, out) => {
      const dx = x - cx, dy = y - cy;
      const r = Math.hypot(dx, dy) / half;
      const k = r > 0 ? f(r) / r : 1;
      out[0] = dx * k;
      out[1] = dy * k;
    }, (x, y, out) => {
      const rd = Math.hypot(x, y) / half;
      const k = rd > 0 ? inv(rd) / rd : 1;
      out[0] = cx + x * k;
      out[1] = cy + y * k;
    });
  },
};

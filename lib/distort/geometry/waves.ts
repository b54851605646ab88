/**
 * Sinusoidal page waves: the paper undulates, so lines across the wave
 * direction stay put and lines along it become sine curves. A point moves
 * by `amplitude · sin(2π s / wavelength + phase)` at right angles to the
 * wave direction, `s` being its position along that direction from the
 * image centre. The move leaves `s` unchanged, so the inverse is exact.
 *
 * @module
 */
import type { FamilyConfig, GeometryFamily } from "../types.ts";
import { drawIn, invalidSetting, param, readRange } from "./_config.ts";
import { fitStep } from "./_canvas.ts";

const NAME = "waves";

/**
 * Defaults of {@linkcode waves}:
 * - `probability` 0.3;
 * - `amplitude_mm` [0.5, 2.5] (0 to 20);
 * - `wavelength_mm` [80, 250] (10 to 2000), at least 8 times the largest amplitude;
 * - `direction_deg` [0, 180]: direction the wave travels (0 = along x, so
 *   horizontal lines wave up and down), -360 to 360.
 */
const defaults: Readonly<FamilyConfig> = Object.freeze({
  probability: 0.3,
  amplitude_mm: [0.5, 2.5] as const,
  wavelength_mm: [80, 250] as const,
  direction_deg: [0, 180] as const,
});

function ranges(config: Readonly<FamilyConfig>) {
  const amplitude = readRange(NAME, config, defaults, "amplitude_mm", 0, 20);
  const wavelength = readRange(NAME, config, defaults, "wavelength_mm", 10, 2000);
  const direction = readRange(NAME, config, defaults, "direction_deg", -360, 360);
  if (wavelength[0] < 8 * amplitude[1]) {
    invalidSetting(
      NAME,
      "wavelength_mm",
      config.wavelength_mm ?? defaults.wavelength_mm,
      `must be at least 8 times the largest amplitude_mm (${amplitude[1]})`,
    );
  }
  return { amplitude, wavelength, direction };
}

/**
 * Sinusoidal page waves. Params: `amplitude_mm`, `wavelength_mm`,
 * `direction_deg`, `phase_deg`.
 *
 * @example
 * ```ts
 * import { waves } from "./waves.ts";
 * const params = { amplitude_mm: 2, wavelength_mm: 100, direction_deg: 0, phase_deg: 90 };
 * const step = waves.step(params, { width: 400, height: 300, pxPerMm: 4 });
 * const p = new Float64Array(2);
 * step.forward(199.5, 100, p);
 * console.assert(Math.abs(p[1]! - 100 - 8 - (step.outHeight - 300) / 2) < 1e-9);
 * ```
 */
export const waves: GeometryFamily = {
  name: NAME,
  kind: "geometry",
  description: "Sinusoidal waves of a page that does not lie flat",
  defaults,
  validate(config) {
    ranges(config);
  },
  sample(rng, config) {
    const { amplitude, wavelength, direction } = ranges(config);
    return {
      amplitude_mm: drawIn(rng, amplitude),
      wavelength_mm: drawIn(rng, wavelength),
      direction_deg: drawIn(rng, direction),
      phase_deg: drawIn(rng, [0, 360]),
    };
  },
  step(params, input) {
    const a = param(params, NAME, "amplitude_mm") * input.pxPerMm;
    const k = (2 * Math.PI) / (param(params, NAME, "wavelength_mm") * input.pxPerMm);
    const theta = (param(params, NAME, "direction_deg") * Math.PI) / 180;
    const phase = (param(params, NAME, "phase_deg") * Math.PI) / 180;
    const ux = Math.cos(theta), uy = Math.sin(theta);
    const cx = (input.width - 1) / 2, cy = (input.height - 1) / 2;
    return fitStep(NAME, params, input, (x, y, out) => {
      const dx = x - cx, dy = y - cy;
      const m = a * Math.sin(k * (ux * dx + uy * dy) + phase);
      out[0] = dx - uy * m;
      out[1] = dy + ux * m;
    }, (x, y, out) => {
      const m = a * Math.sin(k * (ux * x + uy * y) + phase);
      out[0] = cx + x + uy * m;
      out[1] = cy + y - ux * m;
    });
  },
};

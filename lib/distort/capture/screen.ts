/**
 * A phone photo of a monitor showing the ECG: moiré bands (the beat between
 * the screen's pixel grid and the camera's sensor), the visible pixel grid
 * with its RGB subpixel stripes, a soft glare of a lamp or window, and the
 * screen's colour cast.
 *
 * @module
 */
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  drawIn,
  num,
  rangeOf,
  requireRgb,
  round4,
  type SettingSpec,
} from "../_config.ts";
import { blendRows, coarseGrid, expandColumns } from "./_pixels.ts";

const NAME = "screen";

const SPECS: Record<string, SettingSpec> = {
  moire_strength: { type: "range", lo: 0, hi: 1 },
  moire_period_px: { type: "range", lo: 2, hi: 2000 },
  pixel_pitch_px: { type: "range", lo: 1.5, hi: 40 },
  grid_strength: { type: "range", lo: 0, hi: 1 },
  glare_strength: { type: "range", lo: 0, hi: 1 },
  glare_radius: { type: "range", lo: 0.01, hi: 2 },
  cast: { type: "range", lo: 0, hi: 0.5 },
};

/**
 * Screen photo. Settings: `moire_strength` (relative amplitude of the
 * bands, default `[0.02, 0.07]`), `moire_period_px` (band spacing, default
 * `[25, 120]`), `pixel_pitch_px` (the monitor's pixel pitch in the photo,
 * default `[2.5, 6]`), `grid_strength` (darkness of the gaps between
 * pixels, default `[0.1, 0.35]`), `glare_strength` (whitening at the glare's
 * centre, default `[0.1, 0.5]`), `glare_radius` (as a fraction of the image
 * diagonal, default `[0.08, 0.3]`), `cast` (strength of a bluish or
 * greenish tint, default `[0, 0.12]`). Recorded: those values and the
 * bands' `moire_angle_deg`, `moire_curvature`, the glare's `glare_x`,
 * `glare_y` and the cast's `cast_r`, `cast_g`, `cast_b` gains.
 *
 * @example
 * ```ts
 * import { screen } from "./screen.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = screen.sample(createRng(1), screen.defaults, { width: 400, height: 300, pxPerMm: 4 });
 * console.assert(typeof p.pixel_pitch_px === "number");
 * ```
 */
export const screen: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Photo of a monitor: moiré, pixel grid, glare, colour cast",
  defaults: Object.freeze<FamilyConfig>({
    probability: 1,
    moire_strength: [0.02, 0.07],
    moire_period_px: [25, 120],
    pixel_pitch_px: [2.5, 6],
    grid_strength: [0.1, 0.35],
    glare_strength: [0.1, 0.5],
    glare_radius: [0.08, 0.3],
    cast: [0, 0.12],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = screen.defaults;
    const cast = drawIn(rng, rangeOf(config, d, "cast"));
    const blue = rng.chance(0.7);
    return {
      moire_strength: drawIn(rng, rangeOf(config, d, "moire_strength")),
      moire_period_px: drawIn(rng, rangeOf(config, d, "moire_period_px")),
      moire_angle_deg: round4(rng.uniform(0, 180)),
      moire_curvature: round4(rng.uniform(-1, 1)),
      pixel_pitch_px: drawIn(rng, rangeOf(config, d, "pixel_pitch_px")),
      grid_strength: drawIn(rng, rangeOf(config, d, "grid_strength")),
      glare_strength: drawIn(rng, rangeOf(config, d, "glare_strength")),
      glare_radius: drawIn(rng, rangeOf(config, d, "glare_radius")),
      glare_x: round4(frame.width * rng.uniform(0.1, 0.9)),
      glare_y: round4(frame.height * rng.uniform(0.1, 0.9)),
      cast_r: round4(1 - cast * (blue ? 1 : 0.6)),
      cast_g: round4(1 - cast * (blue ? 0.4 : 0)),
      cast_b: round4(1 - cast * (blue ? 0 : 0.8)),
    };
  },
  apply(params: Params, target: PixelTarget): void {
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    const p = (key: string): number => num(params, NAME, key);
    const diag = Math.hypot(width, height);
    // Smooth part: cast × moiré (per channel, phase-shifted: coloured bands) and glare.
    const strength = p("moire_strength"), period = p("moire_period_px");
    const angle = (p("moire_angle_deg") * Math.PI) / 180, curve = p("moire_curvature");
    const ux = Math.cos(angle), uy = Math.sin(angle);
    const cast = [p("cast_r"), p("cast_g"), p("cast_b")];
    const gx = p("glare_x"), gy = p("glare_y"), glare = p("glare_strength");
    const glareR = p("glare_radius") * diag;
    const smooth = coarseGrid(width, height, 4, 4, (x, y, out) => {
      const dx = x - width / 2, dy = y - height / 2;
      const u = dx * ux + dy * uy, v = -dx * uy + dy * ux;
      const phase = (2 * Math.PI * (u + (curve * v * v) / (diag / 2))) / period;
      for (let c = 0; c < 3; c++) {
        out[c] = cast[c]! * (1 + strength * Math.sin(phase + (c * 2 * Math.PI) / 3));
      }
      out[3] = glare * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * glareR * glareR));
    });
    // Fine part: the pixel grid. Each screen pixel has R, G, B stripes side by side,
    // and a dark gap along its top edge.
    const pitch = p("pixel_pitch_px"), gridK = p("grid_strength");
    const colGain = new Float32Array(width * 3), rowGain = new Float32Array(height);
    for (let x = 0; x < width; x++) {
      const f = (x / pitch) % 1;
      for (let c = 0; c < 3; c++) {
        const centre = (c + 0.5) / 3;
        const d = Math.min(Math.abs(f - centre), 1 - Math.abs(f - centre)) * 3; // 0 at its stripe
        colGain[x * 3 + c] = 1 - gridK * Math.min(1, d * d) * 0.8;
      }
    }
    for (let y = 0; y < height; y++) {
      const f = (y / pitch) % 1;
      rowGain[y] = 1 - gridK * Math.exp(-((Math.min(f, 1 - f) * pitch) ** 2) / 0.5);
    }
    const expanded = expandColumns(smooth, width, target.workspace);
    const row = new Float32Array(width * 4);
    // Mean of the stripe gains, to keep the overall brightness.
    let mean = 0;
    for (let k = 0; k < colGain.length; k++) mean += colGain[k]!;
    const norm = colGain.length / mean;
    for (let y = 0; y < height; y++) {
      blendRows(expanded, smooth.cell, y, row);
      const rg = rowGain[y]! * norm;
      let i = y * width * 3;
      for (let x = 0; x < width; x++, i += 3) {
        const w = row[4 * x + 3]!;
        for (let c = 0; c < 3; c++) {
          const v = data[i + c]! * row[4 * x + c]! * colGain[x * 3 + c]! * rg;
          data[i + c] = Math.min(255, v + (255 - v) * w + 0.5);
        }
      }
    }
  },
};

/**
 * White balance, brightness, contrast and gamma: what a camera's or
 * scanner's colour processing does to the whole image.
 *
 * @module
 */
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../types.ts";
import { checkSettings, drawIn, num, rangeOf, requireRgb, type SettingSpec } from "../_config.ts";

const NAME = "colour";

const SPECS: Record<string, SettingSpec> = {
  temperature: { type: "range", lo: -1, hi: 1 },
  brightness: { type: "range", lo: -128, hi: 128 },
  contrast: { type: "range", lo: 0.2, hi: 3 },
  gamma: { type: "range", lo: 0.2, hi: 5 },
};

/**
 * Three 256-entry tables, one per channel, for the drawn parameters: gamma
 * first (`255·(v/255)^gamma`), then contrast about mid-grey, brightness,
 * and the white-balance gains of `temperature` (warm `+1`: red ×1.14, green
 * ×1.03, blue ×0.82; cool `−1` the reverse).
 */
export function colourTables(params: Params): [Uint8Array, Uint8Array, Uint8Array] {
  const t = num(params, NAME, "temperature");
  const brightness = num(params, NAME, "brightness");
  const contrast = num(params, NAME, "contrast");
  const gamma = num(params, NAME, "gamma");
  const gains = [1 + 0.14 * t, 1 + 0.03 * t, 1 - 0.18 * t];
  return gains.map((gain) => {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) {
      const g = 255 * (v / 255) ** gamma;
      const w = ((g - 127.5) * contrast + 127.5 + brightness) * gain;
      lut[v] = Math.max(0, Math.min(255, Math.round(w)));
    }
    return lut;
  }) as [Uint8Array, Uint8Array, Uint8Array];
}

/**
 * Colour processing. Settings (each a number or `[min, max]`):
 * `temperature` (−1 cool/blue … +1 warm/yellow, default `[-0.6, 0.6]`),
 * `brightness` (added, 0–255 scale, default `[-20, 15]`), `contrast`
 * (factor about mid-grey, default `[0.85, 1.15]`), `gamma` (exponent on
 * values in [0, 1], default `[0.8, 1.25]`). Recorded: the four drawn values.
 *
 * @example
 * ```ts
 * import { colour } from "./colour.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = colour.sample(createRng(1), { probability: 1, temperature: 1 }, { width: 4, height: 4, pxPerMm: 1 });
 * console.assert(p.temperature === 1);
 * ```
 */
export const colour: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "White balance (warm/cool), brightness, contrast and gamma",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.8,
    temperature: [-0.6, 0.6],
    brightness: [-20, 15],
    contrast: [0.85, 1.15],
    gamma: [0.8, 1.25],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    const d = colour.defaults;
    return {
      temperature: drawIn(rng, rangeOf(config, d, "temperature")),
      brightness: drawIn(rng, rangeOf(config, d, "brightness")),
      contrast: drawIn(rng, rangeOf(config, d, "contrast")),
      gamma: drawIn(rng, rangeOf(config, d, "gamma")),
    };
  },
  lookupTables: colourTables,
  apply(params: Params, target: PixelTarget): void {
    const { data, channels } = target.image;
    requireRgb(NAME, channels);
    const [r, g, b] = colourTables(params);
    for (let i = 0; i < data.length; i += 3) {
      data[i] = r[data[i]!]!;
      data[i + 1] = g[data[i + 1]!]!;
      data[i + 2] = b[data[i + 2]!]!;
    }
  },
};

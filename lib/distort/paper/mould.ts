/**
 * Mould: colonies of small fuzzy spots (greenish, grey or black) with a
 * faint discoloured halo.
 *
 * @module
 */
import { createRng, type Rng } from "../../random/rng.ts";
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
import { createField, type Field, hexToRgb, rgbToHex, tintByField } from "./_field.ts";

const NAME = "mould";
/** Spot colours: greenish, grey, black, olive. */
const COLOURS: readonly (readonly [number, number, number])[] = [
  [92, 112, 74],
  [110, 112, 104],
  [42, 44, 38],
  [120, 118, 70],
];

const SPECS: Record<string, SettingSpec> = {
  colonies: { type: "range", lo: 0, hi: 30, whole: true },
  radius_mm: { type: "range", lo: 0.5, hi: 100 },
  spots: { type: "range", lo: 1, hi: 1000, whole: true },
  spot_mm: { type: "range", lo: 0.05, hi: 5 },
  opacity: { type: "range", lo: 0, hi: 1 },
};

/**
 * Mould. Settings: `colonies` (per page, default `[1, 4]`), `radius_mm`
 * (of a colony, default `[3, 12]`), `spots` (per colony, default
 * `[25, 110]`), `spot_mm` (largest spot radius, default `[0.3, 1]`),
 * `opacity` (of the darkest spots, default `[0.5, 0.9]`). Recorded per
 * colony `k`: `colony_k_x`, `colony_k_y`, `colony_k_radius_px`,
 * `colony_k_spots`, `colony_k_colour`; no pixel farther than
 * `1.6 × radius` from a colony's centre changes.
 *
 * @example
 * ```ts
 * import { mould } from "./mould.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = mould.sample(createRng(1), mould.defaults, { width: 220, height: 170, pxPerMm: 1 });
 * console.assert(typeof params.colonies === "number");
 * ```
 */
export const mould: PixelFamily = {
  name: NAME,
  kind: "paper",
  description: "Mould colonies: clusters of small fuzzy greenish, grey or black spots",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.1,
    colonies: [1, 4],
    radius_mm: [3, 12],
    spots: [25, 110],
    spot_mm: [0.3, 1],
    opacity: [0.5, 0.9],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = mould.defaults;
    const colonies = drawInt(rng, rangeOf(config, d, "colonies"));
    const params: Params = {
      colonies,
      spot_px: round4(drawIn(rng, rangeOf(config, d, "spot_mm")) * frame.pxPerMm),
      opacity: drawIn(rng, rangeOf(config, d, "opacity")),
      sub_seed: drawSeed(rng),
    };
    // Colonies spread from one damp corner or edge of the sheet, more or less.
    const ax = rng.uniform(0, frame.width), ay = rng.uniform(0, frame.height);
    for (let k = 0; k < colonies; k++) {
      const spread = Math.min(frame.width, frame.height) * 0.25;
      params[`colony_${k}_x`] = round4(clamp(ax + rng.normal() * spread, 0, frame.width - 1));
      params[`colony_${k}_y`] = round4(clamp(ay + rng.normal() * spread, 0, frame.height - 1));
      params[`colony_${k}_radius_px`] = round4(
        drawIn(rng, rangeOf(config, d, "radius_mm")) * frame.pxPerMm,
      );
      params[`colony_${k}_spots`] = drawInt(rng, rangeOf(config, d, "spots"));
      params[`colony_${k}_colour`] = rgbToHex(rng.pick(COLOURS));
    }
    return params;
  },
  apply(params: Params, target: PixelTarget): void {
    const colonies = num(params, NAME, "colonies");
    const spot = Math.max(0.5, num(params, NAME, "spot_px"));
    const opacity = num(params, NAME, "opacity");
    for (let k = 0; k < colonies; k++) {
      const rng = createRng(num(params, NAME, "sub_seed"), NAME, k);
      const cx = num(params, NAME, `colony_${k}_x`), cy = num(params, NAME, `colony_${k}_y`);
      const radius = Math.max(2, num(params, NAME, `colony_${k}_radius_px`));
      const colour = hexToRgb(str(params, NAME, `colony_${k}_colour`));
      const extent = radius * 1.6;
      const n = Math.ceil(2 * extent) + 2;
      const alpha = createField(n, n, 1, Math.round(cx - extent), Math.round(cy - extent));
      halo(alpha, radius * 1.3, 0.12 * opacity);
      const halos: [number, number, number] = [
        Math.min(255, colour[0] + 90),
        Math.min(255, colour[1] + 90),
        Math.min(255, colour[2] + 70),
      ];
      tintByField(target.image, alpha, halos);
      alpha.data.fill(0);
      for (let s = num(params, NAME, `colony_${k}_spots`); s > 0; s--) {
        spotInto(alpha, rng, radius, spot, opacity);
      }
      tintByField(target.image, alpha, colour);
    }
  },
};

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/** A faint disc fading out to `radius` around the field's centre. */
function halo(field: Field, radius: number, opacity: number): void {
  const n = field.width, c = (n - 1) / 2;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(i - c, j - c) / radius;
      if (r < 1) field.data[j * n + i] = opacity * (1 - r * r);
    }
  }
}

/** One fuzzy irregular spot (two to four overlapping blobs) near the field's centre. */
function spotInto(field: Field, rng: Rng, radius: number, spot: number, opacity: number): void {
  const n = field.width, c = (n - 1) / 2;
  // Denser and larger spots near the colony's centre.
  const r = Math.abs(rng.normal()) * radius * 0.45;
  const t = rng.uniform(0, 2 * Math.PI);
  const sx = c + r * Math.cos(t), sy = c + r * Math.sin(t);
  const size = spot * rng.uniform(0.25, 1) * Math.max(0.3, 1 - r / (radius * 1.2));
  const strength = opacity * rng.uniform(0.4, 1);
  for (let b = rng.int(2, 4); b > 0; b--) {
    const bx = sx + rng.normal() * size * 0.5, by = sy + rng.normal() * size * 0.5;
    const br = size * rng.uniform(0.5, 1), reach = br * 1.8;
    const i0 = Math.max(0, Math.floor(bx - reach)), i1 = Math.min(n - 1, Math.ceil(bx + reach));
    const j0 = Math.max(0, Math.floor(by - reach)), j1 = Math.min(n - 1, Math.ceil(by + reach));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const d = Math.hypot(i - bx, j - by) / br;
        if (d >= 1.8) continue;
        // Fuzzy edge: a soft core and a grainy fringe.
        const fringe = d < 1 ? 1 : (1.8 - d) / 0.8 * rng.next();
        const q = j * n + i;
        field.data[q] = Math.min(1, field.data[q]! + strength * fringe);
      }
    }
  }
}

/**
 * Coffee and water stains (irregular translucent blobs with a darker tide
 * line at the rim) and soaked patches (large diffuse discolouration where
 * the ink has bled a little).
 *
 * @module
 */
import { createRng, type Rng } from "../../random/rng.ts";
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  choicesOf,
  drawIn,
  drawInt,
  drawSeed,
  num,
  rangeOf,
  round4,
  type SettingSpec,
  str,
} from "../_config.ts";
import { addFractalNoise, createField, hexToRgb, rgbToHex, tintByField } from "./_field.ts";
import { bleedInk } from "./_bleed.ts";

const NAME = "stains";
const KINDS = ["coffee", "water", "soaked"];
/** Tint colours per kind (multiplied onto the page at full opacity). */
const COLOURS: Record<string, readonly (readonly [number, number, number])[]> = {
  coffee: [[176, 120, 62], [160, 110, 70], [190, 140, 80]],
  water: [[214, 204, 170], [205, 200, 180], [220, 208, 160]],
  soaked: [[232, 212, 150], [225, 210, 170], [236, 218, 160]],
};

const SPECS: Record<string, SettingSpec> = {
  count: { type: "range", lo: 0, hi: 50, whole: true },
  kinds: { type: "choices", values: KINDS },
  radius_mm: { type: "range", lo: 1, hi: 300 },
  soaked_radius_mm: { type: "range", lo: 5, hi: 500 },
  opacity: { type: "range", lo: 0, hi: 1 },
  bleed_px: { type: "range", lo: 0, hi: 4, whole: true },
};

/**
 * Stains. Settings: `count` (stains per page, default `[1, 2]`), `kinds`
 * (drawn from, default `coffee`, `water`, `soaked`), `radius_mm` (coffee and
 * water, default `[8, 30]`), `soaked_radius_mm` (default `[25, 60]`),
 * `opacity` (of the tint at the tide line, default `[0.25, 0.6]`),
 * `bleed_px` (blur radius of ink inside a soaked patch, default `[1, 2]`).
 * Recorded per stain `k`: `stain_k_kind`, `stain_k_x`, `stain_k_y`,
 * `stain_k_radius_px`, `stain_k_opacity`, `stain_k_colour`; outside
 * `1.15 × radius` of its centre a stain changes no pixel.
 *
 * @example
 * ```ts
 * import { stains } from "./stains.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = stains.sample(createRng(1), stains.defaults, { width: 220, height: 170, pxPerMm: 1 });
 * console.assert(typeof params.count === "number");
 * ```
 */
export const stains: PixelFamily = {
  name: NAME,
  kind: "paper",
  description: "Coffee and water stains with tide lines, and soaked patches with bled ink",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.25,
    count: [1, 2],
    kinds: KINDS,
    radius_mm: [8, 30],
    soaked_radius_mm: [25, 60],
    opacity: [0.25, 0.6],
    bleed_px: [1, 2],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = stains.defaults;
    const count = drawInt(rng, rangeOf(config, d, "count"));
    const params: Params = { count, sub_seed: drawSeed(rng) };
    const kinds = choicesOf(config, d, "kinds");
    for (let k = 0; k < count; k++) {
      const kind = rng.pick(kinds);
      const radiusMm = drawIn(
        rng,
        rangeOf(config, d, kind === "soaked" ? "soaked_radius_mm" : "radius_mm"),
      );
      params[`stain_${k}_kind`] = kind;
      params[`stain_${k}_x`] = round4(rng.uniform(0, frame.width - 1));
      params[`stain_${k}_y`] = round4(rng.uniform(0, frame.height - 1));
      params[`stain_${k}_radius_px`] = round4(radiusMm * frame.pxPerMm);
      params[`stain_${k}_opacity`] = drawIn(rng, rangeOf(config, d, "opacity"));
      params[`stain_${k}_colour`] = rgbToHex(rng.pick(COLOURS[kind]!));
      if (kind === "soaked") {
        params[`stain_${k}_bleed_px`] = drawInt(rng, rangeOf(config, d, "bleed_px"));
      }
    }
    return params;
  },
  apply(params: Params, target: PixelTarget): void {
    const count = num(params, NAME, "count");
    for (let k = 0; k < count; k++) {
      const rng = createRng(num(params, NAME, "sub_seed"), NAME, k);
      const kind = str(params, NAME, `stain_${k}_kind`);
      const x = num(params, NAME, `stain_${k}_x`), y = num(params, NAME, `stain_${k}_y`);
      const radius = Math.max(1, num(params, NAME, `stain_${k}_radius_px`));
      const opacity = num(params, NAME, `stain_${k}_opacity`);
      const alpha = stainAlpha(rng, kind, x, y, radius, opacity, target.pxPerMm);
      if (kind === "soaked") {
        bleedInk(target.image, alpha, num(params, NAME, `stain_${k}_bleed_px`));
      }
      tintByField(target.image, alpha, hexToRgb(str(params, NAME, `stain_${k}_colour`)));
    }
  },
};

/**
 * Opacity of one stain on a grid about every quarter millimetre over its
 * box: an irregular outline `r(θ)` (a few random harmonics), a mottled
 * interior, a tide line just inside the outline and a soft outer edge.
 */
function stainAlpha(
  rng: Rng,
  kind: string,
  cx: number,
  cy: number,
  radius: number,
  opacity: number,
  pxPerMm: number,
) {
  const soaked = kind === "soaked";
  const cell = Math.max(1, Math.round(pxPerMm / (soaked ? 1.5 : 4)));
  const extent = radius * 1.15;
  const n = Math.ceil((2 * extent) / cell) + 2;
  const field = createField(n, n, cell, cx - extent, cy - extent);
  // Outline: r(θ) = radius · (1 + Σ a_h cos(hθ + φ_h)), tabulated over 512 angles.
  const outline = new Float32Array(513);
  const harmonics = [2, 3, 4, 5, 7, 9].map((h) => ({
    h,
    a: rng.uniform(0, soaked ? 0.09 : 0.05) / Math.sqrt(h - 1),
    phase: rng.uniform(0, 2 * Math.PI),
  }));
  for (let i = 0; i <= 512; i++) {
    const t = (i / 512) * 2 * Math.PI;
    let r = 1;
    for (const { h, a, phase } of harmonics) r += a * Math.cos(h * t + phase);
    outline[i] = Math.min(1 / 1.15, r * 0.85);
  }
  const mottle = createField(n, n, cell);
  addFractalNoise(mottle, rng, Math.max(2, n / 6), 3, 0.5);
  const interior = soaked
    ? rng.uniform(0.5, 0.8)
    : kind === "water"
    ? rng.uniform(0.05, 0.2)
    : rng.uniform(0.15, 0.45);
  const rim = soaked ? rng.uniform(0.1, 0.3) : rng.uniform(0.7, 1);
  const rimWidth = soaked ? 0.08 : rng.uniform(0.02, 0.05) * Math.max(1, 30 / (radius / pxPerMm));
  const edge = soaked ? 0.12 : 0.008 * Math.max(1, 30 / (radius / pxPerMm));
  // A coffee cup ring is often incomplete: the tide line fades over part of the circle.
  const gapAt = rng.uniform(0, 2 * Math.PI),
    gap = kind === "coffee" && rng.chance(0.5) ? rng.uniform(0.3, 1) : 0;
  const d = field.data;
  for (let j = 0; j < n; j++) {
    const dy = (j * cell - extent) / radius;
    for (let i = 0; i < n; i++) {
      const dx = (i * cell - extent) / radius;
      const rho = Math.sqrt(dx * dx + dy * dy);
      if (rho > 1.15) continue;
      const theta = Math.atan2(dy, dx);
      const r = outline[Math.round(((theta + Math.PI) / (2 * Math.PI)) * 512)]!;
      const u = rho / r; // 1 on the outline
      const m = mottle.data[j * n + i]!;
      const ringFade = 1 - gap * Math.max(0, Math.cos(theta - gapAt)) ** 2;
      const v = Math.min(u, 1);
      const ring = Math.exp(-(((1 - v) / rimWidth) ** 2));
      const inner = soaked ? Math.min(1, (1 - v) / 0.25) : 1;
      let a = interior * inner * (0.75 + 0.35 * m) + rim * ring * ringFade * (0.85 + 0.25 * m);
      if (u > 1) a *= Math.exp(-(((u - 1) / edge) ** 2));
      d[j * n + i] = Math.max(0, Math.min(1, a)) * opacity;
    }
  }
  return field;
}

/**
 * Uneven light: a smooth gradient and vignette across the frame, the soft
 * shadow of a phone or hand, and the faint light bar of a scanner head.
 * Everything is a per-channel gain on a coarse grid (every 16 px),
 * upsampled bilinearly, so the cost is one multiply per byte.
 *
 * @module
 */
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  drawIn,
  num,
  pickChoice,
  rangeOf,
  requireRgb,
  round4,
  type SettingSpec,
  str,
} from "../_config.ts";
import { coarseGrid, multiplyByGrid } from "./_pixels.ts";

const NAME = "lighting";
const KINDS = ["uneven", "shadow", "scanner_bar"];

const SPECS: Record<string, SettingSpec> = {
  kinds: { type: "choices", values: KINDS },
  gradient: { type: "range", lo: 0, hi: 1 },
  vignette: { type: "range", lo: 0, hi: 1 },
  shadow_darkness: { type: "range", lo: 0, hi: 1 },
  shadow_softness_mm: { type: "range", lo: 0.5, hi: 200 },
  bar_strength: { type: "range", lo: -0.5, hi: 0.5 },
  bar_width_mm: { type: "range", lo: 0.5, hi: 100 },
};

/**
 * Lighting. Settings: `kinds` (drawn from, default all three), `gradient`
 * (fall-off of light from the brightest side to the far side, default
 * `[0.05, 0.3]`), `vignette` (darkening at the corners, default `[0, 0.3]`),
 * `shadow_darkness` (light removed inside a shadow, default `[0.1, 0.35]`),
 * `shadow_softness_mm` (width of its penumbra, default `[8, 40]`),
 * `bar_strength` (scanner bar: relative brightening, negative darkens,
 * default `[-0.08, 0.08]`), `bar_width_mm` (default `[2, 12]`). `uneven`
 * draws a gradient and vignette; `shadow` adds a rounded-rectangle shadow
 * (a phone, a hand, the photographer) reaching
 * in from an edge (slightly bluish, as shade is lit by the sky); `scanner_bar`
 * is a faint gradient along the scan plus a band across it. Recorded: `kind`
 * and the drawn values (positions in final pixels).
 *
 * @example
 * ```ts
 * import { lighting } from "./lighting.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = lighting.sample(createRng(1), { probability: 1, kinds: ["shadow"] }, { width: 400, height: 300, pxPerMm: 4 });
 * console.assert(p.kind === "shadow" && typeof p.shadow_x === "number");
 * ```
 */
export const lighting: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Uneven light, vignette, soft shadows, scanner light bar",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.6,
    kinds: KINDS,
    gradient: [0.05, 0.3],
    vignette: [0, 0.3],
    shadow_darkness: [0.1, 0.35],
    shadow_softness_mm: [8, 40],
    bar_strength: [-0.08, 0.08],
    bar_width_mm: [2, 12],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = lighting.defaults;
    const kind = pickChoice(rng, config, d, "kinds");
    const { width: w, height: h, pxPerMm } = frame;
    if (kind === "scanner_bar") {
      return {
        kind,
        horizontal: rng.chance(0.5),
        gradient: round4(drawIn(rng, rangeOf(config, d, "gradient")) / 3),
        bar_position: round4(rng.uniform(0.05, 0.95)),
        bar_strength: drawIn(rng, rangeOf(config, d, "bar_strength")),
        bar_width_px: round4(drawIn(rng, rangeOf(config, d, "bar_width_mm")) * pxPerMm),
      };
    }
    const params: Params = {
      kind,
      gradient: drawIn(rng, rangeOf(config, d, "gradient")),
      gradient_angle_deg: round4(rng.uniform(0, 360)),
      vignette: drawIn(rng, rangeOf(config, d, "vignette")),
      centre_x: round4(w * rng.uniform(0.3, 0.7)),
      centre_y: round4(h * rng.uniform(0.3, 0.7)),
    };
    if (kind !== "shadow") return params;
    // A shape centred beyond one edge, reaching 10-45 % into the frame.
    const edge = rng.int(0, 3), along = rng.uniform(0.1, 0.9), depth = rng.uniform(0.1, 0.45);
    const rx = (edge % 2 === 0 ? w : h) * rng.uniform(0.15, 0.4);
    const ry = (edge % 2 === 0 ? h : w) * rng.uniform(0.3, 0.8);
    const [cx, cy] = edge === 0
      ? [along * w, -ry + depth * h] // top
      : edge === 1
      ? [w + rx - depth * w, along * h] // right
      : edge === 2
      ? [along * w, h + ry - depth * h] // bottom
      : [-rx + depth * w, along * h]; // left
    return {
      ...params,
      shadow_x: round4(cx),
      shadow_y: round4(cy),
      shadow_rx: round4(edge % 2 === 0 ? rx : ry),
      shadow_ry: round4(edge % 2 === 0 ? ry : rx),
      shadow_angle_deg: round4(rng.uniform(-25, 25)),
      shadow_darkness: drawIn(rng, rangeOf(config, d, "shadow_darkness")),
      shadow_softness_px: round4(drawIn(rng, rangeOf(config, d, "shadow_softness_mm")) * pxPerMm),
    };
  },
  apply(params: Params, target: PixelTarget): void {
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    const gain = gainFunction(params, width, height);
    multiplyByGrid(data, width, height, coarseGrid(width, height, 16, 3, gain), target.workspace);
  },
  applyThenLookup(params, target, _rng, tables): void {
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    const grid = coarseGrid(width, height, 16, 3, gainFunction(params, width, height));
    multiplyByGrid(data, width, height, grid, target.workspace, tables);
  },
};

type Gain = (x: number, y: number, out: Float32Array) => void;

function gainFunction(params: Params, width: number, height: number): Gain {
  const kind = str(params, NAME, "kind");
  const p = (key: string): number => num(params, NAME, key);
  const diag = Math.hypot(width, height);
  if (kind === "scanner_bar") {
    const horizontal = params.horizontal === true;
    const along = horizontal ? height : width;
    const at = p("bar_position") * along, strength = p("bar_strength");
    const halfWidth = Math.max(0.5, p("bar_width_px") / 2), gradient = p("gradient");
    return (x, y, out) => {
      const u = horizontal ? y : x, v = horizontal ? x : y;
      const bar = strength * Math.exp(-(((u - at) / halfWidth) ** 2));
      const g = (1 - gradient * (v / (horizontal ? width : height))) * (1 + bar);
      out[0] = out[1] = out[2] = g;
    };
  }
  const gradient = p("gradient"), angle = (p("gradient_angle_deg") * Math.PI) / 180;
  const ux = Math.cos(angle), uy = Math.sin(angle);
  const vignette = p("vignette"), cx = p("centre_x"), cy = p("centre_y");
  const light: Gain = (x, y, out) => {
    // Gradient: 1 on the bright side, 1 - gradient on the dark side.
    const along = ((x - width / 2) * ux + (y - height / 2) * uy) / diag + 0.5;
    const r2 = ((x - cx) ** 2 + (y - cy) ** 2) / (diag * diag / 4);
    const g = (1 - gradient * Math.min(1, Math.max(0, along))) * (1 - vignette * r2 * r2 * 0.8 -
      vignette * r2 * 0.2);
    out[0] = out[1] = out[2] = g;
  };
  if (kind === "uneven") return light;
  if (kind !== "shadow") throw new RangeError(`Cannot apply ${NAME}: unknown kind ${kind}`);
  const sx = p("shadow_x"), sy = p("shadow_y"), rx = p("shadow_rx"), ry = p("shadow_ry");
  const sa = (p("shadow_angle_deg") * Math.PI) / 180, ca = Math.cos(sa), sn = Math.sin(sa);
  const dark = p("shadow_darkness"), soft = Math.max(1, p("shadow_softness_px"));
  const rmin = Math.min(rx, ry);
  return (x, y, out) => {
    light(x, y, out);
    const dx = x - sx, dy = y - sy;
    const u = (dx * ca + dy * sn) / rx, v = (-dx * sn + dy * ca) / ry;
    // Approximate signed distance to a rounded rectangle (superellipse), px.
    const u2 = u * u, v2 = v * v;
    const dist = (Math.sqrt(Math.sqrt(u2 * u2 + v2 * v2)) - 1) * rmin;
    const t = Math.min(1, Math.max(0, 0.5 - dist / soft));
    const s = dark * t * t * (3 - 2 * t);
    out[0] = out[0]! * (1 - s);
    out[1] = out[1]! * (1 - s * 0.98);
    out[2] = out[2]! * (1 - s * 0.93);
  };
}

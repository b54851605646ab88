/**
 * The surface around the page: a wooden desk, a cloth, or a flat dark,
 * grey, beige or white surface, with the soft drop shadow of the page's
 * edge on it. Blended in by the page alpha, so the page itself is
 * untouched and its soft edge stays soft.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
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
import { coarseGrid, expandColumns, hexRgb, rgbHex, valueNoise } from "./_pixels.ts";
import { fabricTexture, flatTexture, type Texture, woodTexture } from "./_surface.ts";

const NAME = "background";
const KINDS = ["wood", "fabric", "flat"];
/** Base colours per kind. */
const PALETTES: Record<string, readonly (readonly [number, number, number])[]> = {
  wood: [[196, 154, 108], [160, 112, 72], [118, 80, 52], [92, 62, 44], [170, 150, 125]],
  fabric: [[46, 56, 86], [92, 92, 98], [56, 84, 64], [184, 168, 142], [74, 104, 150], [60, 60, 64]],
  flat: [[36, 36, 40], [20, 20, 22], [122, 122, 118], [196, 184, 160], [226, 226, 220]],
};
const CELL = 8;

const SPECS: Record<string, SettingSpec> = {
  kinds: { type: "choices", values: KINDS },
  mottle: { type: "range", lo: 0, hi: 0.5 },
  shadow_strength: { type: "range", lo: 0, hi: 1 },
  shadow_offset_mm: { type: "range", lo: 0, hi: 20 },
  shadow_blur_mm: { type: "range", lo: 0.5, hi: 30 },
};

/**
 * Background surface. Settings: `kinds` (drawn from, default `wood`,
 * `fabric`, `flat`), `mottle` (relative amplitude of broad light and
 * colour variation, default `[0.03, 0.12]`), `shadow_strength` (light the
 * page's drop shadow removes next to its edge, default `[0.2, 0.55]`),
 * `shadow_offset_mm` (how far the shadow is cast, default `[0.5, 3]`),
 * `shadow_blur_mm` (its softness, default `[1.5, 6]`). Recorded: `kind`,
 * `colour` (`#rrggbb`), the texture's scale (`ring_px` and `grain_angle_deg`
 * for wood, `thread_px` for fabric), `mottle` and the shadow's `shadow_dx`,
 * `shadow_dy`, `shadow_blur_px`, `shadow_strength`. A pixel changes only
 * where `pageAlpha < 1`; with no `pageAlpha` (the page fills the image)
 * nothing changes.
 *
 * @example
 * ```ts
 * import { background } from "./background.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = background.sample(createRng(1), { probability: 1, kinds: ["wood"] }, { width: 400, height: 300, pxPerMm: 4 });
 * console.assert(p.kind === "wood" && typeof p.colour === "string");
 * ```
 */
export const background: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Desk surface around the page (wood, fabric, flat) with the page's drop shadow",
  defaults: Object.freeze<FamilyConfig>({
    probability: 1,
    kinds: KINDS,
    mottle: [0.03, 0.12],
    shadow_strength: [0.2, 0.55],
    shadow_offset_mm: [0.5, 3],
    shadow_blur_mm: [1.5, 6],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config, frame: Frame): Params {
    const d = background.defaults;
    const kind = pickChoice(rng, config, d, "kinds");
    const base = rng.pick(PALETTES[kind] ?? PALETTES.flat!);
    const jitter = rng.uniform(0.9, 1.1);
    const params: Params = {
      kind,
      colour: rgbHex(base.map((v) => v * jitter * rng.uniform(0.96, 1.04))),
      mottle: drawIn(rng, rangeOf(config, d, "mottle")),
    };
    const ppm = frame.pxPerMm;
    if (kind === "wood") {
      params.ring_px = round4(rng.uniform(1.5, 6) * ppm);
      params.grain_angle_deg = round4(rng.uniform(0, 180));
    } else if (kind === "fabric") params.thread_px = round4(rng.uniform(0.25, 0.6) * ppm);
    const offset = drawIn(rng, rangeOf(config, d, "shadow_offset_mm")) * ppm;
    const direction = rng.uniform(0, 2 * Math.PI);
    params.shadow_dx = round4(offset * Math.cos(direction));
    params.shadow_dy = round4(offset * Math.sin(direction));
    params.shadow_blur_px = round4(drawIn(rng, rangeOf(config, d, "shadow_blur_mm")) * ppm);
    params.shadow_strength = drawIn(rng, rangeOf(config, d, "shadow_strength"));
    return params;
  },
  apply(params: Params, target: PixelTarget, rng: Rng): void {
    const alpha = target.pageAlpha;
    if (!alpha) return;
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    const kind = str(params, NAME, "kind");
    const [br, bg, bb] = hexRgb(str(params, NAME, "colour"));
    const texture = surfaceTexture(kind, params, width, height, rng);
    const grid = shadeGrid(params, alpha, width, height, rng);
    const expanded = expandColumns(grid, width, target.workspace);
    const grid2 = new Float32Array(width * 2), shade = new Float32Array(width);
    const cell = grid.cell, n = width * 2;
    for (let y = 0; y < height; y++) {
      const o = y * width;
      const j = Math.floor(y / cell), t = y / cell - j;
      const ga = expanded.subarray(j * n, j * n + n),
        gb = expanded.subarray(j * n + n, j * n + 2 * n);
      // Runs of pixels that are not wholly page.
      for (let from = 0; from < width;) {
        while (from < width && alpha[o + from]! >= 1) from++;
        if (from === width) break;
        let to = from;
        while (to < width && alpha[o + to]! < 1) to++;
        for (let k = 2 * from; k < 2 * to; k++) grid2[k] = ga[k]! + (gb[k]! - ga[k]!) * t;
        for (let x = from; x < to; x++) shade[x] = grid2[2 * x]!;
        texture(y, grid2, shade, from, to);
        blendRun(data, alpha, o, from, to, shade, br, bg, bb);
        from = to;
      }
    }
  },
};

/** Blend the surface (`colour × shade`) under the page over pixels `[from, to)` of the row at `o`. */
function blendRun(
  data: Uint8Array,
  alpha: Float32Array,
  o: number,
  from: number,
  to: number,
  shade: Float32Array,
  br: number,
  bg: number,
  bb: number,
): void {
  for (let x = from, i = (o + from) * 3; x < to; x++, i += 3) {
    const a = alpha[o + x]!, s = shade[x]!;
    if (a <= 0) {
      data[i] = Math.min(255, br * s + 0.5);
      data[i + 1] = Math.min(255, bg * s + 0.5);
      data[i + 2] = Math.min(255, bb * s + 0.5);
    } else {
      const t = s * (1 - a);
      data[i] = Math.min(255, data[i]! * a + br * t + 0.5);
      data[i + 1] = Math.min(255, data[i + 1]! * a + bg * t + 0.5);
      data[i + 2] = Math.min(255, data[i + 2]! * a + bb * t + 0.5);
    }
  }
}

function surfaceTexture(
  kind: string,
  params: Params,
  width: number,
  height: number,
  rng: Rng,
): Texture {
  if (kind === "wood") {
    const ring = num(params, NAME, "ring_px");
    return woodTexture(rng, width, height, num(params, NAME, "grain_angle_deg"), ring, ring * 4);
  }
  if (kind === "fabric") return fabricTexture(rng, width, height, num(params, NAME, "thread_px"));
  if (kind === "flat") return flatTexture(rng, height, 0.025);
  throw new RangeError(`Cannot apply ${NAME}: unknown kind ${kind}`);
}

/**
 * Two planes every `CELL` px: the surface's light (broad mottle times the
 * page's drop shadow) and, for wood, the grain's displacement in px.
 */
function shadeGrid(
  params: Params,
  alpha: Float32Array,
  width: number,
  height: number,
  rng: Rng,
) {
  const cols = Math.ceil((width - 1) / CELL) + 2, rows = Math.ceil((height - 1) / CELL) + 2;
  // The page's alpha on the coarse grid, blurred: how much page lies around each sample.
  const low = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    const y = Math.min(height - 1, j * CELL);
    for (let i = 0; i < cols; i++) {
      low[j * cols + i] = alpha[y * width + Math.min(width - 1, i * CELL)]!;
    }
  }
  const radius = Math.max(1, Math.round(num(params, NAME, "shadow_blur_px") / CELL / 1.7));
  for (let pass = 0; pass < 3; pass++) boxBlur(low, cols, rows, radius);
  const dx = num(params, NAME, "shadow_dx") / CELL, dy = num(params, NAME, "shadow_dy") / CELL;
  const strength = num(params, NAME, "shadow_strength"), mottle = num(params, NAME, "mottle");
  const broad = valueNoise(rng, 60 * CELL), broad2 = valueNoise(rng, 17 * CELL);
  const warpA = valueNoise(rng, 100 * CELL), warpB = valueNoise(rng, 30 * CELL);
  const warpPx = params.kind === "wood" ? num(params, NAME, "ring_px") * 4 : 0;
  const sampleLow = (fx: number, fy: number): number => {
    const i = Math.max(0, Math.min(cols - 1.001, fx)), j = Math.max(0, Math.min(rows - 1.001, fy));
    const i0 = Math.floor(i), j0 = Math.floor(j), ti = i - i0, tj = j - j0;
    const k = j0 * cols + i0;
    const a = low[k]! + (low[k + 1]! - low[k]!) * ti;
    const b = low[k + cols]! + (low[k + cols + 1]! - low[k + cols]!) * ti;
    return a + (b - a) * tj;
  };
  return coarseGrid(width, height, CELL, 2, (x, y, out) => {
    const shade = 1 + mottle * (0.7 * broad(x, y) + 0.3 * broad2(x, y));
    const cast = sampleLow(x / CELL - dx, y / CELL - dy);
    out[0] = shade * (1 - strength * cast);
    out[1] = warpPx * (0.9 * warpA(x, y) + 0.1 * warpB(x, y));
  });
}

/** Box blur in place with running sums, rows then columns, edges clamped. */
function boxBlur(data: Float32Array, cols: number, rows: number, r: number): void {
  const line = new Float32Array(Math.max(cols, rows));
  const run = (start: number, step: number, n: number): void => {
    for (let k = 0; k < n; k++) line[k] = data[start + k * step]!;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += line[Math.max(0, Math.min(n - 1, k))]!;
    for (let k = 0; k < n; k++) {
      data[start + k * step] = sum / (2 * r + 1);
      sum += line[Math.min(n - 1, k + r + 1)]! - line[Math.max(0, k - r)]!;
    }
  };
  for (let j = 0; j < rows; j++) run(j * cols, 1, cols);
  for (let i = 0; i < cols; i++) run(i, cols, rows);
}

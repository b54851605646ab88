/**
 * Out-of-focus and motion blur, through libvips (sharp): its integer
 * gaussian and convolution are vectorised and beat a JS loop several times
 * over, round trip of the raw buffer included.
 *
 * @module
 */
import sharp from "npm:sharp@0.35.0";
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../types.ts";
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

const NAME = "blur";
const KINDS = ["gaussian", "motion"];

const SPECS: Record<string, SettingSpec> = {
  kinds: { type: "choices", values: KINDS },
  sigma_px: { type: "range", lo: 0.3, hi: 20 },
  motion_length_px: { type: "range", lo: 1, hi: 40 },
};

/**
 * Blur. Settings: `kinds` (drawn from, default `gaussian` three times in
 * four, else `motion`), `sigma_px` (gaussian standard deviation in final
 * pixels, default `[0.5, 1.6]`), `motion_length_px` (length of the camera's
 * travel during the exposure, default `[2, 8]`). Recorded: `kind`, then
 * `sigma_px`, or `length_px` and `angle_deg` (direction of travel, 0 =
 * along x, counter-clockwise as seen on screen, 0–180).
 *
 * @example
 * ```ts
 * import { blur } from "./blur.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = blur.sample(createRng(1), { probability: 1, kinds: ["motion"] }, { width: 4, height: 4, pxPerMm: 1 });
 * console.assert(p.kind === "motion" && typeof p.angle_deg === "number");
 * ```
 */
export const blur: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Gaussian (defocus) or motion blur",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.7,
    kinds: ["gaussian", "gaussian", "gaussian", "motion"],
    sigma_px: [0.5, 1.6],
    motion_length_px: [2, 8],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    const d = blur.defaults;
    const kind = pickChoice(rng, config, d, "kinds");
    if (kind === "gaussian") return { kind, sigma_px: drawIn(rng, rangeOf(config, d, "sigma_px")) };
    return {
      kind,
      length_px: drawIn(rng, rangeOf(config, d, "motion_length_px")),
      angle_deg: round4(rng.uniform(0, 180)),
    };
  },
  async apply(params: Params, target: PixelTarget): Promise<void> {
    const kind = str(params, NAME, "kind");
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    let pipeline = sharp(data, { raw: { width, height, channels } });
    if (kind === "gaussian") {
      // A low minimum amplitude: with the default 0.2, libvips' integer mask
      // rounds to the identity below sigma 0.6.
      const sigma = Math.max(0.3, num(params, NAME, "sigma_px"));
      pipeline = pipeline.blur({ sigma, precision: "integer", minAmplitude: 0.01 });
    } else if (kind === "motion") {
      const length = num(params, NAME, "length_px"), angle = num(params, NAME, "angle_deg");
      pipeline = pipeline.convolve(motionKernel(length, angle));
    } else throw new RangeError(`Cannot apply ${NAME}: unknown kind ${kind}`);
    const out = await pipeline.raw().toBuffer();
    data.set(out);
  },
};

/**
 * A line kernel of `length` px at `angleDeg`, anti-aliased (points every
 * 0.1 px along the line, each splatted bilinearly), as whole-number weights
 * (libvips convolves integer masks fastest) with their sum as `scale`.
 */
export function motionKernel(
  length: number,
  angleDeg: number,
): { width: number; height: number; kernel: number[]; scale: number } {
  const size = (Math.ceil(length) + 2) | 1, half = (size - 1) / 2;
  const k = new Float64Array(size * size);
  const a = (angleDeg * Math.PI) / 180, dx = Math.cos(a), dy = -Math.sin(a);
  const steps = Math.max(1, Math.round(length * 10));
  for (let s = 0; s <= steps; s++) {
    const t = (s / steps - 0.5) * Math.max(0, length - 1);
    const x = half + t * dx, y = half + t * dy;
    const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
    k[y0 * size + x0] = k[y0 * size + x0]! + (1 - fx) * (1 - fy);
    if (x0 + 1 < size) k[y0 * size + x0 + 1] = k[y0 * size + x0 + 1]! + fx * (1 - fy);
    if (y0 + 1 < size) k[(y0 + 1) * size + x0] = k[(y0 + 1) * size + x0]! + (1 - fx) * fy;
    if (x0 + 1 < size && y0 + 1 < size) {
      k[(y0 + 1) * size + x0 + 1] = k[(y0 + 1) * size + x0 + 1]! + fx * fy;
    }
  }
  let max = 0;
  for (const v of k) max = Math.max(max, v);
  const kernel = [...k].map((v) => Math.round((v / max) * 64));
  return { width: size, height: size, kernel, scale: kernel.reduce((a, b) => a + b, 0) };
}

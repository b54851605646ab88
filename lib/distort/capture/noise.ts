/**
 * Sensor noise: gaussian (read noise), poisson (shot noise, stronger in
 * bright areas), speckle (multiplicative) and salt-and-pepper (dead and
 * hot pixels, dust).
 *
 * Per-pixel deviates come from a table of 65 536 normal deviates drawn
 * from the family's stream, read from a fresh random offset on every row:
 * deterministic, and fast enough for a page per few milliseconds.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  drawIn,
  num,
  pickChoice,
  rangeOf,
  requireRgb,
  type SettingSpec,
  str,
} from "../_config.ts";
import { NORMAL_TABLE_SIZE, normalTable, xorshift } from "./_pixels.ts";

const NAME = "noise";
const KINDS = ["gaussian", "poisson", "speckle", "salt_pepper"];

const SPECS: Record<string, SettingSpec> = {
  kinds: { type: "choices", values: KINDS },
  gaussian_sigma: { type: "range", lo: 0, hi: 64 },
  poisson_peak: { type: "range", lo: 1, hi: 100000 },
  speckle_sigma: { type: "range", lo: 0, hi: 1 },
  salt_pepper_amount: { type: "range", lo: 0, hi: 0.5 },
  monochrome_probability: { type: "range", lo: 0, hi: 1 },
};

/**
 * Noise. Settings: `kinds` (drawn from, default all four), `gaussian_sigma`
 * (standard deviation on the 0–255 scale, default `[2, 8]`), `poisson_peak`
 * (photons a white pixel collects: fewer is noisier; the deviation at value
 * v is `sqrt(255·v / peak)`, default `[300, 3000]`), `speckle_sigma`
 * (relative deviation, `v·(1 + sigma·z)`, default `[0.02, 0.08]`),
 * `salt_pepper_amount` (fraction of pixels turned black or white, default
 * `[0.0005, 0.005]`), `monochrome_probability` (chance that one deviate
 * serves all three channels of a pixel, luminance noise, default 0.5).
 * Recorded: `kind`, the setting of that kind, `monochrome`.
 *
 * @example
 * ```ts
 * import { noise } from "./noise.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = noise.sample(createRng(1), { probability: 1, kinds: ["gaussian"], gaussian_sigma: 5 }, { width: 4, height: 4, pxPerMm: 1 });
 * console.assert(p.kind === "gaussian" && p.sigma === 5);
 * ```
 */
export const noise: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Gaussian, poisson, speckle or salt-and-pepper sensor noise",
  defaults: Object.freeze<FamilyConfig>({
    probability: 0.8,
    kinds: KINDS,
    gaussian_sigma: [2, 8],
    poisson_peak: [300, 3000],
    speckle_sigma: [0.02, 0.08],
    salt_pepper_amount: [0.0005, 0.005],
    monochrome_probability: 0.5,
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    const d = noise.defaults;
    const kind = pickChoice(rng, config, d, "kinds");
    const setting = kind === "gaussian"
      ? { sigma: drawIn(rng, rangeOf(config, d, "gaussian_sigma")) }
      : kind === "poisson"
      ? { peak: drawIn(rng, rangeOf(config, d, "poisson_peak")) }
      : kind === "speckle"
      ? { sigma: drawIn(rng, rangeOf(config, d, "speckle_sigma")) }
      : { amount: drawIn(rng, rangeOf(config, d, "salt_pepper_amount")) };
    const [mlo, mhi] = rangeOf(config, d, "monochrome_probability");
    const mono = rng.chance((mlo + mhi) / 2);
    return { kind, ...setting, monochrome: mono };
  },
  apply(params: Params, target: PixelTarget, rng: Rng): void {
    const kind = str(params, NAME, "kind");
    const { data, channels } = target.image;
    requireRgb(NAME, channels);
    const mono = params.monochrome === true;
    if (kind === "salt_pepper") {
      saltPepper(data, num(params, NAME, "amount"), rng);
      return;
    }
    // Deviation at each value v, times 16 (fixed point, with the table's ×256: ×4096).
    const sd = new Int32Array(256);
    for (let v = 0; v < 256; v++) {
      const s = kind === "gaussian"
        ? num(params, NAME, "sigma")
        : kind === "poisson"
        ? Math.sqrt((255 * v) / num(params, NAME, "peak"))
        : kind === "speckle"
        ? v * num(params, NAME, "sigma")
        : NaN;
      if (Number.isNaN(s)) throw new RangeError(`Cannot apply ${NAME}: unknown kind ${kind}`);
      sd[v] = Math.round(s * 16);
    }
    addNoise(data, target.image.width, sd, mono, rng);
  },
};

/** Add `z·sd[v]` to every value v, z standard normal (`sd` in 1/16 levels). */
function addNoise(
  data: Uint8Array,
  width: number,
  sd: Int32Array,
  mono: boolean,
  rng: Rng,
): void {
  const rowLength = width * 3;
  const constant = sd.every((s) => s === sd[0]);
  // Deviates as integers: with a constant deviation, already scaled and rounded
  // (rounding v + z·sigma to a whole level is what 8-bit output does anyway);
  // else z·256, scaled per value below. Every row reads its own random window.
  const scale = constant ? sd[0]! / 16 : 256;
  const table = extendedTable(rng, scale, mono ? width : rowLength);
  // Stores into a clamped view saturate at 0 and 255 (the values are whole numbers).
  const clamped = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  for (let o = 0; o < data.length; o += rowLength) {
    const z = table.subarray(rng.int(0, NORMAL_TABLE_SIZE - 1));
    if (constant && !mono) addRow(clamped, o, rowLength, z);
    else if (constant) addRowMono(clamped, o, rowLength, z);
    else addRowScaled(clamped, o, rowLength, z, sd, mono);
  }
}

function addRow(data: Uint8ClampedArray, o: number, n: number, z: Int16Array): void {
  for (let i = 0; i < n; i++) data[o + i] = data[o + i]! + z[i]!;
}

function addRowMono(data: Uint8ClampedArray, o: number, n: number, z: Int16Array): void {
  for (let i = 0, p = 0; i < n; i += 3, p++) {
    const d = z[p]!, k = o + i;
    data[k] = data[k]! + d;
    data[k + 1] = data[k + 1]! + d;
    data[k + 2] = data[k + 2]! + d;
  }
}

function addRowScaled(
  data: Uint8ClampedArray,
  o: number,
  n: number,
  z: Int16Array,
  sd: Int32Array,
  mono: boolean,
): void {
  if (mono) {
    for (let i = 0, p = 0; i < n; i += 3, p++) {
      const d = z[p]!;
      for (let c = o + i; c < o + i + 3; c++) {
        const v = data[c]!;
        data[c] = (v * 4096 + d * sd[v]! + 2048) >> 12;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = data[o + i]!;
      data[o + i] = (v * 4096 + z[i]! * sd[v]! + 2048) >> 12;
    }
  }
}

/** A table of normal deviates × `scale` (rounded), `NORMAL_TABLE_SIZE + extra` long (wraps). */
function extendedTable(rng: Rng, scale: number, extra: number): Int16Array {
  const base = normalTable(rng, scale);
  const table = new Int16Array(NORMAL_TABLE_SIZE + extra);
  table.set(base);
  for (let i = NORMAL_TABLE_SIZE; i < table.length; i++) {
    table[i] = base[i & (NORMAL_TABLE_SIZE - 1)]!;
  }
  return table;
}

/** Turn a fraction `amount` of pixels black or white (half each). */
function saltPepper(data: Uint8Array, amount: number, rng: Rng): void {
  const pixels = data.length / 3;
  const count = Math.round(amount * pixels);
  const next = xorshift(rng);
  for (let k = 0; k < count; k++) {
    const r = next();
    const i = (r % pixels) * 3;
    const v = r & 0x80000000 ? 255 : 0;
    data[i] = data[i + 1] = data[i + 2] = v;
  }
}

/**
 * Grayscale and black-and-white scanning: a scanner set to grey or to
 * bilevel (1-bit) output. The image stays RGB with R = G = B.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../types.ts";
import {
  checkSettings,
  drawIn,
  drawInt,
  num,
  pickChoice,
  rangeOf,
  requireRgb,
  type SettingSpec,
  str,
} from "../_config.ts";
import { xorshift } from "./_pixels.ts";

const NAME = "scan";
const KINDS = ["grayscale", "bw"];

const SPECS: Record<string, SettingSpec> = {
  kinds: { type: "choices", values: KINDS },
  threshold: { type: "range", lo: 1, hi: 255, whole: true },
  speckle: { type: "range", lo: 0, hi: 0.05 },
};

/**
 * Scanner colour mode. Settings: `kinds` (drawn from, default `grayscale`
 * and `bw`), `threshold` (bw: luma below it turns black, whole number,
 * default `[120, 200]`), `speckle` (bw: fraction of pixels flipped to the
 * other level, dust and sensor specks, default `[0, 0.0005]`). Recorded:
 * `kind`, and for bw `threshold` and `speckle`. Luma is Rec. 601
 * (`0.299 R + 0.587 G + 0.114 B`); bw output holds only 0 and 255.
 *
 * @example
 * ```ts
 * import { scan } from "./scan.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = scan.sample(createRng(1), { probability: 1, kinds: ["bw"] }, { width: 4, height: 4, pxPerMm: 1 });
 * console.assert(p.kind === "bw" && typeof p.threshold === "number");
 * ```
 */
export const scan: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Grayscale or thresholded black-and-white scanning",
  defaults: Object.freeze<FamilyConfig>({
    probability: 1,
    kinds: KINDS,
    threshold: [120, 200],
    speckle: [0, 0.0005],
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    const d = scan.defaults;
    const kind = pickChoice(rng, config, d, "kinds");
    if (kind !== "bw") return { kind };
    return {
      kind,
      threshold: drawInt(rng, rangeOf(config, d, "threshold")),
      speckle: drawIn(rng, rangeOf(config, d, "speckle")),
    };
  },
  apply(params: Params, target: PixelTarget, rng: Rng): void {
    const kind = str(params, NAME, "kind");
    const { data, channels } = target.image;
    requireRgb(NAME, channels);
    if (kind === "grayscale") {
      for (let i = 0; i < data.length; i += 3) {
        const y = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]! + 128) >> 8;
        data[i] = data[i + 1] = data[i + 2] = y;
      }
      return;
    }
    if (kind !== "bw") throw new RangeError(`Cannot apply ${NAME}: unknown kind ${kind}`);
    const threshold = num(params, NAME, "threshold");
    for (let i = 0; i < data.length; i += 3) {
      const y = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]! + 128) >> 8;
      data[i] = data[i + 1] = data[i + 2] = y < threshold ? 0 : 255;
    }
    const pixels = data.length / 3;
    const flips = Math.round(num(params, NAME, "speckle") * pixels);
    const next = xorshift(rng);
    for (let k = 0; k < flips; k++) {
      const i = (next() % pixels) * 3;
      data[i] = data[i + 1] = data[i + 2] = 255 - data[i]!;
    }
  },
};

/**
 * JPEG compression quality. The family changes no pixel: the page writer
 * reads the drawn `quality` (`DistortedPage.jpegQuality`) and encodes the
 * image as JPEG at that quality, so the artefacts are the real encoder's.
 *
 * @module
 */
import type { FamilyConfig, Params, PixelFamily } from "../types.ts";
import { checkSettings, drawInt, rangeOf, type SettingSpec } from "../_config.ts";

const NAME = "jpeg";

const SPECS: Record<string, SettingSpec> = {
  quality: { type: "range", lo: 1, hi: 100, whole: true },
};

/**
 * JPEG quality. Setting: `quality` (whole number or `[min, max]` from 1 to
 * 100, default `[40, 95]`). Recorded: `quality`. `apply` does nothing to the
 * pixels; the writer encodes at `params.quality` (see the module note).
 *
 * @example
 * ```ts
 * import { jpeg } from "./jpeg.ts";
 * import { createRng } from "../../random/rng.ts";
 * const p = jpeg.sample(createRng(1), jpeg.defaults, { width: 4, height: 4, pxPerMm: 1 });
 * console.assert(typeof p.quality === "number" && p.quality >= 40 && p.quality <= 95);
 * ```
 */
export const jpeg: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "JPEG compression at a drawn quality (applied by the writer at encode time)",
  defaults: Object.freeze<FamilyConfig>({ probability: 1, quality: [40, 95] }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    return { quality: drawInt(rng, rangeOf(config, jpeg.defaults, "quality")) };
  },
  apply(): void {
    // Nothing to do here: the writer encodes at params.quality.
  },
};

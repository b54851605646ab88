/**
 * Swapped colour channels: what a tool that reads BGR as RGB (or another
 * mix-up of channel order) makes of an image.
 *
 * @module
 */
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../types.ts";
import { checkSettings, pickChoice, requireRgb, type SettingSpec, str } from "../_config.ts";

const NAME = "channel_swap";
/** Every channel order other than `rgb`, named by where each output channel comes from. */
const ORDERS = ["bgr", "brg", "gbr", "grb", "rbg"];

const SPECS: Record<string, SettingSpec> = { orders: { type: "choices", values: ORDERS } };

/**
 * Channel permutation. Setting: `orders` (one is drawn, default all five:
 * `bgr`, `brg`, `gbr`, `grb`, `rbg`). Recorded: `order`, where output
 * channel k takes input channel `"rgb".indexOf(order[k])` (`bgr`: output red
 * = input blue).
 *
 * @example
 * ```ts
 * import { channelSwap } from "./channel_swap.ts";
 * import { createRng } from "../../random/rng.ts";
 * const image = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.of(1, 2, 3) };
 * const target = { image, pxPerMm: 1, pageAlpha: null, textMask: null, notes: [], textures: [], workspace: undefined };
 * channelSwap.apply({ order: "bgr" }, target, createRng(1));
 * console.assert(image.data.join() === "3,2,1");
 * ```
 */
export const channelSwap: PixelFamily = {
  name: NAME,
  kind: "capture",
  description: "Swapped RGB channels (e.g. BGR read as RGB)",
  defaults: Object.freeze<FamilyConfig>({ probability: 0.5, orders: ORDERS }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
  },
  sample(rng, config): Params {
    return { order: pickChoice(rng, config, channelSwap.defaults, "orders") };
  },
  apply(params: Params, target: PixelTarget): void {
    const order = str(params, NAME, "order");
    if (!ORDERS.includes(order) && order !== "rgb") {
      throw new RangeError(`Cannot apply ${NAME}: unknown order ${JSON.stringify(order)}`);
    }
    const { data, channels } = target.image;
    requireRgb(NAME, channels);
    const a = "rgb".indexOf(order[0]!), b = "rgb".indexOf(order[1]!), c = "rgb".indexOf(order[2]!);
    for (let i = 0; i < data.length; i += 3) {
      const v0 = data[i + a]!, v1 = data[i + b]!, v2 = data[i + c]!;
      data[i] = v0;
      data[i + 1] = v1;
      data[i + 2] = v2;
    }
  },
};

/**
 * A QR code pasted in the top-right corner of the final image, as
 * ecg-image-kit's `--add_qr_code` does (after every other effect, not
 * warped with the page), encoding the record's name.
 *
 * @module
 */
import qrcode from "npm:qrcode-generator@2.0.4";
import type { FamilyConfig, Frame, Params, PixelFamily, PixelTarget } from "../types.ts";
import { checkSettings, num, requireRgb, type SettingSpec, str } from "../_config.ts";

const NAME = "qr_code";

const SPECS: Record<string, SettingSpec> = {
  module_px: { type: "range", lo: 1, hi: 50, whole: true },
  border_modules: { type: "range", lo: 0, hi: 20, whole: true },
};

/** The dark modules of `text` as a QR code (error correction level L, the smallest version that fits), row-major. */
export function qrModules(text: string): { size: number; dark: Uint8Array } {
  const qr = qrcode(0, "L");
  qr.addData(text, "Byte");
  qr.make();
  const size = qr.getModuleCount();
  const dark = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      dark[r * size + c] = qr.isDark(r, c) ? 1 : 0;
    }
  }
  return { size, dark };
}

/**
 * QR code. Settings: `module_px` (pixels per module, default `5`),
 * `border_modules` (white quiet zone, default `4`), `text` (what it
 * encodes; default `""`: the page's record name). Recorded: `text`,
 * `module_px`, `border_modules`, and `left`, `top`, `size_px` (the square
 * it covers, clipped to the image).
 *
 * @example
 * ```ts
 * import { qrCode } from "./qr_code.ts";
 * import { createRng } from "../../random/rng.ts";
 * const params = qrCode.sample(createRng(1), qrCode.defaults, { width: 400, height: 300, pxPerMm: 4, record: "E07500" });
 * console.assert(params.text === "E07500" && params.size_px === 145 && params.left === 255);
 * ```
 */
export const qrCode: PixelFamily = {
  name: NAME,
  kind: "capture",
  description:
    "A QR code of the record's name in the top-right corner (ecg-image-kit's --add_qr_code)",
  defaults: Object.freeze<FamilyConfig>({
    probability: 1,
    module_px: 5,
    border_modules: 4,
    text: "",
  }),
  validate(config: Readonly<FamilyConfig>): void {
    checkSettings(NAME, config, SPECS);
    const text = config.text ?? "";
    if (typeof text !== "string" || text.length > 500) {
      throw new RangeError(
        `Invalid option distortions.${NAME}.text = ${
          JSON.stringify(text)
        }: must be a string of at most 500 characters`,
      );
    }
  },
  sample(_rng, config, frame: Frame): Params {
    const d = qrCode.defaults;
    const module = (config.module_px ?? d.module_px) as number;
    const border = (config.border_modules ?? d.border_modules) as number;
    const text = (config.text as string | undefined) || frame.record || "";
    const { size } = qrModules(text);
    const sizePx = (size + 2 * border) * module;
    return {
      text,
      module_px: module,
      border_modules: border,
      size_px: sizePx,
      left: Math.max(0, frame.width - sizePx),
      top: 0,
    };
  },
  apply(params: Params, target: PixelTarget): void {
    const { width, height, channels, data } = target.image;
    requireRgb(NAME, channels);
    const { size, dark } = qrModules(str(params, NAME, "text"));
    const module = num(params, NAME, "module_px"), border = num(params, NAME, "border_modules");
    const sizePx = (size + 2 * border) * module;
    const right = width, left = right - sizePx;
    for (let y = 0; y < Math.min(sizePx, height); y++) {
      const r = Math.floor(y / module) - border;
      for (let x = Math.max(0, left); x < right; x++) {
        const c = Math.floor((x - left) / module) - border;
        const on = r >= 0 && c >= 0 && r < size && c < size && dark[r * size + c] === 1;
        const i = (y * width + x) * 3;
        data[i] = data[i + 1] = data[i + 2] = on ? 0 : 255;
      }
    }
  },
};

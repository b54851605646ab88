/**
 * The distortion keys of ecg-image-kit's `--store_config 2` JSON
 * (`augment`, `rotate`, `noise`, `crease_angle`, `wrinkles`, …), derived
 * from the distortions actually applied to a page.
 *
 * @module
 */
import type { ImageKitFields } from "../truth/ground_truth.ts";
import type { ResolvedDistortions } from "./settings.ts";
import type { Params } from "./types.ts";

/** The keys {@linkcode imageKitDistortionFields} sets. */
export type ImageKitDistortionFields =
  & Pick<
    ImageKitFields,
    | "pad_inches"
    | "handwritten_text"
    | "num_words"
    | "x_offset_for_handwritten_text"
    | "y_offset_for_handwritten_text"
    | "wrinkles"
    | "crease_angle"
    | "number_of_creases_horizontally"
    | "number_of_creases_vertically"
    | "augment"
    | "crop"
    | "temperature"
    | "rotate"
    | "rotation_angle_deg"
    | "noise"
  >
  & { bw?: true };

/** Families whose effect ecg-image-kit calls augmentation (scan and photo effects; not `pad` or `qr_code`). */
const AUGMENT_KINDS = new Set(["geometry", "capture"]);

/** The distortion keys of a page that went through no distortion. */
export const UNDISTORTED_IMAGE_KIT_FIELDS: Readonly<ImageKitDistortionFields> = {
  pad_inches: 0,
  handwritten_text: false,
  num_words: 0,
  x_offset_for_handwritten_text: 0,
  y_offset_for_handwritten_text: 0,
  wrinkles: false,
  crease_angle: 0,
  number_of_creases_horizontally: 0,
  number_of_creases_vertically: 0,
  augment: false,
  crop: 0,
  temperature: 0,
  rotate: 0,
  rotation_angle_deg: 0,
  noise: 0,
};

/**
 * The ecg-image-kit distortion keys for the families `applied` (name,
 * drawn parameters, kind), in the order they ran; `settings` gives the
 * bounds (`rotate` is the rotation bound, as ecg-image-kit stores it).
 * `bw` is present (true) only when a grayscale or B&W scan was applied.
 *
 * @example
 * ```ts
 * import { imageKitDistortionFields } from "./image_kit.ts";
 * const f = imageKitDistortionFields(
 *   [{ name: "rotation", kind: "geometry", params: { angle_deg: -2.5, quarter_turns: 0 } }],
 *   { rotation: { probability: 1, max_deg: 3 } },
 * );
 * console.assert(f.rotate === 3 && f.rotation_angle_deg === -2.5 && f.augment);
 * ```
 */
export function imageKitDistortionFields(
  applied: readonly { name: string; kind: string; params: Params }[],
  settings: Readonly<ResolvedDistortions>,
): ImageKitDistortionFields {
  const out: ImageKitDistortionFields = { ...UNDISTORTED_IMAGE_KIT_FIELDS };
  const n = (p: Params, key: string): number => (typeof p[key] === "number" ? p[key] : 0);
  for (const { name, kind, params } of applied) {
    // ecg-image-kit pads in its plain render (--pad_inches) and adds QR codes on their own;
    // neither is an augmentation there.
    if (AUGMENT_KINDS.has(kind) && name !== "pad" && name !== "qr_code") out.augment = true;
    if (name === "rotation") {
      const bound = settings.rotation?.max_deg;
      out.rotate = typeof bound === "number" ? bound : Math.abs(n(params, "angle_deg"));
      out.rotation_angle_deg = round3(n(params, "angle_deg") + 90 * n(params, "quarter_turns"));
    } else if (name === "pad") {
      const mm = ["left", "top", "right", "bottom"].map((side) => n(params, side));
      out.pad_inches = round3(mm.reduce((a, b) => a + b, 0) / 4 / 25.4);
    } else if (name === "crop") {
      out.crop = round3(Math.max(...["left", "top", "right", "bottom"].map((s) => n(params, s))));
    } else if (name === "noise") {
      out.noise = params.kind === "gaussian" ? Math.round(n(params, "sigma")) : 0;
    } else if (name === "colour") {
      out.temperature = kelvin(n(params, "temperature"));
    } else if (name === "scan") {
      out.bw = true;
    } else if (name === "wrinkles") {
      out.wrinkles = true;
    } else if (name === "creases") {
      out.wrinkles = true;
      for (let k = 0; k < n(params, "count"); k++) {
        if (params[`fold_${k}_axis`] === "vertical") out.number_of_creases_vertically++;
        else out.number_of_creases_horizontally++;
        const angle = Math.round(Math.abs(n(params, `fold_${k}_angle_deg`)));
        if (angle > out.crease_angle) out.crease_angle = angle;
      }
    } else if (name === "handwriting") {
      out.x_offset_for_handwritten_text = n(params, "x_offset_px");
      out.y_offset_for_handwritten_text = n(params, "y_offset_px");
      for (let k = 0; k < n(params, "count"); k++) {
        const text = params[`note_${k}_text`];
        if (typeof text !== "string") continue;
        out.handwritten_text = true;
        out.num_words += text.split(/\s+/).filter((w) => w !== "").length;
      }
    }
  }
  return out;
}

/**
 * The `colour` family's temperature (−1 cool … +1 warm) as kelvin, linear
 * in mireds from 6500 K at 0 to 2500 K at +1 and 15000 K at −1.
 */
function kelvin(t: number): number {
  const neutral = 1e6 / 6500;
  const mired = t >= 0
    ? neutral + t * (1e6 / 2500 - neutral)
    : neutral + t * (neutral - 1e6 / 15000);
  return Math.round(1e6 / mired);
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

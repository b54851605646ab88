/**
 * Paper sizes and grid colour presets.
 *
 * @module
 */
import type { Rgb } from "../raster/image.ts";

/** Paper sizes, landscape, in millimetres. */
export const PAPER_SIZES_MM = {
  letter: { widthMm: 279.4, heightMm: 215.9 },
  a4: { widthMm: 297, heightMm: 210 },
} as const;

/** A paper size name. */
export type PaperSize = keyof typeof PAPER_SIZES_MM;

/** Minor and major grid line colours. */
export interface GridColours {
  /** Colour of the 1 mm lines. */
  readonly minor: Rgb;
  /** Colour of the 5 mm lines. */
  readonly major: Rgb;
}

/** The named grid colour presets. */
export const GRID_COLOUR_PRESETS = {
  red: { minor: [245, 185, 185], major: [228, 105, 105] },
  pink: { minor: [251, 215, 225], major: [238, 150, 175] },
  blue: { minor: [195, 215, 242], major: [115, 155, 222] },
  green: { minor: [195, 232, 195], major: [105, 182, 115] },
  brown: { minor: [228, 205, 180], major: [182, 132, 92] },
  grey: { minor: [218, 218, 218], major: [160, 160, 160] },
} as const satisfies Record<string, GridColours>;

/** A grid colour preset name. */
export type GridColourName = keyof typeof GRID_COLOUR_PRESETS;

/**
 * A random but plausible grid colour pair: a hue, a light minor colour and
 * a darker major colour of the same hue.
 */
export function randomGridColours(next: () => number): GridColours {
  const hue = next() * 360;
  const saturation = 0.35 + 0.5 * next();
  return {
    minor: hslToRgb(hue, saturation, 0.84 + 0.08 * next()),
    major: hslToRgb(hue, saturation, 0.6 + 0.12 * next()),
  };
}

/** HSL (hue in degrees, saturation and lightness in [0, 1]) to RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const h = (((hue % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1
    ? [c, x, 0]
    : h < 2
    ? [x, c, 0]
    : h < 3
    ? [0, c, x]
    : h < 4
    ? [0, x, c]
    : h < 5
    ? [x, 0, c]
    : [c, 0, x];
  const m = lightness - c / 2;
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

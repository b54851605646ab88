/**
 * Named presets: bundles of options named after the Kaggle image types
 * (`0001` clean render … `0012` B&W scan with mould), and `mix`, which
 * draws one of them per page. Explicit options always override the
 * preset's; explicit distortion settings override it family by family.
 *
 * @module
 */
import type { GenerateOptions } from "./options.ts";

const on = { probability: 1 } as const;

/** What a scanner does to a page: slight skew, light, a little blur and noise, JPEG. */
const SCAN = {
  rotation: { probability: 0.9, max_deg: 1.5, quarter_turn_probability: 0 },
  crop: { probability: 0.3 },
  lighting: {
    probability: 0.6,
    kinds: ["scanner_bar", "uneven"],
    gradient: [0.02, 0.1],
    vignette: [0, 0.08],
  } as const,
  colour: { probability: 0.8 },
  blur: { probability: 0.7 },
  noise: { probability: 0.8 },
  jpeg: on,
} as const;

/** What a phone camera does to a print on a desk. */
const PHOTO = {
  waves: { probability: 0.5 },
  elastic: { probability: 0.4 },
  rotation: { probability: 1 },
  pad: on,
  perspective: on,
  lens: { probability: 0.6 },
  crop: { probability: 0.3 },
  background: on,
  lighting: on,
  colour: on,
  blur: { probability: 0.8 },
  noise: on,
  jpeg: on,
} as const;

/** Mould that shows: several colonies of many spots. */
const MOULD = { probability: 1, colonies: [3, 7], radius_mm: [6, 18], spots: [60, 180] } as const;

/** The presets, by name. */
export const PRESETS: Readonly<Record<string, Readonly<GenerateOptions>>> = Object.freeze({
  /** A clean render: the defaults, nothing added. */
  "0001": Object.freeze({}),
  /** A colour scan of a print: slight skew, creases, scanner light and noise. */
  "0003": Object.freeze({
    distortions: {
      ...SCAN,
      creases: { probability: 0.4 },
      wrinkles: { probability: 0.3, strength: [0.015, 0.04] as const },
    },
  }),
  /** A black-and-white scan: as 0003, then grayscale or thresholded to two levels. */
  "0004": Object.freeze({
    distortions: { ...SCAN, creases: { probability: 0.4 }, scan: on },
  }),
  /** A phone photo of a print on a desk: perspective, lens, waves, shadows, noise. */
  "0005": Object.freeze({
    distortions: {
      ...PHOTO,
      creases: { probability: 0.4 },
      wrinkles: { probability: 0.6 },
      handwriting: { probability: 0.3 },
    },
  }),
  /** A phone photo of a screen showing the ECG: moiré, pixel grid, glare. */
  "0006": Object.freeze({
    distortions: {
      rotation: on,
      pad: on,
      perspective: on,
      lens: { probability: 0.6 },
      background: on,
      screen: on,
      colour: on,
      blur: { probability: 0.8 },
      noise: on,
      jpeg: on,
    },
  }),
  /** Stained or soaked paper, photographed. */
  "0009": Object.freeze({
    distortions: {
      ...PHOTO,
      stains: { probability: 1, count: [2, 4] as const, opacity: [0.35, 0.7] as const },
      wrinkles: { probability: 0.8 },
      creases: { probability: 0.5 },
      handwriting: { probability: 0.3 },
    },
  }),
  /** Badly damaged paper: many creases, strong wrinkles, stains, warps. */
  "0010": Object.freeze({
    distortions: {
      ...PHOTO,
      waves: on,
      elastic: on,
      creases: on,
      wrinkles: on,
      stains: { probability: 0.7 },
      mould: { probability: 0.3 },
      handwriting: { probability: 0.5 },
    },
  }),
  /** A colour scan of a mouldy print. */
  "0011": Object.freeze({
    distortions: {
      ...SCAN,
      mould: MOULD,
      wrinkles: { probability: 0.3, strength: [0.015, 0.04] as const },
    },
  }),
  /** A black-and-white scan of a mouldy print. */
  "0012": Object.freeze({
    distortions: { ...SCAN, mould: MOULD, scan: on },
  }),
});

/** How often `--preset mix` draws each preset (relative weights). */
export const PRESET_MIX_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  "0001": 1,
  "0003": 1,
  "0004": 1,
  "0005": 1,
  "0006": 1,
  "0009": 1,
  "0010": 1,
  "0011": 1,
  "0012": 1,
});

/** The names `--preset` accepts: every preset, and `mix`. */
export function presetNames(): string[] {
  return [...Object.keys(PRESETS), "mix"];
}

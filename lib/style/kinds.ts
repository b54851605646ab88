/**
 * The names each style option takes.
 *
 * @module
 */

/** Text fonts (the keys of `FONTS` in `lib/raster/text.ts`). */
export const FONT_NAMES = [
  "sans",
  "serif",
  "mono",
  "condensed",
  "dejavu_serif",
  "dejavu_mono",
] as const;
/** Where lead labels go relative to the trace start. */
export const LABEL_POSITIONS = ["right_of_pulse", "above", "below", "left"] as const;
/** Label spellings: aVR, AVR, avr. */
export const LABEL_CASES = ["standard", "upper", "lower"] as const;
/** Grid patterns. */
export const GRID_KINDS = ["solid", "dotted_minor", "dots", "major_only", "none"] as const;
/** Header blocks. */
export const HEADER_KINDS = ["none", "standard", "vendor", "title", "footer"] as const;
/** Separators between columns. */
export const SEPARATOR_KINDS = ["tick", "thick_tick", "line", "none"] as const;
/** Calibration pulse shapes. */
export const PULSE_KINDS = ["standard", "bare", "none"] as const;
/** Layouts the style draws. */
export const STYLE_LAYOUTS = ["3x4", "6x2", "12x1"] as const;
/** 6x2 row orders. */
export const ROW_ORDERS = ["clinical", "kit", "interleaved"] as const;
/** Grid colour names the style draws (besides `#rrggbb`): the generator's presets, `bw` and `random`. */
export const GRID_COLOUR_NAMES = [
  "red",
  "pink",
  "blue",
  "green",
  "brown",
  "grey",
  "bw",
  "random",
] as const;

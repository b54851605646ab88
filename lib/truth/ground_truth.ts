/**
 * The ground-truth JSON of a page: a superset of ecg-image-kit's
 * `--store_config` JSON (docs/FORMATS.md), plus provenance and the exact page
 * geometry. All pixel positions are `[row, col]` in the final image
 * (pixel centres at integers). The types live here, apart from the
 * generator, so that the distortion stage can move a page's ground truth
 * without depending on the generator.
 *
 * @module
 */

/** Box as `[left, top, right, bottom]` in pixel coordinates. */
export type Box = [number, number, number, number];

/**
 * Corners `"0"`..`"3"` = top-left, top-right, bottom-right, bottom-left of
 * the box on the undistorted page, each `[row, col]` in the final image
 * (ecg-image-kit's order). On a rotated or warped image they are the four
 * physical corners, moved: the shape is then a quadrilateral, and the
 * axis-aligned box around the moved outline is in the `*_envelope` field
 * beside it.
 */
export type Corners = Record<"0" | "1" | "2" | "3", [number, number]>;

/** RGB colour, each channel 0–255 (ecg-image-kit's colour lists). */
export type Rgb255 = [number, number, number];

/** A printed or handwritten text and its ink box. */
export interface TextBox {
  /** The text. */
  text: string;
  /** Box around the text's ink (physical corners, see {@linkcode Corners}). */
  text_bounding_box: Corners;
  /** Axis-aligned box around `text_bounding_box`'s moved outline, in the final image. */
  text_bounding_box_envelope: Corners;
}

/** One plotted panel in the ground truth. */
export interface GroundTruthLead {
  /** The lead shown in this panel. */
  lead_name: string;
  /** First sample in the record, and one past the last (exclusive). */
  start_sample: number;
  /** One past the last sample shown (exclusive). */
  end_sample: number;
  /** `[row, col]` of every sample from start to end; `null` for a NaN sample. */
  plotted_pixels: ([number, number] | null)[];
  /**
   * Box around the panel's ink, by ecg-image-kit's rule: the trace
   * (plotted pixels ± half the line width) and, for a row's first panel
   * (column 0, rhythm strips included), the row's calibration pulse.
   * Physical corners (see {@linkcode Corners}).
   */
  lead_bounding_box: Corners;
  /** Axis-aligned box around `lead_bounding_box`'s moved outline: encloses the panel's ink on any page. */
  lead_bounding_box_envelope: Corners;
  /** Box around the trace alone (plotted pixels ± half the line width), physical corners. */
  trace_bounding_box: Corners;
  /** Box around the printed lead label's ink, when labels are drawn. */
  text_bounding_box?: Corners;
  /** Axis-aligned box around `text_bounding_box`'s moved outline. */
  text_bounding_box_envelope?: Corners;
  /** Layout row, 0 = top. */
  row_index: number;
  /** Layout column, 0 = left. */
  column_index: number;
  /** Whether the panel is a full-width rhythm strip. */
  is_rhythm: boolean;
  /** Row (y) of the panel's 0 mV line, px. */
  baseline_px: number;
  /** Segmentation channel (3..6) of this panel's ink. */
  mask_channel: number;
}

/** A geometric step applied after the page was drawn (none for clean pages). */
export interface MappingStep {
  /** What the step is (`rotation`, `perspective`, …). */
  kind: string;
  /** The step's parameters. */
  [param: string]: unknown;
}

/**
 * The page-level keys of ecg-image-kit's `--store_config 2` JSON, with
 * its meanings (docs/ground_truth.md says how each is derived here).
 */
export interface ImageKitFields {
  /** Colour of the 5 mm lines, RGB 0–255 (the paper's colour when no grid is drawn). */
  grid_line_color_major: Rgb255;
  /** Colour of the 1 mm lines, RGB 0–255 (the paper's colour when no grid is drawn). */
  grid_line_color_minor: Rgb255;
  /** Trace colour, RGB 0–255. */
  ecg_plot_color: Rgb255;
  /** Mean width of the margin added around the page (the `pad` distortion), inches; 0 without. */
  pad_inches: number;
  /** Whether calibration pulses are drawn. */
  dc_pulse: boolean;
  /** Whether the image is black and white: a grey grid with grey or black ink, or a grayscale/B&W scan. */
  bw: boolean;
  /** Whether a grid is drawn. */
  gridlines: boolean;
  /** Whether a header is printed. */
  printed_text: boolean;
  /** Columns of short panels: 4 (3x4), 2 (6x2), 1 (12x1 and one lead per row). */
  number_of_columns_in_image: number;
  /** Lead of the (first) full-width rhythm strip, or `"None"` without one. */
  full_mode_lead: string;
  /** Whether handwritten notes were added. */
  handwritten_text: boolean;
  /** Words in the handwritten notes. */
  num_words: number;
  /** ecg-image-kit's placement offset of handwritten text from the left edge, px: the `handwriting` family's `x_offset_px` when it wrote words (`words` above 0), else 0 (each note's place is in `handwriting`). */
  x_offset_for_handwritten_text: number;
  /** As `x_offset_for_handwritten_text`, from the top edge (`y_offset_px`). */
  y_offset_for_handwritten_text: number;
  /** Whether the paper is wrinkled or creased. */
  wrinkles: boolean;
  /** Largest crease angle from its axis, whole degrees; 0 without creases. */
  crease_angle: number;
  /** Creases running across the page (horizontal fold lines). */
  number_of_creases_horizontally: number;
  /** Creases running down the page (vertical fold lines). */
  number_of_creases_vertically: number;
  /** Whether any scan or photo effect (a geometric or capture distortion other than `pad` and `qr_code`) was applied. */
  augment: boolean;
  /** Largest fraction cut from one side by the `crop` distortion; 0 without. */
  crop: number;
  /** Colour temperature of the `colour` cast, kelvin (about 2500 warm … 15000 cool); 0 without. */
  temperature: number;
  /** The rotation bound, degrees (`max_deg` of the `rotation` distortion, as ecg-image-kit stores its `-rot` bound); 0 without. The angle used is `rotation_angle_deg`. */
  rotate: number;
  /** The angle actually applied by the `rotation` distortion, degrees counter-clockwise; 0 without. */
  rotation_angle_deg: number;
  /** Standard deviation of the Gaussian sensor noise, grey levels (whole); 0 without or for other noise kinds. */
  noise: number;
}

/** The ground truth of one generated page. */
export interface GroundTruth extends ImageKitFields {
  /** Samples per second of the record. */
  sampling_frequency: number;
  /** Image width, px. */
  width: number;
  /** Image height, px. */
  height: number;
  /** Dots per inch. */
  resolution: number;
  /** Pixels per 5 mm horizontally. */
  x_grid: number;
  /** Pixels per 5 mm vertically. */
  y_grid: number;
  /** One entry per plotted panel. */
  leads: GroundTruthLead[];
  /** The tool that wrote this file. */
  toolkit: "ecg-image-toolkit";
  /** Its version. */
  toolkit_version: string;
  /** Version of this JSON's layout (schemas/ground_truth.schema.json). */
  schema_version: 2;
  /** File stem of the page: `<record>-<window>[-<variant>]`. */
  stem: string;
  /** Record name. */
  record: string;
  /** Which page-long window of the record, 0-based. */
  window: number;
  /** Which variant of that window, 0-based. */
  variant: number;
  /** Seed of every random draw. */
  seed: number;
  /** Preset the options started from. */
  preset: string;
  /** Resolved layout (`3x4`, `6x2`, `12x1`, `rows`). */
  layout: string;
  /** First sample of the page in the record. */
  start_sample: number;
  /** Samples per page (the page duration times the rate). */
  page_samples: number;
  /** Pixels per millimetre of paper. */
  px_per_mm: number;
  /** Paper speed, mm/s. */
  paper_speed_mm_per_s: number;
  /** Amplitude scale, mm/mV. */
  gain_mm_per_mv: number;
  /** x (col) of the page's first sample, and the scales that map pixels to time and voltage. */
  time_origin_px: number;
  /** Pixels per second of signal, horizontally. */
  px_per_second: number;
  /** Pixels per millivolt, vertically. */
  px_per_mv: number;
  /** The grid as drawn, or null without one. */
  grid:
    | { shown: boolean; minor_colour: string; major_colour: string; origin_px: [number, number] }
    | null;
  /** Each row's calibration pulse as a polyline of `[row, col]` points. */
  calibration_pulses: { row_index: number; polyline: [number, number][] }[];
  /** Printed header lines and their ink boxes. */
  header: TextBox[];
  /** Handwritten notes added by the `handwriting` distortion, and their ink boxes. */
  handwriting: TextBox[];
  /** The fully resolved options (the generator's `ResolvedGenerateOptions`). */
  options: Readonly<Record<string, unknown>>;
  /** The printing style drawn for the page (`--style`), or null when the style family was off. */
  style: Readonly<Record<string, string | number | boolean | readonly string[]>> | null;
  /** Augmentations applied, with their drawn parameters (none on clean pages). */
  augmentations: { name: string; params: Record<string, number | string | boolean> }[];
  /**
   * From the undistorted page to the final image: a page point at `(x, y)`
   * mm sits at page pixel `(x * page_px_per_mm + pixel_centre_offset, …)`,
   * which each step in turn moves (see `lib/distort/geometry`).
   */
  page_mapping: { page_px_per_mm: number; pixel_centre_offset: number; steps: MappingStep[] };
  /** Anything worth knowing about this page. */
  warnings: string[];
}

/** `[left, top, right, bottom]` to corners `[row, col]`. */
export function corners([left, top, right, bottom]: Box): Corners {
  return {
    "0": [round3(top), round3(left)],
    "1": [round3(top), round3(right)],
    "2": [round3(bottom), round3(right)],
    "3": [round3(bottom), round3(left)],
  };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

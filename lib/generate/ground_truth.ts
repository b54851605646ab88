/**
 * The ground-truth JSON of a page: a superset of ecg-image-kit's
 * `--store_config` JSON (FORMATS.md), plus provenance and the exact page
 * geometry. All pixel positions are `[row, col]` in the final image
 * (pixel centres at integers).
 *
 * @module
 */
import { formatHexColour } from "../raster/image.ts";
import { VERSION } from "../version.ts";
import type { PageLayout } from "./layout.ts";
import type { ResolvedGenerateOptions } from "./options.ts";
import type { Box, RenderedPage } from "./render.ts";
import type { PageStyle } from "./style.ts";

/** Corners `"0"`..`"3"` = top-left, top-right, bottom-right, bottom-left, each `[row, col]`. */
export type Corners = Record<"0" | "1" | "2" | "3", [number, number]>;

/** One plotted panel in the ground truth. */
export interface GroundTruthLead {
  lead_name: string;
  /** First sample in the record, and one past the last (exclusive). */
  start_sample: number;
  end_sample: number;
  /** `[row, col]` of every sample from start to end; `null` for a NaN sample. */
  plotted_pixels: ([number, number] | null)[];
  lead_bounding_box: Corners;
  text_bounding_box?: Corners;
  row_index: number;
  column_index: number;
  is_rhythm: boolean;
  /** Row (y) of the panel's 0 mV line, px. */
  baseline_px: number;
  mask_channel: number;
}

/** A geometric step applied after the page was drawn (none for clean pages). */
export interface GeometricStep {
  kind: string;
  [param: string]: unknown;
}

/** The ground truth of one generated page. */
export interface GroundTruth {
  sampling_frequency: number;
  width: number;
  height: number;
  resolution: number;
  x_grid: number;
  y_grid: number;
  leads: GroundTruthLead[];
  toolkit: "ecg-image-toolkit";
  toolkit_version: string;
  schema_version: 1;
  stem: string;
  record: string;
  window: number;
  variant: number;
  seed: number;
  preset: string;
  layout: string;
  start_sample: number;
  page_samples: number;
  px_per_mm: number;
  paper_speed_mm_per_s: number;
  gain_mm_per_mv: number;
  /** x (col) of the page's first sample, and the scales that map pixels to time and voltage. */
  time_origin_px: number;
  px_per_second: number;
  px_per_mv: number;
  grid:
    | { shown: boolean; minor_colour: string; major_colour: string; origin_px: [number, number] }
    | null;
  calibration_pulses: { row_index: number; polyline: [number, number][] }[];
  header: { text: string; text_bounding_box: Corners }[];
  options: ResolvedGenerateOptions;
  augmentations: { name: string; params: Record<string, number | string | boolean> }[];
  /** From the undistorted page (mm, origin top-left) to the final image (px). */
  page_mapping: { page_px_per_mm: number; pixel_centre_offset: number; steps: GeometricStep[] };
  warnings: string[];
}

/** Describes the page being written. */
export interface PageIdentity {
  stem: string;
  record: string;
  window: number;
  variant: number;
  startSample: number;
}

/** Build the ground truth of a rendered page. */
export function buildGroundTruth(
  id: PageIdentity,
  sampleRateHz: number,
  layout: PageLayout,
  style: PageStyle,
  page: RenderedPage,
  options: ResolvedGenerateOptions,
): GroundTruth {
  const ppm = page.pxPerMm;
  const halfWidth = (style.traceWidthMm * ppm) / 2;
  const leads = page.panels.map((d): GroundTruthLead => {
    const pixels: ([number, number] | null)[] = new Array(d.xs.length);
    let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
    for (let i = 0; i < d.xs.length; i++) {
      const x = d.xs[i]!, y = d.ys[i]!;
      if (Number.isNaN(y)) {
        pixels[i] = null;
        continue;
      }
      pixels[i] = [round3(y), round3(x)];
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
    const entry: GroundTruthLead = {
      lead_name: d.panel.lead,
      start_sample: id.startSample + d.panel.startSample,
      end_sample: id.startSample + d.panel.endSample,
      plotted_pixels: pixels,
      lead_bounding_box: corners([
        left - halfWidth,
        top - halfWidth,
        right + halfWidth,
        bottom + halfWidth,
      ]),
      row_index: d.panel.row,
      column_index: d.panel.column,
      is_rhythm: d.panel.rhythm,
      baseline_px: round3(d.panel.baselineMm * ppm - 0.5),
      mask_channel: d.panel.maskChannel,
    };
    if (d.labelBox) entry.text_bounding_box = corners(d.labelBox);
    return entry;
  });
  return {
    sampling_frequency: sampleRateHz,
    width: page.width,
    height: page.height,
    resolution: style.dpi,
    x_grid: round3(5 * ppm),
    y_grid: round3(5 * ppm),
    leads,
    toolkit: "ecg-image-toolkit",
    toolkit_version: VERSION,
    schema_version: 1,
    stem: id.stem,
    record: id.record,
    window: id.window,
    variant: id.variant,
    seed: options.seed,
    preset: options.preset,
    layout: layout.name,
    start_sample: id.startSample,
    page_samples: layout.pageSamples,
    px_per_mm: ppm,
    paper_speed_mm_per_s: style.paperSpeedMmPerS,
    gain_mm_per_mv: style.gainMmPerMv,
    time_origin_px: layout.originXMm * ppm - 0.5,
    px_per_second: style.paperSpeedMmPerS * ppm,
    px_per_mv: style.gainMmPerMv * ppm,
    grid: style.grid
      ? {
        shown: true,
        minor_colour: formatHexColour(style.grid.colours.minor),
        major_colour: formatHexColour(style.grid.colours.major),
        origin_px: [layout.gridOriginMm.y * ppm - 0.5, layout.gridOriginMm.x * ppm - 0.5],
      }
      : null,
    calibration_pulses: page.pulses.map((p) => ({
      row_index: p.row,
      polyline: p.xs.map((x, i) => [round3(p.ys[i]!), round3(x)] as [number, number]),
    })),
    header: page.header.map((h) => ({ text: h.text, text_bounding_box: corners(h.box) })),
    options,
    augmentations: [],
    page_mapping: { page_px_per_mm: ppm, pixel_centre_offset: -0.5, steps: [] },
    warnings: [],
  };
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

/**
 * The ground-truth JSON of a page: a superset of ecg-image-kit's
 * `--store_config` JSON (docs/FORMATS.md), plus provenance and the exact page
 * geometry. All pixel positions are `[row, col]` in the final image
 * (pixel centres at integers).
 *
 * @module
 */
export type {
  Box,
  Corners,
  GroundTruth,
  GroundTruthLead,
  ImageKitFields,
  MappingStep,
  Rgb255,
  TextBox,
} from "../truth/ground_truth.ts";
export { corners } from "../truth/ground_truth.ts";
import { UNDISTORTED_IMAGE_KIT_FIELDS } from "../distort/image_kit.ts";
import { formatHexColour, type Rgb } from "../raster/image.ts";
import {
  type Box,
  corners,
  type GroundTruth,
  type GroundTruthLead,
  type Rgb255,
} from "../truth/ground_truth.ts";
import { VERSION } from "../version.ts";
import type { PrintStyle } from "../style/family.ts";
import type { PageLayout } from "./layout.ts";
import type { ResolvedGenerateOptions } from "./options.ts";
import type { RenderedPage } from "./render.ts";
import type { PageStyle } from "./style.ts";

/** Describes the page being written. */
export interface PageIdentity {
  /** File stem of the page: `<record>-<window>[-<variant>]`. */
  stem: string;
  /** Record name. */
  record: string;
  /** Which page-long window of the record, 0-based. */
  window: number;
  /** Which variant of that window, 0-based. */
  variant: number;
  /** First sample of the page in the record. */
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
  print: PrintStyle | null = null,
): GroundTruth {
  const ppm = page.pxPerMm;
  const halfWidth = (style.traceWidthMm * ppm) / 2;
  // ecg-image-kit's lead box holds the calibration pulse for a row's first panel.
  const pulseBoxes = new Map<number, Box>();
  for (const p of page.pulses) {
    pulseBoxes.set(p.row, [
      Math.min(...p.xs) - halfWidth,
      Math.min(...p.ys) - halfWidth,
      Math.max(...p.xs) + halfWidth,
      Math.max(...p.ys) + halfWidth,
    ]);
  }
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
    const trace: Box = [left - halfWidth, top - halfWidth, right + halfWidth, bottom + halfWidth];
    const pulse = d.panel.column === 0 ? pulseBoxes.get(d.panel.row) : undefined;
    const lead = pulse ? union(trace, pulse) : trace;
    const entry: GroundTruthLead = {
      lead_name: d.panel.lead,
      start_sample: id.startSample + d.panel.startSample,
      end_sample: id.startSample + d.panel.endSample,
      plotted_pixels: pixels,
      lead_bounding_box: corners(lead),
      lead_bounding_box_envelope: corners(lead),
      trace_bounding_box: corners(trace),
      row_index: d.panel.row,
      column_index: d.panel.column,
      is_rhythm: d.panel.rhythm,
      baseline_px: round3(d.panel.baselineMm * ppm - 0.5),
      mask_channel: d.panel.maskChannel,
    };
    if (d.labelBox) {
      entry.text_bounding_box = corners(d.labelBox);
      entry.text_bounding_box_envelope = corners(d.labelBox);
    }
    return entry;
  });
  const rhythm = leads.find((l) => l.is_rhythm);
  const grey = (c: Rgb) => c[0] === c[1] && c[1] === c[2];
  return {
    sampling_frequency: sampleRateHz,
    width: page.width,
    height: page.height,
    resolution: style.dpi,
    x_grid: round3(5 * ppm),
    y_grid: round3(5 * ppm),
    leads,
    grid_line_color_major: rgb255(style.grid?.colours.major ?? style.paper),
    grid_line_color_minor: rgb255(style.grid?.colours.minor ?? style.paper),
    ecg_plot_color: rgb255(style.ink),
    dc_pulse: page.pulses.length > 0,
    // ecg-image-kit's bw page: a grey grid and black (grey) ink; a grayscale scan sets it later.
    bw: grey(style.ink) && style.grid !== null && grey(style.grid.colours.major) &&
      grey(style.grid.colours.minor),
    gridlines: style.grid !== null,
    printed_text: page.header.length > 0,
    number_of_columns_in_image: Math.max(
      1,
      ...page.panels.filter((d) => !d.panel.rhythm).map((d) => d.panel.column + 1),
    ),
    full_mode_lead: rhythm ? rhythm.lead_name : "None",
    ...UNDISTORTED_IMAGE_KIT_FIELDS,
    x_offset_for_handwritten_text: 0,
    y_offset_for_handwritten_text: 0,
    toolkit: "ecg-image-toolkit",
    toolkit_version: VERSION,
    schema_version: 2,
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
    header: page.header.map((h) => ({
      text: h.text,
      text_bounding_box: corners(h.box),
      text_bounding_box_envelope: corners(h.box),
    })),
    handwriting: [],
    options,
    style: print ? { ...print } : null,
    augmentations: [],
    page_mapping: { page_px_per_mm: ppm, pixel_centre_offset: -0.5, steps: [] },
    warnings: [],
  };
}

function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function rgb255(c: Rgb): Rgb255 {
  return [c[0], c[1], c[2]];
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

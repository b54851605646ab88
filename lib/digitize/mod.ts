/**
 * Digitization: ECG images (scans, photos, renders) back to 12-lead
 * signals in millivolts. `digitize(image)` runs rectification (stages 0–1,
 * `lib/rectify`) then signal extraction (stage 2, `digitizeRectified`):
 * trace ink separated from paper, grid and text, trace rows and layout,
 * one continuous path per row, calibration pulses for gain and paper
 * speed, and the signal table at the output rate. See `docs/digitize.md`.
 *
 * @example
 * ```ts
 * import { resolveDigitizeOptions } from "./mod.ts";
 * console.assert(resolveDigitizeOptions().sampleRateHz === 500);
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export { digitize, type DigitizeImageOptions } from "./digitize.ts";
export { digitizeRectified, NO_ECG, readRectified } from "./extract.ts";
export {
  type BeatRow,
  digitizedEvidence,
  type PageEvidence,
  pageEvidence,
  type RowBeats,
} from "./page_evidence.ts";
export type * from "./reader/types.ts";
export type { RunPath } from "./path.ts";
export type { Polyline } from "./points.ts";
export { DP_READER, readDp } from "./reader/dp.ts";
export { createTraceReader, type TraceReaderOptions } from "./reader/learned.ts";
export {
  type Band,
  BAND_CHANNELS,
  BAND_HEIGHT,
  BAND_PX_PER_MM_X,
  BAND_PX_PER_MM_Y,
  bandRowToPageY,
  cutBand,
  pageYToBandRow,
} from "./reader/band.ts";
export {
  DIGITIZE_DEFAULTS,
  type DigitizeOptions,
  type ResolvedDigitizeOptions,
  resolveDigitizeOptions,
} from "./options.ts";
export { meshToInput, pixelOverlayFigure, seriesFigure } from "./figures.ts";
export { type InkMap, inkMap, type InkMapOptions } from "./ink.ts";
export {
  classicPageInk,
  gatedInk,
  type InkSource,
  type PageInk,
  segmentationPageInk,
  type SegmentedInk,
  turnPageInk,
} from "./page_ink.ts";
export { type ColumnRuns, columnRuns } from "./runs.ts";

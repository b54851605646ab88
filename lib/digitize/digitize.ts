/**
 * The whole digitizer: rectification (stages 0–1) then signal extraction
 * (stage 2).
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import { rectify } from "../rectify/mod.ts";
import type { RectifyOptions } from "../rectify/options.ts";
import type { Segmenter } from "../segment/segment.ts";
import { digitizeRectified, readRectified } from "./extract.ts";
import type { TraceReader } from "./reader/types.ts";
import type { DigitizeOptions } from "./options.ts";
import { digitizedEvidence } from "./page_evidence.ts";
import { segmentationPageInk, type SegmentedInk } from "./page_ink.ts";
import type { DigitizeResult } from "./types.ts";

/** Options of {@linkcode digitize}: stage 2's, plus the rectifier's. */
export interface DigitizeImageOptions extends DigitizeOptions {
  /** Options passed to `rectify`. @default {} */
  rectify?: RectifyOptions;
  /**
   * A loaded trace segmenter (`createSegmenter`, or `loadSegmenter` in
   * `lib/io/segmenter.ts` for the shipped model): the rectified page's
   * trace ink is its trace probability instead of the classic colour
   * model's `inkMap`. This function does no file I/O, so it never loads
   * the shipped model itself: `deno task digitize` and `digitizeFile()`
   * (`lib/io/digitize_file.ts`) use it by default, and
   * `digitize(image, await inkOptions(DEFAULT_INK))` reads as they do.
   * @default undefined (classic)
   */
  segmenter?: Segmenter;
  /**
   * With a `segmenter`, how its trace probability becomes the trace ink:
   * the classic ink gated by it, or the probability as is (lead labels
   * are read from the classic ink either way). @default "gated"
   */
  segmenterInk?: SegmentedInk;
  /**
   * What reads each row's trace once the rows are found: the
   * dynamic-programming path (`DP_READER`), or the learned band reader
   * (`createTraceReader`, or `loadTraceReader` in `lib/io/trace_reader.ts`
   * for the shipped model). The result's `reader` says which ran.
   * @default DP_READER
   */
  reader?: TraceReader;
}

/**
 * Digitize an ECG image (scan, photo, screenshot, render) to the 12 leads
 * in millivolts. An image that shows no ECG gives `ok: false` with the
 * reason ("no ECG grid/trace found", or "no ECG found: …" when rows were
 * read but do not beat like an ECG's, see `pageEvidence`), not an
 * exception; invalid options throw a `RangeError`.
 *
 * To digitize a file with the command line's defaults in one call, use
 * `digitizeFile(path, options)` (`lib/io/digitize_file.ts`).
 *
 * @example
 * ```ts ignore
 * import { decodeImage } from "../io/image.ts";
 * import { digitize } from "./digitize.ts";
 * const image = await decodeImage(await Deno.readFile("page.png"));
 * const result = await digitize(image, { sampleRateHz: 500 });
 * if (result.ok) console.log(result.layout, result.record.signals[1]![0]);
 * ```
 */
export async function digitize(
  image: RasterImage,
  options: DigitizeImageOptions = {},
): Promise<DigitizeResult> {
  const {
    rectify: rectifyOptions = {},
    segmenter,
    segmenterInk = "gated",
    reader,
    ...stage2
  } = options;
  const t0 = performance.now();
  const rect = await rectify(image, rectifyOptions);
  const t1 = performance.now();
  if (!rect.ok) {
    return {
      ok: false,
      reason: rect.reason,
      warnings: [],
      rectified: null,
      timings: { rectifyS: (t1 - t0) / 1000, extractS: 0 },
    };
  }
  let ink;
  if (segmenter !== undefined) {
    const segmentation = await segmenter.segment(rect.image, { pxPerMm: rect.pxPerMm });
    ink = segmentationPageInk(rect.image, segmentation, {
      ink: segmenterInk,
      pxPerMm: rect.pxPerMm,
      ...(rect.gridFound ? { gridPeriodPx: 5 * rect.pxPerMm } : {}),
    });
  }
  const result = reader === undefined
    ? digitizeRectified(rect, stage2, ink)
    : await readRectified(rect, stage2, ink, reader);
  const timings = { rectifyS: (t1 - t0) / 1000, extractS: (performance.now() - t1) / 1000 };
  // Rows were read, but a landscape, a text or a chart can be read as rows too: an ECG's rows beat.
  const rejected = result.ok ? digitizedEvidence(result, rect.gridFound).rejected : null;
  if (rejected !== null) {
    const reason = `no ECG found: ${rejected}`;
    return { ok: false, reason, warnings: result.warnings, rectified: rect, timings };
  }
  return { ...result, rectified: rect, timings };
}

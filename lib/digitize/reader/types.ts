/**
 * The `TraceReader` seam of stage 2: once the rows are found (row finder,
 * paths, pulses, layout), a reader gives each row's trace level along the
 * row. Panel splitting, naming, gain and assembly stay the same whichever
 * reader runs. Two implementations: the dynamic-programming reader
 * (`dp.ts`, the traced path's runs turned into sub-pixel levels) and the
 * learned reader (`learned.ts`, a CNN over a band centred on the row).
 *
 * @module
 */
import type { RasterImage } from "../../raster/image.ts";
import type { PageInk } from "../page_ink.ts";
import type { RunPath } from "../path.ts";
import type { Polyline } from "../points.ts";
import type { ColumnRuns } from "../runs.ts";
import type { Pulse } from "../types.ts";

/** Which reader read the traces. */
export type ReaderKind = "dp" | "learned";

/** One row as the row finder left it. Rectified-page pixels. */
export interface TraceRowInput {
  /** The trace's typical level, px. */
  readonly centreY: number;
  /** Band the row finder searched, px: `[top, bottom]`. */
  readonly band: readonly [number, number];
  /** Time 0 of the row, px (sub-pixel). */
  readonly originX: number;
  /** Last column of the trace, px. */
  readonly x1: number;
  /** Line thickness seen vertically, px. */
  readonly lineWidthPx: number;
  /** Column of each panel boundary inside the row, px (`columns − 1` of them). */
  readonly boundaries: readonly number[];
  /** The calibration pulse at the row start, or null. */
  readonly pulse: Pulse | null;
  /** The dynamic-programming path (one run per column, −1 where none). */
  readonly path: RunPath;
}

/** A page ready for reading. */
export interface TraceReaderPage {
  /** The rectified page. */
  readonly image: RasterImage;
  /** Its scale, px/mm. */
  readonly pxPerMm: number;
  /** Its ink maps. */
  readonly ink: PageInk;
  /** Column runs of the trace ink (what the dp reader reads). */
  readonly runs: ColumnRuns;
  /** The rows, top to bottom. */
  readonly rows: readonly TraceRowInput[];
}

/**
 * One row read: levels (page px) at increasing `x` (page px), NaN where
 * nothing was read, and how sure the reader is of each point (0 to 1).
 * Assembly samples it at every output sample time.
 */
export interface TraceReading extends Polyline {
  /** Per point, 0 to 1. */
  readonly confidence: Float32Array;
}

/** Reads every row of a page. */
export interface TraceReader {
  /** Which reader this is (reported in the digitize JSON as `reader`). */
  readonly kind: ReaderKind;
  /** Read the rows of `page`, one reading per row, in order. */
  read(page: TraceReaderPage): Promise<TraceReading[]> | TraceReading[];
}

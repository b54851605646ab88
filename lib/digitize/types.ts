/**
 * Types of stage 2 (signal extraction) and of the whole digitizer.
 * Coordinates: origin top-left, `x` = column, `y` = row, pixel centres at
 * integers; rectified-page pixels unless stated otherwise.
 *
 * @module
 */
import type { EcgRecord } from "../records/types.ts";
import type { PageMesh, Rectified } from "../rectify/types.ts";
import type { InkSource } from "./page_ink.ts";
import type { ReaderKind } from "./reader/types.ts";

/** Layouts the digitizer recognises. */
export type LayoutKind = "3x4" | "6x2" | "12x1" | "rows";

/** One trace row of the page, as found in the rectified image. */
export interface TraceRow {
  /** Row centre (the trace's typical level), px. */
  readonly centreY: number;
  /** Band searched for the trace, px: `[top, bottom]`. */
  readonly band: readonly [number, number];
  /** First and last column of the trace (after the calibration pulse), px. */
  readonly x0: number;
  /** Last column of the trace, px. */
  readonly x1: number;
  /** Column of time 0 of the row, px. */
  readonly timeOriginX: number;
  /** Number of lead panels side by side in this row. */
  readonly columns: number;
  /** The calibration pulse found at the row start, or null. */
  readonly pulse: Pulse | null;
  /** The traced path: points `(xs[i], ys[i])` in increasing `x`; NaN breaks it. */
  readonly xs: Float64Array;
  /** Levels of the path, px (NaN where broken). */
  readonly ys: Float64Array;
}

/** A calibration pulse (1 mV step held for 0.2 s, by convention). */
export interface Pulse {
  /** Left and right edges, px. */
  readonly x0: number;
  /** Right edge (falling step), px. */
  readonly x1: number;
  /** Foot (baseline) and top levels, px. */
  readonly baseY: number;
  /** Top level, px. */
  readonly topY: number;
}

/** One lead panel: where it sits and what was read from it. */
export interface PanelResult {
  /** Lead name (one of the 12 standard leads). */
  readonly lead: string;
  /** How the name was decided. */
  readonly nameSource: "label" | "layout";
  /** Index into `rows`. */
  readonly rowIndex: number;
  /** Column of the panel in its row, 0-based. */
  readonly columnIndex: number;
  /** Time covered on the page, s: `[start, end)`. */
  readonly startS: number;
  /** End of the panel on the page, s. */
  readonly endS: number;
  /** Column range of the panel, px. */
  readonly x0: number;
  /** Right edge of the panel, px. */
  readonly x1: number;
  /** Fraction of the panel's columns where the trace was found, 0 to 1. */
  readonly coverage: number;
  /** 0 to 1. */
  readonly confidence: number;
  /** Why the confidence is below 1, one reason per check (see `confidence.ts`). */
  readonly confidenceReasons: readonly string[];
  /** Labels were read on the page but none confirms this panel's template name. */
  readonly doubtful: boolean;
  /** Label match score where the name was read (0 otherwise). */
  readonly labelScore: number;
}

/** Stage 2 scales. */
export interface Scales {
  /** Paper speed, mm/s (25 unless the pulse width says 50). */
  readonly paperSpeedMmPerS: number;
  /** Gain, mm/mV (10 unless the pulse height says otherwise). */
  readonly gainMmPerMv: number;
  /** How the gain was decided. */
  readonly gainSource: "calibration-pulse" | "assumed";
}

/** Per-lead confidence, in the standard lead order. */
export type LeadConfidence = Readonly<Record<string, number>>;

/** A successful digitization of one image. */
export interface Digitized {
  /** Success. */
  readonly ok: true;
  /** Where the trace ink map came from: the classic colour model or an ONNX segmenter. */
  readonly inkSource: InkSource;
  /** Which trace reader read the rows: the dynamic-programming path or the learned band reader. */
  readonly reader: ReaderKind;
  /** The best layout hypothesis and the runner-up, with their scores. */
  readonly layoutScores: readonly { readonly kind: LayoutKind; readonly score: number }[];
  /** Columns of multi-column rows show the same seconds (each starts at 0). */
  readonly columnsShareTime: boolean;
  /** Lead labels read on the page (rectified-page pixels). */
  readonly labels: readonly {
    readonly lead: string;
    readonly text: string;
    readonly box: readonly [number, number, number, number];
    readonly score: number;
  }[];
  /** The 12 standard leads in mV at `sampleRateHz` over the page duration; NaN where not shown. */
  readonly record: EcgRecord;
  /** Layout found. */
  readonly layout: LayoutKind;
  /** Rhythm-strip leads below a 3x4 grid, top to bottom. */
  readonly rhythmLeads: readonly string[];
  /** Trace rows, top to bottom. */
  readonly rows: readonly TraceRow[];
  /** Lead panels, by row then column. */
  readonly panels: readonly PanelResult[];
  /** Gain and paper speed. */
  readonly scales: Scales;
  /** Per lead, 0 to 1 (0 where not shown). */
  readonly leadConfidence: LeadConfidence;
  /** Overall, 0 to 1. */
  readonly confidence: number;
  /** Rectified page → input image (to draw results over the input). */
  readonly mesh: PageMesh;
  /** Rectified-page scale, px/mm. */
  readonly pxPerMm: number;
  /** Warnings from stages 0 to 2. */
  readonly warnings: readonly string[];
}

/** An image that could not be digitized: a value, not an exception. */
export interface DigitizeFailure {
  /** Failure. */
  readonly ok: false;
  /** Why, e.g. "no ECG grid/trace found". */
  readonly reason: string;
  /** Warnings gathered before the failure. */
  readonly warnings: readonly string[];
}

/** What {@linkcode digitizeRectified} returns. */
export type Stage2Result = Digitized | DigitizeFailure;

/** What `digitize` returns: stage 2's result plus the rectification it ran on. */
export type DigitizeResult =
  | (Digitized & { readonly rectified: Rectified; readonly timings: Timings })
  | (DigitizeFailure & { readonly rectified: Rectified | null; readonly timings: Timings });

/** Seconds spent per stage. */
export interface Timings {
  /** Stages 0 and 1, s. */
  readonly rectifyS: number;
  /** Stage 2, s. */
  readonly extractS: number;
}

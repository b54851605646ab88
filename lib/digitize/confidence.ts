/**
 * How sure the digitizer is of one panel, and why: a product of checks
 * that each say something about this lead, not only that ink was found —
 * the name read from a printed label (or taken from a template, or a
 * template contradicted by the labels), the share of the panel the trace
 * was found over, the scale (grid, calibration pulse, or assumed), the
 * gain (pulse or assumed), a plausible signal (not flat, not off the
 * scale), room for it (waves that reach the neighbouring rows get cut
 * or mixed with theirs), and the trace reader's own confidence. Each factor
 * below 1 adds its reason.
 *
 * @module
 */
import type { TraceReading } from "./reader/types.ts";

/** What the checks look at. */
export interface ConfidenceInputs {
  /** How the panel was named. */
  readonly nameSource: "label" | "layout";
  /**
   * Labels were read on the page but not for this panel, or contradicted its template; for a
   * label-named panel, its label contradicts the layout the page's other labels fit.
   */
  readonly doubtful: boolean;
  /** Match score of the label read (when named by a label). */
  readonly labelScore: number;
  /** Share of the panel's columns where the trace was found, 0 to 1. */
  readonly coverage: number;
  /** Where the page scale came from. */
  readonly scaleSource: "grid" | "calibration-pulse" | "assumed";
  /** The gain came from a calibration pulse. */
  readonly gainFromPulse: boolean;
  /** Standard deviation of the panel's signal, mV. */
  readonly stdMv: number;
  /** Peak-to-peak range of the panel's signal, mV. */
  readonly rangeMv: number;
  /** Page scale, px/mm (a trace a pixel or two wide at low resolution loses detail). */
  readonly pxPerMm: number;
  /** Largest wave height of this panel or the panels above and below it, over the row spacing. */
  readonly reach: number;
  /**
   * The trace reader's own mean confidence over the panel (the learned
   * reader's probability mass at its reading; 1 for the dp reader). @default 1
   */
  readonly readerSure?: number;
}

/** A confidence and the reasons it is below 1. */
export interface Confidence {
  /** 0 to 1. */
  readonly value: number;
  /** One short reason per factor below 1. */
  readonly reasons: readonly string[];
}

/**
 * Combine the checks of one panel.
 *
 * @example
 * ```ts
 * import { panelConfidence } from "./confidence.ts";
 * const c = panelConfidence({
 *   nameSource: "layout", doubtful: true, labelScore: 0, coverage: 1, scaleSource: "grid",
 *   gainFromPulse: true, stdMv: 0.2, rangeMv: 1.5, reach: 0.3, pxPerMm: 8,
 * });
 * console.assert(c.value < 0.5 && c.reasons.length === 1);
 * ```
 */
export function panelConfidence(i: ConfidenceInputs): Confidence {
  const reasons: string[] = [];
  let v = 1;
  const factor = (f: number, why: string): void => {
    if (f < 1) {
      v *= f;
      reasons.push(why);
    }
  };
  if (i.nameSource === "label" && i.labelScore < 0.85) {
    factor(
      Math.max(0.6, 0.6 + (0.4 * (i.labelScore - 0.55)) / 0.3),
      `label read weakly (score ${i.labelScore.toFixed(2)})`,
    );
  }
  if (i.nameSource === "label" && i.doubtful) {
    factor(0.45, "label contradicts the layout that the page's other labels fit");
  }
  if (i.nameSource !== "label") {
    factor(
      i.doubtful ? 0.45 : 0.8,
      i.doubtful
        ? "name from the layout template, but labels read on the page do not confirm it"
        : "name from the layout template (no label read)",
    );
  }
  factor(i.coverage ** 2, `trace found over ${Math.round(100 * i.coverage)} % of the panel`);
  if (i.scaleSource === "calibration-pulse") {
    factor(0.8, "no grid: scale from the calibration pulse");
  }
  if (i.scaleSource === "assumed") {
    factor(0.4, "no grid or pulse: scale assumed from the page width");
  }
  if (!i.gainFromPulse) factor(0.85, "no calibration pulse: gain assumed 10 mm/mV");
  if (i.pxPerMm < 4) {
    factor(i.pxPerMm < 3 ? 0.6 : 0.85, `low resolution: ${i.pxPerMm.toFixed(1)} px/mm`);
  }
  if (i.stdMv < 0.03) factor(0.5, "flat trace");
  if (i.reach > 0.8) {
    factor(
      Math.max(0.2, 1 - 1.5 * (i.reach - 0.8)),
      "waves reach the neighbouring rows: strokes may be cut or mixed",
    );
  }
  const sure = i.readerSure ?? 1;
  if (sure < 0.75) {
    factor(
      Math.max(0.3, sure / 0.75),
      `the trace reader was unsure of the trace (mean ${sure.toFixed(2)})`,
    );
  }
  if (i.rangeMv > 10) factor(0.3, `implausible range ${i.rangeMv.toFixed(1)} mV`);
  return { value: Math.max(0, Math.min(1, v)), reasons };
}

/** Mean of the reader's per-point confidence over the columns `[x0, x1)` (1 where it read nothing). */
export function readerSureness(reading: TraceReading, x0: number, x1: number): number {
  let sum = 0, n = 0;
  for (let i = 0; i < reading.xs.length; i++) {
    const x = reading.xs[i]!;
    if (x >= x0 && x < x1 && !Number.isNaN(reading.ys[i]!)) {
      sum += reading.confidence[i]!;
      n++;
    }
  }
  return n > 0 ? sum / n : 1;
}

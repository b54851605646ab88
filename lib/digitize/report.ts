/**
 * The JSON written beside each digitized signal table (docs/FORMATS.md): what
 * was found (layout, rotation, grid px/mm, page mapping, per-lead
 * confidence), warnings and time taken; or the error.
 *
 * @module
 */
import { VERSION } from "../version.ts";
import type { DigitizeResult } from "./types.ts";

/** Provenance of one digitized image. */
export interface ReportContext {
  /** Input file, as given. */
  readonly file: string;
  readonly stem: string;
  /** Input size, px. */
  readonly width?: number;
  readonly height?: number;
  /** Wall time of the whole image (decode, digitize, encode), s. */
  readonly seconds: number;
  /** Options as resolved. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Ink source asked for, reported when the image failed before stage 2 said which it used. */
  readonly inkSource?: string;
  /** Trace reader asked for, reported when the image failed before stage 2 said which it used. */
  readonly reader?: string;
}

/**
 * The digitizer JSON for one image: a result, or an error message when the
 * image could not be read or digitized (`result` null or not ok).
 *
 * @example
 * ```ts
 * import { digitizeReport } from "./report.ts";
 * const json = digitizeReport(null, { file: "x.png", stem: "x", seconds: 0, options: {} }, "Cannot read");
 * console.assert(json.ok === false && json.error === "Cannot read");
 * ```
 */
export function digitizeReport(
  result: DigitizeResult | null,
  context: ReportContext,
  error?: string,
): Record<string, unknown> {
  const base = {
    toolkit: "ecg-image-toolkit",
    toolkit_version: VERSION,
    file: context.file,
    stem: context.stem,
    ...(context.width !== undefined ? { width: context.width, height: context.height } : {}),
    options: context.options,
    seconds: round(context.seconds, 4),
  };
  if (result === null || !result.ok) {
    const reason = error ?? (result && !result.ok ? result.reason : "unknown error");
    return {
      ...base,
      ok: false,
      error: reason,
      ...(context.inkSource !== undefined ? { ink_source: context.inkSource } : {}),
      ...(context.reader !== undefined ? { reader: context.reader } : {}),
      warnings: result?.warnings ?? [],
      ...(result ? { timings: timings(result.timings) } : {}),
    };
  }
  const rect = result.rectified;
  return {
    ...base,
    ok: true,
    ink_source: result.inkSource,
    reader: result.reader,
    sampling_frequency: result.record.sampleRateHz,
    samples: result.record.signals[0]?.length ?? 0,
    layout: result.layout,
    rhythm_leads: result.rhythmLeads,
    rotation: { quarter_turns: rect.quarterTurns, degrees: round(rect.rotationDeg, 3) },
    grid: {
      found: rect.gridFound,
      // In input pixels (gridPxPerMm is at the working scale of the normalised image).
      px_per_mm: {
        x: round(rect.gridPxPerMm.x / rect.normalisedScale, 4),
        y: round(rect.gridPxPerMm.y / rect.normalisedScale, 4),
      },
      scale_source: rect.scaleSource,
    },
    rectified: { width: rect.image.width, height: rect.image.height, px_per_mm: rect.pxPerMm },
    page_mapping: {
      kind: "mesh",
      description: "rectified pixel (i*step_px, j*step_px) -> input pixel (src_x, src_y)[j*cols+i]",
      step_px: rect.mesh.stepPx,
      cols: rect.mesh.cols,
      rows: rect.mesh.rows,
      src_x: Array.from(rect.mesh.srcX, (v) => round(v, 2)),
      src_y: Array.from(rect.mesh.srcY, (v) => round(v, 2)),
    },
    scales: {
      paper_speed_mm_per_s: result.scales.paperSpeedMmPerS,
      gain_mm_per_mv: round(result.scales.gainMmPerMv, 3),
      gain_source: result.scales.gainSource,
    },
    lead_confidence: Object.fromEntries(
      Object.entries(result.leadConfidence).map(([k, v]) => [k, round(v, 3)]),
    ),
    confidence: round(result.confidence, 3),
    rectify_confidence: round(rect.confidence, 3),
    panels: result.panels.map((p) => ({
      lead: p.lead,
      name_source: p.nameSource,
      row: p.rowIndex,
      column: p.columnIndex,
      start_s: p.startS,
      end_s: p.endS,
      x0_px: round(p.x0, 2),
      x1_px: round(p.x1, 2),
      coverage: round(p.coverage, 3),
      confidence: round(p.confidence, 3),
      confidence_reasons: p.confidenceReasons,
      label_score: round(p.labelScore, 3),
    })),
    layout_hypotheses: result.layoutScores.map((h) => ({
      layout: h.kind,
      score: round(h.score, 2),
    })),
    columns_share_time: result.columnsShareTime,
    labels: result.labels.map((l) => ({
      lead: l.lead,
      text: l.text,
      box_px: l.box,
      score: round(l.score, 3),
    })),
    rows: result.rows.map((r) => ({
      centre_y_px: round(r.centreY, 2),
      band_px: r.band,
      time_origin_x_px: round(r.timeOriginX, 3),
      x1_px: r.x1,
      columns: r.columns,
      pulse: r.pulse
        ? {
          x0_px: r.pulse.x0,
          x1_px: r.pulse.x1,
          base_y_px: round(r.pulse.baseY, 2),
          top_y_px: round(r.pulse.topY, 2),
        }
        : null,
    })),
    warnings: result.warnings,
    timings: timings(result.timings),
  };
}

function timings(t: { rectifyS: number; extractS: number }): Record<string, number> {
  return { rectify_s: round(t.rectifyS, 4), extract_s: round(t.extractS, 4) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

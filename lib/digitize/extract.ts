/**
 * Stage 2: from a rectified page to 12 leads in millivolts.
 *
 * @module
 */
import type { Rectified } from "../rectify/types.ts";
import { assemble, type AssemblyRow } from "./assemble.ts";
import { traceEnd } from "./ends.ts";
import { planLayout, type RowTrace } from "./layout.ts";
import { recordsPerRow } from "./repeats.ts";
import { offPage, offPageMask } from "./paper_mask.ts";
import { measuredPxPerS, pageSeconds, sharedEnd, sharedOrigin, snapGain } from "./row_time.ts";
import { type DigitizeOptions, resolveDigitizeOptions } from "./options.ts";
import { findPulse, median, type PulseFound } from "./pulse.ts";
import { halfTurn } from "./turn.ts";
import { classicPageInk, type PageInk, turnPageInk } from "./page_ink.ts";
import { findRows } from "./rows.ts";
import { rowEvidence } from "./row_evidence.ts";
import { readLabels } from "./labels.ts";
import { labelsToRows, namePanels } from "./naming.ts";
import { columnsShareTime } from "./timing.ts";
import { resolveCrossings } from "./crossings.ts";
import { panelConfidence, readerSureness } from "./confidence.ts";
import { type ColumnRuns, columnRuns } from "./runs.ts";
import type { DigitizeFailure, Stage2Result, TraceRow } from "./types.ts";
import { type Traced, traceRows } from "./row_paths.ts";
import { readDp } from "./reader/dp.ts";
import type {
  ReaderKind,
  TraceReader,
  TraceReaderPage,
  TraceReading,
  TraceRowInput,
} from "./reader/types.ts";

/** The reason given when an image shows no ECG. */
export const NO_ECG = "no ECG grid/trace found";

/**
 * Extract the 12 leads from a rectified page: trace ink separated from
 * paper and grid, trace rows, one continuous path per row, calibration
 * pulses (gain, paper speed, baseline), the layout and lead names, and
 * the signal table at the output rate.
 *
 * @param rect The rectified page.
 * @param options Stage 2 options.
 * @param ink Ink maps of `rect.image` computed elsewhere (e.g. by a trace
 *   segmenter, see `segmentationPageInk`); by default the classic
 *   {@linkcode classicPageInk}. A map of another size throws a `RangeError`.
 *
 * @example
 * ```ts
 * import { digitizeRectified } from "./extract.ts";
 * const blank = { width: 50, height: 40, channels: 3 as const, data: new Uint8Array(6000).fill(255) };
 * const mesh = { stepPx: 50, cols: 2, rows: 2, srcX: new Float32Array(4), srcY: new Float32Array(4) };
 * const map = { width: 1, height: 1, data: new Float32Array(1) };
 * const result = digitizeRectified({
 *   ok: true, normalised: blank, normalisedScale: 1, quarterTurns: 0, rotationDeg: 0,
 *   markers: [], rectifiedMarkers: [],
 *   gridHorizontal: map, gridVertical: map, gridFound: false, gridPxPerMm: { x: 4, y: 4 },
 *   image: blank, pxPerMm: 4, mesh, confidence: 0, scaleSource: "assumed", warnings: [],
 * });
 * console.assert(!result.ok && result.reason === "no ECG grid/trace found");
 * ```
 */
export function digitizeRectified(
  rect: Rectified,
  options: DigitizeOptions = {},
  ink?: PageInk,
): Stage2Result {
  const prep = prepareRows(rect, options, ink);
  if (!prep.ok) return prep;
  return finishRows(prep, readDp(readerPage(prep)), "dp");
}

/**
 * {@linkcode digitizeRectified} with another trace reader (e.g. the learned
 * one, `createTraceReader`): rows, pulses, layout and naming are found the
 * same way, then `reader` reads each row's trace.
 */
export async function readRectified(
  rect: Rectified,
  options: DigitizeOptions = {},
  ink: PageInk | undefined,
  reader: TraceReader,
): Promise<Stage2Result> {
  const prep = prepareRows(rect, options, ink);
  if (!prep.ok) return prep;
  return finishRows(prep, await reader.read(readerPage(prep)), reader.kind);
}

/** Rows, pulses and layout of the page, or of the page turned half round when that shows the pulses. */
function prepareRows(
  rect: Rectified,
  options: DigitizeOptions,
  ink?: PageInk,
): Prepared | DigitizeFailure {
  if (ink !== undefined) {
    const { width, height } = rect.image;
    for (const map of [ink.trace, ink.text ?? ink.trace]) {
      if (map.width !== width || map.height !== height || map.data.length !== width * height) {
        throw new RangeError(
          `Invalid ink map ${map.width}x${map.height}: must match the rectified page ${width}x${height}`,
        );
      }
    }
  }
  const first = extract(rect, options, ink);
  // Calibration pulses stand at the left of upright rows: if none is found,
  // try the page turned half round and keep that when it shows them.
  if (!first.ok || first.pulses.some((p) => p !== null)) return first;
  const turned = extract(halfTurn(rect), options, ink && turnPageInk(ink));
  if (!turned.ok || turned.pulses.filter((p) => p !== null).length < turned.pulses.length / 2) {
    return first;
  }
  turned.warnings.push("page was upside down after rectification: turned half round");
  return turned;
}

function readerPage(prep: Prepared): TraceReaderPage {
  return {
    image: prep.rect.image,
    pxPerMm: prep.rect.pxPerMm,
    ink: prep.pageInk,
    runs: prep.runs,
    rows: prep.rowInputs,
  };
}

/** What stage 2 knows of a page before its traces are read. */
interface Prepared {
  readonly ok: true;
  readonly rect: Rectified;
  readonly opts: ReturnType<typeof resolveDigitizeOptions>;
  readonly pageInk: PageInk;
  readonly runs: ColumnRuns;
  readonly warnings: string[];
  readonly traced: Traced[];
  readonly pulses: (PulseFound | null)[];
  readonly rowTraces: (RowTrace & { endX: number })[];
  readonly rowInputs: TraceRowInput[];
  readonly plan: ReturnType<typeof planLayout>;
  readonly names: ReturnType<typeof namePanels>;
  readonly labels: ReturnType<typeof readLabels>;
  readonly pxPerS: number;
  /** Seconds of paper along a full row (the page's own, else the output duration). */
  readonly rowSpanS: number;
  /** Page px per mm of the signal scale (gain in mm/mV applies to it). */
  readonly signalPxPerMm: number;
  /** Whether the caller set the output duration (else the page may lengthen it). */
  readonly durationGiven: boolean;
  readonly speed: number;
  readonly gain: number;
  readonly gainSource: "calibration-pulse" | "assumed";
}

function extract(
  rect: Rectified,
  options: DigitizeOptions,
  given?: PageInk,
): Prepared | DigitizeFailure {
  const opts = resolveDigitizeOptions(options);
  const { image, pxPerMm } = rect;
  const warnings: string[] = [...rect.warnings];
  const fail = (reason: string): DigitizeFailure => ({ ok: false, reason, warnings });
  const pageInk = offPage(
    given ?? classicPageInk(image, rect.gridFound ? 5 * pxPerMm : undefined),
    offPageMask(image, pxPerMm),
  );
  const ink = pageInk.trace;
  const runs = columnRuns(ink);
  const candidates = findRows(runs, image.height, pxPerMm);
  if (candidates.length === 0) return fail(NO_ECG);
  const allTraced = traceRows(runs, candidates.map((c) => c.centreY), image.height, pxPerMm);
  const allPulses = allTraced.map((t) => findPulse(runs, t.path, t.xa, pxPerMm, t.lineWidthPx));
  // Keep the rows that look like traces: not straight, not filled, not the page edge.
  const evidence = rowEvidence(
    runs,
    allTraced.map((t, i) => ({ ...t, pulse: allPulses[i] !== null })),
    image.height,
    pxPerMm,
  );
  if (Deno.env.get("ECG_DEBUG")) {
    evidence.forEach((e, i) =>
      console.error(
        `row y=${Math.round(allTraced[i]!.centreY)} x=${allTraced[i]!.xa}..${
          allTraced[i]!.xb
        } spread=${e.spreadMm.toFixed(2)} wig=${e.wiggleMm.toFixed(2)} thick=${
          e.thickness.toFixed(2)
        } cont=${e.continuity.toFixed(2)} ${e.rejected ?? ""}`,
      )
    );
  }
  evidence.forEach((e, i) => {
    if (e.rejected) {
      warnings.push(`row at y=${Math.round(allTraced[i]!.centreY)} px dropped: ${e.rejected}`);
    }
  });
  const traced = allTraced.filter((_, i) => evidence[i]!.rejected === null);
  resolveCrossings(runs, traced.map((t) => t.path), traced.map((t) => t.lineWidthPx), pxPerMm);
  if (traced.length === 0) return fail(NO_ECG);

  // Calibration pulses: gain, paper speed, baseline, time origin.
  const pulses = allPulses.filter((_, i) => evidence[i]!.rejected === null);
  const found = pulses.filter((p): p is PulseFound => p !== null);
  const pulseWidthMm = found.length
    ? median(found.map((p) => p.pulse.x1 - p.pulse.x0)) / pxPerMm
    : 0;
  const pulseHeightMm = found.length
    ? median(found.map((p) => p.pulse.baseY - p.pulse.topY)) / pxPerMm
    : 0;
  const speed = opts.paperSpeedMmPerS !== "auto"
    ? opts.paperSpeedMmPerS
    : found.length && pulseWidthMm > 7.5
    ? 50
    : 25;
  let gain = 10, gainSource: "calibration-pulse" | "assumed" = "assumed";
  if (opts.gainMmPerMv !== "auto") gain = opts.gainMmPerMv;
  else if (found.length > 0 && pulseHeightMm >= 2.5 && pulseHeightMm <= 40) {
    gain = snapGain(pulseHeightMm);
    gainSource = "calibration-pulse";
  } else warnings.push("no calibration pulse found: gain assumed 10 mm/mV");
  if (gainSource === "calibration-pulse" && Math.abs(gain - pulseHeightMm) > 0.15 * gain) {
    warnings.push(`calibration pulse ${pulseHeightMm.toFixed(1)} mm high: gain taken as is`);
  }

  const measured: (RowTrace & { endX: number })[] = traced.map((t, i) => {
    const p = pulses[i];
    const first = p ? p.traceStartX : t.xa;
    const originX = traceEnd(ink, runs, t.path, first, 1, t.lineWidthPx);
    const endX = traceEnd(ink, runs, t.path, t.xb, -1, t.lineWidthPx);
    return { path: t.path, originX, x1: t.xb, endX, lineWidthPx: t.lineWidthPx };
  });
  const rowTraces = sharedOrigin(sharedEnd(measured, pxPerMm), pxPerMm);
  // With a grid, seconds come from it (px/mm over the whole page, to ~1e-5): the traces' drawn
  // lengths are measured only to a few 1e-4 and assume every row spans the whole duration.
  let pxPerS = rect.gridFound ? pxPerMm * speed : measuredPxPerS(
    rowTraces,
    pxPerMm * speed,
    opts.durationS - 1 / opts.sampleRateHz,
  );
  let rowSpanS = rect.gridFound ? pageSeconds(rowTraces, pxPerS, opts.durationS) : opts.durationS;
  // Millimetres of the signal scale (gain): the page's own, or with the time scale read from
  // the rows, the standard 10 mm/mV per 25 mm/s.
  let signalPxPerMm = pxPerMm;
  if (rect.scaleSource === "assumed" && found.length === 0 && opts.paperSpeedMmPerS === "auto") {
    // No grid and no pulse: the rows show whole records (k of them side by side where the beats
    // repeat), so the longest row's length is k records.
    const reps = recordsPerRow(runs, rowTraces);
    const longest = Math.max(...rowTraces.map((r) => r.endX - r.originX));
    rowSpanS = reps.records * opts.durationS;
    pxPerS = longest / (rowSpanS - 1 / opts.sampleRateHz);
    signalPxPerMm = pxPerS / speed;
    warnings.push(
      `no grid or pulse: time scale from the rows, taken as ${reps.records} record(s) of ${opts.durationS} s` +
        (reps.records > 1 ? " side by side (their beats repeat)" : "") +
        `; ${speed} mm/s and ${gain} mm/mV assumed`,
    );
  }
  if (rowSpanS !== opts.durationS) {
    warnings.push(`rows span ${rowSpanS.toFixed(1)} s of paper (${opts.durationS} s expected)`);
  }
  // Lead labels: the ink left once the traced paths are taken out.
  const exclude = new Uint8Array(image.width * image.height);
  for (const t of allTraced) {
    for (let x = 0; x < t.path.length; x++) {
      const j = t.path[x]!;
      if (j < 0) continue;
      const y0 = Math.max(0, runs.top[j]! - 1),
        y1 = Math.min(image.height - 1, runs.bottom[j]! + 1);
      for (let y = y0; y <= y1; y++) exclude[y * image.width + x] = 1;
    }
  }
  const labels = readLabels(pageInk.text ?? ink, exclude, pxPerMm);
  const namingRows = rowTraces.map((r, i) => ({
    centreY: traced[i]!.centreY,
    originX: r.originX,
    x1: r.x1,
  }));
  const rowLabels = labelsToRows(labels, namingRows);
  const plan = planLayout(
    runs,
    rowTraces,
    pxPerS,
    pxPerMm,
    opts.layout,
    rowLabels,
    rowSpanS,
    opts.durationS,
  );
  const names = namePanels(plan, namingRows, rowLabels, pxPerMm);
  if (plan.kind === "rows") {
    warnings.push("layout not recognised: one lead per row, standard order");
  }

  const rowInputs: TraceRowInput[] = rowTraces.map((r, i) => {
    const cols = plan.columns[i] ?? 0;
    const boundaries: number[] = [];
    for (let k = 1; k < cols; k++) {
      boundaries.push(r.originX + (k * rowSpanS * pxPerS) / cols);
    }
    return {
      centreY: traced[i]!.centreY,
      band: traced[i]!.band,
      originX: r.originX,
      x1: r.x1,
      lineWidthPx: r.lineWidthPx,
      boundaries,
      pulse: pulses[i] ? pulses[i]!.pulse : null,
      path: r.path,
    };
  });
  return {
    ok: true,
    rect,
    opts,
    pageInk,
    runs,
    warnings,
    traced,
    pulses,
    rowTraces,
    rowInputs,
    plan,
    names,
    labels,
    pxPerS,
    rowSpanS,
    signalPxPerMm,
    durationGiven: options.durationS !== undefined,
    speed,
    gain,
    gainSource,
  };
}

/** From the rows' readings to the signal table, the panels and their confidence. */
function finishRows(
  prep: Prepared,
  readings: readonly TraceReading[],
  reader: ReaderKind,
): Stage2Result {
  const { rect, opts, pageInk, traced, pulses, rowTraces, plan, names, labels, pxPerS } = prep;
  const { speed, gain, gainSource, rowSpanS } = prep;
  const { pxPerMm } = rect;
  const warnings = [...prep.warnings];
  if (readings.length !== rowTraces.length) {
    throw new RangeError(`trace reader gave ${readings.length} rows for ${rowTraces.length}`);
  }
  const rows: TraceRow[] = [];
  const assemblyRows: AssemblyRow[] = [];
  rowTraces.forEach((r, i) => {
    const line = readings[i]!;
    const p = pulses[i] ?? null;
    assemblyRows.push({ line, originX: r.originX, baseY: p ? p.pulse.baseY : null });
    rows.push({
      centreY: traced[i]!.centreY,
      band: traced[i]!.band,
      x0: Math.floor(r.originX),
      x1: r.x1,
      timeOriginX: r.originX,
      columns: plan.columns[i] ?? 0,
      pulse: p ? p.pulse : null,
      xs: line.xs,
      ys: line.ys,
    });
  });
  const timing = columnsShareTime(
    assemblyRows.map((r, i) => ({
      line: r.line,
      originX: r.originX,
      columns: plan.columns[i] ?? 0,
    })),
    pxPerS,
    rowSpanS,
    opts.durationS,
  );
  if (Deno.env.get("ECG_DEBUG")) {
    console.error("timing", JSON.stringify(timing), plan.kind, plan.columns);
  }
  if (timing?.shared) {
    warnings.push(
      `columns show the same seconds (beats ${
        timing.sharedS.toFixed(3)
      } s from the rhythm strip's, ` +
        `${timing.sequentialS.toFixed(3)} s if one after another)`,
    );
  }
  const shared = timing?.shared ?? false;
  // Seconds the page shows: a row's span, or one panel's where the columns share their time.
  const shownS = Math.max(
    ...plan.columns.map((c) => c === 0 ? 0 : shared ? rowSpanS / c : rowSpanS),
  );
  const { record, panels } = assemble(
    assemblyRows,
    plan,
    {
      shared,
      pxPerS,
      pxPerMv: prep.signalPxPerMm * gain,
      sampleRateHz: opts.sampleRateHz,
      durationS: prep.durationGiven ? opts.durationS : Math.max(opts.durationS, shownS),
      rowSpanS,
    },
    opts.name,
    names,
  );
  const stats = panels.map((p) => {
    const k = record.leadNames.indexOf(p.lead);
    const v = Array.from(record.signals[k] ?? []).slice(
      Math.round(p.startS * opts.sampleRateHz),
      Math.round(p.endS * opts.sampleRateHz),
    ).filter((x) => !Number.isNaN(x));
    const mean = v.reduce((a, b) => a + b, 0) / (v.length || 1);
    const stdMv = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length || 1));
    const rangeMv = v.length ? Math.max(...v) - Math.min(...v) : 0;
    return { stdMv, rangeMv };
  });
  const centres = rows.map((r) => r.centreY);
  const spacing = centres.length > 1
    ? median(centres.slice(1).map((c, i) => c - centres[i]!))
    : Infinity;
  const judged = panels.map((p, n) => {
    const { stdMv, rangeMv } = stats[n]!;
    // The tallest waves here or in the panels just above and below that overlap this one.
    let tallest = rangeMv;
    panels.forEach((q, m) => {
      if (Math.abs(q.rowIndex - p.rowIndex) === 1 && q.x0 < p.x1 && q.x1 > p.x0) {
        tallest = Math.max(tallest, stats[m]!.rangeMv);
      }
    });
    const reach = (tallest * prep.signalPxPerMm * gain) / spacing;
    const c = panelConfidence({
      reach,
      readerSure: readerSureness(readings[p.rowIndex]!, p.x0, p.x1),
      pxPerMm,
      nameSource: p.nameSource,
      labelScore: p.labelScore,
      doubtful: p.doubtful,
      coverage: p.coverage,
      scaleSource: rect.scaleSource,
      gainFromPulse: gainSource === "calibration-pulse",
      stdMv,
      rangeMv,
    });
    return { ...p, confidence: c.value, confidenceReasons: c.reasons };
  });
  const leadConfidence: Record<string, number> = {};
  for (const lead of record.leadNames) leadConfidence[lead] = 0;
  for (const p of judged) {
    leadConfidence[p.lead] = Math.max(leadConfidence[p.lead] ?? 0, p.confidence);
  }
  const shown = Object.values(leadConfidence);
  const confidence = shown.reduce((a, b) => a + b, 0) / shown.length;
  const missing = record.leadNames.filter((l) => leadConfidence[l] === 0);
  if (missing.length > 0) warnings.push(`leads not found: ${missing.join(", ")}`);
  return {
    ok: true,
    inkSource: pageInk.source,
    reader,
    record,
    layout: plan.kind,
    rhythmLeads: plan.kind === "3x4" ? plan.leads.slice(3).flat() : [],
    rows,
    panels: judged,
    layoutScores: plan.scores.slice(0, 2),
    columnsShareTime: timing?.shared ?? false,
    labels: labels.map((l) => ({ lead: l.lead, text: l.text, box: l.box, score: l.score })),
    scales: { paperSpeedMmPerS: speed, gainMmPerMv: gain, gainSource },
    leadConfidence,
    confidence,
    mesh: rect.mesh,
    pxPerMm,
    warnings,
  };
}

/**
 * From traced rows and a layout to the 12-lead signal table: each panel's
 * columns mapped to seconds (time origin of its row, pixels per second),
 * levels to millivolts (baseline, pixels per millivolt), sampled at the
 * output rate; NaN where a lead is not shown.
 *
 * @module
 */
import { STANDARD_LEADS } from "../records/lead_names.ts";
import type { EcgRecord } from "../records/types.ts";
import type { LayoutPlan } from "./layout.ts";
import { type Polyline, sampleAt } from "./points.ts";
import { median } from "./pulse.ts";
import type { PanelName } from "./naming.ts";
import type { PanelResult } from "./types.ts";

/** A row ready for assembly. */
export interface AssemblyRow {
  readonly line: Polyline;
  readonly originX: number;
  /** Baseline (0 mV) level from the calibration pulse, or null to use the panel median. */
  readonly baseY: number | null;
}

/** Scales and output grid of the assembly. */
export interface AssemblyScales {
  readonly pxPerS: number;
  readonly pxPerMv: number;
  readonly sampleRateHz: number;
  readonly durationS: number;
  /** Columns of a row all start at time 0 (each shows the same seconds), not one after another. @default false */
  readonly shared?: boolean;
  /** Seconds of paper along a full row, split evenly between its columns. @default durationS */
  readonly rowSpanS?: number;
}

/** The signal table and what each panel gave. */
export interface Assembly {
  readonly record: EcgRecord;
  readonly panels: PanelResult[];
}

/** Assemble the 12 standard leads. */
export function assemble(
  rows: readonly AssemblyRow[],
  plan: LayoutPlan,
  scales: AssemblyScales,
  name: string,
  names: readonly (readonly PanelName[])[] = [],
): Assembly {
  const { pxPerS, pxPerMv, sampleRateHz, durationS } = scales;
  const samples = Math.round(durationS * sampleRateHz);
  const signals = STANDARD_LEADS.map(() => new Float64Array(samples).fill(NaN));
  const panels: PanelResult[] = [];
  // Longer panels first: a rhythm strip wins over the same lead's short panel.
  const order: { row: number; col: number; cols: number }[] = [];
  plan.columns.forEach((cols, row) => {
    for (let col = 0; col < cols; col++) order.push({ row, col, cols });
  });
  order.sort((a, b) => a.cols - b.cols);
  for (const { row, col, cols } of order) {
    const given = names[row]?.[col];
    const lead = given ? given.lead : plan.leads[row]?.[col];
    const r = rows[row];
    if (lead === undefined || lead === "" || r === undefined) continue;
    const spanS = (scales.rowSpanS ?? durationS) / cols;
    const pageStartS = col * spanS;
    // Where the panel's time 0 lies on the page, s from the row origin.
    const shift = scales.shared && cols > 1 ? pageStartS : 0;
    const startS = pageStartS - shift, endS = startS + spanS;
    const i0 = Math.min(samples, Math.round(startS * sampleRateHz)),
      i1 = Math.min(samples, Math.round(endS * sampleRateHz));
    const values = new Float64Array(i1 - i0).fill(NaN);
    let hint = 0, found = 0;
    for (let i = i0; i < i1; i++) {
      const [y, h] = sampleAt(r.line, r.originX + (i / sampleRateHz + shift) * pxPerS, hint);
      hint = h;
      values[i - i0] = y;
      if (!Number.isNaN(y)) found++;
    }
    const coverage = values.length > 0 ? found / values.length : 0;
    if (found > 0) {
      const finite = Array.from(values).filter((v) => !Number.isNaN(v));
      const base = r.baseY ?? median(finite);
      fillGaps(values);
      const k = STANDARD_LEADS.indexOf(lead as typeof STANDARD_LEADS[number]);
      const out = signals[k];
      if (out !== undefined) {
        for (let i = i0; i < i1; i++) {
          if (Number.isNaN(out[i]!)) out[i] = (base - values[i - i0]!) / pxPerMv;
        }
      }
    }
    panels.push({
      lead,
      nameSource: given?.source ?? "layout",
      rowIndex: row,
      columnIndex: col,
      startS,
      endS,
      x0: r.originX + pageStartS * pxPerS,
      x1: r.originX + (pageStartS + spanS) * pxPerS,
      coverage,
      confidence: coverage,
      confidenceReasons: [],
      doubtful: given?.doubtful ?? false,
      labelScore: given?.score ?? 0,
    });
  }
  panels.sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
  const record: EcgRecord = {
    name,
    sampleRateHz,
    leadNames: [...STANDARD_LEADS],
    signals,
    comments: [],
    source: "",
  };
  return { record, panels };
}

/** Interpolate NaN gaps inside, hold the nearest value at the ends (in place). */
function fillGaps(v: Float64Array): void {
  let last = -1;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) continue;
    if (last < 0) v.fill(v[i]!, 0, i);
    else if (i - last > 1) {
      const a = v[last]!, b = v[i]!;
      for (let k = last + 1; k < i; k++) v[k] = a + ((b - a) * (k - last)) / (i - last);
    }
    last = i;
  }
  if (last >= 0) v.fill(v[last]!, last + 1);
}

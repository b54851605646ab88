/**
 * Page layouts: where every panel, pulse, label and separator goes, in
 * millimetres on the undistorted page (origin top-left, y down).
 *
 * @module
 */
import { STANDARD_LEADS } from "../records/lead_names.ts";
import { MAX_LEADS } from "../records/limits.ts";
import type { PrintStyle } from "../style/family.ts";
import type { LayoutName, ResolvedGenerateOptions } from "./options.ts";
import { PAPER_SIZES_MM } from "./paper.ts";

/** One plotted panel: a lead over a time span of the page. */
export interface Panel {
  /** Lead name. */
  readonly lead: string;
  /** Row (0 = top) and column (0 = left) in the layout. */
  readonly row: number;
  /** Column, 0 = left. */
  readonly column: number;
  /** Whether this panel is a full-width rhythm strip. */
  readonly rhythm: boolean;
  /** First and one-past-last sample, relative to the page's first sample. */
  readonly startSample: number;
  /** One past the last sample (exclusive), relative to the page's first sample. */
  readonly endSample: number;
  /** Baseline (0 mV) height on the page, mm. */
  readonly baselineMm: number;
  /** x of the panel's first sample, mm. */
  readonly xMm: number;
  /** Segmentation channel (3..6) of this panel's ink. */
  readonly maskChannel: number;
}

/** A page layout in millimetres. */
export interface PageLayout {
  /** The resolved layout name (never `auto`). */
  readonly name: Exclude<LayoutName, "auto">;
  /** Paper width, mm. */
  readonly widthMm: number;
  /** Paper height, mm. */
  readonly heightMm: number;
  /** Rows, rhythm strips included. */
  readonly rows: number;
  /** Columns of the grid part. */
  readonly columns: number;
  /** Seconds shown per page. */
  readonly pageDurationS: number;
  /** Samples shown per page. */
  readonly pageSamples: number;
  /** x of time 0 (the first sample of the page), mm. */
  readonly originXMm: number;
  /** Baseline of every row, mm. */
  readonly rowBaselinesMm: readonly number[];
  /** Row pitch, mm. */
  readonly rowPitchMm: number;
  /** Column boundaries (x, mm) where separators go, excluding the page start. */
  readonly separatorsXMm: readonly number[];
  /** Every plotted panel. */
  readonly panels: readonly Panel[];
  /** Grid origin (a major line crossing), mm. */
  readonly gridOriginMm: { readonly x: number; readonly y: number };
  /** Top of the header block, mm (when shown). */
  readonly headerTopMm: number;
  /** Left x of the leftmost pulse area, mm. */
  readonly pulseLeftMm: number;
  /** Box `[left, top, right, bottom]` (mm, on major lines) around the traces: the grid box and frame. */
  readonly boxMm: readonly [number, number, number, number];
}

const ROW_OF_LEAD: Record<string, number> = {
  I: 0,
  aVR: 0,
  V1: 0,
  V4: 0,
  II: 1,
  aVL: 1,
  V2: 1,
  V5: 1,
  III: 2,
  aVF: 2,
  V3: 2,
  V6: 2,
};

/** Leads of each column in the 3x4 layout, top to bottom. */
const GRID_3X4 = [["I", "II", "III"], ["aVR", "aVL", "aVF"], ["V1", "V2", "V3"], [
  "V4",
  "V5",
  "V6",
]];
/** Leads of each column in the 6x2 layout, by row order (clinical first). */
const GRID_6X2: Record<string, string[][]> = {
  clinical: [["I", "II", "III", "aVR", "aVL", "aVF"], ["V1", "V2", "V3", "V4", "V5", "V6"]],
  kit: [["V1", "I", "V2", "II", "V3", "III"], ["V4", "aVR", "V5", "aVL", "V6", "aVF"]],
  interleaved: [["I", "aVR", "II", "aVL", "III", "aVF"], ["V1", "V4", "V2", "V5", "V3", "V6"]],
};

/** Space above the rows by header block, mm. */
const TOP_MM: Record<string, number> = {
  none: 10,
  standard: 22,
  vendor: 26,
  title: 16,
  footer: 10,
};

/**
 * Lay out a page for a record with the given leads and sampling rate, in
 * the drawn printing style when there is one (row order, same-window 6x2,
 * rhythm strips, offsets, header space). Throws a `RangeError` when the
 * layout needs a lead the record lacks, or the record has more than
 * `MAX_LEADS` (64) leads. Linear in the number of leads.
 */
export function layoutPage(
  leadNames: readonly string[],
  sampleRateHz: number,
  options: ResolvedGenerateOptions,
  print: PrintStyle | null = null,
): PageLayout {
  if (leadNames.length > MAX_LEADS) {
    throw new RangeError(
      `Cannot lay out page: the record has ${leadNames.length} leads, at most ${MAX_LEADS} can be drawn`,
    );
  }
  const { widthMm: paperWidthMm, heightMm } = PAPER_SIZES_MM[options.paperSize];
  const has = new Set(leadNames);
  const hasAll12 = STANDARD_LEADS.every((lead) => has.has(lead));
  const name = options.layout === "auto" ? (hasAll12 ? "3x4" : "rows") : options.layout;
  const columnsOfLeads: string[][] = name === "3x4"
    ? GRID_3X4
    : name === "6x2"
    ? GRID_6X2[print?.row_order ?? "clinical"]!
    : name === "12x1"
    ? [[...STANDARD_LEADS]]
    : [[...leadNames]];
  const whole = options.wholeWindowColumns && (name === "3x4" || name === "6x2");
  const rhythmLeads = whole
    ? []
    : name === "3x4" || (print && name === "6x2")
    ? options.rhythmLeads
    : [];
  for (const lead of [...columnsOfLeads.flat(), ...rhythmLeads]) {
    if (!has.has(lead)) {
      throw new RangeError(
        `Cannot lay out page: layout ${name} needs lead ${lead}, the record has ${
          leadNames.join(", ")
        }`,
      );
    }
  }
  if (columnsOfLeads[0]!.length === 0) throw new RangeError("Cannot lay out page: no leads");
  const columns = columnsOfLeads.length;
  const gridRows = columnsOfLeads[0]!.length;
  const rows = gridRows + rhythmLeads.length;

  const speed = options.paperSpeedMmPerS;
  const traceSpanMm = 250;
  const pageDurationS = traceSpanMm / speed;
  const pageSamples = Math.round(pageDurationS * sampleRateHz);
  const pulseAreaMm = 0.2 * speed + 5;
  const dx = print?.offset_x_mm ?? 0, dy = print?.offset_y_mm ?? 0;
  // Whole-window columns stand side by side: the traces need `columns` spans.
  const drawnSpanMm = whole ? columns * traceSpanMm : traceSpanMm;
  const widthMm = whole ? Math.max(paperWidthMm, drawnSpanMm + pulseAreaMm + 2 * 12) : paperWidthMm;
  const originXMm = (widthMm - pulseAreaMm - drawnSpanMm) / 2 + pulseAreaMm + dx;

  const headerKind = print ? print.header : options.header ? "standard" : "none";
  const headerTopMm = 6 + Math.min(0, dy);
  const topMm = TOP_MM[headerKind]! + dy;
  const bottomMm = (headerKind === "footer" ? 12 : 8) - dy;
  const areaMm = heightMm - topMm - bottomMm;
  const rawPitch = areaMm / rows;
  const rowPitchMm = rawPitch >= 10 ? Math.floor(rawPitch / 5) * 5 : rawPitch;
  const firstBaseline = topMm + (areaMm - rowPitchMm * rows) / 2 + rowPitchMm * 0.6;
  const rowBaselinesMm = Array.from({ length: rows }, (_, r) => firstBaseline + r * rowPitchMm);

  const panels: Panel[] = [];
  const columnSamples = (c: number): number => Math.round((c * pageSamples) / columns);
  const xOf = (sample: number): number => originXMm + (sample / sampleRateHz) * speed;
  const sameWindow = name === "6x2" && print?.same_window === true;
  columnsOfLeads.forEach((leads, c) => {
    leads.forEach((lead, r) => {
      panels.push({
        lead,
        row: r,
        column: c,
        rhythm: false,
        startSample: sameWindow || whole ? 0 : columnSamples(c),
        endSample: whole ? pageSamples : sameWindow ? columnSamples(1) : columnSamples(c + 1),
        baselineMm: rowBaselinesMm[r]!,
        xMm: whole ? originXMm + c * traceSpanMm : xOf(columnSamples(c)),
        maskChannel: 3 + (ROW_OF_LEAD[lead] ?? r % 4),
      });
    });
  });
  rhythmLeads.forEach((lead, k) => {
    panels.push({
      lead,
      row: gridRows + k,
      column: 0,
      rhythm: true,
      startSample: 0,
      endSample: pageSamples,
      baselineMm: rowBaselinesMm[gridRows + k]!,
      xMm: originXMm,
      maskChannel: 6,
    });
  });
  const separatorsXMm = Array.from(
    { length: columns - 1 },
    (_, c) => whole ? originXMm + (c + 1) * traceSpanMm : xOf(columnSamples(c + 1)),
  );
  const pulseLeftMm = originXMm - pulseAreaMm;
  const gx = originXMm, gy = firstBaseline;
  const snapDown = (v: number, o: number): number => o + Math.floor((v - o) / 5) * 5;
  const snapUp = (v: number, o: number): number => o + Math.ceil((v - o) / 5) * 5;
  const boxMm = [
    Math.max(gx - 5 * Math.floor(gx / 5), snapDown(pulseLeftMm - 1, gx)),
    Math.max(gy - 5 * Math.floor(gy / 5), snapDown(topMm - 2, gy)),
    Math.min(gx + 5 * Math.floor((widthMm - gx) / 5), snapUp(originXMm + drawnSpanMm + 1, gx)),
    Math.min(gy + 5 * Math.floor((heightMm - gy) / 5), snapUp(heightMm - bottomMm + 2, gy)),
  ] as const;
  return {
    name,
    widthMm,
    heightMm,
    rows,
    columns,
    pageDurationS,
    pageSamples,
    originXMm,
    rowBaselinesMm,
    rowPitchMm,
    separatorsXMm,
    panels,
    gridOriginMm: { x: originXMm, y: firstBaseline },
    headerTopMm,
    pulseLeftMm,
    boxMm,
  };
}

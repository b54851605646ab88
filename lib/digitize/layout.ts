/**
 * Page layout from the traced rows: how many rows there are and where each
 * row's traces change lead. A lead change shows at a panel boundary as a
 * separator tick, a jump of the level or a short gap; boundaries of a 3x4
 * page fall at 2.5, 5 and 7.5 s from the row start, of a 6x2 page at 5 s.
 * The evidence there is compared with the same measure midway between
 * (control positions), so QRS complexes that happen to fall on a boundary
 * do not decide alone.
 *
 * @module
 */
import type { RunPath } from "./path.ts";
import { median } from "./pulse.ts";
import type { ColumnRuns } from "./runs.ts";
import type { LayoutKind } from "./types.ts";
import { labelReach } from "./naming.ts";

/** One row as the layout step sees it. */
export interface RowTrace {
  readonly path: RunPath;
  /** Time origin and last column, px. */
  readonly originX: number;
  readonly x1: number;
  readonly lineWidthPx: number;
}

/** A layout decision. */
export interface LayoutPlan {
  readonly kind: LayoutKind;
  /** Panels per row (1 = full width), in row order; rows not used get 0. */
  readonly columns: readonly number[];
  /** Lead names per row, one per panel. */
  readonly leads: readonly (readonly string[])[];
  /** Boundary evidence, for the result's diagnostics. */
  readonly evidence: { readonly quarter: number; readonly half: number; readonly control: number };
}

const GRID_3X4 = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];
const RHYTHM_DEFAULT: readonly (readonly string[])[] = [[], ["II"], ["II", "V1"], [
  "II",
  "V1",
  "V5",
]];
const STANDARD = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

/** A label as the layout step sees it: its lead, the row it belongs to and its left edge. */
export interface RowLabel {
  readonly lead: string;
  readonly row: number;
  readonly x0: number;
  readonly score: number;
}

/** How one layout kind fits the page. */
export interface LayoutScore {
  readonly kind: LayoutKind;
  readonly score: number;
}

/**
 * Decide the layout of `rows` (top to bottom) whose rows span `rowSpanS`
 * seconds at `pxPerS` pixels per second, for records of `recordS` seconds,
 * or apply the one `forced`. Each kind is scored by the
 * labels that stand at its panel starts (less those that stand elsewhere)
 * and by the lead-change evidence at its panel boundaries; with no labels
 * read, the boundary evidence and the row count decide.
 */
export function planLayout(
  runs: ColumnRuns,
  rows: readonly RowTrace[],
  pxPerS: number,
  pxPerMm: number,
  forced: LayoutKind | "auto",
  labels: readonly RowLabel[] = [],
  rowSpanS = 10,
  recordS = 10,
): LayoutPlan & { readonly scores: readonly LayoutScore[] } {
  const n = rows.length;
  // Boundaries at fractions of the row (given in seconds of a 10 s row).
  const score = (r: RowTrace, s: number): number =>
    boundaryScore(runs, r, Math.round(r.originX + (s / 10) * rowSpanS * pxPerS), pxPerMm);
  const mean = (v: number[]): number => v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  const top = rows.slice(0, Math.min(n, 6));
  const quarter = mean(top.flatMap((r) => [score(r, 2.5), score(r, 7.5)]));
  const half = mean(top.map((r) => score(r, 5)));
  const control = mean(top.flatMap((r) => [1.25, 3.75, 6.25, 8.75].map((s) => score(r, s))));
  const evidence = { quarter, half, control };
  const margin = 0.6;
  // Boundary evidence and row count, as a score per kind.
  const prior: Record<LayoutKind, number> = {
    "3x4": n >= 3 && n <= 6 ? (quarter > control + margin ? 1 : n <= 4 ? 0.5 : 0) : -3,
    "6x2": n >= 6 && n <= 9 && half > control + margin && half > quarter + margin
      ? 1
      : n >= 6 && n <= 9
      ? 0
      : -3,
    "12x1": n >= 10 ? 1 : -3,
    "rows": -0.5,
  };
  // Rows several records long: each column shows one whole record, so the row's length in
  // records is the column count (2: 6x2, 4: 3x4), whatever the labels say.
  const perRow = Math.round(rowSpanS / recordS);
  if (perRow >= 2 && Math.abs(rowSpanS / (recordS * perRow) - 1) < 0.06) {
    for (const kind of ["3x4", "6x2", "12x1", "rows"] as const) {
      const c = namesFor(kind, n).columns[0] ?? 0;
      prior[kind] += c === perRow ? 3 : -3;
    }
  }
  const labelWeight = labels.reduce((a, l) => a + l.score, 0);
  const scores: LayoutScore[] = (["3x4", "6x2", "12x1", "rows"] as const).map((kind) => {
    const { columns } = namesFor(kind, n);
    let fit = 0;
    for (const l of labels) {
      const r = rows[l.row];
      const cols = columns[l.row] ?? 0;
      if (!r || cols === 0) {
        fit -= 0.5 * l.score;
        continue;
      }
      const span = (r.x1 - r.originX) / cols;
      let at = false;
      for (let k = 0; k < cols; k++) {
        const start = r.originX + k * span;
        if (l.x0 >= start - 12 * pxPerMm && l.x0 <= start + labelReach(span, pxPerMm)) at = true;
      }
      fit += at ? l.score : -0.5 * l.score;
    }
    return { kind, score: fit + prior[kind] };
  }).sort((a, b) => b.score - a.score);
  let kind: LayoutKind = forced === "auto" ? "rows" : forced;
  if (forced === "auto" && labelWeight >= 3) kind = scores[0]!.kind;
  else if (forced === "auto") {
    if (perRow >= 2) kind = scores[0]!.kind;
    else if (n >= 10) kind = "12x1";
    else if (n >= 6 && half > control + margin && half > quarter + margin) kind = "6x2";
    else if (n >= 3 && n <= 6 && quarter > control + margin) kind = "3x4";
    // Three or four rows without clear boundaries: 3x4 (+ rhythm) is by far the commonest.
    else if (n === 3 || n === 4) kind = "3x4";
    else kind = "rows";
  }
  return { kind, ...namesFor(kind, n), evidence, scores };
}

/** Panels per row and template lead names of a layout kind with `n` rows. */
export function namesFor(
  kind: LayoutKind,
  n: number,
): { columns: number[]; leads: string[][] } {
  const columns: number[] = [], leads: string[][] = [];
  if (kind === "3x4") {
    const rhythm = RHYTHM_DEFAULT[Math.min(3, Math.max(0, n - 3))]!;
    for (let i = 0; i < n; i++) {
      if (i < 3) {
        columns.push(4);
        leads.push([...GRID_3X4[i]!]);
      } else if (i - 3 < rhythm.length) {
        columns.push(1);
        leads.push([rhythm[i - 3]!]);
      } else {
        columns.push(0);
        leads.push([]);
      }
    }
  } else if (kind === "6x2") {
    // Rows below the six are rhythm strips (II first, as in 3x4).
    const rhythm = RHYTHM_DEFAULT[Math.min(3, Math.max(0, n - 6))]!;
    for (let i = 0; i < n; i++) {
      const strip = i >= 6 && i - 6 < rhythm.length;
      columns.push(i < 6 ? 2 : strip ? 1 : 0);
      leads.push(i < 6 ? [STANDARD[i]!, STANDARD[i + 6]!] : strip ? [rhythm[i - 6]!] : []);
    }
  } else {
    for (let i = 0; i < n; i++) {
      columns.push(i < 12 ? 1 : 0);
      leads.push(i < 12 ? [STANDARD[i]!] : []);
    }
  }
  return { columns, leads };
}

/** Evidence of a lead change at column `xb` of a row, in millimetre-like units. */
function boundaryScore(runs: ColumnRuns, row: RowTrace, xb: number, pxPerMm: number): number {
  const { path, lineWidthPx } = row;
  if (xb <= row.originX || xb >= row.x1) return 0;
  const near = Math.max(1, Math.round(0.6 * pxPerMm));
  let maxLen = 0, missing = 0;
  for (let x = xb - near; x <= xb + near; x++) {
    const j = path[x] ?? -1;
    if (j < 0) {
      missing++;
      continue;
    }
    maxLen = Math.max(maxLen, runs.bottom[j]! - runs.top[j]! + 1 - lineWidthPx);
  }
  const side = (a: number, b: number): number => {
    const v: number[] = [];
    for (let x = a; x <= b; x++) {
      const j = path[x] ?? -1;
      if (j >= 0) v.push(runs.centre[j]!);
    }
    return v.length > 0 ? median(v) : NaN;
  };
  const far = Math.round(2 * pxPerMm);
  const jump = Math.abs(side(xb - far, xb - near) - side(xb + near, xb + far));
  return Math.min(maxLen / pxPerMm, 4) + Math.min(Number.isNaN(jump) ? 2 : jump / pxPerMm, 4) +
    (missing >= 2 ? 2 : 0);
}

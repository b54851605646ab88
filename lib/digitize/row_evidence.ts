/**
 * Is a traced row a trace? A trace is a stroke of roughly constant width
 * that wiggles (QRS complexes, a calibration pulse) and lies inside the
 * page. A page frame, a dark major grid line, a ruler-straight rule or a
 * print border is straight; the black corner left by a rotated scan, a
 * stain or a shadow is a filled region whose vertical runs are many line
 * widths tall; a line along the very edge of the page is the page's own
 * border. Each row gets those measures and a verdict with the reason.
 *
 * @module
 */
import type { RunPath } from "./path.ts";
import { median } from "./pulse.ts";
import type { ColumnRuns } from "./runs.ts";

/** What a row's path looks like. */
export interface RowEvidence {
  /** 95th percentile of the path's distance from its median level, mm. */
  readonly spreadMm: number;
  /** 98th percentile of the path's distance from its 5 mm running median, mm: waves. */
  readonly wiggleMm: number;
  /** Median run height along the path over the page's typical trace width. */
  readonly thickness: number;
  /** The path's pen width (its thinnest runs: 10th percentile of run heights) over the page's typical pen width. */
  readonly pen: number;
  /** Fraction of the row's columns where the path has ink. */
  readonly continuity: number;
  /** Why the row is not a trace, or null if it is one. */
  readonly rejected: string | null;
}

/** A traced row as this step needs it. */
export interface EvidenceRow {
  readonly centreY: number;
  readonly path: RunPath;
  readonly xa: number;
  readonly xb: number;
  /** True when a calibration pulse was found at its start. */
  readonly pulse: boolean;
}

/** A straight line drifts less than this from its level (95 % of columns), mm. */
const STRAIGHT_MM = 0.3;
/** A filled region's runs are this many typical line widths tall. */
const FILLED = 4;
/** A row whose waves stay within this of their running median is no trace, mm. */
const WIGGLE_MM = 0.5;
/** Window of the running median, in columns with ink: about 5 mm at 8 px/mm. */
const WINDOW_RUNS = 40;
/** A row with more of its runs than this reaching the page's top or bottom edge is a dark border. */
const BORDER_SHARE = 0.2;
/** A row whose runs are this thin against the typical trace is a hairline. */
const THIN = 0.5;
/** Percentile of a path's run heights that is its pen width (level stretches of the stroke). */
const PEN_PERCENTILE = 0.1;
/** A row this close to the top or bottom edge is the page border, mm. */
const EDGE_MM = 3;
/** A line this close to both side edges runs edge to edge, mm. */
const SIDE_MM = 1.5;
/** A line from edge to edge drifting less than this is a frame or a rule, mm. */
const RULE_MM = 1;

/**
 * Measure every row and say which are traces.
 *
 * @param height Page height, px.
 */
export function rowEvidence(
  runs: ColumnRuns,
  rows: readonly EvidenceRow[],
  height: number,
  pxPerMm: number,
): RowEvidence[] {
  const heights = rows.map((r) => runHeight(runs, r, 0.5));
  const typical = Math.max(1, median(heights.filter((h) => h > 0)));
  const pens = rows.map((r) => runHeight(runs, r, PEN_PERCENTILE));
  const typicalPen = Math.max(1, median(pens.filter((h) => h > 0)));
  return rows.map((r, i) => {
    const levels: number[] = [];
    let inked = 0;
    for (let x = r.xa; x <= r.xb; x++) {
      const j = r.path[x]!;
      if (j < 0) continue;
      inked++;
      levels.push(runs.centre[j]!);
    }
    const level = levels.length ? median(levels) : r.centreY;
    const dev = levels.map((v) => Math.abs(v - level)).sort((a, b) => a - b);
    const spreadMm = dev.length ? dev[Math.floor(0.95 * (dev.length - 1))]! / pxPerMm : 0;
    const thickness = heights[i]! / typical;
    const pen = pens[i]! / typicalPen;
    // Fast waves (tremor, noise, flutter) make every run of a trace tall, so a clean row among
    // noisy ones has runs half as tall as the others' while its pen is the same. With a
    // calibration pulse at its start the row is a hairline only when its pen is thin as well.
    const thin = thickness <= THIN && (!r.pulse || pen <= THIN);
    const wiggleMm = wiggle(runs, r) / pxPerMm;
    const continuity = r.xb > r.xa ? inked / (r.xb - r.xa + 1) : 0;
    let rejected: string | null = null;
    if (level < EDGE_MM * pxPerMm || level > height - 1 - EDGE_MM * pxPerMm) {
      rejected = "runs along the page edge";
    } else if (touching(runs, r, height) > BORDER_SHARE) {
      rejected = "touches the page border (a dark corner or edge)";
    } else if (thickness >= FILLED) rejected = "a filled region, not a stroke";
    else if (thin) rejected = "much thinner than the traces (a grid or frame line)";
    else if (spreadMm < STRAIGHT_MM && !r.pulse) rejected = "a straight line (frame or grid)";
    else if (wiggleMm < WIGGLE_MM) rejected = "a smooth curve with no waves (an edge or a shadow)";
    else if (
      r.xa <= SIDE_MM * pxPerMm && r.xb >= runs.width - 1 - SIDE_MM * pxPerMm &&
      spreadMm < RULE_MM && !r.pulse
    ) rejected = "a line from edge to edge (frame)";
    return { spreadMm, wiggleMm, thickness, pen, continuity, rejected };
  });
}

/** 98th percentile of the distance of the path from its running median over 5 mm, px. */
function wiggle(runs: ColumnRuns, r: EvidenceRow): number {
  const ys: number[] = [];
  for (let x = r.xa; x <= r.xb; x++) {
    const j = r.path[x]!;
    if (j >= 0) ys.push(runs.centre[j]!);
  }
  const n = ys.length;
  if (n < 8) return 0;
  const half = Math.max(4, Math.round(WINDOW_RUNS / 2));
  const dev: number[] = [];
  for (let i = 0; i < n; i += 2) {
    const w = ys.slice(Math.max(0, i - half), Math.min(n, i + half)).sort((a, b) => a - b);
    dev.push(Math.abs(ys[i]! - w[w.length >> 1]!));
  }
  dev.sort((a, b) => a - b);
  return dev[Math.floor(0.98 * (dev.length - 1))]!;
}

/** Share of the path's runs that reach the top or bottom edge of the page. */
function touching(runs: ColumnRuns, r: EvidenceRow, height: number): number {
  let n = 0, edge = 0;
  for (let x = r.xa; x <= r.xb; x += 2) {
    const j = r.path[x]!;
    if (j < 0) continue;
    n++;
    if (runs.top[j]! <= 0 || runs.bottom[j]! >= height - 1) edge++;
  }
  return n ? edge / n : 0;
}

/** Quantile `q` of the run heights along the path (every other column), px. */
function runHeight(runs: ColumnRuns, r: EvidenceRow, q: number): number {
  const h: number[] = [];
  for (let x = r.xa; x <= r.xb; x += 2) {
    const j = r.path[x]!;
    if (j >= 0) h.push(runs.bottom[j]! - runs.top[j]! + 1);
  }
  if (h.length === 0) return 0;
  if (q === 0.5) return median(h);
  h.sort((a, b) => a - b);
  return h[Math.floor(q * (h.length - 1))]!;
}

/**
 * Follow one trace across the page: dynamic programming over columns whose
 * states are the column's ink runs inside the row's band. Moving between
 * runs costs their vertical gap (overlapping runs are free, so vertical QRS
 * strokes cost nothing), a column without ink costs one unit, and a path
 * may break and start again at a fixed price. The result picks at most one
 * run per column.
 *
 * @module
 */
import type { ColumnRuns } from "./runs.ts";

/** Band and prior of one row. */
export interface PathBand {
  readonly top: number;
  readonly bottom: number;
  /** Level the trace keeps returning to, px. */
  readonly centreY: number;
  /** Distance from `centreY` within which no prior cost applies, px. */
  readonly freeReach: number;
}

/** Per column, the run index chosen (−1 = no ink on the path there). */
export type RunPath = Int32Array;

/**
 * Trace the best path through a band.
 *
 * @param pxPerMm Page scale: costs are set in millimetres.
 * @param xFrom First column to consider (inclusive). @default 0
 * @param xTo Last column to consider (exclusive). @default runs.width
 */
export function tracePath(
  runs: ColumnRuns,
  band: PathBand,
  pxPerMm: number,
  xFrom = 0,
  xTo: number = runs.width,
): RunPath {
  const { start, top, bottom, centre } = runs;
  const width = runs.width;
  const gapCost = 1, restartCost = 6 * pxPerMm;
  const jumpPerPx = 3 / pxPerMm, steerPerPx = 0.01 / pxPerMm, priorPerPx = 0.4 / pxPerMm;
  const skipMax = Math.max(2, Math.round(0.8 * pxPerMm));
  // Nodes: the in-band runs of every column.
  const colFirst = new Int32Array(width + 1);
  const nodeRun: number[] = [];
  for (let x = 0; x < width; x++) {
    colFirst[x] = nodeRun.length;
    if (x < xFrom || x >= xTo) continue;
    for (let j = start[x]!; j < start[x + 1]!; j++) {
      if (bottom[j]! >= band.top && top[j]! <= band.bottom) nodeRun.push(j);
    }
  }
  colFirst[width] = nodeRun.length;
  const n = nodeRun.length;
  const nodeCol = new Int32Array(n);
  for (let x = 0; x < width; x++) nodeCol.fill(x, colFirst[x]!, colFirst[x + 1]!);
  const cost = new Float64Array(n);
  const back = new Int32Array(n); // node index, or −1 − (column of gap state)
  const gap = new Float64Array(width + 1); // best cost ending in a gap after column x − 1
  const gapFrom = new Int32Array(width + 1).fill(-1); // node the gap started from
  const colBest = new Float64Array(width).fill(Infinity);
  const colBestNode = new Int32Array(width).fill(-1);
  gap[0] = 0;
  for (let x = 0; x < width; x++) {
    for (let a = colFirst[x]!; a < colFirst[x + 1]!; a++) {
      const j = nodeRun[a]!;
      const t = top[j]!, b = bottom[j]!, c = centre[j]!;
      const off = Math.abs(c - band.centreY) - band.freeReach;
      // Capped below the gap cost: a tall QRS far from the baseline is still worth following.
      const prior = off > 0 ? Math.min(0.5 * gapCost, off * priorPerPx) : 0;
      let best = gap[x]! + restartCost, from = -1 - x;
      for (let dx = 1; dx <= skipMax && x - dx >= 0; dx++) {
        const px = x - dx;
        for (let p = colFirst[px]!; p < colFirst[px + 1]!; p++) {
          const k = nodeRun[p]!;
          const dist = Math.max(0, t - bottom[k]! - 1, top[k]! - b - 1);
          const v = cost[p]! + (dx - 1) * gapCost + dist * jumpPerPx +
            Math.abs(c - centre[k]!) * steerPerPx;
          if (v < best) {
            best = v;
            from = p;
          }
        }
      }
      cost[a] = best + prior;
      back[a] = from;
      if (cost[a]! < colBest[x]!) {
        colBest[x] = cost[a]!;
        colBestNode[x] = a;
      }
    }
    // Gap after column x: either continue a gap or leave the best node of x.
    if (gap[x]! <= colBest[x]!) {
      gap[x + 1] = gap[x]! + gapCost;
      gapFrom[x + 1] = gapFrom[x]!;
    } else {
      gap[x + 1] = colBest[x]! + gapCost;
      gapFrom[x + 1] = colBestNode[x]!;
    }
  }
  const path = new Int32Array(width).fill(-1);
  // End: in a gap after the last column, or on the last column's best node.
  let node = width > 0 && colBest[width - 1]! < gap[width]!
    ? colBestNode[width - 1]!
    : gapFrom[width]!;
  while (node >= 0) {
    const j = nodeRun[node]!;
    path[nodeCol[node]!] = j;
    const from = back[node]!;
    if (from >= 0) node = from;
    else node = gapFrom[-1 - from]!;
  }
  return path;
}

/**
 * One dynamic-programming path per candidate row: each row's band (up to
 * its neighbours), the path's main body, and rows that duplicate another or
 * cover much less of the page than the rest dropped.
 *
 * @module
 */
import { type RunPath, tracePath } from "./path.ts";
import { lineWidthOf } from "./points.ts";
import { median } from "./pulse.ts";
import type { ColumnRuns } from "./runs.ts";

/** A row's traced path and where it lies. */
export interface Traced {
  centreY: number;
  band: [number, number];
  path: RunPath;
  xa: number;
  xb: number;
  lineWidthPx: number;
}

/** Trace every row, keep each path's main body, drop rows that duplicate another. */
export function traceRows(
  runs: ColumnRuns,
  centres: number[],
  height: number,
  pxPerMm: number,
): Traced[] {
  const gaps = centres.slice(1).map((c, i) => c - centres[i]!);
  const spacing = gaps.length ? median(gaps) : 40 * pxPerMm;
  const out: Traced[] = [];
  centres.forEach((c, i) => {
    const up = i > 0 ? c - centres[i - 1]! : 1.2 * spacing;
    const down = i + 1 < centres.length ? centres[i + 1]! - c : 1.2 * spacing;
    const band: [number, number] = [
      Math.max(0, Math.round(c - Math.min(up, 1.5 * spacing))),
      Math.min(height - 1, Math.round(c + Math.min(down, 1.5 * spacing))),
    ];
    const path = tracePath(runs, {
      top: band[0],
      bottom: band[1],
      centreY: c,
      freeReach: 0.4 * spacing,
    }, pxPerMm);
    const body = mainBody(path, 5 * pxPerMm);
    if (body === null || body[1] - body[0] < 20 * pxPerMm) return;
    for (let x = 0; x < path.length; x++) if (x < body[0] || x > body[1]) path[x] = -1;
    out.push({
      centreY: c,
      band,
      path,
      xa: body[0],
      xb: body[1],
      lineWidthPx: lineWidthOf(runs, path),
    });
  });
  // Two bands may follow the same trace: keep the row whose centre is nearer to it.
  const distinct = out.filter((t, i) =>
    !out.some((o, k) => {
      if (k === i) return false;
      let same = 0, mine = 0;
      for (let x = t.xa; x <= t.xb; x++) {
        if (t.path[x]! < 0) continue;
        mine++;
        if (o.path[x] === t.path[x]) same++;
      }
      if (same < 0.5 * mine) return false;
      const level = (p: Traced): number => Math.abs(levelOf(runs, t.path) - p.centreY);
      return level(o) < level(t) || (level(o) === level(t) && k < i);
    })
  );
  // A row traced over much less of the page than the others is grid or text residue.
  const covered = (t: Traced): number => t.path.reduce((n, j) => n + (j >= 0 ? 1 : 0), 0);
  const typical = median(distinct.map(covered));
  return distinct.filter((t) => covered(t) >= 0.5 * typical);
}

function levelOf(runs: ColumnRuns, path: RunPath): number {
  const v: number[] = [];
  for (let x = 0; x < path.length; x += 3) if (path[x]! >= 0) v.push(runs.centre[path[x]!]!);
  return v.length ? median(v) : NaN;
}

/** The cluster of path segments (gaps under `maxGap`) with the most columns. */
function mainBody(path: RunPath, maxGap: number): [number, number] | null {
  let best: [number, number] | null = null, bestCount = 0;
  let a = -1, last = -1, count = 0;
  const close = (): void => {
    if (a >= 0 && count > bestCount) {
      best = [a, last];
      bestCount = count;
    }
  };
  for (let x = 0; x < path.length; x++) {
    if (path[x]! < 0) continue;
    if (last >= 0 && x - last > maxGap) {
      close();
      a = -1;
      count = 0;
    }
    if (a < 0) a = x;
    last = x;
    count++;
  }
  close();
  return best;
}

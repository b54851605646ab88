/**
 * Strokes that cross into a neighbouring row. A tall QRS complex of one
 * row can reach through the next row's trace; the ink there is one
 * vertical run, and both rows' paths take it. The run belongs to the row
 * it starts from: one of its ends lies at that row's local level (the
 * stroke leaves its baseline), while it passes right through the other
 * row's level. The other row gets a gap there, which is bridged from its
 * own trace on both sides.
 *
 * @module
 */
import type { RunPath } from "./path.ts";
import { median } from "./pulse.ts";
import type { ColumnRuns } from "./runs.ts";

/**
 * Give every run taken by several paths to one of them (in place); returns
 * how many columns were taken from a path.
 *
 * @param paths One path per row (runs per column, −1 = none).
 * @param lineWidths Each row's typical run height, px.
 * @param pxPerMm Page scale (the local level is taken over ±5 mm).
 */
export function resolveCrossings(
  runs: ColumnRuns,
  paths: readonly RunPath[],
  lineWidths: readonly number[],
  pxPerMm: number,
): number {
  const width = runs.width;
  const owner = new Int32Array(runs.top.length).fill(-1);
  const shared: [number, number][] = [];
  paths.forEach((path, r) => {
    for (let x = 0; x < width; x++) {
      const j = path[x]!;
      if (j < 0) continue;
      if (owner[j]! >= 0 && owner[j] !== r) shared.push([x, j]);
      else owner[j] = r;
    }
  });
  if (shared.length === 0) return 0;
  const reach = Math.round(5 * pxPerMm);
  const level = (r: number, x: number): number => {
    const path = paths[r]!, thin = 2 * lineWidths[r]!;
    const v: number[] = [];
    for (let k = Math.max(0, x - reach); k <= Math.min(width - 1, x + reach); k += 2) {
      const j = path[k]!;
      if (j >= 0 && runs.bottom[j]! - runs.top[j]! + 1 <= thin) v.push(runs.centre[j]!);
    }
    return v.length ? median(v) : NaN;
  };
  let taken = 0;
  for (const [x, j] of shared) {
    const users: number[] = [];
    paths.forEach((p, r) => p[x] === j && users.push(r));
    if (users.length < 2) continue;
    const end = (r: number): number => {
      const l = level(r, x);
      return Number.isNaN(l)
        ? Infinity
        : Math.min(Math.abs(runs.top[j]! - l), Math.abs(runs.bottom[j]! - l));
    };
    const d = users.map(end);
    const best = d.indexOf(Math.min(...d));
    users.forEach((r, i) => {
      if (i !== best) {
        paths[r]![x] = -1;
        taken++;
      }
    });
  }
  return taken;
}

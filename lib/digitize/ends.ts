/**
 * Sub-pixel ends of a trace. A line of thickness `w` has about `w` of ink
 * per column; its end cap adds less. The ink found in the last few columns,
 * divided by `w`, says where a square-ended line would stop, and a round
 * cap of radius `w / 2` holds `π w / 8` of line length beyond its end point.
 *
 * @module
 */
import type { InkMap } from "./ink.ts";
import type { RunPath } from "./path.ts";
import type { ColumnRuns } from "./runs.ts";

/**
 * Where the trace's first (`direction` = 1, from column `x`) or last
 * (`direction` = −1) drawn point lies, sub-pixel.
 */
export function traceEnd(
  ink: InkMap,
  runs: ColumnRuns,
  path: RunPath,
  x: number,
  direction: 1 | -1,
  lineWidthPx: number,
): number {
  const masses: number[] = [];
  for (let k = 5; k <= 200; k++) {
    const j = path[x + direction * k] ?? -1;
    if (j >= 0 && runs.bottom[j]! - runs.top[j]! + 1 <= lineWidthPx + 2) masses.push(runs.mass[j]!);
  }
  const j0 = path[x] ?? -1;
  if (masses.length < 5 || j0 < 0) return x;
  masses.sort((a, b) => a - b);
  // Wiggles add ink to a column, never take it away: a low quantile is the thickness.
  const w = masses[Math.floor(masses.length * 0.05)]!;
  const inner = 3;
  let total = 0;
  const level = runs.centre[j0]!;
  const y0 = Math.max(0, Math.floor(level - 3 * lineWidthPx - 2));
  const y1 = Math.min(ink.height - 1, Math.ceil(level + 3 * lineWidthPx + 2));
  for (let k = -3; k <= inner; k++) {
    const xx = x + direction * k;
    if (xx < 0 || xx >= ink.width) continue;
    const j = path[xx] ?? -1;
    if (k >= 0 && j >= 0) {
      total += Math.min(runs.mass[j]!, w);
      continue;
    }
    let m = 0;
    for (let y = y0; y <= y1; y++) m += ink.data[y * ink.width + xx]!;
    total += Math.min(m / 255, w);
  }
  const edge = x + direction * (inner + 0.5) - direction * (total / w);
  return edge + direction * (Math.PI * w) / 8;
}

/**
 * Pages without a grid or a calibration pulse give no scale of their own.
 * Their rows still tell how many seconds they show: a row that shows k
 * whole records side by side (plotting libraries draw every lead over the
 * full record, columns next to one another) repeats its beat pattern k
 * times, to the pixel, since every lead beats at the same instants. A row
 * of one record does not repeat (beat intervals vary from beat to beat).
 *
 * @module
 */
import type { ColumnRuns } from "./runs.ts";
import type { RunPath } from "./path.ts";
import type { Polyline } from "./points.ts";
import { beatsAgree, beatsOf, halfBeatOf } from "./timing.ts";

/** A row as the repeat check needs it. */
export interface RepeatRow {
  readonly path: RunPath;
  readonly originX: number;
  readonly endX: number;
}

/** The verdict: records per row, and the beat misfit that decided it (share of a part). */
export interface RowRepeats {
  readonly records: number;
  /** Mean distance of the later parts' beats from the first part's, as a share of a part. */
  readonly misfit: number;
  /** The same at a half-beat shift (what chance agreement gives for this rhythm). */
  readonly control: number;
}

/** The traced path of a row as a polyline (run centres). */
function pathLine(runs: ColumnRuns, path: RunPath): Polyline {
  const xs = new Float64Array(path.length), ys = new Float64Array(path.length);
  for (let x = 0; x < path.length; x++) {
    const j = path[x]!;
    xs[x] = x;
    ys[x] = j >= 0 ? runs.centre[j]! : NaN;
  }
  return { xs, ys };
}

/**
 * How many whole records the rows show side by side (1, 2 or 4): the most
 * parts whose beats fall at the same offsets from each part's start, within
 * 0.3 % of a part, and far better than at a half-beat shift.
 */
export function recordsPerRow(runs: ColumnRuns, rows: readonly RepeatRow[]): RowRepeats {
  const none = { records: 1, misfit: NaN, control: NaN };
  const longest = Math.max(0, ...rows.map((r) => r.endX - r.originX));
  const used = rows.filter((r) => r.endX - r.originX >= 0.9 * longest);
  if (used.length === 0 || !(longest > 0)) return none;
  const lines = used.map((r) => pathLine(runs, r.path));
  for (const k of [4, 2]) {
    const part = longest / k;
    // Beats at least 0.3 s apart, taking a part as a 10 s record.
    const gap = 0.03 * part;
    let misfit = 0, control = 0, count = 0;
    used.forEach((r, i) => {
      const local = (j: number): number[] => {
        const x0 = r.originX + j * part;
        return beatsOf(lines[i]!, x0 + 0.01 * part, x0 + 0.99 * part, gap).map((x) => x - x0);
      };
      const first = local(0);
      if (first.length < 3) return;
      const half = halfBeatOf(first, 0, 0);
      const later = Array.from({ length: k - 1 }, (_, j) => local(j + 1)).flat();
      const fit = beatsAgree(first, later, half, half);
      misfit += fit.misfit, control += fit.control, count += later.length;
    });
    if (count < 3 * (k - 1)) continue;
    const m = misfit / count / part, c = control / count / part;
    if (m < 0.003 && m < 0.2 * c) return { records: k, misfit: m, control: c };
  }
  return none;
}

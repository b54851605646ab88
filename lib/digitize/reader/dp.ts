/**
 * The dynamic-programming trace reader: the row finder's path (one run of
 * ink per column) turned into sub-pixel levels (`pathPolyline`). The first
 * columns after a calibration pulse hold its falling edge and a separator
 * tick stands at each panel boundary: tall runs there are left out.
 *
 * @module
 */
import { pathPolyline } from "../points.ts";
import type { TraceReader, TraceReaderPage, TraceReading } from "./types.ts";

/** Read every row from its traced path. */
export function readDp(page: TraceReaderPage): TraceReading[] {
  const { runs, pxPerMm } = page;
  const maxGap = Math.round(3 * pxPerMm);
  return page.rows.map((r) => {
    const path = r.path.slice();
    const tall = (x: number): boolean => {
      const j = path[x] ?? -1;
      return j >= 0 && runs.bottom[j]! - runs.top[j]! + 1 > 2 * r.lineWidthPx + 1;
    };
    // After a calibration pulse the first columns hold its falling edge: start past it.
    let first = Math.floor(r.originX);
    if (r.pulse) {
      first += Math.ceil(r.lineWidthPx / 2);
      while (tall(first) && first < r.originX + pxPerMm) first++;
    }
    // A separator tick (or the jump between two leads) stands at each panel boundary.
    for (const b of r.boundaries) {
      const xb = Math.round(b);
      const near = Math.max(1, Math.round(0.6 * pxPerMm));
      for (let x = xb - near; x <= xb + near; x++) if (tall(x)) path[x] = -1;
    }
    const line = pathPolyline(runs, path, first, r.x1, r.lineWidthPx, maxGap, [
      r.band[0],
      r.band[1],
    ]);
    return { ...line, confidence: new Float32Array(line.xs.length).fill(1) };
  });
}

/** The dynamic-programming reader as a {@linkcode TraceReader}. */
export const DP_READER: TraceReader = { kind: "dp", read: readDp };

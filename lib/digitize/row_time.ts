/**
 * Time along the rows and the scales of a page: rows share one time origin
 * and one end, how many seconds of paper a row spans, pixels per second from
 * the rows' drawn lengths, and the standard gains.
 *
 * @module
 */
import { median } from "./pulse.ts";

/**
 * Rows of a page start at one time. The start is found where a row's ink
 * begins, so a noisy or steep first stroke makes it late, never early: a
 * row more than half a millimetre from the largest group of agreeing rows
 * (the earliest such group on a tie) takes that group's median.
 */
export function sharedOrigin<T extends { originX: number }>(
  rows: readonly T[],
  pxPerMm: number,
): T[] {
  if (rows.length < 2) return [...rows];
  const tol = 0.25 * pxPerMm;
  let group: T[] = [];
  for (const r of rows) {
    const near = rows.filter((o) => Math.abs(o.originX - r.originX) <= tol);
    const earlier = median(near.map((o) => o.originX)) < median(group.map((o) => o.originX));
    if (near.length > group.length || (near.length === group.length && earlier)) group = near;
  }
  if (group.length < 2) return [...rows];
  const consensus = median(group.map((r) => r.originX));
  return rows.map((r) => Math.abs(r.originX - consensus) <= tol ? r : { ...r, originX: consensus });
}

/**
 * Rows of a page end at one place. A row running on past the end that at
 * least two others share (into a frame, along the page edge) is cut there.
 */
export function sharedEnd<T extends { endX: number; x1: number; path: Int32Array }>(
  rows: readonly T[],
  pxPerMm: number,
): T[] {
  const tol = pxPerMm;
  let best: number[] = [];
  for (const r of rows) {
    const near = rows.filter((o) => Math.abs(o.endX - r.endX) <= tol).map((o) => o.endX);
    if (near.length > best.length) best = near;
  }
  if (best.length < 2) return [...rows];
  const end = median(best);
  return rows.map((r) => {
    if (r.endX <= end + 1.5 * tol) return r;
    const path = r.path.slice();
    const cut = Math.floor(end);
    for (let x = cut + 1; x < path.length; x++) path[x] = -1;
    return { ...r, path, endX: end, x1: cut };
  });
}

/**
 * Seconds of paper along a row: the drawn length of the longest row, else
 * of the longest rows (those within 80 % of it), snapped to a whole multiple
 * of the expected record length `durationS` within 6 % (10 s, or 20 s and
 * 40 s where columns that each show the whole record stand side by side),
 * else to 0.1 s.
 */
export function pageSeconds(
  rows: readonly { originX: number; endX: number }[],
  pxPerS: number,
  durationS: number,
): number {
  const spans = rows.map((r) => (r.endX - r.originX) / pxPerS);
  const longest = Math.max(0, ...spans);
  const s = median(spans.filter((v) => v >= 0.8 * longest));
  if (!(s > 0)) return durationS;
  // The longest row first: a flat lead at a row's end (drawn like a grid line) shortens it.
  for (const v of [longest, s]) {
    const k = Math.round(v / durationS);
    if (k >= 1 && Math.abs(v / (k * durationS) - 1) < 0.06) return k * durationS;
  }
  // Short rows (a page cut off, or a record under the expected length) keep the usual span.
  return s < durationS ? durationS : Math.round(s * 10) / 10;
}

/** Pixels per second from rows that span the page duration, else the nominal scale. */
export function measuredPxPerS(
  rows: readonly { originX: number; endX: number }[],
  nominal: number,
  durationS: number,
): number {
  const fits = rows
    .map((r) => (r.endX - r.originX) / durationS)
    .filter((v) => Math.abs(v / nominal - 1) < 0.03);
  return fits.length ? median(fits) : nominal;
}

/** Standard gains (5, 10, 20 mm/mV) when the pulse is within 15 %, else as measured. */
export function snapGain(heightMm: number): number {
  for (const g of [5, 10, 20]) if (Math.abs(heightMm - g) <= 0.15 * g) return g;
  return heightMm;
}

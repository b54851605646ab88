/**
 * Anti-aliased drawing into coverage planes: thick polylines (exact
 * distance-to-segment coverage, merged with `max` so joints never darken)
 * and axis-aligned boxes. Coordinates are in pixels, centres at integers
 * (see `image.ts`).
 *
 * @module
 */
import type { Coverage } from "./image.ts";

/**
 * Draw a polyline of width `2 * halfWidthPx` through the points
 * `(xs[i], ys[i])`. A NaN coordinate breaks the line.
 */
export function drawPolyline(
  coverage: Coverage,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  halfWidthPx: number,
): void {
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x1 = xs[i]!, y1 = ys[i]!;
    if (Number.isNaN(x1) || Number.isNaN(y1)) continue;
    const hasPrev = i > 0 && !Number.isNaN(xs[i - 1]!) && !Number.isNaN(ys[i - 1]!);
    const hasNext = i + 1 < n && !Number.isNaN(xs[i + 1]!) && !Number.isNaN(ys[i + 1]!);
    if (hasPrev) drawSegment(coverage, xs[i - 1]!, ys[i - 1]!, x1, y1, halfWidthPx);
    else if (!hasNext) drawSegment(coverage, x1, y1, x1, y1, halfWidthPx);
  }
}

/** Draw one capsule-shaped segment (round caps) of half width `r`. */
export function drawSegment(
  coverage: Coverage,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
): void {
  const { width, height, data } = coverage;
  const reach = r + 0.5;
  const x0 = Math.max(0, Math.ceil(Math.min(ax, bx) - reach));
  const x1 = Math.min(width - 1, Math.floor(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.ceil(Math.min(ay, by) - reach));
  const y1 = Math.min(height - 1, Math.floor(Math.max(ay, by) + reach));
  if (x0 > x1 || y0 > y1) return;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const inv = len2 > 0 ? 1 / len2 : 0;
  for (let y = y0; y <= y1; y++) {
    const py = y - ay;
    const row = y * width;
    for (let x = x0; x <= x1; x++) {
      const px = x - ax;
      let t = (px * dx + py * dy) * inv;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * dx, ey = py - t * dy;
      const d = Math.sqrt(ex * ex + ey * ey);
      const c = reach - d;
      if (c <= 0) continue;
      const v = c >= 1 ? 255 : (c * 255 + 0.5) | 0;
      const k = row + x;
      if (v > data[k]!) data[k] = v;
    }
  }
}

/**
 * Fill the box `[left, right] × [top, bottom]` (continuous pixel
 * coordinates of its edges) with exact area coverage.
 */
export function fillBox(
  coverage: Coverage,
  left: number,
  top: number,
  right: number,
  bottom: number,
): void {
  const { width, height, data } = coverage;
  const x0 = Math.max(0, Math.round(left)), x1 = Math.min(width - 1, Math.round(right));
  const y0 = Math.max(0, Math.round(top)), y1 = Math.min(height - 1, Math.round(bottom));
  for (let y = y0; y <= y1; y++) {
    const cy = overlap(y - 0.5, y + 0.5, top, bottom);
    if (cy <= 0) continue;
    for (let x = x0; x <= x1; x++) {
      const c = cy * overlap(x - 0.5, x + 0.5, left, right);
      if (c <= 0) continue;
      const v = c >= 1 ? 255 : (c * 255 + 0.5) | 0;
      const k = y * width + x;
      if (v > data[k]!) data[k] = v;
    }
  }
}

/** Length of the overlap of the intervals [a0, a1] and [b0, b1]. */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

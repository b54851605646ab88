/**
 * How well a trace map matches the ground truth: IoU against a mask, the
 * fraction of plotted samples it covers, and the fraction of its pixels
 * that lie near the plotted trace.
 *
 * @module
 */

/** Scores of a predicted trace map against one page's ground truth. */
export interface TraceScores {
  /** Intersection over union with the truth mask (null without one). */
  iou: number | null;
  /** Fraction of plotted samples whose pixel (rounded) the prediction holds. */
  pointRecall: number;
  /** Fraction of predicted pixels within `nearPx` of the plotted trace (the polyline through the samples). */
  precisionNear: number;
  /** Predicted pixels. */
  predicted: number;
}

/**
 * Score `predicted` (0/1 per pixel, `width × height`) against `truth`
 * (0/1, or null) and the plotted samples, each panel's points as
 * `[row, col]` (null for a gap), in the same pixels.
 *
 * @example
 * ```ts
 * import { scoreTrace } from "./metrics.ts";
 * const w = 10, h = 5, pred = new Uint8Array(w * h);
 * for (let x = 0; x < w; x++) pred[2 * w + x] = 1;
 * const points: [number, number][] = Array.from({ length: w }, (_, x) => [2, x]);
 * const s = scoreTrace(pred, pred, w, h, [points]);
 * console.assert(s.iou === 1 && s.pointRecall === 1 && s.precisionNear === 1);
 * ```
 */
export function scoreTrace(
  predicted: Uint8Array,
  truth: Uint8Array | null,
  width: number,
  height: number,
  panels: readonly (readonly ([number, number] | null)[])[],
  nearPx = 1.5,
): TraceScores {
  let iou: number | null = null;
  if (truth) {
    let inter = 0, union = 0;
    for (let i = 0; i < predicted.length; i++) {
      const p = predicted[i]!, t = truth[i]!;
      if (p && t) inter++;
      if (p || t) union++;
    }
    iou = union === 0 ? 1 : inter / union;
  }
  const near = new Uint8Array(width * height);
  let points = 0, hit = 0;
  for (const panel of panels) {
    let prev: [number, number] | null = null;
    for (const p of panel) {
      if (p) {
        const r = Math.round(p[0]), c = Math.round(p[1]);
        if (r >= 0 && c >= 0 && r < height && c < width) {
          points++;
          if (predicted[r * width + c]) hit++;
        }
        markNear(near, width, height, prev ?? p, p, nearPx);
      }
      prev = p;
    }
  }
  let predictedCount = 0, close = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (!predicted[i]) continue;
    predictedCount++;
    if (near[i]) close++;
  }
  return {
    iou,
    pointRecall: points === 0 ? 0 : hit / points,
    precisionNear: predictedCount === 0 ? 0 : close / predictedCount,
    predicted: predictedCount,
  };
}

/** Mark every pixel within `radius` of the segment a–b (`[row, col]`). */
function markNear(
  out: Uint8Array,
  width: number,
  height: number,
  a: readonly [number, number],
  b: readonly [number, number],
  radius: number,
): void {
  const [ay, ax] = a, [by, bx] = b;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - radius)),
    x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + radius));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - radius)),
    y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + radius));
  const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, r2 = radius * radius;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
      const ex = ax + t * dx - x, ey = ay + t * dy - y;
      if (ex * ex + ey * ey <= r2) out[y * width + x] = 1;
    }
  }
}

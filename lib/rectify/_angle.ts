/**
 * The grid's dominant line angle (mod 90°): a gradient estimate (the mean
 * of 4× the gradient angle), refined by the sharpness of the projection
 * profiles of the grid evidence.
 *
 * @module
 */

const DEG = Math.PI / 180;

/** Coarse angle (radians, in (−π/4, π/4]) from gradient orientations, and its coherence 0..1. */
function gradientAngle(
  map: Float32Array,
  width: number,
  height: number,
): { theta: number; coherence: number } {
  let sr = 0, si = 0, sw = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      const gx = map[i + 1]! - map[i - 1]!, gy = map[i + width]! - map[i - width]!;
      const m2 = gx * gx + gy * gy;
      if (m2 < 1e-4) continue;
      const a = gx * gx - gy * gy, b = 2 * gx * gy;
      sr += (a * a - b * b) / m2, si += (2 * a * b) / m2, sw += m2;
    }
  }
  if (sw === 0) return { theta: 0, coherence: 0 };
  return { theta: Math.atan2(si, sr) / 4, coherence: Math.hypot(sr, si) / sw };
}

/** Sample points of strong evidence, at most `max` of them. */
function samplePoints(
  map: Float32Array,
  width: number,
  height: number,
  max: number,
): { xs: Float32Array; ys: Float32Array; ws: Float32Array } {
  // Keep the strongest ~15 % of pixels (grid lines), whatever the map's scale.
  const hist = new Int32Array(256);
  for (let i = 0; i < map.length; i++) hist[Math.min(255, (map[i]! * 255) | 0)]!++;
  let thr = 255;
  for (let acc = 0; thr > 1 && acc < 0.15 * map.length; thr--) acc += hist[thr]!;
  const level = Math.max(0.02, thr / 255);
  let count = 0;
  for (let i = 0; i < map.length; i++) if (map[i]! > level) count++;
  const stride = Math.max(1, Math.ceil(count / max));
  const n = Math.ceil(count / stride);
  const xs = new Float32Array(n), ys = new Float32Array(n), ws = new Float32Array(n);
  let k = 0, seen = 0;
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  for (let i = 0; i < map.length && k < n; i++) {
    if (map[i]! <= level) continue;
    if (seen++ % stride !== 0) continue;
    xs[k] = (i % width) - cx, ys[k] = Math.floor(i / width) - cy, ws[k] = map[i]!;
    k++;
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k), ws: ws.subarray(0, k) };
}

/** Profile sharpness (Σp² / (Σp)²) of both line families at angle `theta`. */
function sharpness(
  pts: { xs: Float32Array; ys: Float32Array; ws: Float32Array },
  theta: number,
  size: number,
  bufU: Float64Array,
  bufV: Float64Array,
): number {
  const cos = Math.cos(theta), sin = Math.sin(theta);
  bufU.fill(0), bufV.fill(0);
  const half = size / 2;
  const { xs, ys, ws } = pts;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!, y = ys[k]!, w = ws[k]!;
    const u = x * cos + y * sin + half, v = -x * sin + y * cos + half;
    const ui = Math.floor(u), vi = Math.floor(v), fu = u - ui, fv = v - vi;
    bufU[ui]! += w * (1 - fu), bufU[ui + 1]! += w * fu;
    bufV[vi]! += w * (1 - fv), bufV[vi + 1]! += w * fv;
  }
  let s = 0, t = 0;
  for (let i = 0; i < size; i++) {
    s += bufU[i]! * bufU[i]! + bufV[i]! * bufV[i]!;
    t += bufU[i]! + bufV[i]!;
  }
  return t > 0 ? s / (t * t) : 0;
}

/**
 * The small rotation of the grid, radians in (−π/4, π/4] (positive: lines
 * run down to the right, the page was turned clockwise), and how coherent
 * the line orientations are (0..1).
 */
export function estimateSkew(
  map: Float32Array,
  width: number,
  height: number,
): { theta: number; coherence: number } {
  const coarse = gradientAngle(map, width, height);
  const pts = samplePoints(map, width, height, 50_000);
  if (pts.xs.length < 50) return coarse;
  const size = Math.ceil(Math.hypot(width, height)) + 4;
  const bu = new Float64Array(size), bv = new Float64Array(size);
  const f = (t: number): number => sharpness(pts, t, size, bu, bv);
  // A full scan of the quarter circle on a subsample (plus the gradient
  // estimate), then finer scans around the best angle.
  const few = {
    xs: pts.xs.filter((_, k) => k % 4 === 0),
    ys: pts.ys.filter((_, k) => k % 4 === 0),
    ws: pts.ws.filter((_, k) => k % 4 === 0),
  };
  let best = coarse.theta, bestVal = sharpness(few, best, size, bu, bv);
  for (let d = -45; d < 45; d += 1) {
    const v = sharpness(few, d * DEG, size, bu, bv);
    if (v > bestVal) best = d * DEG, bestVal = v;
  }
  bestVal = f(best);
  for (const [span, step] of [[1, 0.1], [0.1, 0.01]] as const) {
    const centre = best;
    for (let d = -span; d <= span + 1e-9; d += step) {
      const t = centre + d * DEG, v = f(t);
      if (v > bestVal) best = t, bestVal = v;
    }
  }
  const h = 0.01 * DEG, a = f(best - h), c = f(best + h);
  const den = a - 2 * bestVal + c;
  if (den < 0) best += Math.max(-h, Math.min(h, (0.5 * h * (a - c)) / den));
  if (best > Math.PI / 4) best -= Math.PI / 2;
  if (best <= -Math.PI / 4) best += Math.PI / 2;
  return { theta: best, coherence: coarse.coherence };
}

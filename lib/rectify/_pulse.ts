/**
 * Calibration pulses (the 1 mV × 0.2 s rectangles, 10 mm × 5 mm at the
 * standard 10 mm/mV and 25 mm/s): two vertical ink strokes of equal extent,
 * half as far apart as they are tall, joined by a bar along their top, with
 * an empty inside.
 *
 * @module
 */

interface Stroke {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Pulses found. */
export interface Pulses {
  /** How many. */
  readonly count: number;
  /** How many open downwards (⊓, an upright page) and upwards (⊔, upside down). */
  readonly up: number;
  readonly down: number;
  /** The scale they imply, px per mm, along x (5 mm wide) and y (10 mm tall). */
  readonly pxPerMmX: number;
  readonly pxPerMmY: number;
}

/** Calibration pulses in a binary mask (non-zero = ink), or null when none. */
export function findPulses(mask: Uint8Array, width: number, height: number): Pulses | null {
  return scanPulses(mask, width, height).pulses;
}

/**
 * Calibration pulses, and every ⊓ or ⊔ shape of two equal vertical strokes joined by a bar:
 * the pulses and also the shapes that fail a pulse's empty inside or clear side (letters such as
 * "n", "A" or "R" of the labels, QRS complexes joined by their baseline), counted by which way
 * they open. The shapes are weak evidence of which way is up where no pulse is found.
 */
export function scanPulses(
  mask: Uint8Array,
  width: number,
  height: number,
): {
  readonly pulses: Pulses | null;
  readonly shapes: { readonly up: number; readonly down: number };
} {
  const minLen = Math.max(8, Math.round(Math.min(width, height) / 50));
  const strokes: Stroke[] = [];
  let open: Stroke[] = [];
  for (let x = 0; x < width; x++) {
    const next: Stroke[] = [];
    for (let y = 0; y < height; y++) {
      if (!mask[y * width + x]) continue;
      const y0 = y;
      while (y + 1 < height && mask[(y + 1) * width + x]) y++;
      if (y - y0 + 1 < minLen) continue;
      const tol = 0.08 * (y - y0) + 2;
      const s = open.find((o) => Math.abs(o.y0 - y0) <= tol && Math.abs(o.y1 - y) <= tol);
      if (s) {
        s.x1 = x, s.y0 = Math.min(s.y0, y0), s.y1 = Math.max(s.y1, y);
        next.push(s);
      } else {
        const t = { x0: x, x1: x, y0, y1: y };
        strokes.push(t);
        next.push(t);
      }
    }
    open = next;
  }
  const thin = strokes.filter((s) => s.x1 - s.x0 < 0.2 * (s.y1 - s.y0));
  const found: [number, number][] = [];
  let up = 0, down = 0, shapesUp = 0, shapesDown = 0;
  for (const a of thin) {
    for (const b of thin) {
      if (b.x0 <= a.x1) continue;
      const h = (a.y1 - a.y0 + b.y1 - b.y0) / 2, tol = 0.08 * h + 2;
      const dx = (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2;
      if (dx < 0.35 * h || dx > 0.65 * h) continue;
      if (Math.abs(a.y0 - b.y0) > tol || Math.abs(a.y1 - b.y1) > tol) continue;
      const top = Math.round((a.y0 + b.y0) / 2), bottom = Math.round((a.y1 + b.y1) / 2);
      const reach = Math.max(2, Math.round(0.05 * h));
      const isUp = barBetween(mask, width, height, a.x1 + 1, b.x0, top, bottom, reach);
      const isDown = !isUp && barBetween(mask, width, height, a.x1 + 1, b.x0, bottom, top, reach);
      if (!isUp && !isDown) continue;
      if (isUp) shapesUp++;
      else shapesDown++;
      // Inside a pulse is paper; two QRS complexes joined by a baseline hold waves or a
      // neighbouring row's trace there, in many of the columns between them.
      const bar = isUp ? top : bottom, far = isUp ? bottom : top;
      if (!emptyCore(mask, width, a.x1 + 1, b.x0, bar, far, Math.max(reach, Math.round(0.2 * h)))) {
        continue;
      }
      // A pulse stands at the start or the end of its row: the paper beside it, at its height,
      // is empty on one side (a QRS pair inside a row has the row's trace on both sides).
      const side = Math.round(0.6 * dx), far2 = Math.round(1.5 * dx);
      const lo = Math.min(top, bottom), hi = Math.max(top, bottom);
      if (
        !clear(mask, width, a.x0 - far2, a.x0 - side, lo, hi) &&
        !clear(mask, width, b.x1 + side, b.x1 + far2, lo, hi)
      ) continue;
      if (isUp) up++;
      else down++;
      found.push([dx / 5, h / 10]);
    }
  }
  const shapes = { up: shapesUp, down: shapesDown };
  if (found.length === 0) return { pulses: null, shapes };
  const med = (k: 0 | 1): number => {
    const v = found.map((f) => f[k]).sort((p, q) => p - q);
    return v[Math.floor(v.length / 2)]!;
  };
  return { pulses: { count: found.length, up, down, pxPerMmX: med(0), pxPerMmY: med(1) }, shapes };
}

/** Whether the box x0..x1 × y0..y1 (clipped to the page) holds ink in at most one column in ten. */
function clear(
  mask: Uint8Array,
  width: number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): boolean {
  const a = Math.max(0, x0), b = Math.min(width - 1, x1);
  let inked = 0;
  for (let x = a; x <= b; x++) {
    for (let y = y0; y <= y1; y++) {
      if (mask[y * width + x]) {
        inked++;
        break;
      }
    }
  }
  return inked <= 0.1 * Math.max(1, x1 - x0 + 1);
}

/**
 * Whether few of the columns x0..x1 (at most one in ten) hold ink between `skip` rows from the bar
 * and `skip / 2` rows short of row `far`.
 */
function emptyCore(
  mask: Uint8Array,
  width: number,
  x0: number,
  x1: number,
  bar: number,
  far: number,
  skip: number,
): boolean {
  const dir = far > bar ? 1 : -1;
  const y0 = bar + dir * skip, y1 = far - dir * Math.ceil(skip / 2);
  if (dir * (y1 - y0) <= 0) return true;
  let inked = 0;
  for (let x = x0; x < x1; x++) {
    for (let y = y0; dir * (y1 - y) >= 0; y += dir) {
      if (mask[y * width + x]) {
        inked++;
        break;
      }
    }
  }
  return inked <= 0.1 * Math.max(1, x1 - x0);
}

/** Whether columns x0..x1 hold a bar at row `bar` and are empty towards row `far`. */
function barBetween(
  mask: Uint8Array,
  width: number,
  height: number,
  x0: number,
  x1: number,
  bar: number,
  far: number,
  reach: number,
): boolean {
  const dir = far > bar ? 1 : -1;
  let hits = 0, inside = 0, cells = 0;
  for (let x = x0; x < x1; x++) {
    let hit = false;
    for (let y = Math.max(0, bar - reach); y <= Math.min(height - 1, bar + reach); y++) {
      if (mask[y * width + x]) hit = true;
    }
    if (hit) hits++;
    for (let y = bar + dir * (2 * reach + 1); dir * (far - y) > 2 * reach; y += dir) {
      if (y < 0 || y >= height) break;
      cells++;
      if (mask[y * width + x]) inside++;
    }
  }
  const span = x1 - x0;
  return span > 0 && hits >= 0.8 * span && inside <= 0.1 * cells;
}

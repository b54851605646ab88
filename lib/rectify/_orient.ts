/**
 * Page orientation in quarter turns, from where the ink lies: traces run
 * along the time axis, so the ink profile across them shows a sharp peak at
 * each baseline; calibration pulses, R waves and labels put more ink above a
 * baseline than below it.
 *
 * @module
 */
import { rotatedProfiles } from "./_period.ts";
import { scanPulses } from "./_pulse.ts";

/** The orientation decision. */
export interface Orientation {
  /** Clockwise quarter turns that make the deskewed page upright. */
  readonly turns: 0 | 1 | 2 | 3;
  /** How strongly the ink forms rows along one axis (0 = none). */
  readonly rowScore: number;
  /** Rows across the traces' axis (baseline peaks found). */
  readonly rows: number;
  /** Signed up/down asymmetry of ink about the baselines, −1..1. */
  readonly asymmetry: number;
  /** How clearly the ink runs along one axis: mean (column − row) ink coverage in tiles of the deskewed, unturned page (−1..1; positive: traces run along x). */
  readonly axisScore: number;
  /** Calibration pulses found. */
  readonly pulses: number;
}

function smooth(p: Float64Array, r: number): Float64Array {
  const out = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length + r; i++) {
    if (i < p.length) acc += p[i]!;
    if (i - 2 * r - 1 >= 0) acc -= p[i - 2 * r - 1]!;
    const c = i - r;
    if (c >= 0 && c < p.length) out[c] = acc / (2 * r + 1);
  }
  return out;
}

/** Peakiness of a profile within its inked span, and its baseline peaks. */
function rowStructure(p: Float64Array): { score: number; peaks: number[]; s: Float64Array } {
  const r = Math.max(1, Math.round(p.length / 400));
  const s = smooth(p, r);
  let total = 0;
  for (const v of s) total += v;
  if (total <= 0) return { score: 0, peaks: [], s };
  let lo = 0, hi = s.length - 1, acc = 0;
  while (lo < hi && (acc += s[lo]!) < 0.02 * total) lo++;
  acc = 0;
  while (hi > lo && (acc += s[hi]!) < 0.02 * total) hi--;
  let mean = 0, max = 0;
  for (let i = lo; i <= hi; i++) mean += s[i]!, max = Math.max(max, s[i]!);
  mean /= hi - lo + 1;
  let v = 0;
  for (let i = lo; i <= hi; i++) v += (s[i]! - mean) ** 2;
  const score = Math.sqrt(v / (hi - lo + 1)) / (mean || 1);
  const sep = Math.max(3, Math.round(p.length / 40));
  const peaks: number[] = [];
  for (let i = lo; i <= hi; i++) {
    if (s[i]! < 0.35 * max) continue;
    let isMax = true;
    for (let k = Math.max(0, i - sep); k <= Math.min(s.length - 1, i + sep) && isMax; k++) {
      if (s[k]! > s[i]! || (s[k] === s[i] && k < i)) isMax = false;
    }
    if (isMax) peaks.push(i);
  }
  return { score, peaks, s };
}

/** Ink above (lower index) minus below each baseline, over the ink near baselines. */
function asymmetry(p: Float64Array, peaks: number[]): number {
  const gap = Math.max(2, Math.round(p.length / 300));
  let above = 0, below = 0;
  for (let k = 0; k < peaks.length; k++) {
    const c = peaks[k]!;
    const prev = k > 0 ? peaks[k - 1]! : -Infinity,
      next = k + 1 < peaks.length ? peaks[k + 1]! : Infinity;
    const reach = Math.min((c - prev) / 2, (next - c) / 2, p.length / 6);
    for (let d = gap; d < reach; d++) {
      if (c - d >= 0) above += p[c - d]!;
      if (c + d < p.length) below += p[c + d]!;
    }
  }
  return above + below > 0 ? (above - below) / (above + below) : 0;
}

/**
 * Which way the ink runs: in square tiles with ink, a trace crossing the
 * tile inks nearly every column but only the rows its waves reach. Returns
 * the mean of (column coverage − row coverage): positive for horizontal
 * traces, negative for vertical ones.
 */
function traceAxis(m: Uint8Array, w: number, h: number): number {
  const t = Math.max(8, Math.round(Math.max(w, h) / 10));
  const cols = new Uint8Array(t), rows = new Uint8Array(t);
  let sum = 0, n = 0;
  for (let ty = 0; ty + t <= h; ty += t) {
    for (let tx = 0; tx + t <= w; tx += t) {
      cols.fill(0), rows.fill(0);
      let ink = 0;
      for (let y = 0; y < t; y++) {
        for (let x = 0, i = (ty + y) * w + tx; x < t; x++, i++) {
          if (m[i]) cols[x] = 1, rows[y] = 1, ink++;
        }
      }
      if (ink < 0.005 * t * t) continue;
      let c = 0, r = 0;
      for (let k = 0; k < t; k++) c += cols[k]!, r += rows[k]!;
      sum += (c - r) / t, n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/** Rotate a mask by −theta about its centre into its bounding box (nearest neighbour). */
function deskewMask(
  mask: Uint8Array,
  w: number,
  h: number,
  theta: number,
): [Uint8Array, number, number] {
  if (Math.abs(theta) < 1e-4) return [mask, w, h];
  const cos = Math.cos(theta), sin = Math.sin(theta);
  const wr = Math.ceil(Math.abs(w * cos) + Math.abs(h * sin));
  const hr = Math.ceil(Math.abs(w * sin) + Math.abs(h * cos));
  const out = new Uint8Array(wr * hr);
  const cx = (w - 1) / 2, cy = (h - 1) / 2, rx = (wr - 1) / 2, ry = (hr - 1) / 2;
  for (let y = 0; y < hr; y++) {
    for (let x = 0; x < wr; x++) {
      const sx = Math.round(cx + cos * (x - rx) - sin * (y - ry));
      const sy = Math.round(cy + sin * (x - rx) + cos * (y - ry));
      if (sx >= 0 && sy >= 0 && sx < w && sy < h) out[y * wr + x] = mask[sy * w + sx]!;
    }
  }
  return [out, wr, hr];
}

/** Rotate a mask a quarter turn clockwise. */
function turnMask(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[x * h + (h - 1 - y)] = mask[y * w + x]!;
  }
  return out;
}

/**
 * Decide the quarter turns from a binary ink mask (non-zero = ink) seen in
 * the frame deskewed by `thetaRad`. Traces are long, thin components along
 * the time axis; calibration pulses open towards the baseline (⊓ upright);
 * without pulses, the ink's up/down asymmetry about the baselines decides,
 * and only when strong (most pages come upright).
 */
export function decideOrientation(
  ink: Uint8Array,
  width: number,
  height: number,
  thetaRad: number,
): Orientation {
  const [m, w, h] = deskewMask(ink, width, height, thetaRad);
  const axis = traceAxis(m, w, h);
  // Tall QRS complexes that cross every row ink tiles top to bottom, so the trace axis alone can
  // call an upright page vertical (and a quarter-turned one horizontal). Calibration pulses
  // (vertical edges, a bar along the time axis) say which axis is time: when only one
  // orientation shows them (two or more), it is the upright one; when both or neither do, the
  // trace axis decides, and a quarter turn still needs the turned page to show at least as many.
  const across = turnMask(m, w, h);
  const scanAsIs = scanPulses(m, w, h), scanTurned = scanPulses(across, h, w);
  const asIs = scanAsIs.pulses, turnedPulses = scanTurned.pulses;
  const nAsIs = asIs?.count ?? 0, nTurned = turnedPulses?.count ?? 0;
  const vertical = nAsIs === 0 && nTurned >= 2
    ? true
    : nTurned === 0 && nAsIs >= 2
    ? false
    : axis < -0.1 && nTurned >= nAsIs;
  const turned = vertical ? across : m;
  const pulses = vertical ? turnedPulses : asIs;
  // Where no pulse is found, the ⊓ and ⊔ shapes that fail a pulse's tests (letters of the labels,
  // QRS complexes joined by their baseline) still vote, as they did before pulses were told apart.
  const opening = pulses ?? (vertical ? scanTurned.shapes : scanAsIs.shapes);
  const up = turned;
  const uw = vertical ? h : w, uh = vertical ? w : h;
  const { y: rowsProfile, x: colsProfile } = rotatedProfiles(up, uw, uh, 0);
  const rowsS = rowStructure(rowsProfile), colsS = rowStructure(colsProfile);
  const asym = asymmetry(rowsS.s, rowsS.peaks);
  // Most pages come upright: flip only on clear evidence.
  const asymVote = Math.abs(asym) > 0.25 ? 2 : Math.abs(asym) > 0.15 ? 1 : 0;
  const flip = opening.down - opening.up - Math.sign(asym) * asymVote >= 2;
  const turns = ((vertical ? 1 : 0) + (flip ? 2 : 0)) as 0 | 1 | 2 | 3;
  return {
    turns,
    rowScore: rowsS.score - colsS.score,
    rows: rowsS.peaks.length,
    asymmetry: asym,
    axisScore: axis,
    pulses: pulses ? pulses.up + pulses.down : 0,
  };
}

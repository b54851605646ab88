/**
 * Stage 1 on the normalised image: grid period per axis (spectrum and
 * autocorrelation), the line heatmaps, and the millimetre coordinate field
 * from local grid phase.
 *
 * @module
 */
import { type AxisPeriod, estimateAxisPeriod } from "./_period.ts";
import { lineMean } from "./_morph.ts";
import { type Lattice, phaseField } from "./_phase.ts";
import { affineFit, type MmField } from "./_mesh.ts";
import { smoothField } from "./_smooth.ts";

/** The grid found on the normalised image. */
export interface GridFit {
  readonly periodX: AxisPeriod;
  readonly periodY: AxisPeriod;
  /** Horizontal / vertical line heatmaps (0..1), normalised-image pixels. */
  readonly gh: Float32Array;
  readonly gv: Float32Array;
  /** mm coordinates on a lattice. */
  readonly field: MmField;
  readonly validU: Uint8Array;
  readonly validV: Uint8Array;
  /** Share of lattice points where both line families were measured. */
  readonly validFraction: number;
  /** Mean px/mm over the page from the field's affine fit, x and y. */
  readonly pxPerMmX: number;
  readonly pxPerMmY: number;
  /** Rotation still present in the normalised image, radians (clockwise positive). */
  readonly residualRad: number;
}

/**
 * Resolve a 1 mm / 5 mm ambiguity from the other axis, else from a scale
 * known from elsewhere (`hint`, px/mm), else from the page size.
 */
function resolve(
  p: AxisPeriod,
  other: AxisPeriod | null,
  extentPx: number,
  hint: number | null,
): AxisPeriod {
  if (!p.ambiguous) return p;
  let fiveMm: boolean;
  if (hint !== null) {
    fiveMm = Math.abs(Math.log(p.pxPerMm / 5 / hint)) < Math.abs(Math.log(p.pxPerMm / hint));
  } else if (other && !other.ambiguous) {
    fiveMm = Math.abs(Math.log(p.pxPerMm / 5 / other.pxPerMm)) <
      Math.abs(Math.log(p.pxPerMm / other.pxPerMm));
  } else fiveMm = extentPx / p.pxPerMm <= 112;
  return fiveMm ? { ...p, pxPerMm: p.pxPerMm / 5, mmPerPeriod: 5, ambiguous: false } : p;
}

/**
 * Line evidence without large dark areas (page borders, shadows, blots):
 * the grid map minus its local mean over `k` px, clipped at 0 (a top-hat).
 */
export function topHat(map: Float32Array, width: number, height: number, k: number): Float32Array {
  const r = Math.max(1, k >> 1);
  const tmp = new Float32Array(map.length), out = new Float32Array(map.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    let acc = 0;
    for (let x = -r; x < width + r; x++) {
      if (x + r < width && x + r >= 0) acc += map[o + x + r]!;
      if (x - r - 1 >= 0) acc -= map[o + x - r - 1]!;
      if (x >= 0 && x < width) tmp[o + x] = acc;
    }
  }
  const col = new Float64Array(width);
  const norm = 1 / ((2 * r + 1) * (2 * r + 1));
  for (let y = -r; y < height + r; y++) {
    const add = y + r, sub = y - r - 1;
    if (add >= 0 && add < height) {
      for (let x = 0; x < width; x++) col[x]! += tmp[add * width + x]!;
    }
    if (sub >= 0 && sub < height) {
      for (let x = 0; x < width; x++) col[x]! -= tmp[sub * width + x]!;
    }
    if (y < 0 || y >= height) continue;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const v = map[i]! - col[x]! * norm;
      out[i] = v > 0 ? v : 0;
    }
  }
  return out;
}

/** Column and row profiles of each tile of a `tiles × tiles` split of a map. */
function tileProfiles(
  map: Float32Array,
  width: number,
  height: number,
  tiles: number,
): { x: Float64Array[]; y: Float64Array[] } {
  const x: Float64Array[] = [], y: Float64Array[] = [];
  const xs = (i: number): number => Math.round((i * width) / tiles);
  const ys = (j: number): number => Math.round((j * height) / tiles);
  for (let j = 0; j < tiles; j++) {
    for (let i = 0; i < tiles; i++) {
      const x0 = xs(i), x1 = xs(i + 1), y0 = ys(j), y1 = ys(j + 1);
      const px = new Float64Array(x1 - x0), py = new Float64Array(y1 - y0);
      for (let r = y0; r < y1; r++) {
        let acc = 0;
        for (let c = x0, k = r * width + x0; c < x1; c++, k++) {
          px[c - x0]! += map[k]!;
          acc += map[k]!;
        }
        py[r - y0] = acc;
      }
      x.push(px), y.push(py);
    }
  }
  return { x, y };
}

/**
 * Combine per-tile periods of one axis: the scale that most tiles agree
 * with (within 10 %), where a tile that saw one pitch only offers both its
 * 1 mm and its 5 mm reading. Local estimates stay sharp under perspective,
 * where one page-wide spectrum smears. Null when fewer than `minTiles`
 * tiles agree.
 */
function combine(list: (AxisPeriod | null)[], minTiles: number): AxisPeriod | null {
  const found = list.filter((p): p is AxisPeriod => p !== null && p.significance >= 5);
  const readings = (p: AxisPeriod): number[] =>
    p.ambiguous ? [p.pxPerMm, p.pxPerMm / 5] : [p.pxPerMm];
  const support = (c: number): number =>
    found.reduce(
      (n, p) =>
        n + (readings(p).some((r) => Math.abs(r / c - 1) < 0.1) ? (p.ambiguous ? 1 : 2) : 0),
      0,
    );
  let best = NaN, bestSupport = 0;
  for (const p of found) {
    for (const c of readings(p)) {
      const n = support(c);
      if (n > bestSupport || (n === bestSupport && c > best)) best = c, bestSupport = n;
    }
  }
  const agreeing: { p: AxisPeriod; mm: 1 | 5 }[] = [];
  for (const p of found) {
    const r = readings(p).findIndex((v) => Math.abs(v / best - 1) < 0.1);
    if (r >= 0) agreeing.push({ p, mm: r === 1 ? 5 : p.mmPerPeriod });
  }
  if (agreeing.length < minTiles) return null;
  const median = (v: number[]): number => v.sort((a, b) => a - b)[v.length >> 1]!;
  const ones = agreeing.filter((a) => a.mm === 1);
  const mm: 1 | 5 = 2 * ones.length >= agreeing.length ? 1 : 5;
  const pick = agreeing.filter((a) => a.mm === mm);
  const periodPx = median(pick.map((a) => a.p.periodPx));
  // Ambiguous when no tile saw the 5-fold structure: the 1 mm reading is returned.
  const ambiguous = agreeing.every((a) => a.p.ambiguous);
  return {
    pxPerMm: ambiguous && mm === 5 ? periodPx : periodPx / mm,
    periodPx,
    mmPerPeriod: ambiguous ? 1 : mm,
    significance: median(agreeing.map((a) => a.p.significance)),
    acfPeriodPx: median(pick.map((a) => a.p.acfPeriodPx)),
    acfPeak: median(agreeing.map((a) => a.p.acfPeak)),
    agree: 2 * agreeing.filter((a) => a.p.agree).length >= agreeing.length,
    ambiguous,
  };
}

/**
 * The two axis periods of a line-evidence map, or null when either axis
 * shows no grid. `hintPxPerMm`: a scale read elsewhere (stage 0's look at a
 * fine grid at full resolution) that settles a 1 mm / 5 mm ambiguity.
 */
export function gridPeriods(
  map: Float32Array,
  width: number,
  height: number,
  hintPxPerMm: number | null = null,
): [AxisPeriod, AxisPeriod] | null {
  const tiles = Math.max(1, Math.min(3, Math.floor(Math.min(width, height) / 120)));
  const prof = tileProfiles(map, width, height, tiles);
  const minTiles = Math.max(1, Math.ceil((tiles * tiles) / 3));
  let ex = combine(prof.x.map((p) => estimateAxisPeriod(p)), minTiles);
  let ey = combine(prof.y.map((p) => estimateAxisPeriod(p)), minTiles);
  if (!ex || !ey) return null;
  // Paper grids are square. One axis locked on a multiple (2-5x) of the other's 1 mm pitch
  // (traces and text rows run along it) is searched again near that pitch (perspective
  // keeps the two within about 15 %).
  const near = (list: Float64Array[], pitch: number): AxisPeriod | null => {
    const e = combine(
      list.map((p) => estimateAxisPeriod(p, Math.max(2.2, 0.85 * pitch), 1.18 * pitch)),
      minTiles,
    );
    return e && Math.abs(Math.log(e.pxPerMm / pitch)) < 0.16 ? e : null;
  };
  // Likewise an axis whose reading is weak (spectrum and autocorrelation disagree) next to a
  // strong one more than 10 % away: moiré on screen photos, shading on crumpled paper.
  const ratio = ey.pxPerMm / ex.pxPerMm;
  const multiple = (r: number): boolean => {
    const k = Math.round(r);
    return k >= 2 && k <= 5 && Math.abs(r / k - 1) < 0.1;
  };
  const strong = (p: AxisPeriod): boolean => p.agree && !p.ambiguous;
  if (Math.abs(Math.log(ratio)) > 0.1) {
    if (!ex.ambiguous && (multiple(ratio) || (strong(ex) && !strong(ey)))) {
      ey = near(prof.y, ex.pxPerMm) ?? ey;
    } else if (!ey.ambiguous && (multiple(1 / ratio) || (strong(ey) && !strong(ex)))) {
      ex = near(prof.x, ey.pxPerMm) ?? ex;
    }
  }
  const extent = Math.max(width, height);
  const rx = resolve(ex, ey, extent, hintPxPerMm), ry = resolve(ey, rx, extent, hintPxPerMm);
  return [rx, ry];
}

/** Fit the grid: heatmaps and the mm coordinate field. */
export function fitGrid(
  grid: Float32Array,
  width: number,
  height: number,
  periods: [AxisPeriod, AxisPeriod],
): GridFit {
  const [periodX, periodY] = periods;
  const s = (periodX.pxPerMm + periodY.pxPerMm) / 2;
  const gh = lineMean(grid, width, height, "x", Math.round(1.5 * periodX.pxPerMm));
  const gv = lineMean(grid, width, height, "y", Math.round(1.5 * periodY.pxPerMm));
  const step = Math.max(4, Math.round(2 * s));
  const x0 = Math.round(step / 2), y0 = x0;
  const lat: Lattice = {
    nx: Math.max(2, Math.floor((width - 1 - x0) / step) + 1),
    ny: Math.max(2, Math.floor((height - 1 - y0) / step) + 1),
    x0,
    y0,
    step,
  };
  const win = (p: AxisPeriod): number => (p.mmPerPeriod === 1 ? 3 : 1.5) * p.periodPx;
  const fu = phaseField(gv, width, height, lat, "x", periodX.periodPx, 2 * s, win(periodX), 0.2);
  const fv = phaseField(gh, width, height, lat, "y", periodY.periodPx, 2 * s, win(periodY), 0.2);
  // Local phase is noisy by a few tenths of a pixel: smooth over about 5 mm.
  const sigma = 5 / (step / s);
  const u = smoothField(fu.u, fu.valid, lat, sigma).map((v) => v * periodX.mmPerPeriod);
  const v = smoothField(fv.u, fv.valid, lat, sigma).map((t) => t * periodY.mmPerPeriod);
  const field: MmField = { lat, u, v };
  let both = 0;
  for (let k = 0; k < u.length; k++) if (fu.valid[k] && fv.valid[k]) both++;
  const fit = affineFit(field, fu.valid, fv.valid);
  let pxPerMmX = periodX.pxPerMm, pxPerMmY = periodY.pxPerMm, residualRad = 0;
  if (fit) {
    pxPerMmX = 1 / Math.hypot(fit.u[1], fit.u[2]);
    pxPerMmY = 1 / Math.hypot(fit.v[1], fit.v[2]);
    residualRad = (Math.atan2(fit.u[2], fit.u[1]) + Math.atan2(-fit.v[1], fit.v[2])) / 2;
  }
  return {
    periodX,
    periodY,
    gh,
    gv,
    field,
    validU: fu.valid,
    validV: fv.valid,
    validFraction: both / u.length,
    pxPerMmX,
    pxPerMmY,
    residualRad,
  };
}

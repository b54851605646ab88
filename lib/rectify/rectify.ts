/**
 * Stages 0 and 1 of the digitizer: the input turned upright and deskewed,
 * the millimetre grid found, and the page resampled once onto a straight
 * grid at a known scale.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { Marker, PageMesh, RectifyResult } from "./types.ts";
import { type RectifyOptions, resolveRectifyOptions } from "./options.ts";
import { evidenceMaps } from "./_maps.ts";
import { normalise } from "./_normalise.ts";
import { fitGrid, type GridFit, gridPeriods, topHat } from "./_grid.ts";
import { lineMean } from "./_morph.ts";
import { type Component, connectedComponents } from "./_components.ts";
import { findMarkers } from "./_markers.ts";
import { findPulses } from "./_pulse.ts";
import { buildMesh, evalField, invertField, type MmField } from "./_mesh.ts";
import { type Affine, applyAffine, warpMesh } from "./_warp.ts";

const NOT_ECG = "no ECG grid/trace found";

/** How much of the page width long, thin ink components (traces) cover, in page widths. */
function traceCoverage(components: readonly Component[], s: number, width: number): number {
  let covered = 0;
  for (const c of components) {
    const w = c.right - c.left + 1, h = c.bottom - c.top + 1;
    if (w >= 8 * s && c.area <= 0.3 * w * h) covered += w;
  }
  return covered / width;
}

/**
 * Shift the rectified page's origin (mm) by less than a pixel so that its
 * centre pixel maps onto a whole input pixel: at the native scale a flat
 * page is then resampled by a whole-pixel shift, not interpolated.
 */
function alignOrigin(
  f: MmField,
  toInput: Affine,
  U0: number,
  V0: number,
  P: number,
  W: number,
  H: number,
  start: [number, number],
): [number, number] {
  const buf = new Float64Array(6);
  const at = (X: number, Y: number): [number, number] =>
    applyAffine(toInput, ...invertField(f, U0 + X / P, V0 + Y / P, start, buf));
  const Xc = Math.round(W / 2), Yc = Math.round(H / 2), d = Math.max(1, Math.round(P));
  const c = at(Xc, Yc), cx = at(Xc + d, Yc), cy = at(Xc, Yc + d);
  const a = (cx[0] - c[0]) / d, b = (cy[0] - c[0]) / d, e = (cx[1] - c[1]) / d;
  const g = (cy[1] - c[1]) / d, det = a * g - b * e;
  const ex = Math.round(c[0]) - c[0], ey = Math.round(c[1]) - c[1];
  if (!(Math.abs(det) > 1e-6)) return [U0, V0];
  const dX = (g * ex - b * ey) / det, dY = (a * ey - e * ex) / det;
  if (!(Math.abs(dX) <= 2 && Math.abs(dY) <= 2)) return [U0, V0];
  return [U0 + dX / P, V0 + dY / P];
}

/**
 * Rectify an ECG image: find its orientation, small rotation and grid, and
 * resample it onto a straight, axis-aligned grid at a known scale. Works on
 * renders, scans and photos with any grid colour; without a grid the scale
 * comes from the calibration pulses, else from an assumed page width (with
 * a warning). An image without an ECG grid or trace gives
 * `{ ok: false, reason }`, not an exception.
 *
 * The normalised image (and its heatmaps and markers) is at the working
 * scale: the input box-averaged by `1 / normalisedScale` so that the grid
 * has about `workPxPerMm` px per mm. The rectified page is at `pxPerMm`:
 * by default the input's own measured scale, unrounded, at most
 * `maxPxPerMm`; with a grid, its origin is set so that the page centre
 * falls on whole input pixels, so a flat, straight page is resampled by
 * (nearly) a whole-pixel shift.
 *
 * @example
 * ```ts
 * import { rectify } from "./rectify.ts";
 * const blank = { width: 64, height: 64, channels: 3 as const, data: new Uint8Array(64 * 64 * 3).fill(255) };
 * const result = await rectify(blank);
 * console.assert(!result.ok);
 * ```
 */
export function rectify(image: RasterImage, options?: RectifyOptions): Promise<RectifyResult> {
  try {
    return Promise.resolve(rectifySync(image, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

function rectifySync(image: RasterImage, options?: RectifyOptions): RectifyResult {
  const o = resolveRectifyOptions(options);
  if (image.width < 32 || image.height < 32) return { ok: false, reason: "image too small" };
  const s0 = normalise(image, o.workPxPerMm);
  const N = s0.normalised;
  const maps = evidenceMaps(N);
  const mask = new Uint8Array(maps.ink.length);
  let inkCount = 0;
  for (let i = 0; i < mask.length; i++) {
    if (maps.ink[i]! >= maps.model.inkThreshold) mask[i] = 1, inkCount++;
  }
  const components = connectedComponents(mask, N.width, N.height);
  const warnings: string[] = [];
  const lines = topHat(maps.grid, N.width, N.height, Math.round(2.5 * o.workPxPerMm) | 1);
  const hint = s0.roughFromFineGrid && s0.roughPxPerMm !== null
    ? s0.roughPxPerMm / s0.factor
    : null;
  const periods = gridPeriods(lines, N.width, N.height, hint);
  let grid: GridFit | null = periods ? fitGrid(lines, N.width, N.height, periods) : null;
  if (grid) {
    const aniso = Math.abs(grid.pxPerMmX / grid.pxPerMmY - 1);
    const agree = periods!.every((p) => p.agree);
    // A paper grid is square: periods far apart in x and y (or apart and
    // contradicted by the other estimator) are a texture, not a grid.
    if (grid.validFraction < 0.05 || aniso > 0.25 || (aniso > 0.1 && !agree)) grid = null;
    else if (aniso > 0.03) {
      warnings.push(`grid period differs between x and y by ${(aniso * 100).toFixed(1)} %`);
    }
    if (grid && !(periods![0].agree && periods![1].agree)) {
      warnings.push("spectral and autocorrelation grid periods disagree");
    }
  }
  let sN: number, scaleSource: "grid" | "calibration-pulse" | "assumed";
  const pulses = grid ? null : findPulses(mask, N.width, N.height);
  if (grid) sN = (grid.pxPerMmX + grid.pxPerMmY) / 2, scaleSource = "grid";
  else if (pulses) {
    sN = (pulses.pxPerMmX + pulses.pxPerMmY) / 2, scaleSource = "calibration-pulse";
    warnings.push("no grid: scale from calibration pulses, assuming 10 mm/mV and 25 mm/s");
  } else {
    sN = Math.max(N.width, N.height) / o.assumedPageWidthMm, scaleSource = "assumed";
    warnings.push(
      `no grid or calibration pulse: scale assumes a ${o.assumedPageWidthMm} mm wide page`,
    );
  }
  const coverage = traceCoverage(components, sN, N.width);
  const inkFraction = inkCount / mask.length;
  // Trace evidence: long thin ink components, or (on the coarse look) ink in
  // rows that runs along one axis.
  const rows = s0.orientation.rows >= 1 && s0.orientation.rowScore > 0.2 &&
    s0.orientation.axisScore > 0.15;
  const traced = inkFraction < 0.25 && (coverage >= 0.5 || rows);
  if (!traced || (!grid && !pulses && !(rows && coverage >= 0.5))) {
    return { ok: false, reason: NOT_ECG };
  }

  const inputPxPerMm = sN * s0.factor;
  const P = o.pxPerMm ?? Math.min(o.maxPxPerMm, inputPxPerMm);
  const stepPx = Math.max(4, Math.round(2 * P));
  const buf = new Float64Array(6);
  let W: number, H: number, mesh: PageMesh;
  let toRect: (x: number, y: number) => [number, number];
  if (grid) {
    const g = grid, f = g.field;
    let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
    for (let k = 0; k < f.u.length; k++) {
      if (g.validU[k]) u0 = Math.min(u0, f.u[k]!), u1 = Math.max(u1, f.u[k]!);
      if (g.validV[k]) v0 = Math.min(v0, f.v[k]!), v1 = Math.max(v1, f.v[k]!);
    }
    let U0 = Math.floor(u0 - o.marginMm), V0 = Math.floor(v0 - o.marginMm);
    W = Math.round((Math.ceil(u1 + o.marginMm) - U0) * P) + 1;
    H = Math.round((Math.ceil(v1 + o.marginMm) - V0) * P) + 1;
    [U0, V0] = alignOrigin(f, s0.toInput, U0, V0, P, W, H, [N.width / 2, N.height / 2]);
    let guess: [number, number] = [N.width / 2, N.height / 2], rowGuess = guess;
    const cols = Math.ceil((W - 1) / stepPx) + 1, rowsN = Math.ceil((H - 1) / stepPx) + 1;
    mesh = buildMesh(cols, rowsN, stepPx, (X, Y) => {
      const p = invertField(f, U0 + X / P, V0 + Y / P, X === 0 ? rowGuess : guess, buf);
      if (X === 0) rowGuess = p;
      guess = p;
      return applyAffine(s0.toInput, p[0], p[1]);
    });
    toRect = (x, y) => {
      evalField(f, x, y, buf);
      return [(buf[0]! - U0) * P, (buf[3]! - V0) * P];
    };
  } else {
    const k = sN / P;
    W = Math.round(N.width / k), H = Math.round(N.height / k);
    const cols = Math.ceil((W - 1) / stepPx) + 1, rowsN = Math.ceil((H - 1) / stepPx) + 1;
    mesh = buildMesh(cols, rowsN, stepPx, (X, Y) => applyAffine(s0.toInput, X * k, Y * k));
    toRect = (x, y) => [x / k, y / k];
  }
  const rect = warpMesh(image, mesh, W, H);
  const markers = findMarkers(components, sN);
  const rectifiedMarkers: Marker[] = markers.map((m) => {
    const [l, t, r, b] = m.box;
    const pts = [toRect(l, t), toRect(r, t), toRect(r, b), toRect(l, b)];
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    return {
      ...m,
      box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const,
    };
  });
  const gh = grid ? grid.gh : lineMean(lines, N.width, N.height, "x", Math.round(1.5 * sN));
  const gv = grid ? grid.gv : lineMean(lines, N.width, N.height, "y", Math.round(1.5 * sN));
  const residual = grid ? grid.residualRad : 0;
  let confidence: number;
  if (grid) {
    const aniso = Math.abs(grid.pxPerMmX / grid.pxPerMmY - 1);
    confidence = 0.45 * Math.min(1, grid.validFraction / 0.4) +
      0.15 * (grid.periodX.agree && grid.periodY.agree ? 1 : 0) +
      0.15 * Math.max(0, 1 - aniso / 0.05) + 0.25 * Math.min(1, coverage / 2);
  } else confidence = scaleSource === "calibration-pulse" ? 0.5 : 0.25;
  return {
    ok: true,
    normalised: { width: N.width, height: N.height, channels: 3, data: N.data },
    normalisedScale: 1 / s0.factor,
    quarterTurns: s0.quarterTurns,
    rotationDeg: ((s0.thetaRad + residual) * 180) / Math.PI,
    markers,
    rectifiedMarkers,
    gridHorizontal: { width: N.width, height: N.height, data: gh },
    gridVertical: { width: N.width, height: N.height, data: gv },
    gridFound: grid !== null,
    gridPxPerMm: grid ? { x: grid.pxPerMmX, y: grid.pxPerMmY } : { x: sN, y: sN },
    image: { width: W, height: H, channels: 3, data: rect.data },
    pxPerMm: P,
    mesh,
    confidence: Math.round(confidence * 1000) / 1000,
    scaleSource,
    warnings,
  };
}

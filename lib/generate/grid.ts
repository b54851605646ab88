/**
 * The millimetre grid: rendered straight into an RGB image from two 1-D
 * coverage profiles per axis (minor and major lines), which also give the
 * grid masks exactly.
 *
 * @module
 */
import { overlap } from "../raster/draw.ts";
import type { RasterImage, Rgb } from "../raster/image.ts";
import type { GridColours } from "./paper.ts";

/**
 * How minor lines are printed: `solid` lines, `dotted_minor` (dotted lines),
 * `dots` (a dot at each crossing), `major_only` (none). Major lines are
 * always solid.
 */
export type GridPattern = "solid" | "dotted_minor" | "dots" | "major_only";

/** Line coverage (0..1) of every column (`x`) and row (`y`) of the page. */
export interface GridProfiles {
  readonly minorX: Float32Array;
  readonly majorX: Float32Array;
  readonly minorY: Float32Array;
  readonly majorY: Float32Array;
  /** Dotted minor lines: how much of each column (x) and row (y) a dash covers. */
  readonly dashX: Float32Array;
  readonly dashY: Float32Array;
  readonly pattern: GridPattern;
  /** Inclusive pixel box `[x0, y0, x1, y1]` the grid is printed in. */
  readonly box: readonly [number, number, number, number];
}

/** Where and how thick the grid lines are, in pixels. */
export interface GridGeometry {
  readonly width: number;
  readonly height: number;
  readonly pxPerMm: number;
  /** A major line crossing, in pixel coordinates. */
  readonly originX: number;
  readonly originY: number;
  readonly minorWidthPx: number;
  readonly majorWidthPx: number;
  /** Minor line pattern. @default "solid" */
  readonly pattern?: GridPattern;
  /** Inclusive pixel box `[x0, y0, x1, y1]` to print in. @default the whole page */
  readonly box?: readonly [number, number, number, number];
}

/** Dots of dotted minor lines: one every this many mm, this long. */
const DASH_PERIOD_MM = 0.5, DASH_LENGTH_MM = 0.2;

/** Compute the coverage profiles of the grid lines along both axes. */
export function gridProfiles(g: GridGeometry): GridProfiles {
  const [minorX, majorX] = axisProfile(g.width, g.originX, g.pxPerMm, g);
  const [minorY, majorY] = axisProfile(g.height, g.originY, g.pxPerMm, g);
  const pattern = g.pattern ?? "solid";
  if (pattern === "major_only") {
    minorX.fill(0);
    minorY.fill(0);
  }
  const dashed = pattern === "dotted_minor";
  return {
    minorX,
    majorX,
    minorY,
    majorY,
    dashX: dashed ? dashProfile(g.width, g.originX, g.pxPerMm) : new Float32Array(0),
    dashY: dashed ? dashProfile(g.height, g.originY, g.pxPerMm) : new Float32Array(0),
    pattern,
    box: g.box ?? [0, 0, g.width - 1, g.height - 1],
  };
}

function dashProfile(size: number, origin: number, pxPerMm: number): Float32Array {
  const out = new Float32Array(size);
  const period = DASH_PERIOD_MM * pxPerMm, half = (DASH_LENGTH_MM * pxPerMm) / 2;
  const kFirst = Math.floor((-1 - origin) / period), kLast = Math.ceil((size - origin) / period);
  for (let k = kFirst; k <= kLast; k++) {
    const centre = origin + k * period;
    const lo = Math.max(0, Math.round(centre - half)),
      hi = Math.min(size - 1, Math.round(centre + half));
    for (let p = lo; p <= hi; p++) {
      out[p] = Math.min(1, out[p]! + overlap(p - 0.5, p + 0.5, centre - half, centre + half));
    }
  }
  return out;
}

/**
 * Coverage (0..1) of the horizontal and the vertical lines at pixel
 * `(x, y)`, minor and major, by the profiles' pattern and box; writes
 * `[minorH, minorV, majorH, majorV]` into `out`. The grid is painted and
 * its masks are made from these same numbers.
 */
export function gridCoverageAt(p: GridProfiles, x: number, y: number, out: Float64Array): void {
  const [x0, y0, x1, y1] = p.box;
  if (x < x0 || x > x1 || y < y0 || y > y1) {
    out.fill(0);
    return;
  }
  const mx = p.minorX[x]!, my = p.minorY[y]!;
  switch (p.pattern) {
    case "dotted_minor":
      out[0] = my * p.dashX[x]!;
      out[1] = mx * p.dashY[y]!;
      break;
    case "dots":
      out[0] = out[1] = mx * my;
      break;
    default:
      out[0] = my;
      out[1] = mx;
  }
  out[2] = p.majorY[y]!;
  out[3] = p.majorX[x]!;
}

/** Whether the profiles draw plain full-page solid lines (the fast path). */
function plain(p: GridProfiles, width: number, height: number): boolean {
  const [x0, y0, x1, y1] = p.box;
  return p.pattern !== "dotted_minor" && p.pattern !== "dots" && x0 <= 0 && y0 <= 0 &&
    x1 >= width - 1 && y1 >= height - 1;
}

function axisProfile(
  size: number,
  origin: number,
  pxPerMm: number,
  g: GridGeometry,
): [Float32Array, Float32Array] {
  const minor = new Float32Array(size);
  const major = new Float32Array(size);
  const kFirst = Math.ceil((-0.5 - g.majorWidthPx - origin) / pxPerMm);
  const kLast = Math.floor((size - 0.5 + g.majorWidthPx - origin) / pxPerMm);
  for (let k = kFirst; k <= kLast; k++) {
    const isMajor = ((k % 5) + 5) % 5 === 0;
    const half = (isMajor ? g.majorWidthPx : g.minorWidthPx) / 2;
    const centre = origin + k * pxPerMm;
    const target = isMajor ? major : minor;
    const lo = Math.max(0, Math.round(centre - half)),
      hi = Math.min(size - 1, Math.round(centre + half));
    for (let p = lo; p <= hi; p++) {
      const c = overlap(p - 0.5, p + 0.5, centre - half, centre + half);
      if (c > target[p]!) target[p] = Math.min(1, c);
    }
  }
  return [minor, major];
}

const paperCache = new Map<string, Uint8Array>();
const PAPER_CACHE_SIZE = 2;

/**
 * The RGB pixels of blank gridded paper, cached: most batches use one grid
 * style, and copying a cached page is far cheaper than painting one.
 * The returned buffer is shared: copy it, never write to it.
 */
export function gridPaper(
  g: GridGeometry,
  profiles: GridProfiles,
  colours: GridColours,
  paper: Rgb,
): Uint8Array {
  const key = JSON.stringify([g, colours, paper]);
  const hit = paperCache.get(key);
  if (hit) return hit;
  const data = new Uint8Array(g.width * g.height * 3);
  paintGrid({ width: g.width, height: g.height, channels: 3, data }, profiles, colours, paper);
  if (paperCache.size >= PAPER_CACHE_SIZE) paperCache.delete(paperCache.keys().next().value!);
  paperCache.set(key, data);
  return data;
}

/**
 * Paint the grid over a paper-coloured RGB image (in place). Minor lines
 * are blended first, major lines over them; crossings do not darken.
 */
export function paintGrid(
  image: RasterImage,
  p: GridProfiles,
  colours: GridColours,
  paper: Rgb,
): void {
  const { width, height, data } = image;
  if (!plain(p, width, height)) return paintPatterned(image, p, colours, paper);
  const template = new Uint8Array(width * 3);
  paintRow(template, 0, width, p, 0, 0, colours, paper);
  for (let y = 0; y < height; y++) {
    const my = p.minorY[y]!, My = p.majorY[y]!;
    if (my === 0 && My === 0) data.set(template, y * width * 3);
    else paintRow(data, y * width * 3, width, p, my, My, colours, paper);
  }
}

function paintRow(
  out: Uint8Array,
  offset: number,
  width: number,
  p: GridProfiles,
  minorY: number,
  majorY: number,
  { minor, major }: GridColours,
  paper: Rgb,
): void {
  for (let x = 0, i = offset; x < width; x++, i += 3) {
    const a = Math.max(p.minorX[x]!, minorY);
    const b = Math.max(p.majorX[x]!, majorY);
    for (let c = 0; c < 3; c++) {
      const base = paper[c]! + (minor[c]! - paper[c]!) * a;
      out[i + c] = base + (major[c]! - base) * b + 0.5;
    }
  }
}

function paintPatterned(
  image: RasterImage,
  p: GridProfiles,
  { minor, major }: GridColours,
  paper: Rgb,
): void {
  const { width, height, data } = image;
  const cov = new Float64Array(4);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      gridCoverageAt(p, x, y, cov);
      const a = Math.max(cov[0]!, cov[1]!), b = Math.max(cov[2]!, cov[3]!);
      for (let c = 0; c < 3; c++) {
        const base = paper[c]! + (minor[c]! - paper[c]!) * a;
        data[i + c] = base + (major[c]! - base) * b + 0.5;
      }
    }
  }
}

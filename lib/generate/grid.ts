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

/** Line coverage (0..1) of every column (`x`) and row (`y`) of the page. */
export interface GridProfiles {
  readonly minorX: Float32Array;
  readonly majorX: Float32Array;
  readonly minorY: Float32Array;
  readonly majorY: Float32Array;
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
}

/** Compute the coverage profiles of the grid lines along both axes. */
export function gridProfiles(g: GridGeometry): GridProfiles {
  const [minorX, majorX] = axisProfile(g.width, g.originX, g.pxPerMm, g);
  const [minorY, majorY] = axisProfile(g.height, g.originY, g.pxPerMm, g);
  return { minorX, majorX, minorY, majorY };
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

/**
 * Shared helpers of the rectification tests: pages rendered from fixture
 * records, fixture images, and exact geometric warps (bilinear sampling
 * through a known inverse map) so that the right answer is known.
 */
import { generatePage, planPages } from "../../lib/generate/generate.ts";
import type { GenerateOptions } from "../../lib/generate/options.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import type { RasterImage } from "../../lib/raster/image.ts";

/** Path of a file under fixtures/. */
export function fixture(path: string): string {
  return new URL(`../../fixtures/${path}`, import.meta.url).pathname;
}

/** Decode a fixture image. */
export async function fixtureImage(path: string): Promise<RasterImage> {
  return decodeImage(await Deno.readFile(fixture(path)));
}

/** The first page of fixture record E07500 rendered with `options`. */
export async function renderPage(options: GenerateOptions): Promise<RasterImage> {
  const record = await readWfdbRecord(fixture("records/E07500.hea"));
  const [plan] = planPages(record, options);
  const page = await generatePage(record, plan!, options);
  return page.image;
}

/** Output pixel → source pixel. */
export type InverseMap = (x: number, y: number) => [number, number];

/** Resample `src` (RGB) into `width × height` through an inverse map, bilinear, white outside. */
export function warp(
  src: RasterImage,
  width: number,
  height: number,
  inv: InverseMap,
): RasterImage {
  const out = new Uint8Array(width * height * 3).fill(255);
  const { data, channels: ch } = src;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = inv(x, y);
      if (!(sx >= 0 && sy >= 0 && sx <= src.width - 1 && sy <= src.height - 1)) continue;
      const x0 = Math.min(src.width - 2, Math.floor(sx)),
        y0 = Math.min(src.height - 2, Math.floor(sy));
      const tx = sx - x0, ty = sy - y0;
      for (let c = 0; c < 3; c++) {
        const k = (y0 * src.width + x0) * ch + c;
        const a = data[k]!, b = data[k + ch]!;
        const d = data[k + src.width * ch]!, e = data[k + src.width * ch + ch]!;
        out[(y * width + x) * 3 + c] = (a + (b - a) * tx) * (1 - ty) + (d + (e - d) * tx) * ty +
          0.5;
      }
    }
  }
  return { width, height, channels: 3, data: out };
}

/**
 * The page turned clockwise by `deg` degrees about its centre (into a
 * canvas of the same size), and the inverse map used.
 */
export function rotate(src: RasterImage, deg: number): { image: RasterImage; inv: InverseMap } {
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
  const cx = (src.width - 1) / 2, cy = (src.height - 1) / 2;
  const inv: InverseMap = (x, y) => [
    cx + c * (x - cx) + s * (y - cy),
    cy - s * (x - cx) + c * (y - cy),
  ];
  return { image: warp(src, src.width, src.height, inv), inv };
}

/** The page turned clockwise by `turns` quarter turns (exact). */
export function quarterTurns(src: RasterImage, turns: 1 | 2 | 3): RasterImage {
  const w = src.width, h = src.height;
  const ow = turns === 2 ? w : h, oh = turns === 2 ? h : w;
  const inv: InverseMap = (x, y) =>
    turns === 1 ? [y, h - 1 - x] : turns === 2 ? [w - 1 - x, h - 1 - y] : [w - 1 - y, x];
  return warp(src, ow, oh, inv);
}

/** A 3×3 homography applied to a point (row-major `h`). */
export function applyHomography(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** A page mesh evaluated at rectified point (X, Y), bilinear between nodes. */
export function meshAt(
  mesh: { stepPx: number; cols: number; rows: number; srcX: Float32Array; srcY: Float32Array },
  X: number,
  Y: number,
): [number, number] {
  const s = mesh.stepPx;
  const i = Math.min(mesh.cols - 2, Math.floor(X / s)),
    j = Math.min(mesh.rows - 2, Math.floor(Y / s));
  const tx = X / s - i, ty = Y / s - j, k = j * mesh.cols + i;
  const bil = (a: Float32Array): number =>
    (a[k]! * (1 - tx) + a[k + 1]! * tx) * (1 - ty) +
    (a[k + mesh.cols]! * (1 - tx) + a[k + mesh.cols + 1]! * tx) * ty;
  return [bil(mesh.srcX), bil(mesh.srcY)];
}

/**
 * How far the rectified page departs from a straight, uniform millimetre
 * grid: for rectified points 20 mm apart, map them to the input through the
 * mesh and back to the original page through the known inverse warp, and
 * compare page millimetres with rectified millimetres. Returns the largest
 * relative scale error and the largest cross-axis drift (mm) over 20 mm.
 */
export function gridStraightness(
  result: { mesh: Parameters<typeof meshAt>[0]; pxPerMm: number; image: RasterImage },
  toPage: InverseMap,
  pagePxPerMm: number,
  pageSize: [number, number],
): { scaleError: number; driftMm: number; samples: number } {
  const P = result.pxPerMm, span = 20 * P;
  const pageMm = (X: number, Y: number): [number, number] | null => {
    const [qx, qy] = meshAt(result.mesh, X, Y);
    const [px, py] = toPage(qx, qy);
    if (px < 40 || py < 40 || px > pageSize[0] - 40 || py > pageSize[1] - 40) return null;
    return [(px + 0.5) / pagePxPerMm, (py + 0.5) / pagePxPerMm];
  };
  let scaleError = 0, driftMm = 0, samples = 0;
  for (let Y = span / 2; Y + span < result.image.height; Y += span / 2) {
    for (let X = span / 2; X + span < result.image.width; X += span / 2) {
      const a = pageMm(X, Y), b = pageMm(X + span, Y), c = pageMm(X, Y + span);
      if (!a || !b || !c) continue;
      samples++;
      scaleError = Math.max(
        scaleError,
        Math.abs((b[0] - a[0]) / 20 - 1),
        Math.abs((c[1] - a[1]) / 20 - 1),
      );
      driftMm = Math.max(driftMm, Math.abs(b[1] - a[1]), Math.abs(c[0] - a[0]));
    }
  }
  return { scaleError, driftMm, samples };
}

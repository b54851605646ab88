/**
 * A row's band, resampled to the learned trace reader's canonical scale: a
 * strip of the rectified page centred on the row's level, `BAND_HEIGHT`
 * rows of `BAND_PX_PER_MM_Y` px/mm (±32 mm: ±3.2 mV at 10 mm/mV, with the
 * neighbouring rows' ink) by one column every `1 / BAND_PX_PER_MM_X` mm
 * (twice the vertical resolution: about two samples per column at 25 mm/s
 * and 500 Hz). Two channels, 0 to 255: the page's trace ink and the
 * darkness of the page against its paper. The same code cuts the bands the
 * model is trained on (`training/trace_reader/`) and the bands it reads.
 *
 * @module
 */
import type { RasterImage } from "../../raster/image.ts";
import type { InkMap } from "../ink.ts";

/** Band rows. */
export const BAND_HEIGHT = 256;
/** Vertical scale of the band, px per mm of paper. */
export const BAND_PX_PER_MM_Y = 4;
/** Horizontal scale of the band, columns per mm of paper. */
export const BAND_PX_PER_MM_X = 8;
/** Input channels of the band: trace ink, darkness. */
export const BAND_CHANNELS = 2;

/** A band cut from the page, and where it lies. */
export interface Band {
  /** Columns. */
  readonly width: number;
  /** Planar `BAND_CHANNELS × BAND_HEIGHT × width`, 0 to 255. */
  readonly data: Uint8Array;
  /** Page x of column 0's centre, px. */
  readonly x0: number;
  /** Page px between column centres. */
  readonly dx: number;
  /** Page y of the band's centre (between rows `BAND_HEIGHT/2 − 1` and `BAND_HEIGHT/2`), px. */
  readonly centreY: number;
  /** Page px between row centres. */
  readonly dy: number;
}

/** Page y of a (fractional) band row. */
export function bandRowToPageY(band: Band, row: number): number {
  return band.centreY + (row - (BAND_HEIGHT - 1) / 2) * band.dy;
}

/** Band row (fractional) of a page y. */
export function pageYToBandRow(band: Band, y: number): number {
  return (y - band.centreY) / band.dy + (BAND_HEIGHT - 1) / 2;
}

/**
 * Cut the band of columns `[xFrom, xTo]` (page px) centred at `centreY`.
 * Each band pixel is the mean of a grid of bilinear samples covering its
 * footprint on the page (so a page finer than the band is area-averaged,
 * and a coarser one interpolated); outside the page is paper.
 */
export function cutBand(
  image: RasterImage,
  ink: InkMap,
  pxPerMm: number,
  centreY: number,
  xFrom: number,
  xTo: number,
): Band {
  const dx = pxPerMm / BAND_PX_PER_MM_X, dy = pxPerMm / BAND_PX_PER_MM_Y;
  const width = Math.max(1, Math.floor((xTo - xFrom) / dx) + 1);
  const H = BAND_HEIGHT;
  const data = new Uint8Array(BAND_CHANNELS * H * width);
  const { width: W, height: Hp, channels } = image;
  // Brightness (mean of the channels) of the page, one byte per pixel, over the band's rows only.
  const yTop = Math.max(0, Math.floor(centreY - (H / 2 + 1) * dy));
  const yBot = Math.min(Hp - 1, Math.ceil(centreY + (H / 2 + 1) * dy));
  const xL = Math.max(0, Math.floor(xFrom - dx - 1)), xR = Math.min(W - 1, Math.ceil(xTo + dx + 1));
  const rows = Math.max(0, yBot - yTop + 1), cols = Math.max(0, xR - xL + 1);
  const lum = new Float32Array(rows * cols), inkv = new Float32Array(rows * cols);
  const hist = new Uint32Array(256);
  for (let r = 0; r < rows; r++) {
    const y = yTop + r;
    for (let c = 0; c < cols; c++) {
      const x = xL + c;
      const p = (y * W + x) * channels;
      let s = 0;
      for (let k = 0; k < Math.min(3, channels); k++) s += image.data[p + k]!;
      const v = s / Math.min(3, channels);
      lum[r * cols + c] = v;
      hist[v | 0]!++;
      inkv[r * cols + c] = ink.data[y * W + x]!;
    }
  }
  // Paper: the 90th percentile of brightness in the band.
  let paper = 255;
  const total = rows * cols;
  if (total > 0) {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= 0.9 * total) {
        paper = Math.max(v, 16);
        break;
      }
    }
  }
  const nx = Math.max(1, Math.ceil(dx - 1e-6)), ny = Math.max(1, Math.ceil(dy - 1e-6));
  const sample = (plane: Float32Array, x: number, y: number, outside: number): number => {
    const fx = x - xL, fy = y - yTop;
    if (fx < 0 || fy < 0 || fx > cols - 1 || fy > rows - 1) return outside;
    const ix = Math.min(cols - 2, Math.floor(fx)), iy = Math.min(rows - 2, Math.floor(fy));
    if (ix < 0 || iy < 0) return plane[Math.round(fy) * cols + Math.round(fx)] ?? outside;
    const tx = fx - ix, ty = fy - iy;
    const a = plane[iy * cols + ix]!, b = plane[iy * cols + ix + 1]!;
    const c = plane[(iy + 1) * cols + ix]!, d = plane[(iy + 1) * cols + ix + 1]!;
    return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
  };
  const plane = H * width;
  const inv = 1 / (nx * ny);
  for (let j = 0; j < H; j++) {
    const yc = centreY + (j - (H - 1) / 2) * dy;
    for (let i = 0; i < width; i++) {
      const xc = xFrom + i * dx;
      let sInk = 0, sLum = 0;
      for (let b = 0; b < ny; b++) {
        const y = yc + ((b + 0.5) / ny - 0.5) * dy;
        for (let a = 0; a < nx; a++) {
          const x = xc + ((a + 0.5) / nx - 0.5) * dx;
          sInk += sample(inkv, x, y, 0);
          sLum += sample(lum, x, y, paper);
        }
      }
      const o = j * width + i;
      data[o] = Math.min(255, Math.round(sInk * inv));
      const dark = (paper - sLum * inv) / paper;
      data[plane + o] = Math.max(0, Math.min(255, Math.round(255 * dark)));
    }
  }
  return { width, data, x0: xFrom, dx, centreY, dy };
}

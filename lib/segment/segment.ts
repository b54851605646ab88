/**
 * The learned trace segmenter: a small U-Net (trained by `training/`, shipped
 * as `models/trace_segmenter.onnx`) run with onnxruntime-node on the CPU,
 * tile by tile with overlap, at a working scale of about 4 px/mm. It gives
 * the same {@linkcode InkMap} as the classic colour model, so stage 2 can
 * use either.
 *
 * @module
 */
import * as ort from "npm:onnxruntime-node@1.23.0";
import { openOrtSession } from "./ort_session.ts";
import type { InkMap } from "../digitize/ink.ts";
import type { RasterImage } from "../raster/image.ts";
import { planeToBytes, toPlanarRgb } from "./resample.ts";
import { axisTiles } from "./tiles.ts";

/** The classes the model outputs, in channel order. */
export const SEGMENT_CLASSES = ["background", "grid", "text", "trace"] as const;

/** Options of {@linkcode createSegmenter}. */
export interface SegmenterOptions {
  /** Threads of onnxruntime (intra-op). @default 1 */
  threads?: number;
}

/** Options of {@linkcode Segmenter.segment}. */
export interface SegmentOptions {
  /** Pixels per millimetre of paper in the image (from the grid, or dpi / 25.4). */
  pxPerMm: number;
  /** Scale the model runs at, px/mm (it was trained at 3.5 to 4.5). @default 4 */
  workingPxPerMm?: number;
  /** Largest tile side at the working scale, px. @default 1024 */
  maxTile?: number;
  /** Overlap between neighbouring tiles, px. @default 64 */
  overlap?: number;
  /**
   * On images finer than the working scale (by 4/3 or more), weigh the
   * upsampled trace probability by each pixel's own darkness, so that the
   * map is as thin as the ink rather than as a working-scale pixel. @default true
   */
  refine?: boolean;
}

/** Trace probabilities and what else the model saw. */
export interface Segmentation extends InkMap {
  /** Class probabilities at the working scale, planar (`SEGMENT_CLASSES` order), `workWidth × workHeight`. */
  readonly classes: Float32Array;
  /** Width of the working-scale planes, px. */
  readonly workWidth: number;
  /** Height of the working-scale planes, px. */
  readonly workHeight: number;
}

/** A loaded segmenter. */
export interface Segmenter {
  /** Segment an image: trace probability per input pixel (0..255) and the class planes. */
  segment(image: RasterImage, options: SegmentOptions): Promise<Segmentation>;
  /** Free the session. */
  release(): Promise<void>;
}

const MULTIPLE = 8;

/**
 * Load a segmenter from the bytes of its ONNX model (see
 * `loadSegmenter` in `lib/io/segmenter.ts` for the shipped one).
 * Deterministic: the same image gives the same bytes.
 */
export async function createSegmenter(
  model: Uint8Array,
  options: SegmenterOptions = {},
): Promise<Segmenter> {
  const { threads = 1 } = options;
  const { session, input, output } = await openOrtSession(model, threads);
  return {
    async segment(image, o) {
      const { pxPerMm, workingPxPerMm = 4, maxTile = 1024, overlap = 64, refine = true } = o;
      if (!(pxPerMm > 0)) throw new RangeError(`Invalid option pxPerMm = ${pxPerMm}: must be > 0`);
      if (!(workingPxPerMm > 0)) {
        throw new RangeError(`Invalid option workingPxPerMm = ${workingPxPerMm}: must be > 0`);
      }
      if (!(maxTile >= 64 && overlap >= 0 && overlap < maxTile / 2)) {
        throw new RangeError(`Invalid tiles: maxTile ${maxTile}, overlap ${overlap}`);
      }
      const f = workingPxPerMm / pxPerMm;
      const w = Math.max(1, Math.round(image.width * f)),
        h = Math.max(1, Math.round(image.height * f));
      const rgb = toPlanarRgb(image, w, h);
      const classes = new Float32Array(4 * w * h);
      for (const ty of axisTiles(h, maxTile, overlap, MULTIPLE)) {
        for (const tx of axisTiles(w, maxTile, overlap, MULTIPLE)) {
          const tile = cutTile(rgb, w, h, tx.start, ty.start, tx.size, ty.size);
          const tensor = new ort.Tensor("float32", tile, [1, 3, ty.size, tx.size]);
          const result = await session.run({ [input]: tensor });
          const probs = result[output]!.data as Float32Array;
          const tileArea = tx.size * ty.size;
          for (let c = 0; c < 4; c++) {
            for (let y = ty.keepFrom; y < ty.keepTo; y++) {
              const src = c * tileArea + (y - ty.start) * tx.size - tx.start;
              const dst = c * w * h + y * w;
              for (let x = tx.keepFrom; x < tx.keepTo; x++) classes[dst + x] = probs[src + x]!;
            }
          }
        }
      }
      const trace = classes.subarray(3 * w * h, 4 * w * h);
      const data = planeToBytes(trace, w, h, image.width, image.height);
      const [paperLevel, inkLevel] = levels(image, data);
      if (refine && f < 0.75) sharpen(image, data, paperLevel, inkLevel);
      return {
        width: image.width,
        height: image.height,
        data,
        threshold: 127,
        paperLevel,
        inkLevel,
        classes,
        workWidth: w,
        workHeight: h,
      };
    },
    async release() {
      await session.release();
    },
  };
}

/**
 * Weigh trace probabilities by darkness (in place): a pixel at least half
 * way from paper to ink keeps its probability, a paper-coloured one gets 0.
 */
function sharpen(image: RasterImage, trace: Uint8Array, paper: number, ink: number): void {
  const { channels, data } = image;
  const span = Math.max(16, paper - ink);
  for (let p = 0, i = 0; p < trace.length; p++, i += channels) {
    const t = trace[p]!;
    if (t === 0) continue;
    let m = data[i]!;
    if (channels >= 3) m = Math.max(m, data[i + 1]!, data[i + 2]!);
    const d = Math.min(1, Math.max(0, (2 * (paper - m)) / span));
    trace[p] = Math.round(t * d);
  }
}

/** A tile of the planar image, edge pixels repeated where it runs past the image. */
function cutTile(
  rgb: Float32Array,
  w: number,
  h: number,
  x0: number,
  y0: number,
  tw: number,
  th: number,
): Float32Array {
  const out = new Float32Array(3 * tw * th);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < th; y++) {
      const sy = Math.min(h - 1, y0 + y);
      const src = c * w * h + sy * w, dst = c * tw * th + y * tw;
      for (let x = 0; x < tw; x++) out[dst + x] = rgb[src + Math.min(w - 1, x0 + x)]!;
    }
  }
  return out;
}

/**
 * Paper and ink levels of the brightest channel: the median where the
 * model sees no trace, and the 5th percentile where it sees trace.
 */
function levels(image: RasterImage, trace: Uint8Array): [number, number] {
  const paper = new Float64Array(256), ink = new Float64Array(256);
  const { channels, data } = image;
  for (let p = 0, i = 0; p < trace.length; p += 7, i += 7 * channels) {
    let m = data[i]!;
    if (channels >= 3) m = Math.max(m, data[i + 1]!, data[i + 2]!);
    if (trace[p]! > 127) ink[m] = ink[m]! + 1;
    else if (trace[p]! < 32) paper[m] = paper[m]! + 1;
  }
  return [quantile(paper, 0.5, 255), quantile(ink, 0.05, 0)];
}

function quantile(hist: Float64Array, q: number, fallback: number): number {
  let total = 0;
  for (const v of hist) total += v;
  if (total === 0) return fallback;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= q * total) return v;
  }
  return 255;
}

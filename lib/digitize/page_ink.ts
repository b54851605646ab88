/**
 * The ink maps stage 2 reads a rectified page with: one for the traces
 * (rows, paths, pulses, trace ends) and one for the printed lead labels.
 * By default both are the classic colour/darkness {@linkcode inkMap}; a
 * learned segmenter (`lib/segment`) gives another trace map through the
 * same {@linkcode InkMap} seam.
 *
 * @module
 */
import { type InkMap, inkMap } from "./ink.ts";
import type { RasterImage } from "../raster/image.ts";

/**
 * Where the trace ink map came from: the classic colour model, the classic
 * map gated by an ONNX segmenter (see {@linkcode gatedInk}), or the
 * segmenter's trace probability as is.
 */
export type InkSource = "classic" | "onnx-gated" | "onnx-probability";

/** The ink maps of one rectified page (`image.width × image.height`). */
export interface PageInk {
  /** Where `trace` came from. */
  readonly source: InkSource;
  /** Trace ink: rows, paths, calibration pulses and trace ends are read from it. */
  readonly trace: InkMap;
  /**
   * Ink the lead labels are read from (the traced paths are taken out of
   * it first). @default trace
   */
  readonly text?: InkMap;
}

/** How far from a segmented trace pixel classic ink is kept, mm. */
const GATE_REACH_MM = 0.3;

/**
 * The classic ink maps of a rectified page: {@linkcode inkMap} for both
 * traces and text.
 *
 * @param image The rectified page.
 * @param gridPeriodPx The grid's 5 mm period, px, when a grid was found.
 *
 * @example
 * ```ts
 * import { classicPageInk } from "./page_ink.ts";
 * const image = { width: 8, height: 8, channels: 3 as const, data: new Uint8Array(192).fill(255) };
 * console.assert(classicPageInk(image).source === "classic");
 * ```
 */
export function classicPageInk(image: RasterImage, gridPeriodPx?: number): PageInk {
  const trace = inkMap(image, gridPeriodPx !== undefined ? { gridPeriodPx } : {});
  return { source: "classic", trace };
}

/**
 * The same maps for the page turned half round (180°), as `halfTurn` turns
 * the image.
 *
 * @example
 * ```ts
 * import { turnPageInk } from "./page_ink.ts";
 * const trace = { width: 2, height: 1, data: new Uint8Array([9, 0]), threshold: 1, paperLevel: 255, inkLevel: 0 };
 * console.assert(turnPageInk({ source: "onnx-gated", trace }).trace.data[1] === 9);
 * ```
 */
export function turnPageInk(ink: PageInk): PageInk {
  const trace = turnInk(ink.trace);
  if (ink.text === undefined) return { source: ink.source, trace };
  return {
    source: ink.source,
    trace,
    text: ink.text === ink.trace ? trace : turnInk(ink.text),
  };
}

function turnInk(map: InkMap): InkMap {
  const { width, height, threshold, paperLevel, inkLevel } = map;
  return { width, height, threshold, paperLevel, inkLevel, data: map.data.slice().reverse() };
}

/**
 * How a segmentation becomes the trace ink: the classic map gated by it
 * (`"gated"`, {@linkcode gatedInk}), or its trace probability as is
 * (`"probability"`).
 */
export type SegmentedInk = "gated" | "probability";

/**
 * The ink maps of a rectified page from a trace segmentation of it. The
 * lead labels are always read from the classic {@linkcode inkMap} (the
 * segmenter's trace map has no text, and its text plane reads far fewer
 * labels: BENCHMARKS.md).
 *
 * @param image The rectified page the segmentation was made of.
 * @param segmentation Its trace map (a `Segmentation` of `lib/segment`).
 * @param options `ink`: see {@linkcode SegmentedInk} (default `"gated"`);
 *   `pxPerMm`: page scale (default 8); `gridPeriodPx`: as for {@linkcode classicPageInk}.
 *
 * @example
 * ```ts
 * import { segmentationPageInk } from "./page_ink.ts";
 * const image = { width: 4, height: 1, channels: 3 as const, data: new Uint8Array(12).fill(255) };
 * const trace = { width: 4, height: 1, data: new Uint8Array(4), threshold: 127, paperLevel: 255, inkLevel: 0 };
 * console.assert(segmentationPageInk(image, trace).source === "onnx-gated");
 * ```
 */
export function segmentationPageInk(
  image: RasterImage,
  segmentation: InkMap,
  options: { ink?: SegmentedInk; pxPerMm?: number; gridPeriodPx?: number } = {},
): PageInk {
  const { ink = "gated", pxPerMm = 8, gridPeriodPx } = options;
  if (ink !== "gated" && ink !== "probability") {
    throw new RangeError(
      `Invalid option ink = ${JSON.stringify(ink)}: must be gated | probability`,
    );
  }
  if (!(pxPerMm > 0)) throw new RangeError(`Invalid option pxPerMm = ${pxPerMm}: must be > 0`);
  const classic = classicPageInk(image, gridPeriodPx).trace;
  if (ink === "probability") {
    return { source: "onnx-probability", trace: segmentation, text: classic };
  }
  const trace = gatedInk(classic, segmentation, GATE_REACH_MM * pxPerMm);
  return { source: "onnx-gated", trace, text: classic };
}

/**
 * The classic ink map kept only where a segmenter sees trace: whole
 * connected strokes of classic ink (above its threshold) that touch a
 * pixel the segmenter calls trace, and any ink within `reachPx` of such a
 * pixel. Strokes the segmenter only partly sees (the edges of a
 * calibration pulse) stay whole and keep the classic profile; shadows,
 * grid residue and text away from the traces go.
 *
 * @param classic The classic ink map of the page.
 * @param segmented The segmenter's trace map of the same page.
 * @param reachPx How far from a segmented trace pixel ink is kept, px.
 *
 * @example
 * ```ts
 * import { gatedInk } from "./page_ink.ts";
 * const map = (d: number[]) => ({ width: 5, height: 1, data: new Uint8Array(d), threshold: 40, paperLevel: 255, inkLevel: 0 });
 * // A stroke of three pixels the segmenter sees one of, and a lone speck it does not see.
 * const gated = gatedInk(map([90, 90, 90, 0, 90]), map([0, 200, 0, 0, 0]), 0);
 * console.assert(gated.data.join() === "90,90,90,0,0");
 * ```
 */
export function gatedInk(classic: InkMap, segmented: InkMap, reachPx: number): InkMap {
  const { width, height, data, threshold } = classic;
  const n = width * height;
  const seen = segmented.data, cut = segmented.threshold;
  const keep = new Uint8Array(n);
  // Near a segmented trace pixel: separable max filter of the segmented mask.
  const r = Math.max(0, Math.round(reachPx));
  const rowNear = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    let last = -Infinity;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      if (seen[base + x]! > cut) last = x;
      if (x - last <= r) rowNear[base + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (seen[base + x]! > cut) last = x;
      if (last - x <= r) rowNear[base + x] = 1;
    }
  }
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (rowNear[y * width + x]) last = y;
      if (y - last <= r) keep[y * width + x] = 1;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (rowNear[y * width + x]) last = y;
      if (last - y <= r) keep[y * width + x] = 1;
    }
  }
  // Whole strokes: flood the classic ink from every segmented trace pixel.
  const stack = new Int32Array(n);
  const stroke = new Uint8Array(n);
  let top = 0;
  for (let p = 0; p < n; p++) {
    if (seen[p]! > cut && data[p]! > threshold && !stroke[p]) {
      stroke[p] = 1;
      stack[top++] = p;
      while (top > 0) {
        const q = stack[--top]!;
        const qx = q % width, qy = (q - qx) / width;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = qy + dy;
          if (yy < 0 || yy >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = qx + dx;
            if (xx < 0 || xx >= width) continue;
            const m = yy * width + xx;
            if (!stroke[m] && data[m]! > threshold) {
              stroke[m] = 1;
              stack[top++] = m;
            }
          }
        }
      }
    }
  }
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) if (keep[p] || stroke[p]) out[p] = data[p]!;
  return { ...pick(classic), data: out };
}

function pick(map: InkMap): Omit<InkMap, "data"> {
  const { width, height, threshold, paperLevel, inkLevel } = map;
  return { width, height, threshold, paperLevel, inkLevel };
}

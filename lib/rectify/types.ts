/**
 * The contract between rectification (stages 0 and 1: orientation, grid,
 * page mapping) and signal extraction (stage 2). Coordinates: origin
 * top-left, `x` = column, `y` = row, pixel centres at integers.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/** A grayscale float map, row-major, `width × height`, values in [0, 1]. */
export interface FloatMap {
  /** Width, px. */
  readonly width: number;
  /** Height, px. */
  readonly height: number;
  /** Values, row-major. */
  readonly data: Float32Array;
}

/** A lead-label (or other text) marker found in stage 0, in normalised-image pixels. */
export interface Marker {
  /** What it is believed to be (`"II"`, `"aVR"`, …) or `"text"` when unread. */
  readonly label: string;
  /** `[left, top, right, bottom]`. */
  readonly box: readonly [number, number, number, number];
  /** 0 to 1. */
  readonly confidence: number;
}

/**
 * The mapping from the rectified page back to the input image, as a mesh:
 * node `(i, j)` sits at rectified pixel `(i * stepPx, j * stepPx)` and maps
 * to input pixel `(srcX[j * cols + i], srcY[j * cols + i])`; between nodes
 * the map is bilinear.
 */
export interface PageMesh {
  /** Node spacing in rectified pixels (an integer). */
  readonly stepPx: number;
  /** Nodes per row. */
  readonly cols: number;
  /** Node rows. */
  readonly rows: number;
  /** Input-image x of each node, row-major. */
  readonly srcX: Float32Array;
  /** Input-image y of each node, row-major. */
  readonly srcY: Float32Array;
}

/** A successful rectification. */
export interface Rectified {
  /** Success. */
  readonly ok: true;
  /** The input turned upright (quarter turns and small-angle deskew; perspective removed where found). */
  readonly normalised: RasterImage;
  /**
   * Normalised pixels per input pixel (≤ 1): estimation runs on the input
   * box-averaged to a working scale, and `normalised`, the heatmaps and
   * `markers` are at that scale.
   */
  readonly normalisedScale: number;
  /** Quarter turns (clockwise) applied to make the input upright. */
  readonly quarterTurns: 0 | 1 | 2 | 3;
  /** Small rotation removed, degrees (positive = the input was turned clockwise). */
  readonly rotationDeg: number;
  /** Text and lead-label markers found, in normalised-image pixels. */
  readonly markers: readonly Marker[];
  /** The same markers with their boxes in rectified-image (`image`) pixels. */
  readonly rectifiedMarkers: readonly Marker[];
  /** Horizontal and vertical grid-line evidence, in normalised-image pixels. */
  readonly gridHorizontal: FloatMap;
  /** Vertical grid-line evidence, in normalised-image pixels. */
  readonly gridVertical: FloatMap;
  /** Whether a millimetre grid was found (else scale came from the calibration pulse or a fallback). */
  readonly gridFound: boolean;
  /** Grid period in the normalised image, px per mm, x and y. */
  readonly gridPxPerMm: { readonly x: number; readonly y: number };
  /** The rectified page: grid axis-aligned, straight, at `pxPerMm` in both axes. RGB. */
  readonly image: RasterImage;
  /** Scale of `image`, px per mm. */
  readonly pxPerMm: number;
  /** Rectified page → input image. */
  readonly mesh: PageMesh;
  /** How sure stages 0–1 are, 0 to 1. */
  readonly confidence: number;
  /** How the scale was found. */
  readonly scaleSource: "grid" | "calibration-pulse" | "assumed";
  /** What to be wary of (no grid, x/y scale mismatch, …). */
  readonly warnings: readonly string[];
}

/** A failed rectification: a value, not an exception. */
export interface RectifyFailure {
  /** Failure. */
  readonly ok: false;
  /** Why, e.g. "no ECG grid/trace found". */
  readonly reason: string;
}

/** The result of rectification. */
export type RectifyResult = Rectified | RectifyFailure;

/**
 * One mapping from the undistorted page to the final image, composed of
 * geometric steps: forward maps page pixels to image pixels (ground truth),
 * inverse maps image pixels back to page pixels (resampling).
 *
 * @module
 */
import type { GeometricStep, PointTransform } from "../types.ts";

/** A composed page-to-image mapping. */
export interface Mapping {
  /** Page (input) width, px. */
  readonly inWidth: number;
  /** Page (input) height, px. */
  readonly inHeight: number;
  /** Final image width, px. */
  readonly outWidth: number;
  /** Final image height, px. */
  readonly outHeight: number;
  /** The steps, in the order they apply (empty for the identity). */
  readonly steps: readonly GeometricStep[];
  /** Page pixel → image pixel, written into `out` as `[x, y]`. */
  readonly forward: PointTransform;
  /** Image pixel → page pixel, written into `out` as `[x, y]`. */
  readonly inverse: PointTransform;
}

/**
 * Compose steps into one mapping (first step applied first). Each step's
 * input size must be the previous step's output size. With no steps, the
 * identity on a page of `size` (required then).
 *
 * @example
 * ```ts
 * import { composeSteps } from "./mapping.ts";
 * import { rotation } from "./rotation.ts";
 * import { pad } from "./pad.ts";
 * const frame = { width: 300, height: 200, pxPerMm: 4 };
 * const turn = rotation.step({ angle_deg: 0, quarter_turns: 2 }, frame);
 * const margin = pad.step({ left_mm: 1, top_mm: 0, right_mm: 0, bottom_mm: 0 }, {
 *   ...frame,
 *   width: turn.outWidth,
 *   height: turn.outHeight,
 * });
 * const mapping = composeSteps([turn, margin]);
 * const p = new Float64Array(2);
 * mapping.forward(0, 0, p);
 * console.assert(mapping.outWidth === 304 && Math.abs(p[0]! - 303) < 1e-9 && Math.abs(p[1]! - 199) < 1e-9);
 * ```
 */
export function composeSteps(
  steps: readonly GeometricStep[],
  size?: { readonly width: number; readonly height: number },
): Mapping {
  const first = steps[0], last = steps[steps.length - 1];
  if (!first || !last) {
    if (!size) throw new RangeError("Cannot compose steps: no steps and no page size");
    return {
      inWidth: size.width,
      inHeight: size.height,
      outWidth: size.width,
      outHeight: size.height,
      steps: [],
      forward: (x, y, out) => {
        out[0] = x;
        out[1] = y;
      },
      inverse: (x, y, out) => {
        out[0] = x;
        out[1] = y;
      },
    };
  }
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1]!, b = steps[i]!;
    if (a.outWidth !== b.inWidth || a.outHeight !== b.inHeight) {
      throw new RangeError(
        `Cannot compose steps: ${b.kind} takes ${b.inWidth}×${b.inHeight}, ${a.kind} gives ${a.outWidth}×${a.outHeight}`,
      );
    }
  }
  const list = [...steps];
  const n = list.length;
  return {
    inWidth: first.inWidth,
    inHeight: first.inHeight,
    outWidth: last.outWidth,
    outHeight: last.outHeight,
    steps: list,
    forward: (x, y, out) => {
      out[0] = x;
      out[1] = y;
      for (let i = 0; i < n; i++) list[i]!.forward(out[0]!, out[1]!, out);
    },
    inverse: (x, y, out) => {
      out[0] = x;
      out[1] = y;
      for (let i = n - 1; i >= 0; i--) list[i]!.inverse(out[0]!, out[1]!, out);
    },
  };
}

/**
 * Map points through `mapping` (`forward` by default): `points` is flat
 * `[x0, y0, x1, y1, …]`; returns a new array of the same shape.
 *
 * @example
 * ```ts
 * import { composeSteps, mapPoints } from "./mapping.ts";
 * const identity = composeSteps([], { width: 10, height: 10 });
 * console.assert(mapPoints(identity, [1, 2])[1] === 2);
 * ```
 */
export function mapPoints(
  mapping: Mapping,
  points: ArrayLike<number>,
  direction: "forward" | "inverse" = "forward",
): Float64Array {
  const f = direction === "forward" ? mapping.forward : mapping.inverse;
  const out = new Float64Array(points.length);
  const p = new Float64Array(2);
  for (let i = 0; i + 1 < points.length; i += 2) {
    f(points[i]!, points[i + 1]!, p);
    out[i] = p[0]!;
    out[i + 1] = p[1]!;
  }
  return out;
}

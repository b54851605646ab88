/**
 * Options of {@linkcode rectify}: the exported interface, its defaults, and
 * the function that resolves and validates them.
 *
 * @module
 */

/** Options of `rectify`. Every field is optional. */
export interface RectifyOptions {
  /**
   * Scale of the rectified page, px per mm. By default the input's own scale
   * as measured (not rounded, so that on a flat page the resampling is close
   * to the identity and loses no detail), at most `maxPxPerMm`.
   * @default undefined
   */
  pxPerMm?: number;
  /** Upper bound of the automatic output scale, px per mm (12 ≈ 305 dpi). @default 12 */
  maxPxPerMm?: number;
  /** Paper kept around the grid's extent in the rectified page, mm. @default 3 */
  marginMm?: number;
  /** Page width assumed when neither grid nor calibration pulse gives the scale, mm (US letter). @default 279.4 */
  assumedPageWidthMm?: number;
  /** Pixels per millimetre the estimation works at (finer images are box-averaged down to about this). @default 4.5 */
  workPxPerMm?: number;
}

/** Resolved options: every field set. */
export type ResolvedRectifyOptions = Required<Omit<RectifyOptions, "pxPerMm">> & {
  pxPerMm: number | undefined;
};

/** The defaults of {@linkcode RectifyOptions}. */
export const RECTIFY_DEFAULTS: Readonly<ResolvedRectifyOptions> = Object.freeze({
  pxPerMm: undefined,
  maxPxPerMm: 12,
  marginMm: 3,
  assumedPageWidthMm: 279.4,
  workPxPerMm: 4.5,
});

/**
 * Apply defaults and validate; an impossible value throws a `RangeError`
 * naming the option.
 *
 * @example
 * ```ts
 * import { resolveRectifyOptions } from "./options.ts";
 * console.assert(resolveRectifyOptions({ marginMm: 5 }).maxPxPerMm === 12);
 * ```
 */
export function resolveRectifyOptions(options: RectifyOptions = {}): ResolvedRectifyOptions {
  const o = { ...RECTIFY_DEFAULTS, ...options };
  const positive = (name: keyof RectifyOptions, v: number | undefined, max: number): void => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0 && v <= max)) {
      throw new RangeError(`Cannot rectify: ${name} must be in (0, ${max}], got ${v}`);
    }
  };
  positive("pxPerMm", o.pxPerMm, 50);
  positive("maxPxPerMm", o.maxPxPerMm, 50);
  positive("assumedPageWidthMm", o.assumedPageWidthMm, 2000);
  positive("workPxPerMm", o.workPxPerMm, 20);
  if (!(Number.isFinite(o.marginMm) && o.marginMm >= 0 && o.marginMm <= 100)) {
    throw new RangeError(`Cannot rectify: marginMm must be in [0, 100], got ${o.marginMm}`);
  }
  return o;
}

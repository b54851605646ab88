/**
 * Build a step whose output canvas holds the whole mapped page: the
 * page outline (pixel edges, `-0.5 .. width - 0.5`) is mapped densely, and
 * the canvas is the smallest whole-pixel size around it, centred on it.
 *
 * @module
 */
import type { Frame, GeometricStep, Params, PointTransform } from "../types.ts";

/** Spacing of the outline samples, px. */
const OUTLINE_STEP_PX = 4;

/**
 * Wrap a raw map (input pixels to some plane) into a step whose output
 * canvas fits the mapped page, centred. `rawInverse` must invert `rawForward`.
 */
export function fitStep(
  kind: string,
  params: Params,
  input: Frame,
  rawForward: PointTransform,
  rawInverse: PointTransform,
): GeometricStep {
  const { width, height } = input;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const p = new Float64Array(2);
  const visit = (x: number, y: number) => {
    rawForward(x, y, p);
    if (p[0]! < minX) minX = p[0]!;
    if (p[0]! > maxX) maxX = p[0]!;
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  };
  const nx = Math.max(1, Math.ceil(width / OUTLINE_STEP_PX));
  const ny = Math.max(1, Math.ceil(height / OUTLINE_STEP_PX));
  for (let i = 0; i <= nx; i++) {
    const x = -0.5 + (width * i) / nx;
    visit(x, -0.5);
    visit(x, height - 0.5);
  }
  for (let j = 0; j <= ny; j++) {
    const y = -0.5 + (height * j) / ny;
    visit(-0.5, y);
    visit(width - 0.5, y);
  }
  const outWidth = Math.max(1, Math.ceil(maxX - minX - 1e-6));
  const outHeight = Math.max(1, Math.ceil(maxY - minY - 1e-6));
  const dx = (outWidth - 1) / 2 - (minX + maxX) / 2;
  const dy = (outHeight - 1) / 2 - (minY + maxY) / 2;
  return {
    kind,
    params,
    inWidth: width,
    inHeight: height,
    outWidth,
    outHeight,
    forward: (x, y, out) => {
      rawForward(x, y, out);
      out[0] = out[0]! + dx;
      out[1] = out[1]! + dy;
    },
    inverse: (x, y, out) => rawInverse(x - dx, y - dy, out),
  };
}

/** A step that moves the image by whole pixels onto a canvas of a new size (crop, pad). */
export function shiftStep(
  kind: string,
  params: Params,
  input: Frame,
  left: number,
  top: number,
  outWidth: number,
  outHeight: number,
): GeometricStep {
  return {
    kind,
    params,
    inWidth: input.width,
    inHeight: input.height,
    outWidth,
    outHeight,
    forward: (x, y, out) => {
      out[0] = x + left;
      out[1] = y + top;
    },
    inverse: (x, y, out) => {
      out[0] = x - left;
      out[1] = y - top;
    },
  };
}

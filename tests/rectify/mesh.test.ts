/**
 * rectify() straightens perspective and curved paper: through its mesh, the
 * rectified page maps back onto the original page's millimetre grid with a
 * uniform scale (checked through the exact inverse of the warp applied).
 */
import assert from "node:assert/strict";
import { rectify } from "../../lib/rectify/mod.ts";
import { applyHomography, gridStraightness, renderPage, warp } from "./_helpers.ts";

const DPI = 150;
const page = renderPage({ dpi: DPI });

/** Inverse of a 3×3 matrix (row-major). */
function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

Deno.test("rectify() removes a known homography: grid straight, period uniform within 1 %", async () => {
  const src = await page;
  // Page → image: keystone (the far edge shrinks by ~8 %), a slight shear and shift.
  const forward = [0.95, 0.04, 40, -0.02, 0.93, 60, -2.5e-5, 4e-5, 1];
  const inverse = invert3(forward);
  const image = warp(src, src.width, src.height, (x, y) => applyHomography(inverse, x, y));
  const result = await rectify(image);
  assert.ok(result.ok);
  assert.equal(result.gridFound, true);
  const fit = gridStraightness(
    result,
    (x, y) => applyHomography(inverse, x, y),
    DPI / 25.4,
    [src.width, src.height],
  );
  assert.ok(fit.samples > 50, `${fit.samples} samples`);
  assert.ok(fit.scaleError < 0.01, `scale error ${fit.scaleError}`);
  assert.ok(fit.driftMm < 0.2, `drift ${fit.driftMm} mm`);
});

Deno.test("rectify() straightens wavy paper with its mesh", async () => {
  const src = await page;
  // Image → page: smooth waves of 1.5 mm amplitude (a bent, wrinkled sheet).
  const a = 1.5 * DPI / 25.4;
  const toPage = (x: number, y: number): [number, number] => [
    x + a * Math.sin((2 * Math.PI * y) / 700),
    y + a * Math.sin((2 * Math.PI * x) / 900 + 1),
  ];
  const image = warp(src, src.width, src.height, toPage);
  const result = await rectify(image);
  assert.ok(result.ok);
  const fit = gridStraightness(result, toPage, DPI / 25.4, [src.width, src.height]);
  assert.ok(fit.samples > 50);
  assert.ok(fit.scaleError < 0.02, `scale error ${fit.scaleError}`);
  assert.ok(fit.driftMm < 0.3, `drift ${fit.driftMm} mm`);
});

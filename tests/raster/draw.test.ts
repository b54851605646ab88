/** Anti-aliased drawing. */
import assert from "node:assert/strict";
import { drawPolyline, fillBox } from "../../lib/raster/draw.ts";
import { createCoverage } from "../../lib/raster/image.ts";

const total = (data: Uint8Array) => data.reduce((s, v) => s + v, 0) / 255;

Deno.test("drawPolyline() covers an area of length x width", () => {
  for (const [halfWidth, angle] of [[1, 0], [1.5, 0.3], [0.5, 1.1], [2, Math.PI / 4]] as const) {
    const cov = createCoverage(200, 200);
    const len = 120;
    const xs = [40, 40 + len * Math.cos(angle)], ys = [50, 50 + len * Math.sin(angle)];
    drawPolyline(cov, xs, ys, halfWidth);
    const expected = len * 2 * halfWidth + Math.PI * halfWidth * halfWidth;
    assert.ok(
      Math.abs(total(cov.data) - expected) / expected < 0.05,
      `w=${halfWidth} a=${angle}: ${total(cov.data)} vs ${expected}`,
    );
  }
});

Deno.test("drawPolyline() does not darken joints of many short segments", () => {
  const cov = createCoverage(300, 40);
  const xs = Array.from({ length: 1000 }, (_, i) => 10 + i * 0.25);
  drawPolyline(cov, xs, xs.map(() => 20), 1);
  const expected = 250 * 2 + Math.PI;
  assert.ok(Math.abs(total(cov.data) - expected) / expected < 0.03);
  assert.ok(cov.data.every((v) => v <= 255));
});

Deno.test("drawPolyline() breaks the line at NaN", () => {
  const cov = createCoverage(100, 20);
  drawPolyline(cov, [10, 30, NaN, 60, 80], [10, 10, NaN, 10, 10], 1);
  assert.equal(cov.data[10 * 100 + 45], 0);
  assert.equal(cov.data[10 * 100 + 20], 255);
  assert.equal(cov.data[10 * 100 + 70], 255);
});

Deno.test("fillBox() covers the exact area of a sub-pixel box", () => {
  const cov = createCoverage(20, 20);
  fillBox(cov, 2.25, 3.5, 7.75, 4.5);
  assert.ok(Math.abs(total(cov.data) - 5.5) < 0.05);
});

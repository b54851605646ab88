/** rectify() without a grid: scale from the calibration pulses, or an assumed page width. */
import assert from "node:assert/strict";
import { rectify } from "../../lib/rectify/mod.ts";
import { renderPage } from "./_helpers.ts";

Deno.test("rectify() takes the scale of a page without grid from its calibration pulses", async () => {
  const page = await renderPage({ dpi: 200, showGrid: false });
  const result = await rectify(page);
  assert.ok(result.ok);
  assert.equal(result.gridFound, false);
  assert.equal(result.scaleSource, "calibration-pulse");
  assert.ok(result.warnings.length > 0);
  const px = result.gridPxPerMm.x / result.normalisedScale;
  assert.ok(Math.abs(px / (200 / 25.4) - 1) < 0.03, `${px} px/mm`);
});

Deno.test("rectify() falls back to an assumed page width without grid or pulses", async () => {
  const page = await renderPage({ dpi: 100, showGrid: false, calibrationPulse: false });
  const result = await rectify(page);
  assert.ok(result.ok);
  assert.equal(result.gridFound, false);
  assert.equal(result.scaleSource, "assumed");
  assert.ok(result.warnings.some((w) => w.includes("assumes")));
  assert.ok(result.confidence <= 0.5);
});

/** rectify() measures the grid period of rendered pages to sub-pixel precision. */
import assert from "node:assert/strict";
import { rectify } from "../../lib/rectify/mod.ts";
import { renderPage } from "./_helpers.ts";

for (const dpi of [100, 200, 300]) {
  Deno.test(`rectify() measures the grid period of a ${dpi} dpi page within 0.5 %`, async () => {
    const page = await renderPage({ dpi });
    const result = await rectify(page);
    assert.ok(result.ok);
    assert.equal(result.gridFound, true);
    assert.equal(result.scaleSource, "grid");
    const truth = dpi / 25.4;
    // gridPxPerMm is in normalised pixels; normalisedScale converts to input pixels.
    for (const v of [result.gridPxPerMm.x, result.gridPxPerMm.y]) {
      const inputPxPerMm = v / result.normalisedScale;
      assert.ok(Math.abs(inputPxPerMm / truth - 1) < 0.005, `${inputPxPerMm} vs ${truth}`);
    }
    assert.equal(result.quarterTurns, 0);
    assert.ok(Math.abs(result.rotationDeg) < 0.05, `rotation ${result.rotationDeg}`);
    // The rectified page keeps the source's own scale, unrounded.
    assert.ok(Math.abs(result.pxPerMm / truth - 1) < 0.005, `pxPerMm ${result.pxPerMm}`);
    assert.deepEqual(result.warnings, []);
  });
}

Deno.test("rectify() finds grey, blue and green grids", async () => {
  for (const gridColour of ["grey", "blue", "green"] as const) {
    const page = await renderPage({ dpi: 150, gridColour });
    const result = await rectify(page);
    assert.ok(result.ok, gridColour);
    assert.equal(result.gridFound, true, gridColour);
    const px = result.gridPxPerMm.x / result.normalisedScale;
    assert.ok(Math.abs(px / (150 / 25.4) - 1) < 0.005, `${gridColour}: ${px}`);
  }
});

/** rectify() on real scans and photos (fixtures/rectify, from the ecg-image-kit samples). */
import assert from "node:assert/strict";
import { rectify, rectifyFigures } from "../../lib/rectify/mod.ts";
import { fixtureImage } from "./_helpers.ts";

for (const name of ["ecg00003.jpg", "ecg00025.jpg", "ecg00029.jpg"]) {
  Deno.test(`rectify() rectifies the real image ${name}`, async () => {
    const image = await fixtureImage(`rectify/${name}`);
    const result = await rectify(image);
    assert.ok(result.ok);
    assert.equal(result.gridFound, true);
    assert.equal(result.quarterTurns, 0);
    assert.ok(Math.abs(result.rotationDeg) < 5);
    // A whole 10 s page is 250 mm or more: the scale must make the image about that wide.
    const widthMm = image.width / (result.gridPxPerMm.x / result.normalisedScale);
    assert.ok(widthMm > 200 && widthMm < 400, `${widthMm} mm wide`);
    assert.ok(Math.abs(result.gridPxPerMm.x / result.gridPxPerMm.y - 1) < 0.1);
    assert.ok(result.confidence > 0.5, `confidence ${result.confidence}`);
    assert.ok(result.markers.length > 0);
    const figures = rectifyFigures(result, image);
    assert.deepEqual(Object.keys(figures).sort(), [
      "fig_stage0_marker_overlay",
      "fig_stage0_normalised",
      "fig_stage1_gh",
      "fig_stage1_gv",
      "fig_stage1_mapping",
      "fig_stage1_rectified",
    ]);
    assert.equal(figures.fig_stage1_mapping!.width, image.width);
  });
}

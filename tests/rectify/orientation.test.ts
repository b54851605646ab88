/** rectify() undoes small rotations and quarter turns of a rendered page. */
import assert from "node:assert/strict";
import { rectify } from "../../lib/rectify/mod.ts";
import { quarterTurns, renderPage, rotate } from "./_helpers.ts";

const page = renderPage({ dpi: 100 });

for (const deg of [1.5, -3, 7]) {
  Deno.test(`rectify() recovers a ${deg}° rotation within 0.2°`, async () => {
    const { image } = rotate(await page, deg);
    const result = await rectify(image);
    assert.ok(result.ok);
    assert.equal(result.quarterTurns, 0);
    assert.ok(Math.abs(result.rotationDeg - deg) < 0.2, `${result.rotationDeg} vs ${deg}`);
  });
}

for (const turns of [1, 2, 3] as const) {
  Deno.test(`rectify() turns a page rotated ${90 * turns}° back upright`, async () => {
    const result = await rectify(quarterTurns(await page, turns));
    assert.ok(result.ok);
    assert.equal(result.quarterTurns, (4 - turns) % 4);
    assert.ok(result.normalised.width > result.normalised.height, "landscape again");
    assert.ok(Math.abs(result.rotationDeg) < 0.1);
  });
}

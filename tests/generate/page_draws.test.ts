/** Options drawn per page (ecg-image-kit's --random_resolution, --random_grid_present, …). */
import assert from "node:assert/strict";
import { checkPageDraws, drawPageOptions } from "../../lib/generate/page_draws.ts";
import { resolveGenerateOptions } from "../../lib/generate/options.ts";
import { createRng } from "../../lib/random/rng.ts";
import { firstPage, fixtureRecord } from "./_helpers.ts";

Deno.test("drawPageOptions() draws whole dpi in range and each chance about as often as asked", () => {
  let grids = 0, bw = 0;
  for (let k = 0; k < 400; k++) {
    const o = drawPageOptions({ dpi: [50, 80], grid: 0.25, bw: 0.5 }, createRng(1, k));
    assert.ok(Number.isInteger(o.dpi) && o.dpi! >= 50 && o.dpi! <= 80);
    if (o.showGrid) grids++;
    if (o.gridColour === "grey") bw++;
    assert.equal(o.calibrationPulse, undefined);
  }
  assert.ok(grids > 60 && grids < 140, `${grids} grids of 400`);
  assert.ok(bw > 150 && bw < 250, `${bw} black-and-white of 400`);
});

Deno.test("resolveGenerateOptions() rejects impossible pageDraws naming the field", () => {
  assert.throws(() => resolveGenerateOptions({ pageDraws: { grid: 2 } }), /pageDraws\.grid = 2/);
  assert.throws(() => resolveGenerateOptions({ pageDraws: { dpi: [40, 80] } }), /pageDraws\.dpi/);
  assert.throws(() => checkPageDraws({ colour: 1 }), /pageDraws\.colour/);
});

Deno.test("generatePage() applies pageDraws per page and records what it drew", async () => {
  const record = await fixtureRecord("E07501");
  const { page, decoded } = await firstPage(record, {
    seed: 2,
    pageDraws: { dpi: [50, 70], grid: 0, calibrationPulse: 0 },
  });
  const gt = page.groundTruth;
  assert.ok(gt.resolution >= 50 && gt.resolution <= 70);
  assert.equal(decoded.width, Math.round(11 * gt.resolution));
  assert.deepEqual([gt.gridlines, gt.dc_pulse], [false, false]);
  assert.deepEqual(gt.options.pageDraws, { dpi: [50, 70], grid: 0, calibrationPulse: 0 });
});

Deno.test("drawPageOptions() switches a group's families off together, on about its chance of pages", () => {
  let off = 0;
  for (let k = 0; k < 200; k++) {
    const o = drawPageOptions(
      { groups: [{ chance: 0.5, families: ["rotation", "noise"] }] },
      createRng(3, k),
    );
    if (o.distortions) {
      off++;
      assert.deepEqual(o.distortions, { rotation: { probability: 0 }, noise: { probability: 0 } });
    }
  }
  assert.ok(off > 70 && off < 130, `${off} of 200 pages without the group`);
  assert.throws(
    () => checkPageDraws({ groups: [{ chance: 2, families: [] }] }),
    /pageDraws\.groups/,
  );
});

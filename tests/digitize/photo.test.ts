/**
 * A phone photo of a printed page (preset 0005: perspective, a crumpled
 * sheet, a shadow, the table around it) is read, not just refused: the grid
 * is found although one axis's spectrum locks on a multiple of its pitch,
 * the table around the sheet is not taken for ink, and a calibration pulse
 * whose falling edge is broken still gives the gain.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { rectify } from "../../lib/rectify/mod.ts";
import { kaggleDb, page } from "./_helpers.ts";

Deno.test("a preset 0005 photo of an unseen record is rectified on its grid and read above 11 dB", async () => {
  const p = await page("E07518", { preset: "0005", dpi: 200, seed: 7 });
  const r = await rectify(p.image);
  assert.ok(r.ok, r.ok ? "" : r.reason);
  assert.equal(r.scaleSource, "grid");
  const result = await digitize(p.image, { sampleRateHz: 500 });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  const db = kaggleDb(p.signals, result.record);
  assert.ok(db >= 11, `Kaggle ${db.toFixed(2)} dB`);
});

Deno.test("a preset 0005 photo at 150 dpi reads its gain from the pulses (10 mm/mV)", async () => {
  const p = await page("E07518", { preset: "0005", dpi: 150, seed: 7 });
  const result = await digitize(p.image, { sampleRateHz: 500 });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.scales.gainMmPerMv, 10);
  const db = kaggleDb(p.signals, result.record);
  assert.ok(db >= 9, `Kaggle ${db.toFixed(2)} dB`);
});

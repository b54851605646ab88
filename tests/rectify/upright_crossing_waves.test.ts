/**
 * Stage 0 keeps an upright page upright when tall QRS complexes cross every
 * row (MUSE renders of the bundled muse-sinus and muse-af records): the ink
 * then runs top to bottom in many tiles, but the calibration pulses stand
 * upright at the row starts: when only one orientation shows them, they say
 * which axis is time (the same page turned a quarter comes back upright).
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { findPulses } from "../../lib/rectify/_pulse.ts";
import { rectify } from "../../lib/rectify/mod.ts";
import { kaggleDb, page } from "../digitize/_helpers.ts";
import { quarterTurns } from "./_helpers.ts";

for (const record of ["muse-sinus", "muse-af"]) {
  Deno.test(`rectify() leaves the upright ${record} page unturned and it reads as 3x4`, async () => {
    const p = await page(record, { dpi: 200, seed: 0 });
    const rect = await rectify(p.image);
    assert.ok(rect.ok);
    assert.equal(rect.quarterTurns, 0);
    const result = await digitize(p.image);
    assert.ok(result.ok, result.ok ? "" : result.reason);
    assert.equal(result.layout, "3x4");
    const db = kaggleDb(p.signals, result.record);
    assert.ok(db >= 4, `${record}: Kaggle ${db.toFixed(2)} dB`);
  });
}

for (const record of ["muse-sinus", "muse-af"]) {
  for (const turns of [1, 3] as const) {
    Deno.test(`rectify() turns the ${record} page back from ${90 * turns}° by its pulses`, async () => {
      const p = await page(record, { dpi: 100, seed: 0 });
      const rect = await rectify(quarterTurns(p.image, turns));
      assert.ok(rect.ok);
      assert.equal(rect.quarterTurns, 4 - turns);
    });
  }
}

Deno.test("findPulses() does not take two QRS complexes and the baseline between them for a pulse", () => {
  // A row: baseline at y=60, two tall R waves 25 px apart with a baseline before, between and
  // after them (a ⊔ of R waves, 50 px tall), and one real ⊓ pulse at the row start.
  const w = 200, h = 100;
  const m = new Uint8Array(w * h);
  const hline = (x0: number, x1: number, y: number) => {
    for (let x = x0; x <= x1; x++) m[y * w + x] = 1;
  };
  const vline = (x: number, y0: number, y1: number) => {
    for (let y = y0; y <= y1; y++) m[y * w + x] = 1;
  };
  hline(2, 6, 60), vline(6, 40, 60), hline(6, 16, 40), vline(16, 40, 60); // pulse, 20 tall, 10 wide
  hline(20, 199, 60);
  for (const x of [60, 85, 110, 135, 160]) vline(x, 10, 60);
  const pulses = findPulses(m, w, h);
  assert.ok(pulses, "the pulse is found");
  assert.equal(pulses.up, 1);
  assert.equal(pulses.down, 0);
});

/**
 * JS20006's demo page: a clean lead I row above rows whose traces carry fast
 * noise (every run of a noisy row is tall, so the clean row's runs look half
 * as thick). The row has a calibration pulse and the page's pen, so it is a
 * trace; the noisy rows' pulses end on a noisy trace (no level foot after
 * the falling edge), and their height still reads 10 mm.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { kaggleDb, page } from "./_helpers.ts";

const demo = page("JS20006", { dpi: 200, seed: 0 });

Deno.test("digitize() keeps a thin first row that has a calibration pulse and the page's pen", async () => {
  const p = await demo;
  const result = await digitize(p.image);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  const dropped = result.warnings.filter((w) => w.includes("much thinner than the traces"));
  assert.deepEqual(dropped, []);
  assert.equal(result.rows.length, 4);
  assert.equal(result.layout, "3x4");
  const first = result.panels.find((q) => q.rowIndex === 0 && q.columnIndex === 0);
  assert.equal(first?.lead, "I");
});

Deno.test("digitize() reads the pulse height of rows whose trace after the pulse is noisy", async () => {
  const p = await demo;
  const result = await digitize(p.image);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.scales.gainSource, "calibration-pulse");
  assert.equal(result.scales.gainMmPerMv, 10);
  for (const row of result.rows) {
    if (!row.pulse) continue;
    const mm = (row.pulse.baseY - row.pulse.topY) / result.pxPerMm;
    assert.ok(Math.abs(mm - 10) < 0.6, `pulse ${mm.toFixed(2)} mm high`);
  }
  const db = kaggleDb(p.signals, result.record);
  assert.ok(db >= 10, `Kaggle ${db.toFixed(2)} dB`);
});

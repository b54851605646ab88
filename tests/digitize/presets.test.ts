/**
 * Generate → digitize → score round trips on distorted presets. The
 * thresholds guard today's measured quality (BENCHMARKS.md), below the
 * issue's targets; photo presets are not yet read reliably, so for them
 * the test asserts a clean result (leads or a reason), not a score.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { kaggleDb, page, shownLeads } from "./_helpers.ts";

const SCANS: [string, number][] = [["0003", 12], ["0011", 10], ["0004", 6], ["0012", 6]];

for (const [preset, minDb] of SCANS) {
  Deno.test(`digitize() reads a preset ${preset} scan to 12 leads above ${minDb} dB`, async () => {
    const p = await page("JS20003", { preset, dpi: 150 });
    const result = await digitize(p.image);
    assert.ok(result.ok, result.ok ? "" : result.reason);
    assert.equal(result.layout, "3x4");
    assert.equal(shownLeads(result.record).length, 12);
    const db = kaggleDb(p.signals, result.record);
    assert.ok(db >= minDb, `${preset}: Kaggle ${db.toFixed(2)} dB`);
  });
}

Deno.test("digitize() gives leads or a reason, never an exception, on photo presets", async () => {
  for (const preset of ["0005", "0006", "0009", "0010"]) {
    const p = await page("JS20003", { preset, dpi: 100 });
    const result = await digitize(p.image);
    if (result.ok) {
      assert.ok(shownLeads(result.record).length > 0, preset);
      assert.equal(result.record.signals.length, 12);
    } else assert.match(result.reason, /\w/);
  }
});

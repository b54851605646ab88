/**
 * Pages whose columns each show the whole record, side by side (as
 * plotting libraries draw them: a 6x2 page 20 s wide, a 3x4 page 40 s
 * wide), are read at the right time scale: the row length in records is
 * the column count, the columns share their seconds, and every lead comes
 * back over the whole record.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { kaggleDb, page, shownLeads } from "./_helpers.ts";

for (const [layout, dpi] of [["6x2", 120], ["3x4", 150]] as const) {
  Deno.test(`digitize() reads a ${layout} page whose columns each show the whole 10 s`, async () => {
    const p = await page("E07500", { layout, dpi, wholeWindowColumns: true });
    // The page is as wide as its columns need: 2 or 4 spans of 250 mm.
    const columns = layout === "6x2" ? 2 : 4;
    assert.ok(p.image.width / (dpi / 25.4) > columns * 250, `page ${p.image.width} px wide`);
    const result = await digitize(p.image, { sampleRateHz: 500 });
    assert.ok(result.ok, result.ok ? "" : result.reason);
    assert.equal(result.layout, layout);
    assert.equal(result.columnsShareTime, true);
    assert.equal(result.record.signals[0]!.length, 5000, "10 s at 500 Hz");
    // Every lead over the whole record, not a quarter or half of it.
    assert.deepEqual(shownLeads(result.record).length, 12);
    for (const s of result.record.signals) {
      const shown = [...s].filter(Number.isFinite).length;
      assert.ok(shown >= 4900, `a lead shows ${shown} of 5000 samples`);
    }
    const db = kaggleDb(p.signals, result.record);
    assert.ok(db >= 12, `Kaggle ${db.toFixed(2)} dB`);
  });
}

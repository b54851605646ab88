/**
 * The time scale comes from the grid when there is one: along a row, a lead
 * in the last column must be as much in time with the truth as the one in
 * the first. (Taken from the traces' drawn lengths, the scale was off by a
 * few 1e-4, and on JS20001 each row drifted by a whole sample from its first
 * column to its last.)
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { page } from "./_helpers.ts";

/** Lag (samples, sub-sample by a parabola through the best three) that best aligns `b` to `a`. */
function lag(a: Float64Array, b: Float64Array, maxLag = 4): number {
  const corr = (s: number): number => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) {
      const j = i + s;
      if (j < 0 || j >= b.length) continue;
      const x = a[i]!, y = b[j]!;
      if (Number.isFinite(x) && Number.isFinite(y)) sum += x * y;
    }
    return sum;
  };
  let best = 0;
  for (let s = -maxLag; s <= maxLag; s++) if (corr(s) > corr(best)) best = s;
  const [l, c, r] = [corr(best - 1), corr(best), corr(best + 1)];
  const den = l - 2 * c + r;
  return best + (den < 0 ? (l - r) / (2 * den) : 0);
}

/** The signal with its mean over the shown samples removed (NaN stays NaN). */
function centred(s: Float64Array): Float64Array {
  const shown = [...s].filter(Number.isFinite);
  const mean = shown.reduce((p, v) => p + v, 0) / shown.length;
  return s.map((v) => v - mean);
}

for (const record of ["E07500", "JS20001"]) {
  Deno.test(`digitize() keeps every column of ${record} in time with the truth (200 dpi)`, async () => {
    const p = await page(record, { dpi: 200 });
    const result = await digitize(p.image, { sampleRateHz: 500 });
    assert.ok(result.ok, result.ok ? "" : result.reason);
    const lags = new Map<number, Map<number, number>>(); // row → column → lag
    for (const panel of result.panels) {
      if (panel.rowIndex > 2) continue; // the short panels, columns 0..3
      const t = p.signals.leadNames.indexOf(panel.lead);
      const k = result.record.leadNames.indexOf(panel.lead);
      const from = Math.round(panel.startS * 500), to = Math.round(panel.endS * 500);
      const truth = centred(p.signals.signals[t]!.slice(from, to));
      const read = centred(result.record.signals[k]!.slice(from, to));
      if (!lags.has(panel.rowIndex)) lags.set(panel.rowIndex, new Map());
      lags.get(panel.rowIndex)!.set(panel.columnIndex, lag(truth, read));
    }
    assert.equal(lags.size, 3);
    for (const [row, columns] of lags) {
      assert.equal(columns.size, 4);
      const drift = columns.get(3)! - columns.get(0)!;
      const shown = [...columns].map(([c, l]) => `column ${c}: ${l.toFixed(2)}`).join(", ");
      assert.ok(Math.abs(drift) < 0.35, `row ${row} drifts ${drift.toFixed(2)} samples (${shown})`);
    }
  });
}

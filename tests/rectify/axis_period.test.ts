/** estimateAxisPeriod() on synthetic grid profiles. */
import assert from "node:assert/strict";
import { estimateAxisPeriod } from "../../lib/rectify/_period.ts";

/** A 1 mm / 5 mm comb of Gaussian lines (σ px), heavier every fifth line, `p` px per mm. */
function comb(len: number, p: number, sigma: number, major = 3): Float64Array {
  const out = new Float64Array(len);
  for (let k = 0, t = 5.3; t < len + 10; k++, t = 5.3 + k * p) {
    const a = k % 5 === 0 ? major : 1;
    for (let x = 0; x < len; x++) out[x]! += a * Math.exp(-((x - t) ** 2) / (2 * sigma * sigma));
  }
  return out;
}

Deno.test("estimateAxisPeriod() finds the 1 mm period of a sharp grid, autocorrelation agreeing", () => {
  const p = estimateAxisPeriod(comb(400, 3.937, 0.6));
  assert.ok(p);
  assert.ok(Math.abs(p.pxPerMm / 3.937 - 1) < 0.005, `${p.pxPerMm}`);
  assert.equal(p.agree, true, `acf ${p.acfPeriodPx}`);
});

Deno.test("estimateAxisPeriod() agrees with the autocorrelation on a blurred grid", () => {
  // Blur leaves the autocorrelation without a peak at 1 mm (a slope down from
  // lag 0): the check must use the 5 mm period, not a short lag.
  for (const sigma of [1.2, 1.5]) {
    const p = estimateAxisPeriod(comb(400, 3.937, sigma));
    assert.ok(p, `σ ${sigma}`);
    assert.ok(Math.abs(p.pxPerMm / 3.937 - 1) < 0.01, `σ ${sigma}: ${p.pxPerMm}`);
    assert.equal(p.agree, true, `σ ${sigma}: acf ${p.acfPeriodPx} vs ${p.periodPx}`);
    assert.ok(Math.abs(p.acfPeriodPx / 3.937 - 1) < 0.02, `σ ${sigma}: acf ${p.acfPeriodPx}`);
  }
});

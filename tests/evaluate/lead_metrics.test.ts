import assert from "node:assert/strict";
import { leadTitle, plainLeadMetrics } from "../../lib/evaluate/lead_metrics.ts";
import { addNoise, layout3x4, realRecord } from "./_helpers.ts";

Deno.test("plainLeadMetrics() gives +Infinity SNR, 0 % NRMSE and r = 1 for identical signals", async () => {
  const v2 = (await realRecord("E07500")).signals[7]!;
  const m = plainLeadMetrics(v2, v2.slice());
  assert.deepEqual([m.snrDb, m.nrmsePercent, m.pearsonR, m.comparedSamples, m.coverage], [
    Infinity,
    0,
    1,
    5000,
    1,
  ]);
});

Deno.test("plainLeadMetrics() reads white noise at a set SNR back within 0.1 dB", async () => {
  const record = await realRecord("JS20000");
  for (const target of [5, 12.8, 20]) {
    const snrs = record.signals.map((s, k) =>
      plainLeadMetrics(s, addNoise(s, target, "plain", k)).snrDb
    );
    const mean = snrs.reduce((a, b) => a + b, 0) / snrs.length;
    assert.ok(Math.abs(mean - target) < 0.1, `${target} dB read as ${mean}`);
  }
});

Deno.test("plainLeadMetrics() compares only samples finite in both and reports coverage", async () => {
  const truth = layout3x4(await realRecord("E07500")).signals[6]!; // V1: 1250 samples shown
  const pred = truth.map((v, i) => (i % 2 === 0 ? v + 0.1 : NaN));
  const m = plainLeadMetrics(truth, pred);
  assert.equal(m.comparedSamples, 625);
  assert.equal(m.coverage, 0.5);
  const shown = truth.filter((_, i) => Number.isFinite(truth[i]!) && i % 2 === 0);
  const power = shown.reduce((a, v) => a + v * v, 0);
  assert.ok(Math.abs(m.snrDb - 10 * Math.log10(power / (625 * 0.01))) < 1e-6);
  const range = Math.max(...shown) - Math.min(...shown);
  assert.ok(Math.abs(m.nrmsePercent - 100 * 0.1 / range) < 1e-6);
  assert.ok(Math.abs(m.pearsonR - 1) < 1e-12);
});

Deno.test("plainLeadMetrics() compares up to the shorter length", () => {
  const m = plainLeadMetrics(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 2));
  assert.deepEqual([m.comparedSamples, m.coverage, m.snrDb], [2, 0.5, Infinity]);
});

Deno.test("plainLeadMetrics() gives NaN where a metric is undefined", () => {
  const none = plainLeadMetrics(Float64Array.of(1, 2), Float64Array.of(NaN, NaN));
  assert.ok(Number.isNaN(none.snrDb) && Number.isNaN(none.pearsonR) && none.coverage === 0);
  const flat = plainLeadMetrics(Float64Array.of(0, 0, 0), Float64Array.of(0.1, 0, 0));
  assert.ok(
    Number.isNaN(flat.snrDb) && Number.isNaN(flat.nrmsePercent) && Number.isNaN(flat.pearsonR),
  );
  assert.ok(Number.isNaN(plainLeadMetrics(Float64Array.of(NaN), Float64Array.of(1)).coverage));
});

Deno.test("plainLeadMetrics() gives r = −1 for an inverted signal", () => {
  const t = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i / 4));
  assert.ok(Math.abs(plainLeadMetrics(t, t.map((v) => -2 * v + 1)).pearsonR + 1) < 1e-12);
});

Deno.test("leadTitle() formats the figure title", () => {
  assert.equal(
    leadTitle("V2", { snrDb: 12.8, nrmsePercent: 2.87, pearsonR: 0.974 }),
    "Lead V2 (SNR = 12.8 dB, NRMSE = 2.87%, r = 0.974)",
  );
  assert.equal(
    leadTitle("I", { snrDb: Infinity, nrmsePercent: NaN, pearsonR: NaN }),
    "Lead I (SNR = ∞ dB, NRMSE = n/a%, r = n/a)",
  );
});

import assert from "node:assert/strict";
import { evaluate, resolveEvaluateOptions, scoreImage } from "../../lib/evaluate/evaluate.ts";
import { resampleLinear } from "../../lib/evaluate/resample.ts";
import type { EvaluationPair } from "../../lib/evaluate/types.ts";
import { addNoise, delay, layout3x4, realRecord, withSignals } from "./_helpers.ts";

Deno.test("scoreImage() hits the caps for a perfect prediction", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const image = scoreImage({ id: "p", truth, prediction: truth });
  assert.equal(image.kaggleRatio, 384);
  assert.equal(image.kaggleDb.toFixed(2), "25.84");
  assert.equal(image.challenge2024SnrDb, Infinity);
  assert.equal(image.leads.length, 12);
  assert.ok(
    image.leads.every((l) => l.status === "scored" && l.snrDb === Infinity && l.coverage === 1),
  );
  assert.deepEqual(image.warnings, []);
});

Deno.test("scoreImage() scores a missing lead and a NaN-only lead as the official metrics do", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const signals = truth.signals.map((s) => s.slice());
  signals[4]!.fill(NaN); // aVL all NaN
  const prediction = withSignals(truth, signals.filter((_, i) => i !== 6), {
    leadNames: truth.leadNames.filter((_, i) => i !== 6), // V1 missing
  });
  const image = scoreImage({ id: "m", truth, prediction });
  const byLead = new Map(image.leads.map((l) => [l.lead, l]));
  assert.equal(byLead.get("V1")!.status, "missing");
  assert.equal(byLead.get("aVL")!.status, "empty");
  for (const lead of ["V1", "aVL"]) {
    const l = byLead.get(lead)!;
    // 2024: NaN, skipped by the mean (which stays +Infinity from the perfect leads).
    assert.ok(Number.isNaN(l.challenge2024!.snrDb));
    // Kaggle: zeros, then the offset step predicts the label's mean.
    assert.ok(l.kaggle!.noisePower > 0);
    assert.equal(l.coverage, 0);
  }
  assert.equal(image.challenge2024SnrDb, Infinity);
  assert.ok(image.kaggleRatio < 384);
  assert.ok(image.warnings.some((w) => w.includes("lacks lead(s) V1")));
  assert.ok(image.warnings.some((w) => w.includes("aVL")));
});

Deno.test("scoreImage() resamples a prediction at another rate to the truth", async () => {
  const truth = await realRecord("00001_lr"); // 100 Hz
  const up = withSignals(truth, truth.signals.map((s) => resampleLinear(s, 100, 500)), {
    sampleRateHz: 500,
  });
  const image = scoreImage({ id: "r", truth, prediction: up });
  // Linear up- then down-sampling by integer factors returns the samples exactly.
  assert.equal(image.kaggleRatio, 384);
  assert.ok(image.leads.every((l) => l.snrDb === Infinity));
});

Deno.test("scoreImage() handles a prediction of a different length", async () => {
  const truth = await realRecord("JS20000");
  const short = withSignals(truth, truth.signals.map((s) => s.slice(0, 4000)));
  const image = scoreImage({ id: "s", truth, prediction: short }, { challenge2024: false });
  assert.ok(image.leads.every((l) => l.comparedSamples === 4000 && l.coverage === 0.8));
  assert.ok(image.leads.every((l) => l.challenge2024 === null));
  assert.ok(image.kaggleRatio < 384 && image.kaggleRatio > 1);
});

Deno.test("scoreImage() with no prediction scores every lead as missing", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const image = scoreImage({ id: "none", truth, prediction: null });
  assert.ok(image.leads.every((l) => l.status === "missing"));
  assert.ok(Number.isNaN(image.challenge2024SnrDb));
  assert.ok(image.kaggleRatio > 0 && image.kaggleRatio < 2);
  assert.ok(image.warnings.includes("no prediction: every lead scored as missing"));
});

Deno.test("evaluate() summarises overall, per group and per lead, and ranks the worst", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const pairs: EvaluationPair[] = [5, 10, 20].map((snr, k) => ({
    id: `img-${snr}`,
    truth,
    prediction: withSignals(truth, truth.signals.map((s, i) => addNoise(s, snr, k, i))),
    groups: { preset: k < 2 ? "0001" : "0003", layout: "3x4" },
    distortions: k === 0 ? {} : { noise: 1, "noise.sigma_mv": 0.01 * k },
  }));
  const report = await evaluate(pairs, { worstCount: 2, challenge2024: false });
  assert.equal(report.images.length, 3);
  assert.equal(report.summary.overall.images, 3);
  assert.equal(report.summary.groups.preset!["0001"]!.images, 2);
  assert.equal(report.summary.groups.layout!["3x4"]!.images, 3);
  assert.equal(Object.keys(report.summary.leads).length, 12);
  assert.deepEqual(report.worst.map((w) => w.id), ["img-5", "img-10"]);
  const mean = report.images.reduce((a, i) => a + i.kaggleRatio, 0) / 3;
  assert.ok(Math.abs(report.summary.overall.kaggleScoreDb - 10 * Math.log10(mean)) < 1e-12);
  assert.deepEqual([...new Set(report.robustness.map((r) => r.curve))], [
    "noise",
    "noise.sigma_mv",
  ]);
  assert.equal(report.robustness.find((r) => r.curve === "noise" && r.x === 0)!.scores.images, 1);
});

Deno.test("evaluate() leaves its inputs unchanged", async () => {
  const truth = await realRecord("00001_lr");
  const prediction = withSignals(truth, truth.signals.map((s) => delay(s, 3)));
  const before = prediction.signals.map((s) => [...s]);
  await evaluate([{ id: "x", truth, prediction }]);
  prediction.signals.forEach((s, i) => assert.deepEqual([...s], before[i]));
});

Deno.test("resolveEvaluateOptions() rejects impossible values with a RangeError", () => {
  assert.throws(() => resolveEvaluateOptions({ worstCount: -1 }), /worstCount/);
  assert.throws(() => resolveEvaluateOptions({ robustnessBins: 0 }), RangeError);
  assert.deepEqual(resolveEvaluateOptions(), {
    worstCount: 10,
    challenge2024: true,
    robustnessBins: 5,
  });
});

/** Predictions that must not make scoring slow or silent: constant, huge values, absurd lengths. */
import assert from "node:assert/strict";
import { challenge2024Lead } from "../../lib/evaluate/challenge_2024.ts";
import { scoreImage } from "../../lib/evaluate/evaluate.ts";
import { layout3x4, realRecord } from "./_helpers.ts";

Deno.test("scoreImage() refuses a prediction more than 4 times as long as the truth, naming it", async () => {
  const truth = await realRecord("E07500");
  const n = truth.signals[0]!.length * 5;
  const long = { ...truth, signals: truth.signals.map(() => new Float64Array(n)) };
  assert.throws(
    () => scoreImage({ id: "E07500-0", truth, prediction: long }),
    (e: unknown) =>
      e instanceof RangeError && /"E07500-0".*50\.0 s long.*truth 10\.0 s/.test(e.message),
  );
  // Four times as long is still scored.
  const ok = truth.signals[0]!.length * 4;
  const fourfold = { ...truth, signals: truth.signals.map(() => new Float64Array(ok)) };
  assert.equal(scoreImage({ id: "x", truth, prediction: fourfold }).leads.length, 12);
});

Deno.test("challenge2024Lead() scores constant and ±1e308 predictions of a 3x4 page", async () => {
  // These used to run the alignment over every lag and border pair (25 s and more per page).
  const truth = layout3x4(await realRecord("E07500"));
  for (const value of [0, 1e308]) {
    truth.signals.forEach((ref) => {
      const est = Float64Array.from(ref, (_, i) => (i % 2 ? value : -value));
      const r = challenge2024Lead(ref, est, truth.sampleRateHz);
      assert.ok(r.shiftSamples !== null && Number.isInteger(r.shiftSamples), `${value}`);
      assert.ok(!(r.snrDb > 0), `${value}: ${r.snrDb}`);
    });
  }
});

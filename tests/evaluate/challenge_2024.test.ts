import assert from "node:assert/strict";
import { nanMean } from "../../lib/evaluate/_numeric.ts";
import { align2024, challenge2024Lead, snr2024 } from "../../lib/evaluate/challenge_2024.ts";
import { predictionOnTruthGrid } from "../../lib/evaluate/resample.ts";
import { addNoise, casePrediction, delay, FIXTURES, layout3x4, realRecord } from "./_helpers.ts";

/**
 * Reference values: computed by the official 2024 definitions
 * (physionetchallenges/evaluation-2024, helper_code.py `align_signals` of
 * July 2024 + `compute_snr`, per lead as in evaluate_model.py, NumPy 2.4 /
 * SciPy 1.17), run locally on these inputs in a throwaway script (not
 * committed). Per lead: [SNR dB, shift samples, offset mV, applied].
 * A `null` shift: the prediction has no finite sample; the official code
 * then returns NaN whatever its meaningless shift (4999 here).
 */
const E07500_3X4: Record<string, [number, number | null, number | null, boolean]> = {
  I: [Infinity, 0, 0, true],
  II: [22.551739768104948, 5, 0.19972039215686277, true],
  III: [19.73749753605377, -30, -0.0019450980392156862, true],
  aVR: [Infinity, 120, 0, true],
  aVL: [NaN, null, null, false],
  aVF: [2.184182161202895, -1, -0.01400675294117647, true],
  V1: [NaN, null, null, false],
  V2: [19.208089649775108, 0, -0.5058602352941176, true],
  V3: [-2.8672733760800466, 260, 0, false],
  V4: [-13.700370061858024, 0, 1.4959686274509805, false],
  V5: [Infinity, 0, 0, true],
  V6: [12.446453727827745, 0, -0.020695874509803924, true],
};
const LR_00001: Record<string, [number, number, number, boolean]> = {
  I: [26.832883430745078, 0, 0, true],
  II: [18.4869178418785, 2, 0.10074440784313725, true],
  III: [9.511992599062319, -3, -0.10156926274509805, true],
  aVR: [9.893994722365306, 7, 0.04444434509803922, true],
  aVL: [3.902462234889551, -15, 0.006147568627450981, true],
  aVF: [12.604208777572131, 25, 0.29771625098039217, true],
  V1: [-2.9222132195621384, 60, 0, false],
  V2: [-14.960958268428152, 0, -1.2000025098039218, false],
  V3: [-4.02703068485398, -1, -0.021871780392156863, true],
  V4: [35.03066274583745, -1, 0.018313725490196078, true],
  V5: [6.564636507726065, 4, -0.011799466666666666, true],
  V6: [13.917014165426245, -8, -0.0033136549019607844, true],
};

function assertSnr(actual: number, expected: number, what: string): void {
  if (Number.isFinite(expected)) {
    assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
  } else assert.ok(Object.is(actual, expected), `${what}: ${actual} ≠ ${expected}`);
}

async function checkCase(
  truth: Awaited<ReturnType<typeof realRecord>>,
  name: string,
  expected: Record<string, [number, number | null, number | null, boolean]>,
): Promise<number[]> {
  const grid = predictionOnTruthGrid(truth, casePrediction(name, truth.sampleRateHz));
  const snrs: number[] = [];
  await Promise.resolve();
  truth.leadNames.forEach((lead, i) => {
    const [snr, shift, offset, applied] = expected[lead]!;
    const r = challenge2024Lead(truth.signals[i]!, grid[i]!, truth.sampleRateHz);
    assertSnr(r.snrDb, snr, `${name} ${lead}`);
    assert.equal(r.shiftSamples, shift, `${name} ${lead} shift`);
    if (offset === null) assert.equal(r.offsetMv, null);
    else assert.ok(Math.abs(r.offsetMv! - offset) < 1e-12, `${name} ${lead} offset ${r.offsetMv}`);
    assert.equal(r.applied, applied, `${name} ${lead} applied`);
    snrs.push(r.snrDb);
  });
  return snrs;
}

Deno.test("challenge2024Lead() matches the official code on a 3x4 page of E07500", async () => {
  const snrs = await checkCase(layout3x4(await realRecord("E07500")), "E07500-3x4", E07500_3X4);
  // The official np.nanmean: NaN leads skipped, the perfect leads make it +Infinity.
  assert.equal(nanMean(snrs), Infinity);
});

Deno.test("challenge2024Lead() matches the official code on the 100 Hz record 00001_lr", async () => {
  const snrs = await checkCase(await realRecord("00001_lr"), "00001_lr", LR_00001);
  assert.ok(Math.abs(nanMean(snrs) - 9.569547571054864) < 1e-9);
});

Deno.test("challenge2024Lead() matches the official code on 60 random cases", () => {
  // fixtures/evaluate/official_cases.json: random signals (walks, sines, spikes,
  // steps, noise; shifted, scaled, offset, truncated or extended, NaN gaps),
  // scored by the official definitions as above: c2024 = [SNR, shift, offset, applied].
  const path = new URL("evaluate/official_cases.json", FIXTURES).pathname;
  const cases = JSON.parse(Deno.readTextFileSync(path)) as {
    fs: number;
    ref: (number | null)[];
    est: (number | null)[];
    c2024: [number | string | null, number | null, number | null, boolean];
  }[];
  const arr = (a: (number | null)[]) => Float64Array.from(a, (v) => v ?? NaN);
  let applied = 0, skipped = 0;
  cases.forEach((c, k) => {
    const r = challenge2024Lead(arr(c.ref), arr(c.est), c.fs);
    const [snr, shift, offset, used] = c.c2024;
    const want = snr === null ? NaN : typeof snr === "string" ? Number(snr) : snr;
    assertSnr(r.snrDb, want, `case ${k}`);
    if (shift !== null) {
      assert.equal(r.shiftSamples, shift, `case ${k} shift`);
      assert.ok(Math.abs(r.offsetMv! - offset!) < 1e-12, `case ${k} offset`);
      assert.equal(r.applied, used, `case ${k} applied`);
    }
    if (r.applied) applied++;
    else skipped++;
  });
  assert.ok(applied > 10 && skipped > 10, "the cases exercise both sides of the windows");
});

Deno.test("challenge2024Lead() gives +Infinity for identical signals (no cap)", async () => {
  const ii = (await realRecord("E07500")).signals[1]!;
  const r = challenge2024Lead(ii, ii.slice(), 500);
  assert.equal(r.snrDb, Infinity);
  assert.deepEqual([r.shiftSamples, r.offsetMv, r.applied], [0, 0, true]);
});

Deno.test("challenge2024Lead() forgives a shift inside 0.5 s and not one outside", async () => {
  const ii = (await realRecord("JS20000")).signals[1]!;
  const inside = challenge2024Lead(ii, delay(ii, 240), 500);
  assert.equal(inside.shiftSamples, 240);
  assert.ok(inside.applied);
  // Exact after the shift, so +Infinity (the NaN-padded part only scales the dB value by alpha).
  assert.equal(inside.snrDb, Infinity);
  const late = delay(ii, 260);
  const outside = challenge2024Lead(ii, late, 500);
  assert.equal(outside.shiftSamples, 260);
  assert.ok(!outside.applied);
  // Scored unshifted.
  assert.equal(outside.snrDb, snr2024(ii, late).snrDb);
  assert.ok(outside.snrDb < 3, `unaligned SNR ${outside.snrDb}`);
});

Deno.test("challenge2024Lead() forgives a constant offset up to 1 mV to within a quantisation step", async () => {
  const v2 = (await realRecord("E07500")).signals[7]!;
  const r = challenge2024Lead(v2, v2.map((v) => v + 0.4), 500);
  assert.ok(r.applied);
  let lo = Infinity, hi = -Infinity;
  for (const v of [...v2, ...v2.map((v) => v + 0.4)]) (lo = Math.min(lo, v), hi = Math.max(hi, v));
  const step = (hi - lo) / 255;
  assert.ok(Math.abs(r.offsetMv! - 0.4) <= step / 2 + 1e-12, `offset ${r.offsetMv}`);
  assert.ok(r.snrDb > 25, `SNR ${r.snrDb}`);
  const far = challenge2024Lead(v2, v2.map((v) => v + 1.2), 500);
  assert.ok(!far.applied && far.snrDb < 0);
});

Deno.test("challenge2024Lead() scores a missing lead and a NaN-only prediction as NaN", async () => {
  const i = (await realRecord("E07500")).signals[0]!;
  assert.ok(Number.isNaN(challenge2024Lead(i, null, 500).snrDb));
  assert.ok(Number.isNaN(challenge2024Lead(i, new Float64Array(5000).fill(NaN), 500).snrDb));
  // …and NaN leads are skipped by the official mean, so they do not lower it.
  assert.equal(nanMean([10, NaN, 20]), 15);
});

Deno.test("challenge2024Lead() reads white noise at 15 dB back within 0.1 dB on average", async () => {
  const record = await realRecord("JS20000");
  const snrs = record.signals.map((s, k) =>
    challenge2024Lead(s, addNoise(s, 15, "c2024", k), record.sampleRateHz).snrDb
  );
  const mean = snrs.reduce((a, b) => a + b, 0) / snrs.length;
  // The quantised offset (±half a step) adds a little error power.
  assert.ok(Math.abs(mean - 15) < 0.1, `mean SNR ${mean}`);
});

Deno.test("snr2024() multiplies the dB value by the covered fraction", () => {
  const ref = Float64Array.of(1, -1, 1, -1), est = Float64Array.of(1.1, -1, NaN, -1);
  const r = snr2024(ref, est);
  assert.equal(r.alpha, 0.75);
  assert.ok(Math.abs(r.snrDb - 0.75 * 10 * Math.log10(1 / (0.1 ** 2 / 3))) < 1e-9);
  assert.ok(Number.isNaN(snr2024(new Float64Array(3), Float64Array.of(1, 1, 1)).snrDb));
  assert.equal(snr2024(new Float64Array(3), new Float64Array(3)).snrDb, Infinity);
});

Deno.test("align2024() returns null when a signal has no finite sample", () => {
  assert.equal(align2024(Float64Array.of(NaN, NaN), Float64Array.of(1, 2)), null);
  assert.equal(align2024(Float64Array.of(1, 2), Float64Array.of(NaN, NaN)), null);
});

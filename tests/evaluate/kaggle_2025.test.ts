import assert from "node:assert/strict";
import {
  alignKaggle,
  kaggleImageRatio,
  kaggleLead,
  kaggleRatio,
  kaggleScoreDb,
} from "../../lib/evaluate/kaggle_2025.ts";
import { predictionOnTruthGrid } from "../../lib/evaluate/resample.ts";
import type { KaggleLead } from "../../lib/evaluate/types.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { addNoise, casePrediction, delay, FIXTURES, layout3x4, realRecord } from "./_helpers.ts";

const close = (a: number, b: number, rel = 1e-9) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

/** Score an image the way the metric's `_calculate_image_score` does. */
function imageRatio(
  truth: EcgRecord,
  prediction: EcgRecord | null,
): { ratio: number; leads: (KaggleLead | null)[] } {
  const grid = predictionOnTruthGrid(truth, prediction);
  const leads = truth.signals.map((s, i) => kaggleLead(s, grid[i]!, truth.sampleRateHz));
  return { ratio: kaggleImageRatio(leads), leads };
}

// The metric's own doctest (physionet-ecg-signal-extraction-metric, `score`):
// 11 leads of 3 samples and lead II of 12, fs = 1 Hz (so no time shift).
const DOC_LEADS = ["I", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6", "II"];
const DOC_VALUES = [
  0.1,
  0.3,
  0.4,
  0.6,
  0.6,
  0.4,
  0.2,
  0.3,
  0.4,
  0.5,
  0.2,
  0.7,
  0.2,
  0.3,
  0.4,
  0.8,
  0.6,
  0.7,
  0.2,
  0.3,
  -0.1,
  0.5,
  0.6,
  0.7,
  0.2,
  0.9,
  0.4,
  0.5,
  0.6,
  0.7,
  0.1,
  0.3,
  0.4,
  0.6,
  0.6,
  0.4,
  0.2,
  0.3,
  0.4,
  0.5,
  0.2,
  0.7,
  0.2,
  0.3,
  0.4,
];
function docRecord(values: readonly number[]): EcgRecord {
  const signals = DOC_LEADS.map((lead, k) => {
    const s = new Float64Array(12).fill(NaN);
    if (lead === "II") s.set(values.slice(33, 45));
    else s.set(values.slice(3 * k, 3 * k + 3));
    return s;
  });
  return { name: "343", sampleRateHz: 1, leadNames: DOC_LEADS, signals, comments: [], source: "" };
}

Deno.test("kaggleScoreDb() reproduces the official metric's doctest values", () => {
  const solution = docRecord(DOC_VALUES);
  const score = (truth: EcgRecord, pred: EcgRecord) =>
    kaggleScoreDb([imageRatio(truth, pred).ratio]);
  assert.equal(score(solution, solution).toFixed(4), "25.8433");
  const noisy = [...DOC_VALUES];
  noisy[0] = 0.9;
  assert.equal(score(solution, docRecord(noisy)).toFixed(4), "13.6291");
  noisy[4] = 0.3;
  assert.equal(score(solution, docRecord(noisy)).toFixed(4), "13.0576");
  const zeros = docRecord(DOC_VALUES.map(() => 0));
  assert.equal(score(zeros, docRecord(noisy)), -384);
  assert.equal(score(zeros, zeros).toFixed(4), "25.8433");
});

Deno.test("alignKaggle() passes the official metric's alignment doctests", () => {
  const a = (...v: number[]) => Float64Array.from(v);
  const same = (x: Float64Array, y: number[]) =>
    assert.ok(
      y.every((v, i) => (Number.isNaN(v) ? Number.isNaN(x[i]!) : Math.abs(x[i]! - v) < 1e-6)),
      `${x}`,
    );
  same(alignKaggle(a(0, 1, 2, 1, 0), a(0, 1, 2, 1, 0), Infinity).aligned, [0, 1, 2, 1, 0]);
  same(alignKaggle(a(0, 1, 2, 1, 0), a(10, 11, 12, 11, 10), Infinity).aligned, [0, 1, 2, 1, 0]);
  same(alignKaggle(a(0, 0, 1, 2, 1, 0, 0), a(1, 2, 1, 0, 0, 0, 0), Infinity).aligned, [
    NaN,
    NaN,
    1,
    2,
    1,
    0,
    0,
  ]);
  same(alignKaggle(a(0, 0, 0, 0, 1, 2, 1), a(1, 2, 1, 0, 0, 0, 0), 10).aligned, [
    NaN,
    NaN,
    NaN,
    NaN,
    1,
    2,
    1,
  ]);
});

Deno.test("kaggleScoreDb() caps a perfect image at 25.84 dB", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const { ratio } = imageRatio(truth, truth);
  assert.equal(ratio, 384);
  assert.equal(kaggleScoreDb([ratio]).toFixed(2), "25.84");
  assert.equal(kaggleRatio(1e9, 1), 384);
});

Deno.test("kaggleScoreDb() averages ratios before taking dB", () => {
  assert.ok(Math.abs(kaggleScoreDb([384, 1]) - 10 * Math.log10(192.5)) < 1e-12);
  assert.ok(Number.isNaN(kaggleScoreDb([])));
});

Deno.test("kaggleLead() reads white noise at 15 dB back within 0.1 dB over an image", async () => {
  const truth = await realRecord("E07500");
  const noisy = { ...truth, signals: truth.signals.map((s, k) => addNoise(s, 15, "kaggle", k)) };
  const db = 10 * Math.log10(imageRatio(truth, noisy).ratio);
  assert.ok(Math.abs(db - 15) < 0.1, `${db} dB`);
});

Deno.test("kaggleLead() forgives a shift inside 0.2 s and not one outside", async () => {
  const ii = (await realRecord("E07500")).signals[1]!;
  let tail = 0;
  for (let i = ii.length - 80; i < ii.length; i++) tail += ii[i]! ** 2;
  const inside = kaggleLead(ii, delay(ii, 80), 500)!;
  assert.equal(inside.shiftSamples, 80);
  // Moving the prediction 80 samples earlier leaves the last 80 empty: only
  // they count, as 0 mV.
  close(inside.noisePower, tail, 1e-9);
  const outside = kaggleLead(ii, delay(ii, 130), 500)!;
  assert.ok(Math.abs(outside.shiftSamples) <= 100);
  assert.ok(
    outside.noisePower > 20 * inside.noisePower,
    `${outside.noisePower} vs ${inside.noisePower}`,
  );
});

Deno.test("kaggleLead() forgives a constant offset", async () => {
  const v2 = (await realRecord("JS20000")).signals[7]!;
  const r = kaggleLead(v2, v2.map((v) => v - 0.75), 500)!;
  assert.equal(r.shiftSamples, 0);
  close(r.offsetMv, -0.75, 1e-12);
  assert.ok(r.noisePower < 1e-20, `${r.noisePower}`);
});

Deno.test("kaggleLead() scores a missing lead and a NaN-only prediction as zeros, i.e. the label's mean", async () => {
  const i = layout3x4(await realRecord("E07500")).signals[0]!;
  const label = i.filter(Number.isFinite);
  const mean = label.reduce((a, b) => a + b, 0) / label.length;
  const variance = label.reduce((a, v) => a + (v - mean) ** 2, 0);
  for (const pred of [null, new Float64Array(i.length).fill(NaN), new Float64Array(i.length)]) {
    const r = kaggleLead(i, pred, 500)!;
    assert.equal(r.shiftSamples, 0);
    close(r.offsetMv, -mean, 1e-9);
    close(r.noisePower, variance, 1e-9);
  }
  assert.equal(kaggleLead(new Float64Array(10).fill(NaN), null, 500), null);
});

/**
 * Reference values: the official Kaggle definitions (`align_signals`,
 * `compute_power`, `compute_snr` with PERFECT_SCORE = 384, per image as
 * `_calculate_image_score`), NumPy 2.4 / SciPy 1.17, run locally on these
 * inputs in a throwaway script (not committed). A prediction's NaN samples
 * were filled with 0 and a missing lead with zeros first, as a submission
 * must be. Per lead: [signal power, noise power, shift (samples, + = late)].
 */
const PINNED: Record<string, { ratio: number; leads: Record<string, [number, number, number]> }> = {
  "E07500-3x4": {
    ratio: 3.0152820080589398,
    leads: {
      I: [25.818488000000002, 0, 0],
      II: [89.170866, 0.5188811164225637, 5],
      III: [3.185638, 0.03593703910655737, -30],
      aVR: [20.822943, 22.30169860956522, 100],
      aVL: [7.352603, 7.2412676328, 0],
      aVF: [6.043051999999999, 3.1692491467942467, 0],
      V1: [23.001914, 16.208910876799997, 0],
      V2: [43.732678, 0.48528824082506317, 0],
      V3: [98.38772900000001, 158.05879961962134, 88],
      V4: [119.965267, 6.749015239257424e-30, 0],
      V5: [100.831677, 0, 0],
      V6: [105.016339, 5.336195188853804, 0],
    },
  },
  "00001_lr": {
    ratio: 3.1694528579145866,
    leads: {
      I: [11.888118, 0.024423121084774995, 0],
      II: [6.926643, 0.09815940453304209, 2],
      III: [3.449786, 0.3946834510801003, -3],
      aVR: [8.535805, 0.8532433645966424, 7],
      aVL: [5.925467, 2.414393566623255, -15],
      aVF: [2.196139, 2.9193164124430204, 20],
      V1: [12.798481, 24.530486179058098, 20],
      V2: [45.943319, 0.10815517678817597, 0],
      V3: [13.887974999999997, 10.488872680306184, 1],
      V4: [9.120677, 0.000676, -1],
      V5: [7.957732999999999, 1.5954776123803485, 4],
      V6: [10.392338, 0.43535606778398395, -8],
    },
  },
};

Deno.test("kaggleLead() matches the official metric on real records", async () => {
  const cases: [string, EcgRecord][] = [
    ["E07500-3x4", layout3x4(await realRecord("E07500"))],
    ["00001_lr", await realRecord("00001_lr")],
  ];
  for (const [name, truth] of cases) {
    const { ratio, leads } = imageRatio(truth, casePrediction(name, truth.sampleRateHz));
    close(ratio, PINNED[name]!.ratio, 1e-9);
    truth.leadNames.forEach((lead, i) => {
      const [ps, pn, shift] = PINNED[name]!.leads[lead]!;
      close(leads[i]!.signalPower, ps, 1e-12);
      assert.ok(
        Math.abs(leads[i]!.noisePower - pn) <= 1e-9 * Math.max(pn, 1e-12),
        `${name} ${lead} ${leads[i]!.noisePower}`,
      );
      assert.equal(leads[i]!.shiftSamples, shift, `${name} ${lead} shift`);
    });
  }
});

Deno.test("kaggleLead() matches the official metric on 60 random cases", () => {
  // fixtures/evaluate/official_cases.json (see challenge_2024.test.ts): kaggle = [signal, noise, shift].
  const path = new URL("evaluate/official_cases.json", FIXTURES).pathname;
  const cases = JSON.parse(Deno.readTextFileSync(path)) as {
    fs: number;
    ref: (number | null)[];
    est: (number | null)[];
    kaggle: [number, number, number] | null;
  }[];
  const arr = (a: (number | null)[]) => Float64Array.from(a, (v) => v ?? NaN);
  cases.forEach((c, k) => {
    const r = kaggleLead(arr(c.ref), arr(c.est), c.fs);
    if (c.kaggle === null) return assert.equal(r, null);
    close(r!.signalPower, c.kaggle[0], 1e-12);
    assert.ok(
      Math.abs(r!.noisePower - c.kaggle[1]) <= 1e-7 * Math.max(c.kaggle[1], 1e-9),
      `case ${k}`,
    );
    assert.equal(r!.shiftSamples, c.kaggle[2], `case ${k} shift`);
  });
});

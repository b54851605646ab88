import assert from "node:assert/strict";
import { groundTruthMeta, predictionSampleRate } from "../../lib/evaluate/ground_truth.ts";

Deno.test("groundTruthMeta() reads rate, groups and distortions from the generator's JSON", () => {
  const meta = groundTruthMeta({
    sampling_frequency: 250,
    preset: "0003",
    layout: "6x2",
    output: { format: "jpg" },
    augmentations: [
      { name: "rotate", params: { angle_deg: -3.5, expand: false, mode: "bilinear" } },
      { name: "jpeg", params: { quality: 40 } },
      { name: "crease", params: { count: 2 } },
      { name: "crease", params: { count: 5 } },
    ],
  }, "png");
  assert.equal(meta.sampleRateHz, 250);
  assert.deepEqual(meta.groups, { preset: "0003", layout: "6x2", imageType: "jpg" });
  assert.deepEqual(meta.distortions, {
    rotate: 1,
    "rotate.angle_deg": -3.5,
    "rotate.expand": 0,
    jpeg: 1,
    "jpeg.quality": 40,
    crease: 2,
    "crease.count": 2,
  });
});

Deno.test("groundTruthMeta() falls back to the image extension and tolerates odd JSON", () => {
  assert.deepEqual(groundTruthMeta({ augmentations: [] }, "JPEG").groups, { imageType: "jpg" });
  const odd = groundTruthMeta({ sampling_frequency: "500", augmentations: [{ params: {} }, 3] });
  assert.equal(odd.sampleRateHz, null);
  assert.deepEqual(odd.distortions, {});
  assert.deepEqual(groundTruthMeta(null), { sampleRateHz: null, groups: {}, distortions: {} });
});

Deno.test("predictionSampleRate() reads fs, then sampling_frequency", () => {
  assert.equal(predictionSampleRate({ fs: 500, sampling_frequency: 250 }), 500);
  assert.equal(predictionSampleRate({ sampling_frequency: 250 }), 250);
  assert.equal(predictionSampleRate({ fs: null, sampling_frequency: 250 }), 250);
  for (const bad of [0, -5, "500", Infinity]) {
    assert.throws(
      () => predictionSampleRate({ sampling_frequency: bad }),
      (e: unknown) =>
        e instanceof RangeError && /sampling_frequency = .* not a positive/.test(e.message),
      String(bad),
    );
  }
  assert.equal(predictionSampleRate(undefined), null);
});

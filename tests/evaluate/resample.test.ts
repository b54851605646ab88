import assert from "node:assert/strict";
import fc from "fast-check";
import { predictionOnTruthGrid, resampleLinear } from "../../lib/evaluate/resample.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { realRecord } from "./_helpers.ts";

Deno.test("resampleLinear() returns an equal copy at the same rate", () => {
  const x = Float64Array.of(1, NaN, 3);
  const y = resampleLinear(x, 500, 500);
  assert.notEqual(y, x);
  assert.deepEqual([...y], [...x]);
});

Deno.test("resampleLinear() is exact on a ramp, up and down", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 300 }),
      fc.constantFrom(100, 250, 257, 500, 1000),
      fc.constantFrom(100, 250, 500, 1000),
      (n, from, to) => {
        const ramp = Float64Array.from({ length: n }, (_, i) => i / from);
        const out = resampleLinear(ramp, from, to);
        if (out.length !== Math.round(n * to / from)) return false;
        return out.every((v, k) => {
          const t = k / to;
          if (t <= (n - 1) / from) return Math.abs(v - t) < 1e-9;
          return k * from / to < n ? v === ramp[n - 1] : Number.isNaN(v);
        });
      },
    ),
    { numRuns: 200, seed: 7 },
  );
});

Deno.test("resampleLinear() is NaN next to a missing sample", () => {
  const y = resampleLinear(Float64Array.of(0, NaN, 2, 3), 1, 2);
  assert.deepEqual([...y].map((v) => (Number.isNaN(v) ? "NaN" : v)), [
    0,
    "NaN",
    "NaN",
    "NaN",
    2,
    2.5,
    3,
    3,
  ]);
});

Deno.test("resampleLinear() rejects a rate that is not positive", () => {
  assert.throws(() => resampleLinear(new Float64Array(3), 0, 500), RangeError);
  assert.throws(() => resampleLinear(new Float64Array(3), 500, NaN), RangeError);
});

Deno.test("predictionOnTruthGrid() matches leads by normalised name and resamples to the truth's rate", async () => {
  const truth = await realRecord("00001_lr"); // 100 Hz, header names AVR, AVL, AVF
  const prediction: EcgRecord = {
    ...truth,
    sampleRateHz: 500,
    leadNames: ["avr", "ii"],
    signals: [0, 1].map((k) => Float64Array.from({ length: 5000 }, (_, i) => k + i / 500)),
  };
  const grid = predictionOnTruthGrid(truth, prediction);
  assert.equal(grid.length, 12);
  const avr = grid[truth.leadNames.indexOf("aVR")]!;
  assert.equal(avr.length, 1000);
  assert.ok(Math.abs(avr[10]! - 0.1) < 1e-12);
  assert.ok(Math.abs(grid[1]![10]! - 1.1) < 1e-12);
  assert.equal(grid[0], null);
  assert.ok(predictionOnTruthGrid(truth, null).every((g) => g === null));
});

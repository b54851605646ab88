import assert from "node:assert/strict";
import { robustnessCurves } from "../../lib/evaluate/robustness.ts";
import type { ImageResult } from "../../lib/evaluate/types.ts";

const image = (
  id: string,
  ratio: number,
  distortions: Record<string, number> | null,
): ImageResult => ({
  id,
  groups: {},
  distortions,
  leads: [],
  kaggleRatio: ratio,
  kaggleDb: 10 * Math.log10(ratio),
  challenge2024SnrDb: NaN,
  meanSnrDb: NaN,
  warnings: [],
});

Deno.test("robustnessCurves() makes one curve per parameter and a presence curve with clean images at 0", () => {
  const images = [
    image("clean", 100, {}),
    image("r1", 50, { rotate: 1, "rotate.angle_deg": 2 }),
    image("r2", 10, { rotate: 1, "rotate.angle_deg": 8 }),
    image("unknown", 1, null),
  ];
  const rows = robustnessCurves(images, 5);
  const presence = rows.filter((r) => r.curve === "rotate");
  assert.deepEqual(presence.map((r) => [r.x, r.scores.images]), [[0, 1], [1, 2]]);
  assert.ok(Math.abs(presence[1]!.scores.kaggleScoreDb - 10 * Math.log10(30)) < 1e-12);
  const angle = rows.filter((r) => r.curve === "rotate.angle_deg");
  assert.deepEqual(angle.map((r) => [r.bin, r.lo, r.hi, r.scores.images]), [[0, 2, 2, 1], [
    1,
    8,
    8,
    1,
  ]]);
});

Deno.test("robustnessCurves() bins many values into equal-count bins without splitting equal values", () => {
  const images = Array.from(
    { length: 20 },
    (_, k) => image(`i${k}`, 1 + k, { "blur.sigma": k < 6 ? 0.5 : k }),
  );
  const rows = robustnessCurves(images, 4).filter((r) => r.curve === "blur.sigma");
  assert.ok(rows.length <= 4);
  assert.equal(rows.reduce((a, r) => a + r.scores.images, 0), 20);
  assert.equal(rows[0]!.hi, 0.5);
  assert.ok(rows.every((r, i) => i === 0 || r.lo > rows[i - 1]!.hi));
  assert.throws(() => robustnessCurves(images, 0), RangeError);
});

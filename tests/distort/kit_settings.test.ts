/** The family settings ecg-image-kit's flags map onto: a fixed rotation, evenly spaced creases, handwritten words at an offset. */
import assert from "node:assert/strict";
import { rotation } from "../../lib/distort/geometry/rotation.ts";
import { creases, handwriting } from "../../lib/distort/paper/mod.ts";
import { resolveDistortions } from "../../lib/distort/settings.ts";
import { FAMILIES } from "../../lib/distort/families.ts";
import { createRng } from "../../lib/random/rng.ts";

const frame = { width: 1100, height: 850, pxPerMm: 100 / 25.4 };

Deno.test("rotation.sample() turns by exactly max_deg when fixed, within ±max_deg otherwise", () => {
  for (let seed = 0; seed < 20; seed++) {
    const fixed = rotation.sample(
      createRng(seed),
      { probability: 1, max_deg: 5, fixed: true },
      frame,
    );
    assert.equal(fixed.angle_deg, 5);
    const drawn = rotation.sample(createRng(seed), { probability: 1, max_deg: 5 }, frame);
    assert.ok(Math.abs(drawn.angle_deg as number) <= 5);
  }
  assert.throws(
    () => resolveDistortions(FAMILIES, {}, { rotation: { fixed: "yes" as unknown as boolean } }),
    /distortions\.rotation\.fixed = "yes"/,
  );
});

Deno.test("creases.sample() with horizontal/vertical spaces that many folds evenly at one angle", () => {
  const config = { ...creases.defaults, probability: 1, horizontal: 3, vertical: 2, angle_deg: 45 };
  const p = creases.sample(createRng(4), config, frame);
  assert.equal(p.count, 5);
  const axes = [0, 1, 2, 3, 4].map((k) => p[`fold_${k}_axis`]);
  assert.deepEqual(axes, ["horizontal", "horizontal", "horizontal", "vertical", "vertical"]);
  assert.deepEqual([0, 1, 2].map((k) => p[`fold_${k}_offset_px`]), [212.5, 425, 637.5]);
  assert.deepEqual([3, 4].map((k) => p[`fold_${k}_offset_px`]), [366.6667, 733.3333]);
  assert.deepEqual([0, 3].map((k) => Math.abs(p[`fold_${k}_angle_deg`] as number)), [45, 45]);
  // Without them, the folds stay at the halves and thirds, as before.
  const old = creases.sample(createRng(4), { ...creases.defaults, probability: 1 }, frame);
  assert.ok((old.count as number) >= 1 && (old.count as number) <= 3);
});

Deno.test("handwriting.sample() with words writes one note of that many words at the offsets", () => {
  const config = {
    ...handwriting.defaults,
    probability: 1,
    words: 4,
    x_offset_px: 30,
    y_offset_px: 20,
  };
  for (let seed = 0; seed < 10; seed++) {
    const p = handwriting.sample(createRng(seed), config, frame);
    assert.equal(p.count, 1);
    assert.equal((p.note_0_text as string).split(" ").length, 4);
    assert.deepEqual([p.note_0_x, p.note_0_y, p.x_offset_px, p.y_offset_px], [30, 20, 30, 20]);
  }
});

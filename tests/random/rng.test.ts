/** Seeded random streams. */
import assert from "node:assert/strict";
import { createRng } from "../../lib/random/rng.ts";

const draw = (rng: ReturnType<typeof createRng>, n: number) =>
  Array.from({ length: n }, () => rng.next());

Deno.test("createRng() gives the same stream for the same seed and ids", () => {
  assert.deepEqual(
    draw(createRng(5, "E07500", 0, 1, "style"), 100),
    draw(createRng(5, "E07500", 0, 1, "style"), 100),
  );
});

Deno.test("createRng() gives independent streams for different seeds, ids and stages", () => {
  const base = draw(createRng(5, "E07500", 0, 1, "style"), 20);
  for (
    const other of [
      createRng(6, "E07500", 0, 1, "style"),
      createRng(5, "E07501", 0, 1, "style"),
      createRng(5, "E07500", 1, 1, "style"),
      createRng(5, "E07500", 0, 1, "noise"),
      createRng(5, "E07500", "0", 1, "style"),
    ]
  ) {
    assert.notDeepEqual(draw(other, 20), base);
  }
});

Deno.test("createRng() draws are uniform and normal within sampling error", () => {
  const rng = createRng(1, "stats");
  const n = 100000;
  let sum = 0, sumSq = 0, low = 0;
  const bins = new Array(10).fill(0);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    assert.ok(u >= 0 && u < 1);
    bins[Math.floor(u * 10)]++;
    const z = rng.normal();
    sum += z;
    sumSq += z * z;
    if (rng.int(1, 6) === 1) low++;
  }
  for (const b of bins) assert.ok(Math.abs(b - n / 10) < 5 * Math.sqrt(n / 10), `bin ${b}`);
  assert.ok(Math.abs(sum / n) < 0.02);
  assert.ok(Math.abs(sumSq / n - 1) < 0.03);
  assert.ok(Math.abs(low / n - 1 / 6) < 0.01);
});

Deno.test("createRng() rejects a non-integer seed", () => {
  assert.throws(() => createRng(0.5), RangeError);
});

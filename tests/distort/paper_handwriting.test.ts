/** Tests of the handwriting paper family on a real rendered page. */
import assert from "node:assert/strict";
import { handwriting } from "../../lib/distort/paper/mod.ts";
import { runPaperFamily } from "./_helpers.ts";

Deno.test("handwriting: notes add pen ink only inside their boxes, covered by the text mask", async () => {
  const { before, after, params, target } = await runPaperFamily(handwriting, 21, { count: 3 });
  const { width, height } = target.image;
  assert.equal(target.notes.length, 3);
  const before7 = (await runPaperFamily(handwriting, 21, { count: 0 })).target.textMask!;
  for (const [k, note] of target.notes.entries()) {
    assert.equal(note.text, params[`note_${k}_text`]);
    assert.ok(note.text.length > 0);
    const [l, t, r, b] = note.box;
    assert.ok(l >= -0.5 && t >= -0.5 && r <= width - 0.5 && b <= height - 0.5, "box on the page");
    assert.ok(r - l > 10 && b - t > 10, `a real note box: ${note.box}`);
  }
  const inSome = (x: number, y: number) =>
    target.notes.some(({ box: [l, t, r, b] }) => x > l && x < r && y > t && y < b);
  let changed = 0, masked = 0, darkUnmasked = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = y * width + x, p = q * 3;
      const diff = before[p]! - after[p]! + before[p + 1]! - after[p + 1]!;
      if (diff !== 0) {
        changed++;
        assert.ok(inSome(x, y), `ink at (${x}, ${y}) outside every note box`);
      }
      if (target.textMask![q] !== before7[q]) {
        masked++;
        assert.ok(inSome(x, y), `mask at (${x}, ${y}) outside every note box`);
      }
      // Strongly inked pixels (most of the pen's darkening) must be in the text mask.
      if (diff > 200 && target.textMask![q] !== 1) darkUnmasked++;
    }
  }
  assert.ok(changed > 100, `ink pixels: ${changed}`);
  assert.ok(masked > 50, `mask pixels added: ${masked}`);
  assert.equal(darkUnmasked, 0);
});

Deno.test("handwriting: ink is blue or black and the same seed writes the same notes", async () => {
  const a = await runPaperFamily(handwriting, 4, { count: 2 });
  const b = await runPaperFamily(handwriting, 4, { count: 2 });
  const c = await runPaperFamily(handwriting, 5, { count: 2 });
  assert.deepEqual(a.target.notes, b.target.notes);
  assert.ok(a.after.every((v, i) => v === b.after[i]));
  assert.ok(c.after.some((v, i) => v !== a.after[i]));
  // Where the pen wrote on white paper, blue is the brightest channel or all are close (black).
  const { after, before } = a;
  for (let i = 0; i < after.length; i += 3) {
    if (before[i]! < 250 || before[i + 1]! < 250 || after[i]! > 150) continue;
    assert.ok(after[i + 2]! >= after[i]! - 2, "pen ink is blue or black, never red");
  }
});

Deno.test("handwriting: validate rejects impossible settings with a RangeError naming them", () => {
  for (const [key, value] of [["count", -1], ["size_mm", [9, 2]], ["jitter", 3]] as const) {
    assert.throws(
      () => handwriting.validate({ ...handwriting.defaults, [key]: value }),
      (e: unknown) =>
        e instanceof RangeError && e.message.includes(`distortions.handwriting.${key}`),
    );
  }
});

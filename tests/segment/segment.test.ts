/** The shipped ONNX trace segmenter on pages it never saw in training. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { firstPage, fixtureRecord } from "../generate/_helpers.ts";
import { loadSegmenter } from "../../lib/io/segmenter.ts";
import { axisTiles } from "../../lib/segment/tiles.ts";
import { scoreTrace } from "../../lib/segment/metrics.ts";
import type { GeneratedPage } from "../../lib/generate/generate.ts";

const segmenter = await loadSegmenter();
// E07518 is held out of training (training/data.py).
const record = await fixtureRecord("E07518");

function truthOf(page: GeneratedPage): Uint8Array {
  const m = page.masks!;
  const t = new Uint8Array(m[3]!.length);
  for (let i = 0; i < t.length; i++) t[i] = m[3]![i]! | m[4]![i]! | m[5]![i]! | m[6]![i]!;
  return t;
}

async function scored(page: GeneratedPage, maxTile?: number) {
  const seg = await segmenter.segment(page.image, {
    pxPerMm: page.groundTruth.px_per_mm,
    ...(maxTile ? { maxTile } : {}),
  });
  const pred = seg.data.map((v) => (v > seg.threshold ? 1 : 0));
  const panels = page.groundTruth.leads.map((l) => l.plotted_pixels);
  return {
    seg,
    scores: scoreTrace(pred, truthOf(page), page.image.width, page.image.height, panels),
  };
}

for (
  const [name, options] of [
    ["a clean page", { preset: "0001" }],
    ["a styled colour scan", { preset: "0003", style: "random" }],
    ["a styled phone photo", { preset: "0005", style: "random" }],
  ] as const
) {
  Deno.test(`Segmenter.segment() finds the trace of ${name}`, async () => {
    const { page } = await firstPage(record, { dpi: 100, masks: true, seed: 3, ...options });
    const { seg, scores } = await scored(page);
    assert.equal(seg.width, page.image.width);
    assert.equal(seg.height, page.image.height);
    assert.ok(scores.iou! > 0.5, `IoU ${scores.iou}`);
    assert.ok(scores.pointRecall > 0.8, `points covered ${scores.pointRecall}`);
    assert.ok(scores.precisionNear > 0.8, `mask near the trace ${scores.precisionNear}`);
    assert.ok(seg.paperLevel > seg.inkLevel + 50, `paper ${seg.paperLevel}, ink ${seg.inkLevel}`);
  });
}

Deno.test("Segmenter.segment() is deterministic and tiles without seams", async () => {
  const { page } = await firstPage(record, { dpi: 100, masks: true, seed: 4, style: "random" });
  const a = await scored(page);
  const b = await scored(page);
  assert.deepEqual(a.seg.data, b.seg.data);
  const tiled = await scored(page, 256);
  let differ = 0;
  for (let i = 0; i < a.seg.data.length; i++) {
    if ((a.seg.data[i]! > 127) !== (tiled.seg.data[i]! > 127)) differ++;
  }
  assert.ok(differ < 0.002 * a.seg.data.length, `${differ} pixels change with the tiling`);
  assert.ok(Math.abs(tiled.scores.iou! - a.scores.iou!) < 0.02);
});

Deno.test("axisTiles() covers every sample once, tiles within the limit", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 8, max: 128 }),
      (length, overlap) => {
        const tiles = axisTiles(length, 512, overlap, 8);
        assert.equal(tiles[0]!.keepFrom, 0);
        assert.equal(tiles.at(-1)!.keepTo, length);
        for (let k = 0; k < tiles.length; k++) {
          const t = tiles[k]!;
          assert.ok(t.size % 8 === 0 && t.size <= 512 + 8 || tiles.length === 1);
          assert.ok(t.keepFrom >= t.start && t.keepTo <= t.start + t.size);
          if (k > 0) assert.equal(t.keepFrom, tiles[k - 1]!.keepTo);
        }
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

Deno.test("loadSegmenter() names the file it cannot load", async () => {
  await assert.rejects(
    () => loadSegmenter("no/such/model.onnx"),
    /Cannot load segmenter "no\/such\/model.onnx"/,
  );
});

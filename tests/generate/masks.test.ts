/** The 9 segmentation channels and their COCO RLE encoding. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MASK_CHANNELS } from "../../lib/generate/masks.ts";
import { decodeCocoRle, encodeCocoRle } from "../../lib/generate/rle.ts";
import { firstPage, fixtureRecord, isInk } from "./_helpers.ts";

const { page, decoded } = await firstPage(await fixtureRecord("E07506"), { dpi: 150, masks: true });
const masks = page.masks!;
const { width, height } = page.image;
const at = (c: number, row: number, col: number) =>
  masks[c]![Math.round(row) * width + Math.round(col)]!;

Deno.test("pageMasks() gives 9 channels of the image's size", () => {
  assert.equal(masks.length, 9);
  assert.equal(MASK_CHANNELS.length, 9);
  for (const m of masks) assert.equal(m.length, width * height);
  for (const m of masks) assert.ok(m.some((v) => v === 1), "an empty channel");
});

Deno.test("pageMasks() puts every plotted sample in its row's channel", () => {
  const rowOf: Record<string, number> = {
    I: 3,
    aVR: 3,
    V1: 3,
    V4: 3,
    II: 4,
    aVL: 4,
    V2: 4,
    V5: 4,
    III: 5,
    aVF: 5,
    V3: 5,
    V6: 5,
  };
  for (const lead of page.groundTruth.leads) {
    const channel = lead.is_rhythm ? 6 : rowOf[lead.lead_name]!;
    assert.equal(lead.mask_channel, channel);
    for (const p of lead.plotted_pixels) assert.equal(at(channel, p![0], p![1]), 1);
  }
});

Deno.test("pageMasks() signal channels cover trace ink and little else", () => {
  let inMask = 0, onInk = 0;
  for (let i = 0; i < width * height; i++) {
    if (masks[3]![i] || masks[4]![i] || masks[5]![i] || masks[6]![i]) {
      inMask++;
      if (isInk(decoded, i % width, Math.floor(i / width))) onInk++;
    }
  }
  assert.ok(onInk / inMask > 0.9, `${onInk}/${inMask} signal-mask pixels are ink`);
});

Deno.test("pageMasks() text channel covers every label box and the header", () => {
  const boxes = [
    ...page.groundTruth.leads.map((l) => l.text_bounding_box!),
    ...page.groundTruth.header.map((h) => h.text_bounding_box),
  ];
  for (const b of boxes) {
    let hits = 0;
    for (let y = Math.ceil(b["0"][0]); y <= b["2"][0]; y++) {
      for (let x = Math.ceil(b["0"][1]); x <= b["2"][1]; x++) hits += masks[7]![y * width + x]!;
    }
    assert.ok(hits > 5, `text box ${JSON.stringify(b)} has ${hits} text-mask pixels`);
  }
});

Deno.test("pageMasks() crossings are exactly where both grid channels are set", () => {
  for (let i = 0; i < width * height; i += 7) {
    assert.equal(masks[2]![i], masks[0]![i]! & masks[1]![i]!);
  }
  const origin = page.groundTruth.grid!.origin_px;
  assert.equal(at(0, origin[0], origin[1] + 3), 1);
  assert.equal(at(1, origin[0] + 3, origin[1]), 1);
});

Deno.test("encodeCocoRle() writes pycocotools' string for a known mask", () => {
  // 3x2 mask [[0,1,1],[0,0,1]]: column-major 0,0,1,0,1,1 → runs 2,1,1,2. From the
  // fourth count on, each is written as its difference to the count two before
  // (2 - 1 = 1), each digit + 48: "2", "1", "1", "1".
  const rle = encodeCocoRle(Uint8Array.of(0, 1, 1, 0, 0, 1), 3, 2);
  assert.deepEqual(rle, { size: [2, 3], counts: "2111" });
});

Deno.test("decodeCocoRle() inverts encodeCocoRle() for any mask", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 30 }),
      (w, h, runs) => {
        const mask = new Uint8Array(w * h);
        let k = 0, v = 0;
        for (const r of runs) {
          for (let i = 0; i < r && k < mask.length; i++, k++) mask[k] = v;
          v ^= 1;
        }
        assert.deepEqual(decodeCocoRle(encodeCocoRle(mask, w, h)), mask);
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

import {
  contactSheet,
  createRgbImage,
  generate,
  groundTruthOverlay,
  MASK_OVERLAY_COLOURS,
  readRecord,
  resolveStyleSettings,
  SHOWCASE_STYLES,
  thumbnail,
  TRUTH_OVERLAY_COLOURS,
} from "../../mod.ts";

function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new Error(message);
}

Deno.test("thumbnail() keeps the aspect ratio and averages areas", () => {
  const image = createRgbImage(400, 200, [0, 0, 0]);
  for (let i = 0; i < image.data.length; i += 6) image.data.fill(255, i, i + 3); // every other column white
  const small = thumbnail(image, 100);
  assert(small.width === 100 && small.height === 50 && small.channels === 3);
  for (const v of small.data) assert(Math.abs(v - 128) <= 1, `expected mid grey, got ${v}`);
  assert(thumbnail(image, 1000).width === 400, "never upscales");
});

Deno.test("thumbnail() rejects a width below 1", () => {
  let thrown: unknown = null;
  try {
    thumbnail(createRgbImage(4, 4, [0, 0, 0]), 0);
  } catch (error) {
    thrown = error;
  }
  assert(thrown instanceof RangeError && thrown.message.includes("widthPx"));
});

Deno.test("contactSheet() still tiles through thumbnail()", () => {
  const image = createRgbImage(300, 100, [200, 0, 0]);
  const sheet = contactSheet([{ image, label: "a" }], { columns: 1, cellWidth: 150, gap: 10 });
  assert(sheet.width === 170);
  const captionRows = Math.ceil(18 * 1.5);
  const p = ((10 + captionRows + 10) * sheet.width + 20) * 3;
  assert(sheet.data[p] === 200 && sheet.data[p + 1] === 0, "the cell holds the image");
});

Deno.test("groundTruthOverlay() draws plotted pixels, boxes and masks where the truth says", async () => {
  const record = await readRecord("fixtures/records/E07500.hea");
  const [page] = await generate(record, { seed: 1, dpi: 100, masks: true });
  assert(page && page.masks);
  const before = page.image.data.slice();
  const { width } = page.image;
  const at = (image: { data: Uint8Array }, x: number, y: number) =>
    Array.from(image.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
  const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);

  const pixels = groundTruthOverlay(page, { maskChannels: [], boxes: false, lineHalfWidthPx: 2 });
  const lead = page.groundTruth.leads[0]!;
  let hits = 0, total = 0;
  for (const p of lead.plotted_pixels) {
    if (!p) continue;
    total++;
    if (same(at(pixels, Math.round(p[1]), Math.round(p[0])), TRUTH_OVERLAY_COLOURS.plottedPixels)) {
      hits++;
    }
  }
  assert(hits / total > 0.95, `plotted pixels painted: ${hits}/${total}`);

  const boxes = groundTruthOverlay(page, {
    maskChannels: [],
    plottedPixels: false,
    lineHalfWidthPx: 2,
  });
  const [top, left] = lead.lead_bounding_box["0"];
  const [bottom] = lead.lead_bounding_box["3"];
  const y = Math.round((top + bottom) / 2);
  assert(same(at(boxes, Math.round(left), y), TRUTH_OVERLAY_COLOURS.leadBox), "lead box outlined");

  const masks = groundTruthOverlay(page, { maskChannels: [7], boxes: false, plottedPixels: false });
  const text = page.masks[7]!;
  const i = text.indexOf(1);
  assert(i >= 0, "the page has text");
  const tinted = at(masks, i % width, Math.floor(i / width));
  const original = Array.from(before.subarray(i * 3, i * 3 + 3));
  const red = MASK_OVERLAY_COLOURS[7]!;
  assert(
    tinted.every((v, c) => Math.abs(v - red[c]!) <= Math.abs(original[c]! - red[c]!)),
    "a text pixel moves towards the text tint",
  );
  assert(page.image.data.every((v, k) => v === before[k]), "the page image is not changed");
});

Deno.test("groundTruthOverlay() rejects an opacity outside [0, 1] and an unknown channel", async () => {
  const record = await readRecord("fixtures/records/E07500.hea");
  const [page] = await generate(record, { seed: 1, dpi: 50, masks: true });
  for (const options of [{ maskOpacity: 1.5 }, { maskChannels: [9] }]) {
    let thrown: unknown = null;
    try {
      groundTruthOverlay(page!, options);
    } catch (error) {
      thrown = error;
    }
    assert(thrown instanceof RangeError, JSON.stringify(options));
  }
});

Deno.test("SHOWCASE_STYLES are valid style settings", () => {
  assert(SHOWCASE_STYLES.length === 12);
  for (const [label, settings] of SHOWCASE_STYLES) {
    assert(label.length > 0);
    resolveStyleSettings(settings);
  }
});

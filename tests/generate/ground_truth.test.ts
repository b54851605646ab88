/** The ground-truth JSON: schema, layout semantics and boxes. */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { firstPage, fixtureRecord, isInk } from "./_helpers.ts";
import type { Corners } from "../../lib/generate/ground_truth.ts";

const schema = JSON.parse(
  await Deno.readTextFile(new URL("../../schemas/ground_truth.schema.json", import.meta.url)),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const box = (c: Corners) => ({
  top: c["0"][0],
  left: c["0"][1],
  bottom: c["2"][0],
  right: c["2"][1],
});

for (const layout of ["3x4", "6x2", "12x1"] as const) {
  Deno.test(`buildGroundTruth() output validates against the schema: ${layout}`, async () => {
    const record = await fixtureRecord("E07501");
    const { page } = await firstPage(record, { dpi: 100, layout, masks: true });
    const json = JSON.parse(JSON.stringify(page.groundTruth));
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 3)));
  });
}

Deno.test("buildGroundTruth() output fails the schema when a required field is missing", async () => {
  const { page } = await firstPage(await fixtureRecord("E07501"), { dpi: 100 });
  const json = JSON.parse(JSON.stringify(page.groundTruth));
  delete json.leads[0].plotted_pixels;
  assert.equal(validate(json), false);
});

Deno.test("generatePage() 3x4 column k shows [2.5k, 2.5k + 2.5) s and the strip is named II", async () => {
  const record = await fixtureRecord("E07502");
  const { page } = await firstPage(record, { dpi: 100 });
  const leads = page.groundTruth.leads;
  const expected = [
    ["I", "II", "III"],
    ["aVR", "aVL", "aVF"],
    ["V1", "V2", "V3"],
    ["V4", "V5", "V6"],
  ];
  expected.forEach((names, k) => {
    for (const name of names) {
      const lead = leads.find((l) => l.lead_name === name && !l.is_rhythm)!;
      assert.equal(lead.column_index, k);
      assert.equal(lead.start_sample, 1250 * k);
      assert.equal(lead.end_sample, 1250 * (k + 1));
    }
  });
  const strip = leads.filter((l) => l.is_rhythm);
  assert.equal(strip.length, 1);
  assert.equal(strip[0]!.lead_name, "II");
  assert.equal(strip[0]!.start_sample, 0);
  assert.equal(strip[0]!.end_sample, 5000);
  assert.equal(strip[0]!.mask_channel, 6);
});

Deno.test("generatePage() 6x2 is in clinical order with 5 s per column", async () => {
  const { page } = await firstPage(await fixtureRecord("E07502"), { dpi: 100, layout: "6x2" });
  const col = (k: number) =>
    page.groundTruth.leads.filter((l) => l.column_index === k).sort((a, b) =>
      a.row_index - b.row_index
    );
  assert.deepEqual(col(0).map((l) => l.lead_name), ["I", "II", "III", "aVR", "aVL", "aVF"]);
  assert.deepEqual(col(1).map((l) => l.lead_name), ["V1", "V2", "V3", "V4", "V5", "V6"]);
  assert.ok(col(0).every((l) => l.start_sample === 0 && l.end_sample === 2500));
  assert.ok(col(1).every((l) => l.start_sample === 2500 && l.end_sample === 5000));
});

Deno.test("generatePage() places each label right of its row's calibration pulse, by the trace", async () => {
  const { page, decoded } = await firstPage(await fixtureRecord("E07505"), { dpi: 200 });
  const gt = page.groundTruth;
  for (const lead of gt.leads) {
    const text = box(lead.text_bounding_box!);
    const pulse = gt.calibration_pulses.find((p) => p.row_index === lead.row_index)!;
    const pulseRight = Math.max(...pulse.polyline.map(([, c]) => c));
    assert.ok(
      text.left > pulseRight,
      `${lead.lead_name} label starts at ${text.left}, pulse ends at ${pulseRight}`,
    );
    const firstCol = lead.plotted_pixels[0]![1];
    assert.ok(
      text.left >= firstCol && text.left - firstCol < 5 * gt.px_per_mm,
      `${lead.lead_name} label far from trace`,
    );
    assert.ok(text.bottom < lead.baseline_px, `${lead.lead_name} label below its baseline`);
    let ink = 0;
    for (let y = Math.ceil(text.top); y <= Math.floor(text.bottom); y++) {
      for (let x = Math.ceil(text.left); x <= Math.floor(text.right); x++) {
        if (isInk(decoded, x, y)) ink++;
      }
    }
    assert.ok(ink > 10, `${lead.lead_name} text box holds ${ink} ink pixels`);
  }
});

Deno.test("generatePage() lead boxes enclose every plotted pixel", async () => {
  const { page } = await firstPage(await fixtureRecord("JS20002"), {
    dpi: 100,
    rhythmLeads: ["II", "V2"],
  });
  for (const lead of page.groundTruth.leads) {
    const b = box(lead.lead_bounding_box);
    for (const p of lead.plotted_pixels) {
      assert.ok(p && p[0] >= b.top && p[0] <= b.bottom && p[1] >= b.left && p[1] <= b.right);
    }
  }
});

Deno.test("generatePage() header is synthetic: no record comments, an ID and a date", async () => {
  const record = await fixtureRecord("E07500");
  const { page } = await firstPage(record, { dpi: 100, seed: 11 });
  const text = page.groundTruth.header.map((h) => h.text).join("\n");
  assert.match(text, /ID: \d{7}/);
  assert.match(text, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  assert.match(text, /25 mm\/s\s+10 mm\/mV/);
  for (const comment of record.comments) assert.ok(!text.includes(comment));
});

/**
 * Ground truth is exact: for every layout, every plotted pixel lies on trace
 * ink, and mapping it back through the page geometry gives the record's
 * millivolts and sample times.
 */
import assert from "node:assert/strict";
import type { GenerateOptions } from "../../lib/generate/options.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { firstPage, fixture, fixtureRecord, inkNear } from "./_helpers.ts";

const CASES: { name: string; record: string; options: GenerateOptions }[] = [
  { name: "3x4 + II at 200 dpi", record: "E07500", options: { dpi: 200 } },
  { name: "3x4 without rhythm strip", record: "JS20001", options: { dpi: 100, rhythmLeads: [] } },
  {
    name: "3x4 with 3 rhythm strips",
    record: "ludb/1",
    options: { dpi: 150, rhythmLeads: ["II", "V1", "V5"] },
  },
  { name: "6x2", record: "muse-sinus", options: { dpi: 100, layout: "6x2" } },
  {
    name: "12x1 at 5 mm/mV",
    record: "E07503",
    options: { dpi: 100, layout: "12x1", gainMmPerMv: 5 },
  },
  {
    name: "3x4 at 50 mm/s, 20 mm/mV, A4",
    record: "E07504",
    options: { dpi: 120, paperSpeedMmPerS: 50, gainMmPerMv: 20, paperSize: "a4" },
  },
  { name: "3x4 from a 100 Hz record", record: "00001_lr", options: { dpi: 100 } },
  {
    name: "3x4 without grid, pulse or labels",
    record: "muse-af",
    options: {
      dpi: 100,
      showGrid: false,
      calibrationPulse: false,
      leadLabels: false,
      header: false,
    },
  },
];

for (const { name, record: recordName, options } of CASES) {
  Deno.test(`generatePage() ground truth is exact: ${name}`, async () => {
    const record = await fixtureRecord(recordName);
    const { page, decoded } = await firstPage(record, { seed: 3, ...options });
    const gt = page.groundTruth;
    assert.equal(gt.width, decoded.width);
    assert.equal(gt.height, decoded.height);
    checkPixelsOnInk(gt.leads, decoded);
    checkMappingBack(gt, record);
  });
}

Deno.test("generatePage() ground truth is exact: rows layout of a 2-lead MIT-BIH record", async () => {
  const record = await readWfdbRecord(fixture("wfdb-conformance/sample-data/100.hea"));
  const { page, decoded } = await firstPage(record, { dpi: 100, startSample: 3600 });
  assert.equal(page.groundTruth.layout, "rows");
  assert.deepEqual(page.groundTruth.leads.map((l) => l.lead_name), record.leadNames);
  checkPixelsOnInk(page.groundTruth.leads, decoded);
  checkMappingBack(page.groundTruth, record);
});

type Gt = Awaited<ReturnType<typeof firstPage>>["page"]["groundTruth"];

function checkPixelsOnInk(leads: Gt["leads"], image: Parameters<typeof inkNear>[0]): void {
  let checked = 0;
  for (const lead of leads) {
    lead.plotted_pixels.forEach((p, i) => {
      if (!p) return;
      const [row, col] = p;
      if (row < 1 || row > image.height - 2) return; // clipped at the page edge
      assert.ok(
        inkNear(image, row, col, 1),
        `${lead.lead_name} sample ${i} at [${row}, ${col}] is not on ink`,
      );
      checked++;
    });
  }
  assert.ok(checked > 1000, `only ${checked} points checked`);
}

function checkMappingBack(gt: Gt, record: EcgRecord): void {
  const fs = gt.sampling_frequency;
  const halfPxInMv = 0.5 / gt.px_per_mv;
  for (const lead of gt.leads) {
    const signal = record.signals[record.leadNames.indexOf(lead.lead_name)]!;
    assert.equal(lead.plotted_pixels.length, lead.end_sample - lead.start_sample);
    lead.plotted_pixels.forEach((p, i) => {
      if (!p) return;
      const [row, col] = p;
      const mv = (lead.baseline_px - row) / gt.px_per_mv;
      const sample = gt.start_sample + ((col - gt.time_origin_px) / gt.px_per_second) * fs;
      assert.ok(
        Math.abs(sample - (lead.start_sample + i)) < 0.01,
        `${lead.lead_name} sample ${i} maps to ${sample}`,
      );
      const truth = signal[lead.start_sample + i]!;
      assert.ok(
        Math.abs(mv - truth) <= halfPxInMv,
        `${lead.lead_name}[${i}]: ${mv} mV vs ${truth} mV`,
      );
    });
  }
}

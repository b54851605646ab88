/** Page windows, the plotted-signal table, and determinism of the stage. */
import assert from "node:assert/strict";
import { generate, generatePage, planPages } from "../../lib/generate/generate.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { Workspace } from "../../lib/raster/workspace.ts";
import { RecordError } from "../../lib/records/errors.ts";
import { formatSignalCsv, parseSignalCsv } from "../../lib/records/signal_table.ts";
import { fixture, fixtureRecord } from "./_helpers.ts";

Deno.test("planPages() cuts a long record into whole 10 s windows", async () => {
  const record = await readWfdbRecord(fixture("wfdb-conformance/sample-data/100.hea"));
  const pages = planPages(record, { layout: "rows" });
  assert.equal(record.sampleRateHz, 360);
  assert.equal(pages.length, Math.floor(record.signals[0]!.length / 3600));
  assert.deepEqual(pages[3], { stem: "100-3", window: 3, variant: 0, startSample: 10800 });
  const variants = planPages(record, { count: 3, startSample: 100 });
  assert.deepEqual(variants.map((p) => p.stem), ["100-0-0", "100-0-1", "100-0-2"]);
  assert.ok(variants.every((p) => p.startSample === 100));
  assert.equal(
    planPages(record, { paperSpeedMmPerS: 50 }).length,
    Math.floor(record.signals[0]!.length / 1800),
  );
});

Deno.test("planPages() refuses a record shorter than one page, naming it", async () => {
  const record = await fixtureRecord("E07507");
  const short = {
    ...record,
    source: "short.hea",
    signals: record.signals.map((s) => s.subarray(0, 4999)),
  };
  assert.throws(
    () => planPages(short),
    (e: Error) => e instanceof RecordError && /"short.hea".*shorter than one page/.test(e.message),
  );
  assert.throws(
    () => planPages(record, { startSample: 1 }),
    /from sample 1 needs 5000 samples, the record has 5000/,
  );
});

Deno.test("generatePage() plots exactly the CSV it writes: record values where shown, gaps elsewhere", async () => {
  const record = await fixtureRecord("JS20005");
  const [page] = await generate(record, { dpi: 50, rhythmLeads: ["V1"] });
  const back = parseSignalCsv(formatSignalCsv(page!.signals), { sampleRateHz: 500 });
  const shown = new Map<string, [number, number][]>();
  for (const l of page!.groundTruth.leads) {
    shown.set(l.lead_name, [...(shown.get(l.lead_name) ?? []), [l.start_sample, l.end_sample]]);
  }
  record.leadNames.forEach((lead, k) => {
    const col = back.signals[back.leadNames.indexOf(lead)]!;
    for (let s = 0; s < 5000; s++) {
      const visible = shown.get(lead)!.some(([a, b]) => s >= a && s < b);
      if (visible) assert.ok(Math.abs(col[s]! - record.signals[k]![s]!) <= 5e-7);
      else assert.ok(Number.isNaN(col[s]!), `${lead}[${s}] should be empty`);
    }
  });
  const v1 = back.signals[back.leadNames.indexOf("V1")]!;
  assert.ok(v1.every((v) => !Number.isNaN(v)), "V1 is a rhythm strip: shown for the whole page");
});

Deno.test("generatePage() gives the same pixels with or without a workspace, and twice", async () => {
  const record = await fixtureRecord("E07508");
  const [plan] = planPages(record);
  const options = { dpi: 80, seed: 4, gridColour: "random" as const };
  const plain = await generatePage(record, plan!, options);
  const ws = new Workspace();
  await generatePage(record, plan!, { ...options, seed: 5 }, ws);
  const reused = await generatePage(record, plan!, options, ws);
  assert.deepEqual(reused.image.data, plain.image.data);
  assert.deepEqual(reused.groundTruth, plain.groundTruth);
});

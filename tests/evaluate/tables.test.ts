import assert from "node:assert/strict";
import { evaluate } from "../../lib/evaluate/evaluate.ts";
import {
  csvNumber,
  csvText,
  imagesCsv,
  metricsCsv,
  robustnessCsv,
  summaryJson,
  toJson,
} from "../../lib/evaluate/tables.ts";
import { layout3x4, realRecord, withSignals } from "./_helpers.ts";

Deno.test("csvNumber() writes NaN empty and infinities as inf", () => {
  assert.deepEqual([NaN, Infinity, -Infinity, 0.1 + 0.2, 12].map(csvNumber), [
    "",
    "inf",
    "-inf",
    "0.3",
    "12",
  ]);
  assert.equal(csvText('a,"b"'), '"a,""b"""');
});

Deno.test("metricsCsv() and imagesCsv() write one row per lead and per image", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const prediction = withSignals(truth, truth.signals.map((s) => s.map((v) => v + 0.05)));
  const report = await evaluate(
    [{
      id: "a,b",
      truth,
      prediction,
      groups: { layout: "3x4" },
      distortions: { blur: 1, "blur.sigma": 1.5 },
    }],
    { challenge2024: false },
  );
  const metrics = metricsCsv(report.images).trim().split("\n");
  assert.equal(metrics.length, 13);
  assert.ok(metrics[0]!.endsWith(",layout"));
  assert.ok(metrics[1]!.startsWith('"a,b",I,scored,'));
  const images = imagesCsv(report.images).trim().split("\n");
  assert.equal(images.length, 2);
  assert.equal(
    images[0],
    "image,kaggle_ratio,kaggle_db,challenge2024_snr_db,mean_snr_db,missing_leads,layout,blur,blur.sigma,warnings",
  );
  assert.ok(images[1]!.includes(",3x4,1,1.5,"));
  assert.equal(robustnessCsv(report.robustness).trim().split("\n").length, 3);
  // Every row has as many fields as the header (the quoted id holds one comma).
  const width = metrics[0]!.split(",").length;
  assert.ok(metrics.slice(1).every((l) => l.replace('"a,b"', "ab").split(",").length === width));
});

Deno.test("toJson() and summaryJson() write non-finite numbers as null with the reason beside them", async () => {
  assert.equal(toJson([NaN, -Infinity], 0), "[null,null]");
  assert.equal(toJson({ a: -Infinity, b: NaN }, 0), '{"a":null,"b":null,"nonFinite":{"a":"-inf"}}');
  const truth = await realRecord("00001_lr");
  const json = JSON.parse(
    summaryJson(await evaluate([{ id: "p", truth, prediction: truth }]), { inputs: { n: 1 } }),
  );
  assert.equal(json.overall.challenge2024SnrDb, null);
  assert.equal(json.overall.nonFinite.challenge2024SnrDb, "+inf");
  assert.equal(json.overall.kaggleScoreDb.toFixed(2), "25.84");
  assert.equal(json.inputs.n, 1);
});

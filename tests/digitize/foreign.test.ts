/**
 * Round trips on pages drawn by another generator (ecg-image-kit), scored
 * against their exact ground truth. Thresholds guard the measured quality
 * (BENCHMARKS.md), a few dB below it.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { fixture, foreignTruth, kaggleDb } from "./_helpers.ts";

async function read(stem: string) {
  const image = await decodeImage(await Deno.readFile(fixture("foreign", `${stem}.png`)));
  const result = await digitize(image, { sampleRateHz: 500 });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  return result;
}

Deno.test("digitize() reads a foreign 3x4 page with a frame: names from labels, no frame row", async () => {
  const r = await read("clean_JS20001");
  assert.equal(r.layout, "3x4");
  assert.equal(r.rows.length, 4);
  assert.ok(r.warnings.some((w) => w.includes("dropped")), "the frame lines are dropped as rows");
  const short = r.panels.filter((p) => p.rowIndex < 3);
  const fromLabels = short.filter((p) => p.nameSource === "label");
  assert.ok(fromLabels.length >= 9, `${fromLabels.length} of 12 panels named from labels`);
  const expect = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];
  for (const p of short) assert.equal(p.lead, expect[p.rowIndex]![p.columnIndex]);
  const db = kaggleDb(await foreignTruth("clean_JS20001"), r.record);
  assert.ok(db >= 13, `Kaggle ${db.toFixed(2)} dB`);
});

Deno.test("digitize() reads a black-and-white foreign page with dark major grid lines", async () => {
  const r = await read("bw_E07511");
  assert.equal(r.rows.length, 4);
  const db = kaggleDb(await foreignTruth("bw_E07511"), r.record);
  assert.ok(db >= 12, `Kaggle ${db.toFixed(2)} dB`);
});

Deno.test("digitize() reads 6x2 in another row order, both columns over the same seconds", async () => {
  const r = await read("cols2_E07515");
  assert.equal(r.layout, "6x2");
  assert.equal(r.columnsShareTime, true);
  const order = [["V1", "V4"], ["I", "aVR"], ["V2", "V5"], ["II", "aVL"], ["V3", "V6"], [
    "III",
    "aVF",
  ]];
  const labelled = r.panels.filter((p) => p.rowIndex < 6 && p.nameSource === "label");
  assert.ok(labelled.length >= 10, `${labelled.length} panels named from labels`);
  for (const p of labelled) assert.equal(p.lead, order[p.rowIndex]![p.columnIndex]);
  // The right column's leads fill the first 5 s, not 5-10 s.
  const v4 = r.record.signals[r.record.leadNames.indexOf("V4")]!;
  assert.ok(Number.isFinite(v4[1000]!) && Number.isNaN(v4[4000]!));
  const db = kaggleDb(await foreignTruth("cols2_E07515"), r.record);
  assert.ok(db >= 11, `Kaggle ${db.toFixed(2)} dB`);
});

Deno.test("digitize() reads a 69 dpi foreign page and says the resolution is low", async () => {
  const r = await read("resolution_E07511");
  assert.equal(r.layout, "3x4");
  const db = kaggleDb(await foreignTruth("resolution_E07511"), r.record);
  assert.ok(db >= 8, `Kaggle ${db.toFixed(2)} dB`);
  assert.ok(r.panels.every((p) => p.confidenceReasons.some((w) => w.includes("low resolution"))));
  assert.ok(Object.values(r.leadConfidence).every((c) => c < 0.9));
});

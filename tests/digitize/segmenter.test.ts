/**
 * Stage 2 with the ONNX trace segmenter as its ink source: a foreign page
 * (ecg-image-kit) read with `--segmenter onnx`, scored against its exact
 * ground truth; the ink seam's own checks. Thresholds sit a few dB below
 * the measured scores (17.2 and 19.0 dB on 2026-12-02).
 */
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { digitize, digitizeRectified } from "../../lib/digitize/mod.ts";
import { gatedInk, turnPageInk } from "../../lib/digitize/page_ink.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { loadSegmenter } from "../../lib/io/segmenter.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { rectify } from "../../lib/rectify/mod.ts";
import { main } from "../../tasks/digitize.ts";
import { fixture, kaggleDb } from "./_helpers.ts";

const segmenter = await loadSegmenter();

async function truth(stem: string): Promise<EcgRecord> {
  const text = new TextDecoder().decode(
    gunzipSync(await Deno.readFile(fixture("foreign", `${stem}.gt.csv.gz`))),
  );
  const [head, ...lines] = text.trim().split("\n");
  const leadNames = head!.split(",");
  const signals = leadNames.map(() => new Float64Array(lines.length));
  lines.forEach((line, i) =>
    line.split(",").forEach((v, k) => signals[k]![i] = v === "" || v === "NaN" ? NaN : Number(v))
  );
  return { name: stem, sampleRateHz: 500, leadNames, signals, comments: [], source: "" };
}

const image = (stem: string) =>
  Deno.readFile(fixture("foreign", `${stem}.png`)).then((b) => decodeImage(b));

for (const [stem, minDb] of [["clean_JS20001", 14], ["bw_E07511", 16]] as const) {
  Deno.test(`digitize() with a segmenter reads ${stem}: score, labels, ink_source`, async () => {
    const r = await digitize(await image(stem), { sampleRateHz: 500, segmenter });
    assert.ok(r.ok, r.ok ? "" : r.reason);
    assert.equal(r.inkSource, "onnx-gated");
    assert.equal(r.rows.length, 4);
    const fromLabels = r.panels.filter((p) => p.nameSource === "label").length;
    assert.ok(fromLabels >= 9, `${fromLabels} panels named from labels`);
    const db = kaggleDb(await truth(stem), r.record);
    assert.ok(db >= minDb, `Kaggle ${db.toFixed(2)} dB`);
  });
}

Deno.test("digitize() without a segmenter reports the classic ink source", async () => {
  const r = await digitize(await image("resolution_E07511"));
  assert.ok(r.ok);
  assert.equal(r.inkSource, "classic");
});

Deno.test("digitizeRectified() refuses an ink map of another size", async () => {
  const rect = await rectify(await image("resolution_E07511"));
  assert.ok(rect.ok);
  const trace = {
    width: 3,
    height: 2,
    data: new Uint8Array(6),
    threshold: 1,
    paperLevel: 255,
    inkLevel: 0,
  };
  assert.throws(() => digitizeRectified(rect, {}, { source: "onnx-gated", trace }), RangeError);
});

Deno.test("gatedInk() keeps whole strokes the segmenter touches and ink near it", () => {
  const map = (width: number, d: number[]) => ({
    width,
    height: d.length / width,
    data: new Uint8Array(d),
    threshold: 40,
    paperLevel: 255,
    inkLevel: 0,
  });
  // Row 0: a stroke seen at one end; row 2: a faint pixel beside a seen one, and a lone blot.
  const classic = map(4, [90, 90, 90, 90, 0, 0, 0, 0, 30, 0, 0, 200]);
  const seen = map(4, [200, 0, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0]);
  assert.deepEqual([...gatedInk(classic, seen, 1).data], [90, 90, 90, 90, 0, 0, 0, 0, 30, 0, 0, 0]);
  assert.deepEqual([...turnPageInk({ source: "classic", trace: classic }).trace.data].reverse(), [
    ...classic.data,
  ]);
});

Deno.test("digitize CLI --segmenter onnx writes ink_source; an unloadable model is a clear error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digitize-seg-" });
  const err: string[] = [];
  const error = console.error;
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    const input = fixture("foreign", "resolution_E07511.png");
    const ok = await main([
      input,
      "--out",
      dir,
      "--segmenter",
      "onnx",
      "--workers",
      "1",
      "--quiet",
    ]);
    assert.equal(ok, 0, err.join("\n"));
    const json = JSON.parse(await Deno.readTextFile(join(dir, "resolution_E07511.json")));
    assert.equal(json.ink_source, "onnx-gated");
    const missing = join(dir, "none.onnx");
    const bad = await main([
      input,
      "--out",
      dir,
      "--segmenter",
      "onnx",
      "--segmenter-model",
      missing,
    ]);
    assert.equal(bad, 1);
    assert.match(err.join("\n"), /Cannot load segmenter ".*none\.onnx"/);
    assert.equal(await main([input, "--out", dir, "--segmenter", "deep"]), 2);
  } finally {
    console.error = error;
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Stage 2 with the ONNX trace segmenter as its ink source: a foreign page
 * (ecg-image-kit) read with `--segmenter onnx`, scored against its exact
 * ground truth; the ink seam's own checks. Thresholds sit a few dB below
 * the measured scores (17.2 and 19.0 dB on 2026-12-02).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { digitize, digitizeRectified } from "../../lib/digitize/mod.ts";
import { gatedInk, turnPageInk } from "../../lib/digitize/page_ink.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { rectify } from "../../lib/rectify/mod.ts";
import { main } from "../../tasks/digitize.ts";
import { fixture, foreignTruth, kaggleDb, ROOT } from "./_helpers.ts";

/**
 * The CLI in its own process: onnxruntime-node's environment is torn down
 * when a thread that loaded it ends, so only one test file per
 * `deno test --parallel` process (tests/segment) loads it in-process.
 */
async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tasks", "digitize.ts"), ...args, "--quiet"],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: r.code, err: new TextDecoder().decode(r.stderr) };
}

const image = (stem: string) =>
  Deno.readFile(fixture("foreign", `${stem}.png`)).then((b) => decodeImage(b));

Deno.test("digitize --segmenter onnx reads foreign pages: score, labels, ink_source", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digitize-seg-" });
  try {
    const stems = ["clean_JS20001", "bw_E07511"];
    const files = stems.map((s) => fixture("foreign", `${s}.png`));
    const r = await cli([...files, "--out", dir, "--segmenter", "onnx", "--workers", "1"]);
    assert.equal(r.code, 0, r.err);
    for (const [stem, minDb] of [["clean_JS20001", 14], ["bw_E07511", 16]] as const) {
      const json = JSON.parse(await Deno.readTextFile(join(dir, `${stem}.json`)));
      assert.equal(json.ink_source, "onnx-gated");
      assert.equal(json.rows.length, 4);
      const fromLabels = json.panels.filter((p: { name_source: string }) =>
        p.name_source === "label"
      ).length;
      assert.ok(fromLabels >= 9, `${stem}: ${fromLabels} panels named from labels`);
      const csv = await Deno.readTextFile(join(dir, `${stem}.csv`));
      const db = kaggleDb(await foreignTruth(stem), parseSignalCsv(csv, { sampleRateHz: 500 }));
      assert.ok(db >= minDb, `${stem}: Kaggle ${db.toFixed(2)} dB`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

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

Deno.test("digitize CLI reads with the gated segmenter by default, and with classic on request", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digitize-default-" });
  try {
    const input = fixture("foreign", "clean_JS20001.png");
    for (const [args, source] of [[[], "onnx-gated"], [["--segmenter", "classic"], "classic"]]) {
      const out = join(dir, source as string);
      const r = await cli([input, "--out", out, "--workers", "1", ...(args as string[])]);
      assert.equal(r.code, 0, r.err);
      assert.doesNotMatch(r.err, /warning/);
      const json = JSON.parse(await Deno.readTextFile(join(out, "clean_JS20001.json")));
      assert.equal(json.ink_source, source);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("digitize CLI: an unloadable model is one clear error, a bad --segmenter a usage error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digitize-seg-" });
  try {
    const input = fixture("foreign", "resolution_E07511.png");
    const missing = join(dir, "none.onnx");
    const bad = await cli([
      input,
      "--out",
      dir,
      "--segmenter",
      "onnx",
      "--segmenter-model",
      missing,
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /Cannot load segmenter ".*none\.onnx"/);
    const error = console.error;
    console.error = () => {};
    try {
      assert.equal(await main([input, "--out", dir, "--segmenter", "deep"]), 2);
    } finally {
      console.error = error;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

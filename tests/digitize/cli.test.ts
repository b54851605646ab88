import assert from "node:assert/strict";
import { join } from "node:path";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { main } from "../../tasks/digitize.ts";
import { capture, type Captured } from "../_capture.ts";
import { fixture } from "./_helpers.ts";

/**
 * Run the CLI in this process, capturing what it prints. With the classic ink:
 * onnxruntime-node's environment dies with the thread that loaded it, and
 * `deno test --parallel` shares a process between test files, so the
 * default (`--segmenter onnx`) is tested in its own process
 * (tests/digitize/segmenter.test.ts).
 */
function run(args: string[]): Promise<Captured> {
  if (!args.includes("--segmenter")) args = [...args, "--segmenter", "classic"];
  return capture(main, args);
}

Deno.test("digitize CLI writes csv, json and figures, and reports a broken file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "digitize-cli-" });
  try {
    const input = join(dir, "in");
    await Deno.mkdir(input);
    await Deno.copyFile(fixture("images", "ecg00019.bmp"), join(input, "scan.bmp"));
    await Deno.writeTextFile(join(input, "broken.png"), "not an image");
    const out = join(dir, "out"), figures = join(dir, "fig");
    const r = await run([input, "--out", out, "--figures", figures, "--fs", "250", "--quiet"]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /broken\.png: Cannot decode image/);
    assert.match(r.err, /digitized 1 of 2 images/);

    const csv = await Deno.readTextFile(join(out, "scan.csv"));
    assert.equal(csv.split("\n")[0], "I,II,III,aVR,aVL,aVF,V1,V2,V3,V4,V5,V6");
    const record = parseSignalCsv(csv, { sampleRateHz: 250 });
    assert.equal(record.signals[0]!.length, 2500);
    assert.ok(record.signals.every((s) => s.some(Number.isFinite)), "every lead has values");
    const json = JSON.parse(await Deno.readTextFile(join(out, "scan.json")));
    assert.equal(json.ok, true);
    assert.equal(json.sampling_frequency, 250);
    assert.ok(json.grid.px_per_mm.x > 1);
    assert.equal(Object.keys(json.lead_confidence).length, 12);
    assert.ok(Array.isArray(json.page_mapping.src_x));
    const broken = JSON.parse(await Deno.readTextFile(join(out, "broken.json")));
    assert.equal(broken.ok, false);
    assert.match(broken.error, /Cannot decode image/);
    for (const name of ["fig_stage2_pixel_overlay.png", "fig_stage2_series.png"]) {
      assert.ok((await Deno.stat(join(figures, "scan", name))).size > 1000, name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("digitize CLI rejects bad options with exit code 2", async () => {
  assert.equal((await run(["x.png"])).code, 2);
  assert.equal((await run(["x.png", "--out", "o", "--fs", "-5"])).code, 2);
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /--figures <dir>/);
});

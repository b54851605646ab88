/** The digitize batch's small pieces: input selection, the index row, the Kaggle submission rules. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gatherInputs, globToRegExp, sideFileStem } from "../../tasks/_digitize_inputs.ts";
import { indexRow, isDone } from "../../tasks/_digitize_index.ts";
import { VERSION } from "../../lib/version.ts";
import { leadValues, parseKaggleTest, stemForId } from "../../tasks/_kaggle_submission.ts";

Deno.test("globToRegExp() matches *, **, ? and {a,b} over / paths", () => {
  const cases: [string, string, boolean][] = [
    ["*.png", "a.png", true],
    ["*.png", "x/a.png", false],
    ["**/*.png", "a.png", true],
    ["**/*.png", "x/y/a.png", true],
    ["old/**", "old/x/a.png", true],
    ["a?.jpg", "ab.jpg", true],
    ["a?.jpg", "a/.jpg", false],
    ["*.{jpg,png}", "a.png", true],
    ["*.{jpg,png}", "a.bmp", false],
    ["a+b(1).png", "a+b(1).png", true],
  ];
  for (const [glob, path, want] of cases) assert.equal(globToRegExp(glob).test(path), want, glob);
});

Deno.test("sideFileStem() names masks and clean traces, and nothing else", () => {
  assert.equal(sideFileStem("d/E1-0.mask-0.png"), "E1-0");
  assert.equal(sideFileStem("E1-0-3.mask-12.png"), "E1-0-3");
  assert.equal(sideFileStem("E1-0.clean.png"), "E1-0");
  assert.equal(sideFileStem("E1-0.png"), null);
  assert.equal(sideFileStem("mask-0.png"), null);
  assert.equal(sideFileStem("E1-0.mask-0.jpg"), null);
});

Deno.test("gatherInputs() leaves out side files only beside their page, and --exclude anywhere", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "sub"));
    for (
      const f of [
        "p.png",
        "p.mask-0.png",
        "p.clean.png",
        "lonely.clean.png",
        "q.jpg",
        "sub/r.png",
        "notes.txt",
      ]
    ) await Deno.writeTextFile(join(dir, f), "");
    const all = await gatherInputs([dir]);
    const names = (list: string[]) => list.map((f) => f.slice(dir.length + 1));
    // A "clean" image with no page beside it is someone's scan: kept.
    assert.deepEqual(names(all.files), ["lonely.clean.png", "p.png", "q.jpg", "sub/r.png"]);
    assert.deepEqual(names(all.sideFiles), ["p.clean.png", "p.mask-0.png"]);
    const some = await gatherInputs([dir, join(dir, "q.jpg")], { exclude: ["sub/**", "*.jpg"] });
    assert.deepEqual(names(some.files), ["lonely.clean.png", "p.png"]);
    assert.deepEqual(names(some.excluded), ["q.jpg", "sub/r.png", "q.jpg"]);
    await assert.rejects(() => gatherInputs([join(dir, "missing")]), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("indexRow() reads the least sure lead and quotes fields with commas", () => {
  const row = indexRow({
    file: "/x/a,b.png",
    stem: "a,b",
    ok: true,
    layout: "3x4",
    confidence: 0.9,
    lead_confidence: { I: 0.95, II: 0.4, V1: 0.7 },
    warnings: ['gain "assumed"', "rotated"],
    seconds: 1.5,
  })!;
  assert.deepEqual(row, [
    '"/x/a,b.png"',
    '"a,b"',
    "true",
    "3x4",
    "0.9",
    "0.4",
    "II",
    '"gain ""assumed""; rotated"',
    "1.5",
    "",
  ]);
  assert.equal(indexRow(null), null);
  assert.deepEqual(indexRow({ file: "f.pdf", page: 2, stem: "f-p2", ok: false, error: "x" })!, [
    "f.pdf#page=2",
    "f-p2",
    "false",
    "",
    "",
    "",
    "",
    "",
    "",
    "x",
  ]);
});

Deno.test("stemForId() takes the exact stem, else a stem that continues with - _ or .", () => {
  assert.equal(stemForId("12", ["12-0001", "12"]), "12");
  assert.equal(stemForId("12", ["123-0001", "12_a"]), "12_a");
  assert.equal(stemForId("12", ["123", "1234-0001"]), null);
});

Deno.test("leadValues() takes the strip in full, a short lead from its column, resampled", () => {
  const n = 5000, rate = 500;
  const ramp = Float64Array.from({ length: n }, (_, i) => i / rate); // value = time, s
  const shortV1 = Float64Array.from(
    { length: n },
    (_, i) => (i >= 2500 && i < 3750 ? i / rate : NaN),
  );
  const record = {
    name: "r",
    sampleRateHz: rate,
    leadNames: ["II", "V1"],
    signals: [ramp, shortV1],
    comments: [],
    source: "",
  };
  const ii = leadValues(record, "II", 250, 2500);
  assert.equal(ii.length, 2500);
  assert.ok(Math.abs(ii[100]! - 0.4) < 1e-9);
  const v1 = leadValues(record, "V1", 1000, 2500);
  assert.ok(Math.abs(v1[0]! - 5) < 1e-9 && Math.abs(v1[1]! - 5.001) < 1e-9);
  // A lead not read at all, or a missing record: zeros.
  assert.deepEqual(Array.from(leadValues(record, "V6", 500, 3)), [0, 0, 0]);
  assert.deepEqual(Array.from(leadValues(null, "II", 500, 2)), [0, 0]);
});

Deno.test("parseKaggleTest() reads test.csv and names the file and line of a bad row", () => {
  const rows = parseKaggleTest(
    "id,lead,fs,number_of_rows\n7,II,500,5000\n7,V1,500,1250\n",
    "t.csv",
  );
  assert.deepEqual(rows[1], { id: "7", lead: "V1", fs: 500, rows: 1250 });
  assert.throws(
    () => parseKaggleTest("id,lead,fs\n", "t.csv"),
    /"t\.csv": no column "number_of_rows"/,
  );
  assert.throws(
    () => parseKaggleTest("id,lead,fs,number_of_rows\n7,II,x,5000\n", "t.csv"),
    /"t\.csv" line 2/,
  );
});

Deno.test("isDone() redoes an image whose JSON another toolkit version wrote", async () => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/page.png`;
  await Deno.writeFile(file, new Uint8Array([1]));
  const out = `${dir}/out`;
  await Deno.mkdir(out);
  const job = { file, stem: "page", outputs: [] as string[], runOptions: { fs: 500 } };
  const write = (version: string) =>
    Deno.writeTextFile(
      `${out}/page.json`,
      JSON.stringify({ ok: true, file, toolkit_version: version, run_options: { fs: 500 } }),
    );
  await write(VERSION);
  assert.equal(await isDone(out, job), true);
  await write("0.0.0-other");
  assert.equal(await isDone(out, job), false);
});

/** `deno task generate` end to end, as a user runs it. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { digests, generate, inputOf, RECORDS, ROOT } from "./_helpers.ts";

Deno.test("generate gives the same bytes with 1 and 2 workers", async () => {
  const input = await inputOf(["E07510", "E07511", "JS20003"]);
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const common = [
    "--input",
    input,
    "--count",
    "2",
    "--masks",
    "--clean",
    "--format",
    "jpg",
    "--dpi",
    "100",
    "--grid-colour",
    "random",
    "--seed",
    "9",
    "--quiet",
  ];
  assert.equal((await generate(...common, "--out", a, "--workers", "1")).code, 0);
  assert.equal((await generate(...common, "--out", b, "--workers", "2")).code, 0);
  const [da, db] = [await digests(a), await digests(b)];
  assert.equal(da.size, 3 * 2 * (4 + 9) + 1); // jpg, json, csv, clean + 9 masks per image; index
  assert.deepEqual(da, db);
  assert.ok(
    da.has("E07510-0-1.jpg") && da.has("JS20003-0-0.mask-8.png") && da.has("E07511-0-1.clean.png"),
  );
});

Deno.test("generate makes different pages for different seeds and variants", async () => {
  const input = await inputOf(["E07512"]);
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  await generate(
    "--input",
    input,
    "--out",
    a,
    "--seed",
    "1",
    "--count",
    "2",
    "--grid-colour",
    "random",
    "--quiet",
  );
  await generate(
    "--input",
    input,
    "--out",
    b,
    "--seed",
    "2",
    "--count",
    "2",
    "--grid-colour",
    "random",
    "--quiet",
  );
  const [da, db] = [await digests(a), await digests(b)];
  assert.notEqual(da.get("E07512-0-0.png"), db.get("E07512-0-0.png"));
  assert.notEqual(da.get("E07512-0-0.png"), da.get("E07512-0-1.png"));
  assert.equal(
    da.get("E07512-0-0.csv"),
    db.get("E07512-0-0.csv"),
    "the plotted signals do not depend on the seed",
  );
  const gt = JSON.parse(await Deno.readTextFile(join(b, "E07512-0-1.json")));
  assert.equal(gt.seed, 2);
  assert.equal(gt.variant, 1);
});

Deno.test("generate reports each bad record, names its file, and goes on with the rest", async () => {
  const dir = await inputOf(["E07500", "E07501", "E07502", "E07503", "E07504"]);
  const hea = (n: string) => join(dir, n + ".hea");
  // Truncated signal file.
  const mat = await Deno.readFile(join(dir, "E07501.mat"));
  await Deno.writeFile(join(dir, "E07501.mat"), mat.subarray(0, 40000));
  // Header and data disagree on the length.
  await Deno.writeTextFile(
    hea("E07502"),
    (await Deno.readTextFile(hea("E07502"))).replace("12 500 5000", "12 500 4000"),
  );
  // Unknown format.
  await Deno.writeTextFile(
    hea("E07503"),
    (await Deno.readTextFile(hea("E07503"))).replaceAll("16x1+24", "999x1+24"),
  );
  // Missing signal file.
  await Deno.remove(join(dir, "E07504.mat"));
  // Non-numeric CSV cell, and a record shorter than one page.
  const rows = Array.from({ length: 6000 }, (_, i) => Array(12).fill((i % 7) / 10).join(","));
  rows[300] = rows[300]!.replace(/^[^,]*/, "x1");
  await Deno.writeTextFile(
    join(dir, "badcell.csv"),
    ["I,II,III,aVR,aVL,aVF,V1,V2,V3,V4,V5,V6", ...rows].join("\n"),
  );
  await Deno.writeTextFile(
    join(dir, "short.csv"),
    ["I,II,III,aVR,aVL,aVF,V1,V2,V3,V4,V5,V6", ...rows.slice(0, 100)].join("\n"),
  );
  const out = await Deno.makeTempDir();
  const r = await generate("--input", dir, "--out", out, "--sample-rate", "500", "--quiet");
  assert.equal(r.code, 1);
  const expectations: [string, RegExp][] = [
    ["E07501.mat", /truncated|expected .*samples/i],
    ["E07502", /length|mismatch/i],
    ["E07503.hea", /format.*999|999.*format/i],
    ["E07504.mat", /missing|not found/i],
    ["badcell.csv", /"x1" at row 302, column I/],
    ["short.csv", /shorter than one page/],
  ];
  for (const [file, why] of expectations) {
    const line = r.stderr.split("\n").find((l) => l.includes(file) && why.test(l));
    assert.ok(line, `no error line for ${file} matching ${why}:\n${r.stderr}`);
  }
  const written = [...(await digests(out)).keys()].sort();
  assert.deepEqual(written, ["E07500-0.csv", "E07500-0.json", "E07500-0.png", "index.csv"]);
  assert.match(r.stderr, /generated 1 images from 7 record files.*6 failed/);
});

Deno.test("generate refuses impossible options with exit code 2 and writes nothing", async () => {
  const out = join(await Deno.makeTempDir(), "never");
  for (
    const [args, why] of [
      [["--dpi", "5000"], /Invalid option dpi = 5000/],
      [["--layout", "4x4"], /Invalid option layout/],
      [["--format", "gif"], /Invalid option format = "gif"/],
      [["--bogus"], /Unknown option '--bogus'/],
      [["--gain", "ten"], /Invalid value "ten" for "gain"/],
    ] as [string[], RegExp][]
  ) {
    const r = await generate("--input", RECORDS, "--out", out, ...args);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, why);
  }
  await assert.rejects(() => Deno.stat(out));
  const missing = await generate("--input", "/no/such/dir", "--out", out);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Cannot read input "\/no\/such\/dir"/);
});

Deno.test("generate --help lists every option", async () => {
  const r = await generate("--help");
  assert.equal(r.code, 0);
  for (
    const name of [
      "--seed",
      "--config",
      "--preset",
      "--layout",
      "--dpi",
      "--format",
      "--workers",
      "--count",
      "--[no-]masks",
      "--[no-]clean",
      "--start",
      "--rhythm",
    ]
  ) {
    assert.ok(r.stdout.includes(name), name);
  }
});

Deno.test("generate reads its own output CSVs back (rate from the sidecar JSON), and asks for a rate otherwise", async () => {
  const first = await Deno.makeTempDir();
  await generate(
    "--input",
    join(RECORDS, "E07513.hea"),
    "--out",
    first,
    "--layout",
    "12x1",
    "--quiet",
  );
  const again = await Deno.makeTempDir();
  const r = await generate(
    "--input",
    join(first, "E07513-0.csv"),
    "--out",
    again,
    "--layout",
    "12x1",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const a = await Deno.readTextFile(join(first, "E07513-0.csv"));
  const b = await Deno.readTextFile(join(again, "E07513-0-0.csv"));
  assert.equal(a, b);
  const bare = await Deno.makeTempDir();
  await Deno.copyFile(join(first, "E07513-0.csv"), join(bare, "x.csv"));
  const noRate = await generate("--input", bare, "--out", again, "--quiet");
  assert.equal(noRate.code, 1);
  assert.match(noRate.stderr, /x\.csv.*sampling rate unknown/);
});

Deno.test("generate --start makes one page at the chosen sample; --mask-format coco writes RLE", async () => {
  const out = await Deno.makeTempDir();
  const r = await generate(
    "--input",
    join(ROOT, "fixtures/wfdb-conformance/sample-data/100.hea"),
    "--out",
    out,
    "--start",
    "36000",
    "--masks",
    "--mask-format",
    "coco",
    "--dpi",
    "100",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const files = [...(await digests(out)).keys()].sort();
  assert.deepEqual(files, [
    "100-10.csv",
    "100-10.json",
    "100-10.masks.json",
    "100-10.png",
    "coco.json",
    "index.csv",
  ]);
  const gt = JSON.parse(await Deno.readTextFile(join(out, "100-10.json")));
  assert.equal(gt.start_sample, 36000);
  assert.equal(gt.sampling_frequency, 360);
  const rle = JSON.parse(await Deno.readTextFile(join(out, "100-10.masks.json")));
  assert.equal(rle.masks.length, 9);
  assert.deepEqual(rle.masks[0].size, [gt.height, gt.width]);
});

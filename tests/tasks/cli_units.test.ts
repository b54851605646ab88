/** The CLI layer's small pieces: terminal escaping, shard specs, digitize stems, manifests. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { escapeTerminal } from "../../tasks/_cli.ts";
import { uniqueStems } from "../../tasks/digitize.ts";
import {
  type ManifestEntry,
  manifestPath,
  ManifestWriter,
  readManifest,
  writeIndexIfComplete,
} from "../../tasks/_manifest.ts";
import { inShard, parseShard } from "../../tasks/_shard.ts";

Deno.test("escapeTerminal() escapes ESC, CSI, line breaks and bidi overrides, and nothing else", () => {
  assert.equal(escapeTerminal("rec\x1b]0;pwned\x07 ok"), "rec\\x1b]0;pwned\\x07 ok");
  assert.equal(escapeTerminal("a\r\nb\x9bc\u202ed"), "a\\x0d\\x0ab\\x9bc\\u202ed");
  assert.equal(escapeTerminal('µV "../x" é ✓'), 'µV "../x" é ✓');
});

Deno.test("parseShard() reads i/n and the Kubernetes and Slurm variables, and names bad values", () => {
  assert.deepEqual(parseShard("0/1"), { index: 0, count: 1 });
  assert.deepEqual(parseShard("6/7"), { index: 6, count: 7 });
  assert.deepEqual(parseShard("env", { JOB_COMPLETION_INDEX: "4", SHARD_COUNT: "8" }), {
    index: 4,
    count: 8,
  });
  assert.deepEqual(
    parseShard("env", { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "3" }),
    { index: 1, count: 3 },
  );
  for (
    const [spec, env, why] of [
      ["7/7", {}, /index must be 0 to 6/],
      ["1/0", {}, /count must be 1/],
      ["a/b", {}, /expected i\/n or env/],
      ["env", {}, /neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID/],
      ["env", { JOB_COMPLETION_INDEX: "2" }, /set SHARD_COUNT/],
      ["env", { JOB_COMPLETION_INDEX: "-1", SHARD_COUNT: "2" }, /JOB_COMPLETION_INDEX = "-1"/],
    ] as const
  ) {
    assert.throws(() => parseShard(spec, env), why);
  }
});

Deno.test("inShard() splits a plan into disjoint shards that cover it", () => {
  for (const n of [1, 2, 3, 7]) {
    const owners = Array.from(
      { length: 20 },
      (_, k) =>
        Array.from({ length: n }, (_, i) => i).filter((i) => inShard(k, { index: i, count: n })),
    );
    assert.ok(owners.every((o) => o.length === 1), `n = ${n}`);
  }
});

Deno.test("uniqueStems() never gives a de-duplicated stem that another input has", () => {
  assert.deepEqual(uniqueStems(["d/a.jpg", "d/a.png", "d/a-1.jpg"]), ["a", "a-2", "a-1"]);
  assert.deepEqual(uniqueStems(["a-1.png", "a.jpg", "a.png", "b/a.png"]), [
    "a-1",
    "a",
    "a-2",
    "a-3",
  ]);
  const stems = uniqueStems(["x.png", "x.jpg", "x-1.png", "x-2.png", "y/x.png"]);
  assert.equal(new Set(stems).size, stems.length);
});

const entry = (i: number, file: string, size: number): ManifestEntry => ({
  i,
  source: "r.hea",
  j: i,
  stem: `r-${i}`,
  record: "r",
  window: i,
  variant: 0,
  start_sample: i * 5000,
  preset: "0001",
  layout: "3x4",
  dpi: 50,
  width: 550,
  height: 425,
  grid_colour: "#f5b9b9",
  augmentations: "",
  files: [[file, size, "00"]],
});

Deno.test("readManifest() drops a torn last line and manifests of other settings", async () => {
  const out = await Deno.makeTempDir();
  const path = manifestPath(out, 0, 2);
  const writer = await ManifestWriter.open(path, "fp", "0/2", [entry(0, "r-0.png", 3)], "s0of2");
  writer.add(entry(2, "r-2.png", 4));
  await writer.close();
  await Deno.writeTextFile(path, '{"i":4,"source":"r.h', { append: true }); // killed mid-line
  const m = await readManifest(path, "fp");
  assert.deepEqual(m?.entries.map((e) => e.i), [0, 2]);
  assert.equal(m?.finished, false);
  assert.equal(await readManifest(path, "other settings"), null);
  assert.equal(await readManifest(join(out, "missing.jsonl"), "fp"), null);
  await Deno.remove(out, { recursive: true });
});

Deno.test("writeIndexIfComplete() waits for every shard, then lists pages in plan order", async () => {
  const out = await Deno.makeTempDir();
  const a = await ManifestWriter.open(manifestPath(out, 0, 2), "fp", "0/2", [], "s0of2");
  a.add(entry(2, "r-2.png", 1));
  a.add(entry(0, "r-0.png", 1));
  await a.finish({ pages: 2, failed: 0 });
  assert.equal(await writeIndexIfComplete(out, 2, "fp"), false);
  const b = await ManifestWriter.open(manifestPath(out, 1, 2), "fp", "1/2", [], "s1of2");
  b.add(entry(1, "r-1.png", 1));
  await b.finish({ pages: 1, failed: 0 });
  assert.equal(await writeIndexIfComplete(out, 2, "fp"), true);
  const rows = (await Deno.readTextFile(join(out, "index.csv"))).trim().split("\n");
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.slice(1).map((r) => r.split(",")[0]), ["r-0", "r-1", "r-2"]);
  assert.match(rows[0]!, /^stem,record,source,window,variant,start_sample,preset,layout/);
  await Deno.remove(out, { recursive: true });
});

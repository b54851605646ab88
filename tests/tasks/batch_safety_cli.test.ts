/**
 * `deno task generate` keeps a folder's finished pages safe: output names
 * are visible and never collide with temporary names, reruns keep what is
 * intact, remove stale side files, and parallel runs into one folder do
 * not redo each other's work.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "./_helpers.ts";

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

/** A 12-lead, 10 s signal CSV at 500 Hz named `name` in a fresh folder; returns its path. */
async function csvRecord(name: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  const rows = [LEADS.join(",")];
  for (let i = 0; i < 5000; i++) {
    rows.push(LEADS.map((_, k) => (Math.sin(i / 40 + k) * 0.5).toFixed(3)).join(","));
  }
  const path = join(dir, `${name}.csv`);
  await Deno.writeTextFile(path, rows.join("\n") + "\n");
  return path;
}

const FAST = ["--dpi", "50", "--sample-rate", "500", "--workers", "1", "--quiet", "--seed", "1"];

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isFile) out.push(e.name);
  return out.sort();
}

Deno.test("generate gives a record named like a temp file visible pages that a rerun keeps", async () => {
  const input = await csvRecord(".tmp-x.s0of1.y");
  const out = await Deno.makeTempDir();
  const first = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(first.code, 0, first.stderr);
  const made = await names(out);
  assert.ok(made.includes("_.tmp-x.s0of1.y-0.png"), made.join(" "));
  assert.ok(made.every((n) => !n.startsWith(".")), made.join(" "));
  const again = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /1 already done/);
  assert.deepEqual(await names(out), made, "the rerun removed finished pages");
  const index = await Deno.readTextFile(join(out, "index.csv"));
  for (const file of index.trim().split("\n")[1]!.split(",").at(-1)!.split(";")) {
    await Deno.stat(join(out, file)); // every file index.csv lists exists
  }
});

Deno.test("generate names the pages of a record called .hidden visibly", async () => {
  const input = await csvRecord(".hidden");
  const out = await Deno.makeTempDir();
  const r = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await names(out), [
    "_.hidden-0.csv",
    "_.hidden-0.json",
    "_.hidden-0.png",
    "index.csv",
  ]);
});

Deno.test("generate redoes a finished page with one byte overwritten (same size)", async () => {
  const input = await csvRecord("r");
  const out = await Deno.makeTempDir();
  assert.equal((await generate("--input", input, "--out", out, ...FAST)).code, 0);
  const png = join(out, "r-0.png");
  const original = await Deno.readFile(png);
  const damaged = original.slice();
  damaged[damaged.length - 20]! ^= 0xff;
  await Deno.writeFile(png, damaged);
  const again = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /already done/);
  assert.deepEqual(await Deno.readFile(png), original);
});

Deno.test("generate refuses a second run into the same folder and shard, and takes over a dead run's lock", async () => {
  const input = await csvRecord("r");
  const out = await Deno.makeTempDir();
  await Deno.mkdir(join(out, ".shards"));
  const lock = join(out, ".shards", "shard-0-of-1.lock");
  // A live run: this test process.
  const owner = { pid: Deno.pid, host: Deno.hostname(), started: new Date().toISOString() };
  await Deno.writeTextFile(lock, JSON.stringify(owner));
  const refused = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, new RegExp(`being made by process ${Deno.pid} on `));
  assert.equal(refused.stderr.trim().split("\n").length, 1, refused.stderr);
  assert.deepEqual(await names(out), [], "the refused run wrote nothing");
  // Another shard of the same folder is free.
  const other = await generate("--input", input, "--out", out, "--shard", "0/2", ...FAST);
  assert.equal(other.code, 0, other.stderr);
  // A run that died: a pid that no longer exists.
  const gone = new Deno.Command("true").spawn();
  await gone.status;
  await Deno.writeTextFile(lock, JSON.stringify({ ...owner, pid: gone.pid }));
  const resumed = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok((await names(out)).includes("index.csv"));
  await assert.rejects(() => Deno.stat(lock), "the lock is removed at the end");
});

Deno.test("generate warns about an all-NaN record, prints each failure once and writes no empty index", async () => {
  const input = await csvRecord("blank");
  const rows = [
    LEADS.join(","),
    ...Array.from({ length: 5000 }, () => LEADS.map(() => "").join(",")),
  ];
  await Deno.writeTextFile(input, rows.join("\n") + "\n");
  const out = await Deno.makeTempDir();
  const blank = await generate("--input", input, "--out", out, ...FAST);
  assert.equal(blank.code, 0, blank.stderr);
  assert.match(blank.stderr, /warning: blank-0: no lead has a finite sample on this page/);

  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "short.csv"), "I,II\n1,2\n");
  const failed = await Deno.makeTempDir();
  const r = await generate("--input", dir, "--out", failed, ...FAST);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr.split("shorter than one page").length - 1, 1, r.stderr);
  assert.match(r.stderr, /1 failed/);
  await assert.rejects(() => Deno.stat(join(failed, "index.csv")), "an index of no page");
});

Deno.test("generate removes a redone page's old side files when rerun with other options (#18)", async () => {
  const input = await csvRecord("r");
  const out = await Deno.makeTempDir();
  const base = FAST.filter((a, k) => a !== "--dpi" && FAST[k - 1] !== "--dpi");
  const first = await generate("--input", input, "--out", out, ...base, "--masks", "--dpi", "60");
  assert.equal(first.code, 0, first.stderr);
  assert.ok((await names(out)).includes("r-0.mask-0.png"));
  const again = await generate("--input", input, "--out", out, ...base, "--dpi", "50");
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await names(out), ["index.csv", "r-0.csv", "r-0.json", "r-0.png"]);
});

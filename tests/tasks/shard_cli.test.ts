/**
 * `deno task generate --shard` and resume: shards are disjoint and their
 * union is the unsharded run byte for byte; a batch killed with SIGKILL
 * and rerun ends equal to an uninterrupted run; n local processes stand in
 * for n cluster nodes, one of them killed and restarted.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createRng } from "../../lib/random/rng.ts";
import { digests, generate, inputOf, ROOT } from "./_helpers.ts";

/** A tiny plan: 2 records × 4 variants = 8 pages at 50 dpi, with masks. */
const PLAN = ["--count", "4", "--dpi", "50", "--masks", "--seed", "3", "--workers", "1", "--quiet"];
const input = inputOf(["E07510", "JS20003"]);

let reference: Promise<Map<string, string>> | undefined;
/** The unsharded, uninterrupted run's files and hashes. */
function unsharded(): Promise<Map<string, string>> {
  return reference ??= (async () => {
    const out = await Deno.makeTempDir();
    const r = await generate("--input", await input, "--out", out, ...PLAN);
    assert.equal(r.code, 0, r.stderr);
    return await digests(out);
  })();
}

/** Stems of the images in a run's output. */
const images = (files: Map<string, string>) => [...files.keys()].filter((f) => f.endsWith(".png"));

Deno.test("generate --shard i/n: shards are disjoint and their union is the unsharded run", async () => {
  const whole = await unsharded();
  assert.equal(images(whole).filter((f) => !f.includes(".mask-")).length, 8);
  for (const n of [1, 2, 3, 7]) {
    const out = await Deno.makeTempDir();
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const alone = await Deno.makeTempDir();
      const r = await generate(
        "--input",
        await input,
        "--out",
        alone,
        "--shard",
        `${i}/${n}`,
        ...PLAN,
      );
      assert.equal(r.code, 0, r.stderr);
      for (const f of (await digests(alone)).keys()) {
        if (f === "index.csv") continue;
        assert.ok(!seen.has(f), `${f} made by two shards of ${n}`);
        seen.add(f);
      }
      // The same shard into the shared folder, as nodes on one file system.
      const s = await generate(
        "--input",
        await input,
        "--out",
        out,
        "--shard",
        `${i}/${n}`,
        ...PLAN,
      );
      assert.equal(s.code, 0, s.stderr);
      assert.equal(s.stderr.includes("index.csv written"), i === n - 1, s.stderr);
    }
    assert.deepEqual(await digests(out), whole, `union of ${n} shards`);
  }
});

const MANIFEST = ".shards/shard-0-of-1.jsonl";

/** Pages the unsharded manifest in `out` records. */
async function recorded(out: string): Promise<number> {
  const text = await Deno.readTextFile(join(out, MANIFEST)).catch(() => "");
  return text.split("\n").filter((l) => l.includes('"stem"')).length;
}

/**
 * Start a generate run and SIGKILL it once its manifest records `pages`
 * pages, `ms` later: a kill while a page is being written, between pages,
 * or while planning. Returns whether it was killed before finishing.
 */
async function killedAt(out: string, pages: number, ms: number): Promise<boolean> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tasks/generate.ts"), "--input", await input, "--out", out]
      .concat(PLAN),
    stdout: "null",
    stderr: "null",
  }).spawn();
  let finished = false;
  const status = child.status.finally(() => finished = true);
  while (!finished && (await recorded(out)) < pages) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, ms));
  if (!finished) {
    try {
      child.kill("SIGKILL");
    } catch (error) {
      // It exited between the check and the kill (its status not yet seen): it finished.
      if (!(error instanceof TypeError)) throw error;
    }
  }
  return !(await status).success;
}

Deno.test("generate resumes after SIGKILL at random points and ends equal to an uninterrupted run", async () => {
  const whole = await unsharded();
  const rng = createRng(11, "kill-points");
  const out = await Deno.makeTempDir();
  const points = Array.from({ length: 4 }, () => Math.floor(rng.next() * 8)).sort((a, b) => a - b);
  const kills: string[] = [];
  for (const pages of points) {
    const killed = await killedAt(out, pages, Math.floor(rng.next() * 60));
    kills.push(`${killed ? "killed" : "finished"} with ${await recorded(out)} pages recorded`);
  }
  assert.ok(kills.some((k) => k.startsWith("killed")), kills.join("; "));
  const r = await generate("--input", await input, "--out", out, ...PLAN);
  assert.equal(r.code, 0, r.stderr);
  const final = await digests(out);
  assert.deepEqual(final, whole, kills.join("; "));
  assert.equal([...final.keys()].some((f) => f.includes(".tmp-")), false);
  const index = (await Deno.readTextFile(join(out, "index.csv"))).trim().split("\n").slice(1);
  const stems = index.map((row) => row.split(",")[0]);
  assert.equal(new Set(stems).size, 8);
  assert.equal(stems.length, 8);
});

Deno.test("cluster simulation: 3 processes as 3 nodes, one killed and restarted, equal the whole run", async () => {
  const whole = await unsharded();
  const out = await Deno.makeTempDir();
  const inputDir = await input;
  // The Indexed Job's pod command: --shard env reads the index and count from the environment.
  const spawn = (i: number) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "tasks/generate.ts"), "--input", inputDir, "--out", out]
        .concat(["--shard", "env", ...PLAN]),
      env: { JOB_COMPLETION_INDEX: String(i), SHARD_COUNT: "3" },
      stdout: "null",
      stderr: "piped",
    }).spawn();
  const victim = spawn(1);
  const others = [spawn(0), spawn(2)];
  // Kill node 1 as soon as its manifest records a first page (or when it ends first).
  const manifest = join(out, ".shards/shard-1-of-3.jsonl");
  let finished = false;
  const ended = victim.output().finally(() => finished = true);
  while (!finished) {
    const text = await Deno.readTextFile(manifest).catch(() => "");
    if (text.includes('"stem"')) {
      victim.kill("SIGKILL");
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await ended;
  for (const o of others) assert.equal((await o.output()).code, 0);
  const restarted = await spawn(1).output();
  assert.equal(restarted.code, 0, new TextDecoder().decode(restarted.stderr));
  assert.deepEqual(await digests(out), whole);
});

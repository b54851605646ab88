/** The CLIs against hostile or careless inputs: each ends in one clear line, nothing is clobbered. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { digests, generate, inputOf, RECORDS, ROOT, runTask } from "./_helpers.ts";

/** No stack trace: no "    at " frames, no "error: Uncaught". */
function assertNoTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at |Uncaught/m, stderr);
}

Deno.test("generate refuses a header whose signal file is ../../etc/passwd, and copies nothing", async () => {
  const dir = await inputOf(["E07500"]);
  const text = await Deno.readTextFile(join(dir, "E07500.hea"));
  await Deno.writeTextFile(
    join(dir, "evil.hea"),
    text.replaceAll("E07500.mat", "../../etc/passwd"),
  );
  const out = await Deno.makeTempDir();
  const r = await generate("--input", dir, "--out", out, "--dpi", "50", "--quiet");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /evil\.hea.*signal file "\.\.\/\.\.\/etc\/passwd" must lie inside/);
  assertNoTrace(r.stderr);
  assert.deepEqual([...(await digests(out)).keys()].filter((f) => f.startsWith("evil")), []);
});

Deno.test("generate refuses records that share a name in two folders, or keeps the folders apart", async () => {
  const input = await Deno.makeTempDir();
  for (const sub of ["a", "b"]) {
    await Deno.mkdir(join(input, sub));
    for (const ext of [".hea", ".mat"]) {
      await Deno.copyFile(join(RECORDS, "E07500" + ext), join(input, sub, "E07500" + ext));
    }
  }
  const out = await Deno.makeTempDir();
  const r = await generate("--input", input, "--out", out, "--dpi", "50", "--quiet");
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /a\/E07500\.hea" and ".*b\/E07500\.hea" are both named "E07500".*--keep-folders/,
  );
  const kept = await generate(
    "--input",
    input,
    "--out",
    out,
    "--dpi",
    "50",
    "--keep-folders",
    "--quiet",
  );
  assert.equal(kept.code, 0, kept.stderr);
  const files = [...(await digests(out)).keys()];
  assert.deepEqual(files.filter((f) => f.endsWith(".png")), ["a/E07500-0.png", "b/E07500-0.png"]);
  const index = await Deno.readTextFile(join(out, "index.csv"));
  assert.match(index, /\na\/E07500\.hea|,a\/E07500\.hea,/);
});

Deno.test("generate does not read back its own output folder inside the input", async () => {
  const input = await inputOf(["E07500", "E07501"]);
  const out = join(input, "generated");
  for (let run = 0; run < 2; run++) {
    const r = await generate("--input", input, "--out", out, "--dpi", "50", "--force", "--quiet");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /generated 2 images from 2 record files/);
  }
  // A finished output folder is valid input, and its index.csv is not taken for a record.
  const again = await generate("--input", out, "--out", join(input, "again"), "--dpi", "50");
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /generated 2 images from 2 record files/);
});

Deno.test("generate and digitize turn impossible sizes and a file as --out into one-line errors", async () => {
  const input = await inputOf(["E07500"]);
  const file = join(input, "E07500.hea");
  const cases: [string, string[], RegExp][] = [
    ["generate", ["--count", "1000000000"], /count.*from 1 to 1000000/],
    ["generate", ["--sample-rate", "0.01"], /sample-rate.*between 1 and 100000/],
    ["generate", ["--shard", "3/3"], /index must be 0 to 2/],
    ["generate", ["--out", file], /Cannot use --out ".*E07500\.hea": it is a file/],
    ["digitize", ["--fs", "100000", "--duration", "600"], /60000000 samples per lead/],
    ["digitize", ["--out", file], /Cannot use --out ".*E07500\.hea": it is a file/],
  ];
  for (const [task, extra, why] of cases) {
    const args = task === "generate"
      ? ["--input", input, "--out", join(input, "o"), ...extra, "--quiet"]
      : [file, "--out", join(input, "o"), ...extra, "--quiet"]; // a named file is always tried
    // The last --out wins, as parseArgs reads it.
    const r = await runTask(task, args);
    assert.equal(r.code, 2, `${task} ${extra.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, why);
    assert.equal(r.stderr.trim().split("\n")[0]!.startsWith("error: "), true);
    assertNoTrace(r.stderr);
  }
});

Deno.test("generate reports a null sidecar and escapes terminal sequences from a header", async () => {
  const input = await Deno.makeTempDir();
  await Deno.writeTextFile(join(input, "a.csv"), "I,II\n" + "0,0\n".repeat(5000));
  await Deno.writeTextFile(join(input, "a.json"), "null");
  await Deno.writeTextFile(join(input, "b.hea"), "b 1 500 5000 \x1b]0;owned\x07\x1b[2J\n");
  const r = await generate("--input", input, "--out", join(input, "o"), "--quiet");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /a\.json.*must be a JSON object, not null/);
  assert.match(r.stderr, /\\x1b\]0;owned\\x07\\x1b\[2J/);
  assert.equal(r.stderr.includes("\x1b"), false, "a raw ESC reached the terminal");
  assertNoTrace(r.stderr);
});

Deno.test("generate warns on stderr when amplitudes run off the page", async () => {
  const input = await inputOf(["E07500"]);
  const hea = join(input, "E07500.hea");
  // A gain 100 times too small: every trace is 100 times too tall.
  const text = await Deno.readTextFile(hea);
  await Deno.writeTextFile(hea, text.replaceAll(" 1000.0(0)/mV", " 10.0(0)/mV"));
  const out = await Deno.makeTempDir();
  const r = await generate("--input", input, "--out", out, "--dpi", "50", "--quiet");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: E07500-0: lead \S+ .*samples lie off the page/);
  const gt = JSON.parse(await Deno.readTextFile(join(out, "E07500-0.json")));
  assert.ok(gt.warnings.some((w: string) => /off the page/.test(w)));
});

Deno.test("the tasks run with scoped permissions, and a missing one is a one-line error", async () => {
  const input = await inputOf(["E07500"]);
  const out = join(input, "out");
  const scoped = [
    `--allow-read=${ROOT},${input}`,
    `--allow-write=${out}`,
    "--allow-env",
    "--allow-sys",
    "--allow-ffi",
  ];
  const args = ["--input", input, "--out", out, "--dpi", "50", "--quiet"];
  const ok = await runTask("generate", args, { permissions: scoped });
  assert.equal(ok.code, 0, ok.stderr);
  const denied = await runTask("generate", [...args.slice(0, 3), join(input, "elsewhere")], {
    permissions: scoped,
  });
  assert.equal(denied.code, 2);
  assert.match(denied.stderr, /^error: Cannot use --out ".*elsewhere": Requires write access/);
  assertNoTrace(denied.stderr);
});

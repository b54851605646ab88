/**
 * First use is quiet (#18 defect 9): a fresh checkout's first `deno task`
 * prints no npm set-up lines and no build-script box, and a failed
 * `deno task compile` is one line, not Deno's error with a Rust backtrace.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { compileFailure } from "../../tasks/compile.ts";
import { ROOT, runTask } from "./_helpers.ts";

/** A copy of the repository's code without node_modules, as a fresh checkout has it. */
async function freshCopy(): Promise<string> {
  const copy = await Deno.makeTempDir();
  for (const name of ["deno.json", "deno.lock", "mod.ts"]) {
    await Deno.copyFile(join(ROOT, name), join(copy, name));
  }
  for (const dir of ["lib", "tasks", "config"]) {
    await new Deno.Command("cp", { args: ["-r", join(ROOT, dir), join(copy, dir)] }).output();
  }
  return copy;
}

/** `deno <args>` in `cwd`, as a user runs it there. */
async function deno(
  cwd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const env = Deno.env.toObject();
  delete env.INIT_CWD;
  const r = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

Deno.test("a fresh checkout's first deno task shows no build-script box", async () => {
  const copy = await freshCopy();
  const r = await deno(copy, ["task", "generate", "--help"]);
  assert.equal(r.code, 0, r.err);
  assert.ok(await Deno.stat(join(copy, "node_modules")).then(() => true), "npm packages set up");
  assert.doesNotMatch(r.err, /Ignored build scripts|approve-scripts|Warning/, r.err);
  assert.match(r.out, /^Usage: deno task generate/);
  await Deno.remove(copy, { recursive: true });
});

Deno.test("a fresh checkout's first deno task -q prints only the command's output", async () => {
  const copy = await freshCopy();
  const r = await deno(copy, ["task", "-q", "generate", "--help"]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, "");
  assert.match(r.out, /^Usage: deno task generate/);
  await Deno.remove(copy, { recursive: true });
});

Deno.test("compile with a DENORT_BIN that is not a file: one line, exit 2", async () => {
  const r = await runTask("compile", ["--out", await Deno.makeTempDir()], {
    env: { DENORT_BIN: "/nonexistent/denort" },
  });
  assert.equal(r.code, 2);
  assert.deepEqual(r.stderr.trim().split("\n"), [
    `error: DENORT_BIN "/nonexistent/denort" is not a file: set it to a denort binary of Deno ${Deno.version.deno} (README.md#single-binary)`,
  ]);
});

Deno.test("compile that deno compile refuses: one error line, no backtrace", async () => {
  const r = await runTask("compile", ["--out", await Deno.makeTempDir(), "--target", "bogus"]);
  assert.equal(r.code, 1);
  const errors = r.stderr.trim().split("\n").filter((l) => !l.startsWith("Building "));
  assert.equal(errors.length, 1, r.stderr);
  assert.match(errors[0]!, /^error: deno compile failed: invalid value 'bogus' for '--target'/);
});

Deno.test("compileFailure() keeps the error and its causes, drops colours and the backtrace", () => {
  const stderr =
    "\x1b[0m\x1b[1m\x1b[31merror\x1b[0m: Writing deno compile executable to temporary " +
    "file 'dist/ecg.tmp-1'\n\nCaused by:\n    0: Could not find denort at '/nonexistent'\n" +
    "    1: No such file or directory (os error 2)\n\nStack backtrace:\n   0: <unknown>\n";
  assert.equal(
    compileFailure(stderr),
    "Writing deno compile executable to temporary file 'dist/ecg.tmp-1': " +
      "Could not find denort at '/nonexistent': No such file or directory (os error 2)",
  );
});

/**
 * The deno.json tasks run with narrowed permissions (issue #19): no task
 * uses -A, every task turns the update check off, FFI is limited to
 * node_modules, and generate, evaluate and digitize work with exactly the
 * flags their tasks give.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { inputOf, ROOT, type RunResult } from "./_helpers.ts";

const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
const tasks = config.tasks as Record<string, { command: string }>;

/** The permission flags of a task's first `deno run` command. */
function flags(name: string): string[] {
  const command = tasks[name]!.command.split("&&")[0]!;
  return command.split(/\s+/).filter((t) => /^--(allow|deny)-/.test(t));
}

/** Run `tasks/<task>.ts` from the repository root with its deno.json task's permission flags. */
async function asTask(task: string, args: readonly string[]): Promise<RunResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags(task), join(ROOT, `tasks/${task}.ts`), ...args],
    cwd: ROOT, // where deno task runs: node_modules and the denied paths resolve there
    stdout: "piped",
    stderr: "piped",
    env: { INIT_CWD: "", DENO_NO_UPDATE_CHECK: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno.json tasks: no -A, no unscoped FFI or network, the update check off", () => {
  for (const [name, { command }] of Object.entries(tasks)) {
    assert.doesNotMatch(command, /(^|\s)(-A|--allow-all)(\s|$)/, name);
    assert.doesNotMatch(command, /--allow-ffi(\s|$)/, `${name}: --allow-ffi without a path`);
    assert.doesNotMatch(command, /--allow-net(\s|$)/, `${name}: --allow-net without a host`);
    assert.match(command, /DENO_NO_UPDATE_CHECK=1/, name);
  }
});

Deno.test("generate, evaluate and digitize run with exactly their task's permissions", async () => {
  const input = await inputOf(["E07500"]);
  const out = join(input, "pages");
  const made = await asTask("generate", ["--input", input, "--out", out, "--dpi", "50"]);
  assert.equal(made.code, 0, made.stderr);
  const report = join(input, "eval");
  const scored = await asTask("evaluate", ["--pred", out, "--truth", out, "--out", report]);
  assert.equal(scored.code, 0, scored.stderr);
  const help = await asTask("digitize", ["--help"]);
  assert.equal(help.code, 0, help.stderr);
  await Deno.remove(input, { recursive: true });
});

Deno.test("the generate task cannot write into the toolkit's own files", async () => {
  const input = await inputOf(["E07500"]);
  const r = await asTask("generate", ["--input", input, "--out", join(ROOT, "lib", "x")]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Requires write access|NotCapable|write/);
  await assert.rejects(() => Deno.stat(join(ROOT, "lib", "x")));
  await Deno.remove(input, { recursive: true });
});

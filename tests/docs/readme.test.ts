/**
 * Every TypeScript block of README.md runs as written: `deno test --doc`
 * runs each block (its `./mod.ts` import resolves beside README.md) from a
 * fresh temporary folder that holds only a link to `fixtures/`, as a user's
 * project folder would, so a block that needs a folder it does not make
 * fails here.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, runTask } from "../tasks/_helpers.ts";

Deno.test("README.md TypeScript blocks run as written from an empty folder", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const blocks = readme.match(/^```ts$/gm)?.length ?? 0;
  assert.ok(blocks >= 1, "README.md has no ```ts block");
  const cwd = await Deno.makeTempDir();
  await Deno.symlink(join(ROOT, "fixtures"), join(cwd, "fixtures"));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--doc", "--config", join(ROOT, "deno.json"), join(ROOT, "README.md")],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.match(text, new RegExp(`ok \\| ${blocks} passed`));
  // The library example writes its pages where it says.
  const written = [...Deno.readDirSync(join(cwd, "out/lib"))].map((e) => e.name);
  assert.ok(written.some((n) => n.endsWith(".jpg")), written.join(" "));
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("README.md shell blocks name existing tasks and options they accept", async () => {
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  const config = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const lines = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .flatMap((m) => m[1]!.replace(/\\\n/g, " ").split("\n"))
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => /^(deno task|dist\/ecg) /.test(l));
  assert.ok(lines.length >= 10, `only ${lines.length} commands found`);
  const helps = new Map<string, string>();
  for (const line of lines) {
    const [, task] = /^(?:deno task|dist\/ecg) (\S+)/.exec(line)!;
    assert.ok(task! in config.tasks, `README runs an unknown task: ${line}`);
    if (!["generate", "digitize", "evaluate"].includes(task!)) continue;
    if (!helps.has(task!)) helps.set(task!, (await runTask(task!, ["--help"])).stdout);
    for (const [flag] of line.matchAll(/(?<=\s)--?[a-z][a-z-]*/g)) {
      const bare = flag.replace(/^--no-/, "--");
      assert.ok(
        new RegExp(`(^|[\\s,\\[])${bare}([\\s,=\\]]|$)`, "m").test(helps.get(task!)!) ||
          helps.get(task!)!.includes(`--[no-]${bare.slice(2)} `),
        `${task} --help does not list ${flag} (README: ${line})`,
      );
    }
  }
});

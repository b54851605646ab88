/**
 * What every CLI answers the same way: `-h`, `--version`, a "did you mean"
 * for a mistyped option, and paths relative to the folder the user ran
 * `deno task` from (not the repository root the task runs in).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { VERSION } from "../../lib/version.ts";
import { RECORDS, ROOT, runTask } from "./_helpers.ts";

const CLIS = [
  { task: "generate", typo: ["--ouy", "x"], guess: "--out" },
  { task: "digitize", typo: ["--figrues", "x", "a.png"], guess: "--figures" },
  { task: "evaluate", typo: ["--prd", "x"], guess: "--pred" },
  { task: "kit", typo: ["--rotatee", "5"], guess: "--rotate" },
  { task: "synthesize", typo: ["--nsamplez", "5"], guess: "--nsamples" },
];

for (const { task, typo, guess } of CLIS) {
  Deno.test(`${task}: -h, --version and "did you mean"`, async () => {
    const help = await runTask(task, ["-h"]);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`^Usage: deno task ${task}`));
    assert.match(help.stdout, /-h, --help/);

    const version = await runTask(task, ["--version"]);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), `ecg-${task} (ecg-image toolkit) ${VERSION}`);

    const wrong = await runTask(task, typo);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, new RegExp(`Unknown option '${typo[0]}'; did you mean ${guess}\\?`));

    const far = await runTask(task, ["--zzzzzzzz"]);
    assert.equal(far.code, 2);
    assert.doesNotMatch(far.stderr, /did you mean/, "no guess for an option far from every name");
  });
}

/** `deno task <task> args` run from `cwd`, as a user in that folder would. */
async function denoTask(cwd: string, task: string, args: string[]) {
  const env = Deno.env.toObject();
  delete env.INIT_CWD; // deno task keeps an INIT_CWD it inherits (deno task test sets one)
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--config", join(ROOT, "deno.json"), task, ...args],
    cwd,
    clearEnv: true,
    env: { ...env, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno task generate and digitize read and write relative to the user's folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ecg-cwd-" });
  try {
    for (const ext of [".hea", ".mat"]) {
      await Deno.copyFile(join(RECORDS, `E07500${ext}`), join(dir, `E07500${ext}`));
    }
    const gen = await denoTask(dir, "generate", [
      "--input",
      "E07500.hea",
      "--out",
      "rel_out",
      "--dpi",
      "100",
      "--quiet",
    ]);
    assert.equal(gen.code, 0, gen.stderr);
    const pages = [...Deno.readDirSync(join(dir, "rel_out"))].map((e) => e.name);
    assert.ok(pages.some((n) => n.endsWith(".png")), pages.join(", "));
    const png = pages.find((n) => n.endsWith(".png"))!;
    assert.throws(() => Deno.statSync(join(ROOT, "rel_out")), Deno.errors.NotFound);

    const dig = await denoTask(dir, "digitize", [join("rel_out", png), "--out", "pred", "--quiet"]);
    assert.equal(dig.code, 0, dig.stderr);
    const stem = png.replace(/\.png$/, "");
    assert.ok(Deno.statSync(join(dir, "pred", `${stem}.csv`)).isFile);
    assert.throws(() => Deno.statSync(join(ROOT, "pred")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * `deno task compile`: the binary's build arguments name files that exist,
 * and, where a `denort` runtime is available (DENORT_BIN, or one cached by
 * an earlier `deno compile`), the built `ecg` binary runs the three
 * commands end to end from a folder outside the repository, with relative
 * paths. Without a runtime the end-to-end test is skipped and says so.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { compileArgs, excludesFor, INCLUDE } from "../../tasks/compile.ts";
import { VERSION } from "../../lib/version.ts";
import { RECORDS, ROOT } from "./_helpers.ts";

Deno.test("compile embeds the worker modules and the model, and leaves out other platforms", () => {
  for (const file of INCLUDE) assert.ok(Deno.statSync(join(ROOT, file)).isFile, file);
  const args = compileArgs("/tmp/x/ecg", undefined);
  for (const file of INCLUDE) assert.ok(args.includes(file), file);
  assert.equal(args.at(-1), "tasks/ecg.ts");
  const linux = excludesFor("x86_64-unknown-linux-gnu");
  assert.ok(!linux.some((p) => p.endsWith("/linux")), "the linux onnxruntime stays");
  for (const p of linux) assert.ok(Deno.statSync(join(ROOT, p)).isDirectory, p);
  const windows = excludesFor("x86_64-pc-windows-msvc");
  assert.ok(!windows.some((p) => p.endsWith("/win32")), "the win32 onnxruntime stays");
});

/** A denort runtime for this Deno, or why there is none. */
async function findRuntime(): Promise<{ path: string | null; why: string }> {
  const given = Deno.env.get("DENORT_BIN");
  if (given) {
    if (!basename(given).startsWith("denort")) {
      return { path: null, why: `DENORT_BIN=${given} is not a denort binary` };
    }
    return { path: given, why: "" };
  }
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
  })
    .output();
  const denoDir = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir as string;
  const zip = join(
    denoDir,
    "dl",
    "release",
    `v${Deno.version.deno}`,
    `denort-${Deno.build.target}.zip`,
  );
  try {
    Deno.statSync(zip);
    return { path: zip, why: "" };
  } catch {
    return {
      path: null,
      why: `no denort runtime: DENORT_BIN is not set and ${zip} is not cached`,
    };
  }
}

const runtime = await findRuntime();
if (!runtime.path) console.warn(`compile end-to-end test skipped: ${runtime.why}`);

/**
 * Run `ecg` (the command line `ecg`) through generate → digitize → evaluate
 * in `dir`, with paths relative to it.
 */
async function endToEnd(ecg: string[], dir: string): Promise<void> {
  for (const ext of [".hea", ".mat"]) {
    await Deno.copyFile(join(RECORDS, `E07500${ext}`), join(dir, `E07500${ext}`));
  }
  const env = Deno.env.toObject();
  delete env.INIT_CWD;
  const run = async (...args: string[]) => {
    const out = await new Deno.Command(ecg[0]!, {
      args: [...ecg.slice(1), ...args],
      cwd: dir,
      clearEnv: true,
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    assert.equal(out.code, 0, `ecg ${args.join(" ")}: ${dec.decode(out.stderr)}`);
    return dec.decode(out.stdout);
  };
  assert.equal((await run("--version")).trim(), `ecg (ecg-image toolkit) ${VERSION}`);
  await run("generate", "--input", "E07500.hea", "--out", "pages", "--dpi", "100", "--quiet");
  const png = [...Deno.readDirSync(join(dir, "pages"))].find((e) => e.name.endsWith(".png"))!;
  await run("digitize", join("pages", png.name), "--out", "pred", "--quiet");
  await run("evaluate", "--pred", "pred", "--truth", "pages", "--out", "eval", "--quiet");
  const summary = JSON.parse(await Deno.readTextFile(join(dir, "eval", "summary.json")));
  const score = summary.overall.kaggleScoreDb;
  assert.ok(score > 5, JSON.stringify(summary.overall));
}

Deno.test("ecg (tasks/ecg.ts) runs the three commands from another folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ecg-cli-" });
  try {
    await endToEnd([Deno.execPath(), "run", "-A", join(ROOT, "tasks/ecg.ts")], dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "the compiled ecg binary generates, digitizes and evaluates from another folder",
  ignore: runtime.path === null,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "ecg-binary-" });
    try {
      const env = Deno.env.toObject();
      if (runtime.path!.endsWith(".zip")) delete env.DENORT_BIN;
      const build = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "tasks/compile.ts"), "--out", join(dir, "bin")],
        env,
        stderr: "piped",
      }).output();
      assert.equal(build.code, 0, new TextDecoder().decode(build.stderr));
      await endToEnd([join(dir, "bin", "ecg")], dir);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

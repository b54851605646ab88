/**
 * `deno publish --dry-run` accepts the package (licence, exports, no slow
 * types) and its file list holds the library, the tasks, the model and the
 * licence but none of the fixtures, tests or training code.
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname!, "../..");

Deno.test("deno publish --dry-run passes and leaves fixtures and tests out", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["publish", "--dry-run", "--allow-dirty"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.match(text, /Dry run complete/);
  const files = [...text.matchAll(/file:\/\/\S+/g)].map((m) =>
    m[0].slice(`file://${ROOT}/`.length)
  );
  for (
    const needed of [
      "mod.ts",
      "LICENSE",
      "models/trace_segmenter.onnx",
      "models/trace_reader.onnx",
      "tasks/ecg.ts",
    ]
  ) {
    assert.ok(files.includes(needed), `${needed} is published`);
  }
  for (const left of ["fixtures/", "tests/", "training/", "bench/", "out/", "dist/"]) {
    assert.ok(!files.some((f) => f.startsWith(left)), `nothing under ${left} is published`);
  }
});

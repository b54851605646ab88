/** A CLI run without a permission its native libraries need: one line, exit 2 (#18 defect 4). */
import assert from "node:assert/strict";
import { join } from "node:path";
import { RECORDS, runTask } from "./_helpers.ts";

const ALL = ["--allow-read", "--allow-write", "--allow-env", "--allow-sys", "--allow-ffi"];

for (
  const [task, given, missing] of [
    ["generate", ["--allow-read"], ["--allow-env", "--allow-sys", "--allow-ffi"]],
    ["generate", ALL.filter((f) => f !== "--allow-ffi"), ["--allow-ffi"]],
    ["digitize", ALL.filter((f) => f !== "--allow-sys"), ["--allow-sys"]],
    ["evaluate", ALL.filter((f) => f !== "--allow-env"), ["--allow-env"]],
    ["ecg", ["--allow-read", "--allow-write"], ["--allow-env", "--allow-sys", "--allow-ffi"]],
  ] as const
) {
  Deno.test(`${task} without ${missing.join(" ")} says so in one line and exits 2`, async () => {
    const out = await Deno.makeTempDir();
    const args = task === "ecg" ? ["generate"] : [];
    const r = await runTask(task, [...args, "--input", join(RECORDS, "E07500.hea"), "--out", out], {
      permissions: given,
    });
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    for (const flag of missing) assert.ok(lines[0]!.includes(flag), r.stderr);
    assert.doesNotMatch(r.stderr, /NotCapable|Uncaught| at /);
    assert.deepEqual([...Deno.readDirSync(out)], []);
  });
}

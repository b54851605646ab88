/** The progress bar of `deno task generate` when pages fail. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate, inputOf } from "./_helpers.ts";

/** The counts of the bar's last line, `done/total images[, n failed]`. */
function lastBar(stderr: string): { done: number; total: number; failed: number } {
  const bars = [...stderr.matchAll(/\] (\d+)\/(\d+) images(?:, (\d+) failed)?/g)];
  const last = bars.at(-1);
  assert.ok(last, `no progress bar in:\n${stderr}`);
  return { done: Number(last[1]), total: Number(last[2]), failed: Number(last[3] ?? 0) };
}

Deno.test("generate ends its progress bar at n/n when a page fails", async () => {
  const input = await inputOf(["E07500", "E07501", "E07502"]);
  const out = await Deno.makeTempDir();
  // A folder where one page's image must go: writing that page fails, the rest go on.
  await Deno.mkdir(join(out, "E07501-0.png"));
  const r = await generate("--input", input, "--out", out, "--dpi", "50", "--workers", "1");
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /E07501.*E07501-0/);
  assert.deepEqual(lastBar(r.stderr), { done: 3, total: 3, failed: 1 });
});

Deno.test("generate ends its progress bar at n/n when a whole job fails", async () => {
  const input = await inputOf(["E07500", "E07501"]);
  const out = await Deno.makeTempDir();
  const texture = join(await Deno.makeTempDir(), "texture.png");
  await Deno.writeTextFile(texture, "not an image");
  const r = await generate(
    "--input",
    input,
    "--out",
    out,
    "--dpi",
    "50",
    "--count",
    "2",
    "--preset",
    "0005",
    "--textures",
    texture,
  );
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(lastBar(r.stderr), { done: 4, total: 4, failed: 4 });
});

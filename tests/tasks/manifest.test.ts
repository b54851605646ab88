/** The batch manifest helpers: stale-temp cleanup touches only the atomic writer's own files. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { isTempFileName, writeFileAtomic } from "../../lib/io/atomic.ts";
import { removeStaleTemps } from "../../tasks/_manifest.ts";

Deno.test("removeStaleTemps() removes only the atomic writer's temp names, never kept files", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(join(dir, "sub"));
  const uuid = "0b4f3a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
  const stale = [`.tmp-a-0.png.s0of1.${uuid}`, `sub/.tmp-b-0.json.s0of1.${uuid}`];
  const kept = [
    ".tmp-x.s0of1.y-0.png", // an output name that merely looks like a temp name
    `.tmp-a-0.png.s1of2.${uuid}`, // another shard's
    `sub/.tmp-c-0.png.s0of1.${uuid}`, // listed as a finished page's file
    "a-0.png",
  ];
  for (const f of [...stale, ...kept]) await Deno.writeTextFile(join(dir, f), "x");
  const removed = await removeStaleTemps(dir, "s0of1", new Set([`sub/.tmp-c-0.png.s0of1.${uuid}`]));
  assert.equal(removed, 2);
  for (const f of stale) await assert.rejects(() => Deno.stat(join(dir, f)));
  for (const f of kept) assert.ok((await Deno.stat(join(dir, f))).isFile, f);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("isTempFileName() recognises the names writeFileAtomic() makes", async () => {
  const dir = await Deno.makeTempDir();
  const seen: string[] = [];
  const rename = Deno.rename;
  try {
    // Watch the temp name go by.
    Deno.rename = ((from: string | URL, to: string | URL) => {
      seen.push(String(from).split("/").at(-1)!);
      return rename(from, to);
    }) as typeof Deno.rename;
    await writeFileAtomic(join(dir, "a.png"), "x", { tag: "s3of7" });
  } finally {
    Deno.rename = rename;
  }
  assert.equal(seen.length, 1);
  assert.ok(isTempFileName(seen[0]!, "s3of7"), seen[0]);
  assert.ok(!isTempFileName(seen[0]!, "s3of8"));
  await Deno.remove(dir, { recursive: true });
});

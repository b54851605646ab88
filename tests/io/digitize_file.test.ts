/**
 * digitizeFile(): one call from a file to a result, with the command
 * line's defaults. The default (learned segmenter) runs in its own
 * process, as the CLI tests do: onnxruntime-node's environment dies with
 * the thread that loaded it (tests/digitize/cli.test.ts).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { digitize } from "../../lib/digitize/digitize.ts";
import { DEFAULT_INK, digitizeFile } from "../../lib/io/digitize_file.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { formatSignalCsv } from "../../lib/records/signal_table.ts";
import { ROOT, runTask } from "../tasks/_helpers.ts";

const PAGE = join(ROOT, "fixtures/foreign/clean_JS20001.png");

Deno.test("digitizeFile() gives the same signals as deno task digitize with the defaults of both", async () => {
  const out = await Deno.makeTempDir({ prefix: "digitize-file-" });
  try {
    // The library, in its own process, with no options at all.
    const code = `
      import { digitizeFile, formatSignalCsv } from ${JSON.stringify(join(ROOT, "mod.ts"))};
      const r = await digitizeFile(${JSON.stringify(PAGE)});
      if (!r.ok) throw new Error(r.reason);
      await Deno.writeTextFile(${JSON.stringify(join(out, "lib.csv"))}, formatSignalCsv(r.record));
      console.log(JSON.stringify({ ink: r.inkSource, reader: r.reader, warnings: r.warnings }));
    `;
    const lib = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--ext=ts", code],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(lib.code, 0, new TextDecoder().decode(lib.stderr));
    const said = JSON.parse(new TextDecoder().decode(lib.stdout).trim().split("\n").at(-1)!);
    assert.equal(said.ink, "onnx-gated");
    assert.equal(said.reader, "dp");
    // The command line, with no ink or reader options.
    const cli = await runTask("digitize", [PAGE, "--out", join(out, "cli"), "--quiet"]);
    assert.equal(cli.code, 0, cli.stderr);
    const json = JSON.parse(await Deno.readTextFile(join(out, "cli", "clean_JS20001.json")));
    assert.equal(json.ink_source, "onnx-gated");
    assert.equal(
      await Deno.readTextFile(join(out, "lib.csv")),
      await Deno.readTextFile(join(out, "cli", "clean_JS20001.csv")),
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("digitizeFile() with ink classic equals digitize() on the decoded image", async () => {
  assert.equal(DEFAULT_INK, "onnx");
  const fromFile = await digitizeFile(PAGE, { ink: "classic", sampleRateHz: 250 });
  const image = await decodeImage(await Deno.readFile(PAGE));
  const inMemory = await digitize(image, { sampleRateHz: 250 });
  assert.ok(fromFile.ok && inMemory.ok);
  assert.equal(fromFile.inkSource, "classic");
  assert.equal(formatSignalCsv(fromFile.record), formatSignalCsv(inMemory.record));
});

Deno.test("digitizeFile() names a file it cannot read or decode", async () => {
  await assert.rejects(
    () => digitizeFile("/no/such/page.png"),
    /Cannot read image "\/no\/such\/page\.png"/,
  );
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "x.png"), "not an image");
    await assert.rejects(
      () => digitizeFile(join(dir, "x.png"), { ink: "classic" }),
      /Cannot decode image/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

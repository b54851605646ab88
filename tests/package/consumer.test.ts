/**
 * The package as another project uses it: a temporary project outside the
 * repository, with an empty `deno.json` (none of our import map), imports
 * `mod.ts` by URL, draws a page of a fixture record, encodes it, reads it
 * back with the digitizer and scores it. Fonts must load from npm there too:
 * the lead labels drawn on the page are read back by the templates.
 */
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname!, "../..");

const PROGRAM = (mod: string, record: string) => `
import { decodeImage, digitize, encodeImage, evaluate, generate, readRecord, VERSION } from ${
  JSON.stringify(mod)
};
const record = await readRecord(${JSON.stringify(record)});
const [page] = await generate(record, { seed: 7, dpi: 150 });
const png = await encodeImage(page.image, { kind: "png" });
const result = await digitize(await decodeImage(png), { sampleRateHz: record.sampleRateHz });
if (!result.ok) throw new Error(result.reason);
const labels = result.panels.filter((p) => p.nameSource === "label").length;
const report = await evaluate([{ id: "p", truth: page.signals, prediction: result.record }]);
const kaggle = report.summary.overall.kaggleScoreDb;
console.log(JSON.stringify({ version: VERSION, labels, panels: result.panels.length, kaggle }));
`;

for (const config of [{}, { nodeModulesDir: "auto" }]) {
  Deno.test(`mod.ts is importable from another project (deno.json ${JSON.stringify(config)})`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "ecg-consumer-" });
    try {
      await Deno.writeTextFile(join(dir, "deno.json"), JSON.stringify(config));
      await Deno.writeTextFile(
        join(dir, "main.ts"),
        PROGRAM(
          pathToFileURL(join(ROOT, "mod.ts")).href,
          join(ROOT, "fixtures/records/E07500.hea"),
        ),
      );
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "main.ts"],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      const line = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!;
      const report = JSON.parse(line);
      assert.equal(report.panels, 13);
      assert.ok(report.kaggle > 10, `Kaggle score ${report.kaggle} dB`);
      assert.ok(report.labels >= 9, `only ${report.labels} lead labels were read back`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

/**
 * The package as another project uses it: a temporary project outside the
 * repository, with a `deno.json` that holds none of our import map, imports
 * `mod.ts` (by file URL, and over HTTP as a remote package), draws a page of
 * a fixture record, encodes it, reads it back with the digitizer, scores it
 * and loads the shipped segmenter. Fonts must load from npm there too: the
 * lead labels drawn on the page are read back by the templates.
 */
import assert from "node:assert/strict";
import { join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname!, "../..");

const PROGRAM = (mod: string, record: string) => `
import {
  decodeImage, digitize, encodeImage, evaluate, generate, loadSegmenter, readRecord, VERSION,
} from ${JSON.stringify(mod)};
const record = await readRecord(${JSON.stringify(record)});
const [page] = await generate(record, { seed: 7, dpi: 150 });
const png = await encodeImage(page.image, { kind: "png" });
const result = await digitize(await decodeImage(png), { sampleRateHz: record.sampleRateHz });
if (!result.ok) throw new Error(result.reason);
const labels = result.panels.filter((p) => p.nameSource === "label").length;
const report = await evaluate([{ id: "p", truth: page.signals, prediction: result.record }]);
const kaggle = report.summary.overall.kaggleScoreDb;
const segmenter = await loadSegmenter();
const segmenterLoaded = typeof segmenter.segment === "function";
console.log(JSON.stringify({ version: VERSION, labels, panels: result.panels.length, kaggle, segmenterLoaded }));
`;

/** Serve the repository's files over HTTP on a free port, as a package host would. */
function serveRepository(): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(request.url).pathname)));
    if (!path.startsWith(ROOT)) return new Response("outside", { status: 403 });
    try {
      const body = await Deno.readFile(path);
      const type = path.endsWith(".ts")
        ? "application/typescript"
        : path.endsWith(".json")
        ? "application/json"
        : "application/octet-stream";
      return new Response(body, { headers: { "content-type": type } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}

async function consume(mod: string, config: Record<string, unknown>, extra: string[] = []) {
  const dir = await Deno.makeTempDir({ prefix: "ecg-consumer-" });
  try {
    await Deno.writeTextFile(join(dir, "deno.json"), JSON.stringify(config));
    await Deno.writeTextFile(
      join(dir, "main.ts"),
      PROGRAM(mod, join(ROOT, "fixtures/records/E07500.hea")),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...extra, "main.ts"],
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
    assert.equal(report.segmenterLoaded, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("mod.ts is importable by file URL from a project with its own node_modules", async () => {
  await consume(pathToFileURL(join(ROOT, "mod.ts")).href, { nodeModulesDir: "auto" });
});

Deno.test("mod.ts is importable over HTTP, as a remote package, by an empty deno.json", async () => {
  const server = serveRepository();
  try {
    const origin = `http://127.0.0.1:${server.addr.port}`;
    // --reload: a cached copy of an earlier run's modules at this address must not be used.
    await consume(`${origin}/mod.ts`, {}, [`--reload=${origin}/`]);
  } finally {
    await server.shutdown();
  }
});

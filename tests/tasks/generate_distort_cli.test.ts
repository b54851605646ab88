/** `deno task generate` with distortion presets, config files and textures, as a user runs it. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { digests, generate, inputOf, ROOT } from "./_helpers.ts";

Deno.test("generate --preset mix gives the same bytes with 1 and 2 workers", async () => {
  const input = await inputOf(["E07507", "E07508", "JS20004"]);
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const common = ["--input", input, "--preset", "mix", "--count", "3", "--masks", "--dpi", "60"];
  const args = [...common, "--format", "jpg", "--seed", "4", "--quiet"];
  assert.equal((await generate(...args, "--out", a, "--workers", "1")).code, 0);
  assert.equal((await generate(...args, "--out", b, "--workers", "2")).code, 0);
  const [da, db] = [await digests(a), await digests(b)];
  assert.equal(da.size, 3 * 3 * (3 + 9) + 1); // and index.csv
  assert.deepEqual(da, db);
  const presets = new Set<string>();
  for (const [name] of da) {
    if (!name.endsWith(".json")) continue;
    const gt = JSON.parse(await Deno.readTextFile(join(a, name)));
    presets.add(gt.preset);
    const jpeg = gt.augmentations.find((x: { name: string }) => x.name === "jpeg");
    if (jpeg) assert.equal(gt.output.jpeg_quality, jpeg.params.quality);
  }
  assert.ok(presets.size >= 3, [...presets].join(","));
});

Deno.test("generate reads distortion settings from a YAML config and records them", async () => {
  const input = await inputOf(["E07509"]);
  const out = await Deno.makeTempDir();
  const config = join(out, "distort.yaml");
  await Deno.writeTextFile(
    config,
    "preset: '0004'\ndpi: 60\ndistortions:\n  rotation: { probability: 1, max_deg: 4 }\n  stains: { probability: 1 }\n",
  );
  const r = await generate("--input", input, "--out", out, "--config", config, "--quiet");
  assert.equal(r.code, 0, r.stderr);
  const gt = JSON.parse(await Deno.readTextFile(join(out, "E07509-0.json")));
  assert.equal(gt.preset, "0004");
  const names = gt.augmentations.map((x: { name: string }) => x.name);
  assert.ok(names.includes("stains") && names.includes("rotation") && names.includes("scan"));
  assert.equal(gt.options.distortions.rotation.max_deg, 4);
  assert.equal(gt.page_mapping.steps[0].kind, "rotation");
});

Deno.test("generate rejects impossible distortion options with a clear error and exit 2", async () => {
  const input = await inputOf(["E07509"]);
  const out = await Deno.makeTempDir();
  const cases: [string[], RegExp][] = [
    [["--preset", "0002"], /preset = "0002"/],
    [["--distortions", '{"rotation":{"max_deg":400}}'], /distortions\.rotation\.max_deg/],
    [["--distortions", "{not json"], /distortions/],
    [["--textures", join(out, "missing")], /Cannot read textures/],
  ];
  for (const [extra, message] of cases) {
    const r = await generate("--input", input, "--out", out, ...extra, "--quiet");
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.deepEqual([...(await digests(out)).keys()], []);
});

Deno.test("generate --textures blends the given paper photos", async () => {
  const input = await inputOf(["E07509"]);
  const out = await Deno.makeTempDir();
  const r = await generate(
    "--input",
    input,
    "--out",
    out,
    "--dpi",
    "60",
    "--distortions",
    '{"wrinkles":{"probability":1}}',
    "--textures",
    join(ROOT, "fixtures/textures"),
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const gt = JSON.parse(await Deno.readTextFile(join(out, "E07509-0.json")));
  const wrinkles = gt.augmentations.find((x: { name: string }) => x.name === "wrinkles");
  assert.equal(wrinkles.params.source, "texture");
});

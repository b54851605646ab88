/** Options: defaults, validation, YAML config and presets. */
import assert from "node:assert/strict";
import {
  GENERATE_SETTINGS,
  parseConfigYaml,
  settingsFromValues,
} from "../../lib/generate/config.ts";
import {
  GENERATE_DEFAULTS,
  type GenerateOptions,
  resolveGenerateOptions,
} from "../../lib/generate/options.ts";

Deno.test("resolveGenerateOptions() fills every default", () => {
  assert.deepEqual(resolveGenerateOptions({}), { ...GENERATE_DEFAULTS, rhythmLeads: ["II"] });
});

const BAD: [GenerateOptions, string][] = [
  [{ dpi: 9000 }, "dpi"],
  [{ dpi: 49 }, "dpi"],
  [{ paperSpeedMmPerS: 30 as 25 }, "paperSpeedMmPerS"],
  [{ gainMmPerMv: 7 as 10 }, "gainMmPerMv"],
  [{ layout: "5x5" as "3x4" }, "layout"],
  [{ rhythmLeads: ["I", "II", "III", "V1"] }, "rhythmLeads"],
  [{ gridColour: "purple" as "red" }, "gridColour"],
  [{ traceColour: "black" }, "traceColour"],
  [{ traceWidthMm: -1 }, "traceWidthMm"],
  [{ count: 0 }, "count"],
  [{ startSample: -5 }, "startSample"],
  [{ seed: 1.5 }, "seed"],
  [{ preset: "9999" }, "preset"],
  [{ paperSize: "legal" as "a4" }, "paperSize"],
];
for (const [options, name] of BAD) {
  Deno.test(`resolveGenerateOptions() rejects ${JSON.stringify(options)} naming ${name}`, () => {
    assert.throws(() => resolveGenerateOptions(options), (e: Error) => {
      assert.ok(e instanceof RangeError);
      assert.match(e.message, new RegExp(`Invalid option ${name} = `));
      return true;
    });
  });
}

Deno.test("config/default.yaml states exactly the defaults", async () => {
  const text = await Deno.readTextFile(new URL("../../config/default.yaml", import.meta.url));
  const settings = parseConfigYaml(text, "config/default.yaml");
  assert.deepEqual(resolveGenerateOptions(settings.generate), {
    ...GENERATE_DEFAULTS,
    rhythmLeads: ["II"],
  });
  assert.deepEqual(settings.output, {
    format: "png",
    jpegQuality: 92,
    pngCompression: 6,
    maskFormat: "png",
    wfdb: false,
  });
  // Every setting is documented in the file (unset ones as comments).
  for (const spec of GENERATE_SETTINGS) {
    assert.match(text, new RegExp(`^#? ?${spec.name}:`, "m"), spec.name);
  }
});

Deno.test("parseConfigYaml() names the file and the unknown key", () => {
  assert.throws(
    () => parseConfigYaml("dpi: 200\ncolour: red\n", "my.yaml"),
    /Unknown setting "colour" in config "my.yaml"/,
  );
  assert.throws(
    () => parseConfigYaml("dpi: [\n", "broken.yaml"),
    /Cannot read config "broken.yaml"/,
  );
  assert.throws(() => parseConfigYaml("dpi: high\n", "t.yaml"), /Invalid value "high" for "dpi"/);
});

Deno.test("settingsFromValues() reads lists, none and booleans", () => {
  assert.deepEqual(settingsFromValues({ rhythm: "none" }, "x").generate.rhythmLeads, []);
  assert.deepEqual(settingsFromValues({ rhythm: ["II", "v1"] }, "x").generate.rhythmLeads, [
    "II",
    "v1",
  ]);
  assert.equal(settingsFromValues({ grid: "false" }, "x").generate.showGrid, false);
  assert.equal(
    resolveGenerateOptions(settingsFromValues({ rhythm: "v1" }, "x").generate).rhythmLeads[0],
    "V1",
  );
});

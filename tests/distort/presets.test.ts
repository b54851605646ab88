/** Presets, `mix`, `rectify` and distortion settings, through the generation stage. */
import assert from "node:assert/strict";
import { FAMILIES } from "../../lib/distort/families.ts";
import { generatePage, planPages } from "../../lib/generate/generate.ts";
import { resolveGenerateOptions } from "../../lib/generate/options.ts";
import { PRESETS } from "../../lib/generate/presets.ts";
import { fixtureRecord, inkNear } from "../generate/_helpers.ts";

const GEOMETRY = new Set(FAMILIES.filter((f) => f.kind === "geometry").map((f) => f.name));

async function page(name: string, options: Parameters<typeof generatePage>[2]) {
  const record = await fixtureRecord(name);
  const [plan] = planPages(record, options);
  return await generatePage(record, plan!, options);
}

for (const preset of Object.keys(PRESETS)) {
  Deno.test(`preset ${preset} applies its families and only those`, async () => {
    const named = PRESETS[preset]!.distortions ?? {};
    const certain = Object.entries(named)
      .filter(([, s]) => s.probability === undefined || s.probability === 1)
      .map(([n]) => n);
    const p = await page("E07502", { preset, dpi: 60, seed: 3, clean: true });
    const applied = p.groundTruth.augmentations.map((a) => a.name);
    assert.equal(p.groundTruth.preset, preset);
    for (const name of applied) assert.ok(name in named, `${preset} applied ${name}`);
    for (const name of certain) {
      assert.ok(applied.includes(name), `${preset} did not apply ${name}`);
    }
    const steps = p.groundTruth.page_mapping.steps.map((s) => s.kind);
    assert.deepEqual(steps, applied.filter((n) => GEOMETRY.has(n)));
    assert.equal(p.image.width, p.groundTruth.width);
    assert.equal(p.image.height, p.groundTruth.height);
    // The trace-only image shares the mapping: every plotted sample sits on its ink.
    const clean = p.clean!;
    let on = 0, total = 0;
    for (const lead of p.groundTruth.leads) {
      for (let i = 0; i < lead.plotted_pixels.length; i += 7) {
        const px = lead.plotted_pixels[i];
        if (!px || px[0] < 0 || px[1] < 0 || px[0] >= clean.height || px[1] >= clean.width) {
          continue;
        }
        total++;
        if (inkNear(clean, px[0], px[1], 2)) on++;
      }
    }
    assert.ok(total > 500, `${total} samples inside the image`);
    assert.ok(on / total > 0.995, `${on}/${total} plotted samples on the trace`);
  });
}

Deno.test("generatePage() gives the same bytes for the same seed under every preset", async () => {
  for (const preset of ["0005", "0010"]) {
    const a = await page("E07503", { preset, dpi: 50, seed: 11 });
    const b = await page("E07503", { preset, dpi: 50, seed: 11 });
    const c = await page("E07503", { preset, dpi: 50, seed: 12 });
    assert.deepEqual(a.image.data, b.image.data);
    assert.deepEqual(a.groundTruth, b.groundTruth);
    assert.notDeepEqual(a.image.data, c.image.data);
  }
});

Deno.test("preset mix draws presets per page and records the one drawn", async () => {
  const record = await fixtureRecord("E07504");
  const options = { preset: "mix", count: 12, dpi: 50, seed: 5 };
  const drawn = new Set<string>();
  for (const plan of planPages(record, options)) {
    const p = await generatePage(record, plan, options);
    assert.ok(p.groundTruth.preset in PRESETS);
    assert.ok(p.groundTruth.warnings.some((w) => w.includes("drawn by mix")));
    drawn.add(p.groundTruth.preset);
  }
  assert.ok(drawn.size >= 4, `only ${[...drawn].join(", ")} drawn in 12 pages`);
});

Deno.test("rectify applies the pixel families but no geometric step", async () => {
  const flat = await page("E07505", { preset: "0005", dpi: 60, seed: 2, rectify: true });
  const clean = await page("E07505", { dpi: 60, seed: 2 });
  const names = flat.groundTruth.augmentations.map((a) => a.name);
  assert.ok(names.length > 0);
  assert.ok(names.every((n) => !GEOMETRY.has(n)));
  assert.deepEqual(flat.groundTruth.page_mapping.steps, []);
  assert.equal(flat.image.width, clean.image.width);
  assert.deepEqual(flat.groundTruth.leads, clean.groundTruth.leads);
});

Deno.test("distortion settings override the preset's, family by family", async () => {
  const p = await page("E07506", {
    dpi: 50,
    distortions: { rotation: { probability: 1, max_deg: 0 }, noise: { probability: 0 } },
    preset: "0003",
  });
  const names = p.groundTruth.augmentations.map((a) => a.name);
  assert.ok(names.includes("rotation") && !names.includes("noise"));
  const turned = await page("E07506", { dpi: 50, distortions: { lens: { probability: 1 } } });
  assert.deepEqual(turned.groundTruth.augmentations.map((a) => a.name), ["lens"]);
});

Deno.test("resolveGenerateOptions() rejects impossible distortion settings by name", () => {
  assert.throws(
    () => resolveGenerateOptions({ distortions: { tornado: {} } }),
    /distortions\.tornado/,
  );
  assert.throws(
    () => resolveGenerateOptions({ distortions: { rotation: { probability: 2 } } }),
    /distortions\.rotation\.probability = 2/,
  );
  assert.throws(
    () => resolveGenerateOptions({ distortions: { rotation: { spin: 3 } } }),
    /distortions\.rotation\.spin/,
  );
  assert.throws(() => resolveGenerateOptions({ preset: "0002" }), /preset = "0002"/);
  for (const family of FAMILIES) {
    // Every family rejects a range given upside down or an impossible value.
    const bad = Object.entries(family.defaults).find(([k, v]) =>
      k !== "probability" && (typeof v === "number" || Array.isArray(v))
    );
    if (!bad) continue;
    const [key] = bad;
    assert.throws(
      () => resolveGenerateOptions({ distortions: { [family.name]: { [key]: [5e6, -5e6] } } }),
      RangeError,
      `${family.name}.${key}`,
    );
  }
});

/** The geometric engine: exact inverses, grid accuracy, validation, canvas and ground-truth bookkeeping. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  composeSteps,
  crop,
  elastic,
  lens,
  mapGroundTruth,
  mapPoints,
  pad,
  perspective,
  rotation,
  warpImage,
  waves,
} from "../../lib/distort/geometry/mod.ts";
import { inverseGrid, sourceRow } from "../../lib/distort/geometry/_grid.ts";
import type { FamilyConfig, GeometryFamily } from "../../lib/distort/types.ts";
import { createRng } from "../../lib/random/rng.ts";
import { buildSteps, cleanPage } from "./_helpers.ts";

const ALL: GeometryFamily[] = [waves, elastic, rotation, pad, perspective, lens, crop];

Deno.test("GeometryFamily.step() forward(inverse(p)) ≈ p for random params and points", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ALL),
      fc.integer({ min: 0, max: 1e9 }),
      fc.integer({ min: 200, max: 3000 }),
      fc.integer({ min: 200, max: 3000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (family, seed, width, height, u, v) => {
        const frame = { width, height, pxPerMm: 2 + (seed % 20) };
        const step = family.step(family.sample(createRng(seed), family.defaults, frame), frame);
        const x = -0.5 + u * step.outWidth, y = -0.5 + v * step.outHeight;
        const p = new Float64Array(2);
        step.inverse(x, y, p);
        step.forward(p[0]!, p[1]!, p);
        return Math.hypot(p[0]! - x, p[1]! - y) < 1e-6;
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("inverseGrid() interpolates the exact inverse to < 0.05 px for default ranges", () => {
  for (const [seed, dpi] of [[1, 100], [2, 100], [3, 200], [4, 300]]) {
    const ppm = dpi! / 25.4;
    const frame = { width: Math.round(11 * dpi!), height: Math.round(8.5 * dpi!), pxPerMm: ppm };
    const { steps } = buildSteps(
      createRng(seed!, "grid"),
      frame,
      ALL.map((family) => ({ family })),
    );
    const mapping = composeSteps(steps);
    const grid = inverseGrid(mapping);
    const W = mapping.outWidth, sx = new Float64Array(W), sy = new Float64Array(W);
    const p = new Float64Array(2);
    let worst = 0;
    for (let y = 0; y < mapping.outHeight; y += 5) {
      sourceRow(grid, y, W, sx, sy);
      for (let x = 0; x < W; x += 3) {
        mapping.inverse(x, y, p);
        worst = Math.max(worst, Math.hypot(p[0]! - sx[x]!, p[1]! - sy[x]!));
      }
    }
    assert.ok(worst < 0.05, `seed ${seed}, ${dpi} dpi: ${worst} px`);
  }
});

Deno.test("GeometryFamily.validate() names the option and the value", () => {
  const cases: [GeometryFamily, Record<string, unknown>, RegExp][] = [
    [
      rotation,
      { max_deg: 400 },
      /^Invalid option distortions\.rotation\.max_deg = 400: must be between 0 and 45$/,
    ],
    [
      rotation,
      { quarter_turn_probability: 2 },
      /distortions\.rotation\.quarter_turn_probability = 2/,
    ],
    [perspective, { distance: [0.5, 2] }, /distortions\.perspective\.distance = \[0\.5,2\]/],
    [perspective, { max_tilt_deg: 80 }, /distortions\.perspective\.max_tilt_deg = 80/],
    [
      lens,
      { k1: [0.1, -0.1] },
      /distortions\.lens\.k1 = \[0\.1,-0\.1\]: must be a range with min <= max/,
    ],
    [lens, { k2: "big" }, /distortions\.lens\.k2 = "big": must be a number or a range/],
    [
      waves,
      { amplitude_mm: 10, wavelength_mm: 40 },
      /distortions\.waves\.wavelength_mm = 40: must be at least 8 times/,
    ],
    [elastic, { max_displacement_mm: 5, spacing_mm: 30 }, /distortions\.elastic\.spacing_mm = 30/],
    [
      crop,
      { fraction: [0, 0.5] },
      /distortions\.crop\.fraction = \[0,0\.5\]: must be between 0 and 0\.25/,
    ],
    [pad, { margin_mm: -1 }, /distortions\.pad\.margin_mm = -1/],
  ];
  for (const [family, config, message] of cases) {
    assert.throws(
      () => family.validate({ ...family.defaults, ...config } as FamilyConfig),
      (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, message);
        return true;
      },
    );
  }
  for (const family of ALL) family.validate(family.defaults);
});

Deno.test("composeSteps() rejects steps whose sizes do not chain", () => {
  const frame = { width: 300, height: 200, pxPerMm: 4 };
  const turn = rotation.step({ angle_deg: 0, quarter_turns: 1 }, frame);
  const margin = pad.step({ left_mm: 1, top_mm: 1, right_mm: 1, bottom_mm: 1 }, frame);
  assert.throws(() => composeSteps([turn, margin]), RangeError);
  assert.throws(() => composeSteps([]), RangeError);
  const both = composeSteps([
    margin,
    rotation.step({ angle_deg: 3, quarter_turns: 0 }, {
      ...frame,
      width: margin.outWidth,
      height: margin.outHeight,
    }),
  ]);
  const there = mapPoints(both, [10, 20, 150, 100]);
  const back = mapPoints(both, there, "inverse");
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(back[i]! - [10, 20, 150, 100][i]!) < 1e-9);
});

Deno.test("warpImage() leaves alpha 0 and grey outside the page, alpha 1 inside", async () => {
  const page = await cleanPage();
  const frame = { width: page.image.width, height: page.image.height, pxPerMm: 100 / 25.4 };
  const step = pad.step({ left_mm: 10, top_mm: 5, right_mm: 0, bottom_mm: 0 }, frame);
  const { image, alpha } = warpImage(page.image, composeSteps([step]));
  const left = Math.round(10 * frame.pxPerMm), top = Math.round(5 * frame.pxPerMm);
  assert.equal(alpha[5 * image.width + 5], 0);
  assert.equal(image.data[(5 * image.width + 5) * 3], 128);
  const y = top + 100, x = left + 200;
  assert.equal(alpha[y * image.width + x], 1);
  for (let c = 0; c < 3; c++) {
    assert.equal(
      image.data[(y * image.width + x) * 3 + c],
      page.image.data[(100 * frame.width + 200) * 3 + c],
    );
  }
});

Deno.test("mapGroundTruth() appends the steps, keeps page scales and warns about cropped samples", async () => {
  const page = await cleanPage();
  const gt = page.groundTruth;
  const frame = { width: gt.width, height: gt.height, pxPerMm: gt.px_per_mm };
  const params = { left: 0.25, top: 0, right: 0, bottom: 0 };
  const step = crop.step(params, frame);
  const before = JSON.stringify(gt);
  const truth = mapGroundTruth(gt, composeSteps([step]));
  assert.equal(JSON.stringify(gt), before, "input unchanged");
  assert.deepEqual(truth.page_mapping.steps, [{ kind: "crop", ...params }]);
  assert.equal(truth.width, gt.width - Math.round(0.25 * gt.width));
  assert.equal(truth.px_per_mv, gt.px_per_mv);
  assert.equal(truth.time_origin_px, gt.time_origin_px);
  assert.match(truth.warnings.at(-1)!, /^\d+ plotted samples lie outside the distorted image$/);
  const pulse = truth.calibration_pulses[1]!.polyline[0]!,
    old = gt.calibration_pulses[1]!.polyline[0]!;
  assert.ok(Math.abs(pulse[1] - (old[1] - Math.round(0.25 * gt.width))) < 1e-9);
});

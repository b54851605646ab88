/**
 * Every geometric family, and all of them composed, keep a real page's
 * ground truth exact: warped image, warped masks and mapped ground truth
 * agree pixel for pixel.
 */
import assert from "node:assert/strict";
import {
  composeSteps,
  crop,
  elastic,
  lens,
  mapGroundTruth,
  pad,
  perspective,
  rotation,
  warpImage,
  warpMask,
  waves,
} from "../../lib/distort/geometry/mod.ts";
import type { GeometryFamily } from "../../lib/distort/types.ts";
import { createRng } from "../../lib/random/rng.ts";
import { boxOf, buildSteps, cleanPage, darkNear, inBox, isDark } from "./_helpers.ts";

type Case = { family: GeometryFamily; config?: Record<string, unknown> };

const CASES: { name: string; families: Case[] }[] = [
  { name: "rotation", families: [{ family: rotation, config: { max_deg: 8 } }] },
  {
    name: "rotation by a quarter turn",
    families: [{ family: rotation, config: { max_deg: 0, quarter_turn_probability: 1 } }],
  },
  { name: "perspective", families: [{ family: perspective, config: { max_tilt_deg: 30 } }] },
  { name: "barrel lens", families: [{ family: lens, config: { k1: -0.15, k2: [-0.03, 0] } }] },
  { name: "pincushion lens", families: [{ family: lens, config: { k1: 0.15, k2: [0, 0.03] } }] },
  { name: "waves", families: [{ family: waves, config: { amplitude_mm: 4, wavelength_mm: 60 } }] },
  {
    name: "elastic",
    families: [{ family: elastic, config: { max_displacement_mm: 3, spacing_mm: 30 } }],
  },
  { name: "crop", families: [{ family: crop, config: { fraction: [0.05, 0.1] } }] },
  { name: "pad", families: [{ family: pad, config: { margin_mm: [5, 20] } }] },
  {
    name: "all families composed",
    families: [waves, elastic, rotation, pad, perspective, lens, crop].map((family) => ({
      family,
    })),
  },
];

for (const { name, families } of CASES) {
  Deno.test(`warpImage(), warpMask(), mapGroundTruth() stay exact: ${name}`, async () => {
    const page = await cleanPage();
    const gt = page.groundTruth;
    const frame = { width: page.image.width, height: page.image.height, pxPerMm: gt.px_per_mm };
    const { steps } = buildSteps(createRng(11, name), frame, families);
    const mapping = composeSteps(steps);
    const { image, alpha } = warpImage(page.image, mapping);
    const masks = page.masks!.map((m) => warpMask(m, mapping));
    const truth = mapGroundTruth(gt, mapping, steps);
    assert.equal(truth.width, image.width);
    assert.equal(truth.height, image.height);
    assert.deepEqual(truth.page_mapping.steps.map((s) => s.kind), steps.map((s) => s.kind));
    const W = image.width, H = image.height;
    if (name.includes("quarter")) assert.deepEqual([W, H], [frame.height, frame.width]);
    const moved = truth.leads.flatMap((l, k) =>
      l.plotted_pixels.map((q, i) => {
        const o = gt.leads[k]!.plotted_pixels[i];
        return q && o ? Math.hypot(q[0] - o[0], q[1] - o[1]) : 0;
      })
    );
    assert.ok(Math.max(...moved) > 2, "the mapping moves the traces");
    const inside = (x: number, y: number) =>
      x >= 1 && y >= 1 && x < W - 1 && y < H - 1 && alpha[Math.round(y) * W + Math.round(x)]! >= 1;

    // (a) plotted pixels lie on trace ink; (c) their row's mask covers that ink.
    let checked = 0;
    for (const lead of truth.leads) {
      const mask = masks[lead.mask_channel]!;
      lead.plotted_pixels.forEach((q, i) => {
        if (!q || i % 3 !== 0 || !inside(q[1], q[0])) return;
        checked++;
        assert.ok(
          darkNear(image, q[0], q[1], 1.5),
          `${lead.lead_name} sample ${i} at ${q} is off ink`,
        );
        const x = Math.round(q[1]), y = Math.round(q[0]);
        if (isDark(image, x, y)) {
          assert.equal(mask[y * W + x], 1, `${lead.lead_name} ink at ${q} unmasked`);
        }
      });
    }
    assert.ok(checked > 1000, `only ${checked} samples checked`);

    // (c) every ink pixel of the page is in some ink mask (rows, text, separators).
    let ink = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        if (alpha[p]! < 1 || !isDark(image, x, y)) continue;
        ink++;
        let covered = 0;
        for (let c = 3; c <= 8; c++) covered |= masks[c]![p]!;
        assert.equal(covered, 1, `ink at (${x}, ${y}) is in no mask`);
      }
    }
    assert.ok(ink > 5000, `only ${ink} ink pixels`);

    // (b) text boxes enclose their ink: source text-mask pixels map into the mapped box,
    // and warped text-mask pixels that come from a label lie in its box.
    const boxes = [
      ...gt.leads.map((
        l,
        k,
      ) => [l.text_bounding_box!, truth.leads[k]!.text_bounding_box_envelope!]),
      ...gt.header.map((
        h,
        k,
      ) => [h.text_bounding_box, truth.header[k]!.text_bounding_box_envelope]),
    ].map(([a, b]) => [boxOf(a!), boxOf(b!)] as const);
    const src = page.masks![7]!, text = masks[7]!, p = new Float64Array(2);
    for (const [before, after] of boxes) {
      let found = 0;
      for (let y = Math.floor(before[1]); y <= before[3]; y++) {
        for (let x = Math.floor(before[0]); x <= before[2]; x++) {
          if (!src[y * frame.width + x] || !inBox(before, x, y, 0)) continue;
          mapping.forward(x, y, p);
          assert.ok(
            inBox(after, p[0]!, p[1]!, 1e-3),
            `text pixel (${x}, ${y}) maps outside its box`,
          );
          found++;
        }
      }
      assert.ok(found > 5);
      let warped = 0;
      for (let y = Math.max(0, Math.floor(after[1] - 3)); y <= Math.min(H - 1, after[3] + 3); y++) {
        for (
          let x = Math.max(0, Math.floor(after[0] - 3));
          x <= Math.min(W - 1, after[2] + 3);
          x++
        ) {
          if (!text[y * W + x]) continue;
          mapping.inverse(x, y, p);
          if (!inBox(before, p[0]!, p[1]!, 1)) continue;
          warped++;
          assert.ok(inBox(after, x, y, 1), `warped text pixel (${x}, ${y}) outside its box`);
        }
      }
      if (inside((after[0] + after[2]) / 2, (after[1] + after[3]) / 2)) assert.ok(warped > 5);
    }
  });
}

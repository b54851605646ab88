/** Tests of the paper distortion families on a real rendered page. */
import assert from "node:assert/strict";
import { creases, mould, stains, wrinkles } from "../../lib/distort/paper/mod.ts";
import { decodeImage } from "../../lib/io/image.ts";
import type { FamilyConfig, PixelFamily } from "../../lib/distort/types.ts";
import { runPaperFamily } from "./_helpers.ts";

const FAMILIES = [creases, wrinkles, stains, mould];

for (const family of FAMILIES) {
  Deno.test(`${family.name}: same seed gives the same bytes, another seed different ones`, async () => {
    const a = await runPaperFamily(family, 5);
    const b = await runPaperFamily(family, 5);
    const c = await runPaperFamily(family, 6);
    assert.deepEqual(a.params, b.params);
    assert(a.after.every((v, i) => v === b.after[i]), "same seed, same pixels");
    assert(c.after.some((v, i) => v !== a.after[i]), "another seed, other pixels");
    assert.deepEqual(family.kind, "paper");
  });
}

Deno.test("creases: a fold darkens a thin line on the page and changes nothing far from it", async () => {
  const { before, after, params, target } = await runPaperFamily(creases, 11, { count: 1 });
  const { width, height } = target.image;
  const vertical = params.fold_0_axis === "vertical";
  const offset = params.fold_0_offset_px as number;
  const angle = ((params.fold_0_angle_deg as number) * Math.PI) / 180;
  const reach = 3 * Math.max(params.fold_0_width_px as number, 2) + 2;
  const along = vertical ? height : width;
  let onLine = 0, darker = 0, farChanged = 0, far = 0;
  for (let t = 0; t < along; t++) {
    const centre = offset + Math.tan(angle) * (t - (along - 1) / 2);
    for (let s = 0; s < (vertical ? width : height); s++) {
      const p = (vertical ? t * width + s : s * width + t) * 3;
      const d = Math.abs(s - centre);
      if (d < 0.5) {
        onLine++;
        if (
          after[p]! + after[p + 1]! + after[p + 2]! < before[p]! + before[p + 1]! + before[p + 2]!
        ) {
          darker++;
        }
      } else if (d > reach) {
        far++;
        if (after[p] !== before[p] || after[p + 1] !== before[p + 1]) farChanged++;
      }
    }
  }
  assert(onLine > 0.9 * along, `line pixels: ${onLine}`);
  assert(darker > 0.8 * onLine, `darker on the line: ${darker} of ${onLine}`);
  assert.deepEqual(farChanged, 0, `of ${far} pixels far from the fold`);
});

Deno.test("stains: a coffee stain darkens and browns the paper inside it, nothing outside", async () => {
  const { before, after, params, target } = await runPaperFamily(stains, 3, {
    count: 1,
    kinds: ["coffee"],
    radius_mm: [20, 25],
  });
  const { width, height } = target.image;
  const cx = params.stain_0_x as number, cy = params.stain_0_y as number;
  const r = params.stain_0_radius_px as number;
  let outsideChanged = 0, inside = 0, dr = 0, db = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3, d = Math.hypot(x - cx, y - cy);
      if (d > 1.15 * r + 1) {
        if (after[p] !== before[p] || after[p + 2] !== before[p + 2]) outsideChanged++;
      } else if (d < 0.5 * r) {
        inside++;
        dr += before[p]! - after[p]!;
        db += before[p + 2]! - after[p + 2]!;
      }
    }
  }
  assert.deepEqual(outsideChanged, 0);
  assert(inside > 100);
  assert(dr / inside > 0.5, `red darkened by ${dr / inside}`);
  assert(db / inside > 1.3 * (dr / inside), `blue (${db / inside}) darkened more than red`);
});

Deno.test("stains: a soaked patch discolours a large region and spreads dark ink", async () => {
  const { before, after, params, target } = await runPaperFamily(stains, 4, {
    count: 1,
    kinds: ["soaked"],
  });
  const { width } = target.image;
  const cx = Math.round(params.stain_0_x as number), cy = Math.round(params.stain_0_y as number);
  const p = (cy * width + cx) * 3;
  assert(after[p + 2]! < before[p + 2]!, "centre tinted");
  assert(params.stain_0_bleed_px as number >= 1);
  let changed = 0, spread = 0;
  for (let i = 0; i < after.length; i += 3) {
    if (after[i + 2] !== before[i + 2]) changed++;
    // Pixels next to the ink that were light and are now ink-dark: the ink has bled.
    if (Math.min(before[i]!, before[i + 1]!) > 200 && Math.min(after[i]!, after[i + 1]!) < 160) {
      spread++;
    }
  }
  assert(spread > 20, `pixels the ink bled into: ${spread}`);
  const r = params.stain_0_radius_px as number;
  assert(changed > 0.5 * Math.PI * r * r * 0.25, `changed ${changed}`);
});

Deno.test("mould: colonies add dark spots near their centres and nothing far away", async () => {
  const { before, after, params, target } = await runPaperFamily(mould, 2, {
    colonies: 1,
    spots: 80,
  });
  const { width, height } = target.image;
  const cx = params.colony_0_x as number, cy = params.colony_0_y as number;
  const r = params.colony_0_radius_px as number;
  let outsideChanged = 0, darkSpots = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3, d = Math.hypot(x - cx, y - cy);
      const drop = before[p + 1]! - after[p + 1]!;
      if (d > 1.6 * r + 2 && drop !== 0) outsideChanged++;
      if (d <= 1.6 * r + 2 && drop > 40) darkSpots++;
    }
  }
  assert.deepEqual(outsideChanged, 0);
  assert(darkSpots >= 3, `dark spot pixels: ${darkSpots}`);
});

Deno.test("wrinkles: procedural shading darkens folds across the whole page, gently", async () => {
  const { before, after, params } = await runPaperFamily(wrinkles, 8, { blend: ["multiply"] });
  assert.deepEqual(params.source, "procedural");
  let changed = 0, never = 0;
  const strength = params.strength as number;
  for (let i = 0; i < after.length; i++) {
    if (after[i] !== before[i]) changed++;
    if (after[i]! > before[i]!) never++;
    assert(after[i]! >= before[i]! * (1 - 3 * strength) - 1, "no pixel darkened beyond 3 RMS");
  }
  assert(changed > 0.3 * after.length, `changed ${changed} of ${after.length}`);
  assert.deepEqual(never, 0, "multiply only darkens");
});

Deno.test("wrinkles: with a texture, the shading follows the photo", async () => {
  const bytes = await Deno.readFile(
    new URL("../../fixtures/textures/crumpled-5.jpg", import.meta.url),
  );
  const texture = await decodeImage(bytes);
  const { before, after, params, target } = await runPaperFamily(
    wrinkles,
    9,
    { blend: ["multiply"], texture_scale: 1 },
    [texture],
  );
  assert.deepEqual(params.source, "texture");
  assert.deepEqual(params.texture_index, 0);
  // The texture's crop spans the page: compare the page's darkening with the photo's luminance.
  const { width, height } = target.image;
  const cw = Math.min(texture.width, (texture.height * width) / height);
  const ch = (cw * height) / width;
  const cx = (params.crop_x as number) * (texture.width - cw);
  const cy = (params.crop_y as number) * (texture.height - ch);
  const xs: number[] = [], ys: number[] = [];
  for (let y = 2; y < height - 2; y += 7) {
    for (let x = 2; x < width - 2; x += 7) {
      const p = (y * width + x) * 3;
      if (before[p + 1]! < 250) continue; // white paper only
      const tx = Math.round(cx + (x * cw) / width), ty = Math.round(cy + (y * ch) / height);
      const q =
        (Math.min(texture.height - 1, ty) * texture.width + Math.min(texture.width - 1, tx)) * 3;
      xs.push(after[p + 1]!);
      ys.push(texture.data[q + 1]!);
    }
  }
  const r = pearson(xs, ys);
  assert(r > 0.5, `correlation with the texture: ${r}`);
});

Deno.test("paper families: validate rejects impossible settings with a RangeError naming them", () => {
  const cases: [PixelFamily, string, FamilyConfig[string]][] = [
    [stains, "count", -1],
    [stains, "count", [3, 1]],
    [stains, "kinds", ["coffee", "tea"]],
    [creases, "strength", 2],
    [wrinkles, "blend", ["screen"]],
    [mould, "spots", 1.5],
  ];
  for (const [family, key, value] of cases) {
    const config = { ...family.defaults, [key]: value } as FamilyConfig;
    assert.throws(
      () => family.validate(config),
      (e: unknown) =>
        e instanceof RangeError && e.message.includes(`distortions.${family.name}.${key}`),
    );
  }
  assert.throws(
    () => stains.validate({ ...stains.defaults, count: -1 }),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message.includes(
        "Invalid option distortions.stains.count = -1: must be a whole number from 0 to 50",
      ),
  );
  for (const family of FAMILIES) family.validate(family.defaults);
  assert.notEqual(FAMILIES.length, 0);
});

function pearson(a: number[], b: number[]): number {
  const n = a.length, ma = a.reduce((s, v) => s + v, 0) / n, mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

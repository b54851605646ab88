/** Tests of the capture distortion families on a real rendered page. */
import assert from "node:assert/strict";
import * as capture from "../../lib/distort/capture/mod.ts";
import type { FamilyConfig, Params, PixelFamily, PixelTarget } from "../../lib/distort/types.ts";
import { createRng } from "../../lib/random/rng.ts";
import { cleanPage } from "./_helpers.ts";

const { background, blur, channelSwap, colour, jpeg, lighting, noise, qrCode, scan, screen } =
  capture;
const FAMILIES: PixelFamily[] = Object.values(capture);
/** Width of the band around the image that the fake page alpha leaves as background, px. */
const BORDER = 60;

/** A fresh copy of the clean page, with a page alpha that leaves a soft-edged border as background. */
async function captureTarget(): Promise<PixelTarget> {
  const page = await cleanPage();
  const { width, height } = page.image;
  const alpha = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.min(x, y, width - 1 - x, height - 1 - y) - BORDER;
      alpha[y * width + x] = Math.max(0, Math.min(1, 0.5 + inside / 2));
    }
  }
  return {
    image: { ...page.image, data: page.image.data.slice() },
    pxPerMm: page.groundTruth.px_per_mm,
    pageAlpha: alpha,
    textMask: null,
    notes: [],
    textures: [],
    workspace: undefined,
  };
}

/** Sample with `seed` and apply to a fresh page; returns the bytes before and after, and the params. */
async function run(family: PixelFamily, seed: number, config: Partial<FamilyConfig> = {}) {
  const target = await captureTarget();
  const before = target.image.data.slice();
  const rng = createRng(seed, family.name);
  const full = { ...family.defaults, ...config } as FamilyConfig;
  family.validate(full);
  const { width, height } = target.image;
  const params = family.sample(rng, full, { width, height, pxPerMm: target.pxPerMm });
  await family.apply(params, target, rng);
  return { before, after: target.image.data, params, target };
}

/** Apply fixed params to a fresh page. */
async function applyParams(family: PixelFamily, params: Params) {
  const target = await captureTarget();
  const before = target.image.data.slice();
  await family.apply(params, target, createRng(1, family.name));
  return { before, after: target.image.data, target };
}

/** Mean absolute difference between horizontal neighbours: how sharp the edges are. */
function edgeContrast(data: Uint8Array, width: number): number {
  let sum = 0, n = 0;
  for (let i = 3; i < data.length; i += 3) {
    if ((i / 3) % width === 0) continue;
    sum += Math.abs(data[i]! - data[i - 3]!);
    n++;
  }
  return sum / n;
}

Deno.test("capture families: kind, snake_case names, defaults that validate", () => {
  assert.equal(FAMILIES.length, 10);
  for (const f of FAMILIES) {
    assert.equal(f.kind, "capture");
    assert.match(f.name, /^[a-z]+(_[a-z]+)*$/);
    f.validate(f.defaults);
    assert(f.defaults.probability >= 0 && f.defaults.probability <= 1);
  }
});

for (const family of FAMILIES) {
  Deno.test(`${family.name}: same seed gives the same bytes, another seed different ones`, async () => {
    const a = await run(family, 5);
    const b = await run(family, 5);
    assert.deepEqual(a.params, b.params);
    assert(a.after.every((v, i) => v === b.after[i]), "same seed, same pixels");
    for (const v of Object.values(a.params)) {
      assert(["number", "string", "boolean"].includes(typeof v));
    }
    if (family === jpeg || family === channelSwap || family === qrCode) return; // no per-pixel randomness
    const c = await run(family, 6);
    assert(c.after.some((v, i) => v !== a.after[i]), "another seed, other pixels");
  });
}

Deno.test("background: changes only pixels off the page, and replaces the background", async () => {
  for (const kind of ["wood", "fabric", "flat"]) {
    const { before, after, target, params } = await run(background, 2, { kinds: [kind] });
    assert.equal(params.kind, kind);
    const alpha = target.pageAlpha!;
    let changedOff = 0, off = 0;
    for (let p = 0; p < alpha.length; p++) {
      const same = after[3 * p] === before[3 * p] && after[3 * p + 1] === before[3 * p + 1] &&
        after[3 * p + 2] === before[3 * p + 2];
      if (alpha[p]! >= 1) assert(same, `page pixel ${p} changed`);
      else if (alpha[p] === 0) {
        off++;
        if (!same) changedOff++;
      }
    }
    assert(changedOff > 0.95 * off, `${kind}: ${changedOff} of ${off} background pixels changed`);
  }
});

Deno.test("background: does nothing when the page fills the image", async () => {
  const target = { ...(await captureTarget()), pageAlpha: null };
  const before = target.image.data.slice();
  const rng = createRng(1);
  const { width, height } = target.image;
  const params = background.sample(rng, background.defaults, { width, height, pxPerMm: 4 });
  await background.apply(params, target, rng);
  assert.deepEqual(target.image.data, before);
});

Deno.test("colour: warm raises red against blue, cool lowers it", async () => {
  const neutral = { brightness: 0, contrast: 1, gamma: 1 };
  const ratio = (d: Uint8Array) => {
    let r = 0, b = 0;
    for (let i = 0; i < d.length; i += 3) (r += d[i]!), (b += d[i + 2]!);
    return r / b;
  };
  const warm = await applyParams(colour, { temperature: 0.8, ...neutral });
  const cool = await applyParams(colour, { temperature: -0.8, ...neutral });
  assert(ratio(warm.after) > ratio(warm.before) * 1.1, "warm");
  assert(ratio(cool.after) < ratio(cool.before) / 1.1, "cool");
  const same = await applyParams(colour, { temperature: 0, ...neutral });
  assert.deepEqual(same.after, same.before);
});

Deno.test("blur: gaussian and motion blur lower edge contrast, more for more blur", async () => {
  const { before, target } = await applyParams(blur, { kind: "gaussian", sigma_px: 0.5 });
  const w = target.image.width;
  const sharp = edgeContrast(before, w), light = edgeContrast(target.image.data, w);
  const heavy = (await applyParams(blur, { kind: "gaussian", sigma_px: 2 })).after;
  assert(light < sharp * 0.9 && edgeContrast(heavy, w) < light * 0.8, `${sharp} ${light}`);
  const motion = (await applyParams(blur, { kind: "motion", length_px: 8, angle_deg: 0 })).after;
  assert(edgeContrast(motion, w) < sharp * 0.6);
});

Deno.test("noise: gaussian noise has about the asked standard deviation", async () => {
  for (const monochrome of [false, true]) {
    const { before, after } = await applyParams(noise, { kind: "gaussian", sigma: 6, monochrome });
    let sum = 0, sum2 = 0, n = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i]! < 30 || before[i]! > 225) continue; // away from clipping
      const d = after[i]! - before[i]!;
      (sum += d), (sum2 += d * d), n++;
    }
    const mean = sum / n, sd = Math.sqrt(sum2 / n - mean * mean);
    assert(n > 10000, `${n} unclipped values`);
    assert(Math.abs(mean) < 0.3 && sd > 6 * 0.9 && sd < 6 * 1.1, `mean ${mean}, sd ${sd}`);
  }
});

Deno.test("noise: poisson noise is stronger on bright pixels, salt-and-pepper hits the asked fraction", async () => {
  const { before, after } = await applyParams(noise, {
    kind: "poisson",
    peak: 100,
    monochrome: false,
  });
  const sd = (lo: number, hi: number) => {
    let s2 = 0, n = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i]! >= lo && before[i]! <= hi) (s2 += (after[i]! - before[i]!) ** 2), n++;
    }
    return Math.sqrt(s2 / n);
  };
  assert(sd(150, 220) > 1.5 * sd(20, 90), `${sd(150, 220)} vs ${sd(20, 90)}`);
  const sp = await applyParams(noise, { kind: "salt_pepper", amount: 0.01, monochrome: true });
  let hit = 0;
  for (let i = 0; i < sp.after.length; i += 3) if (sp.after[i] !== sp.before[i]) hit++;
  const fraction = hit / (sp.after.length / 3);
  assert(fraction > 0.004 && fraction <= 0.01, `${fraction}`);
});

Deno.test("scan: grayscale gives R = G = B, bw leaves only black and white", async () => {
  const gray = (await applyParams(scan, { kind: "grayscale" })).after;
  for (let i = 0; i < gray.length; i += 3) {
    assert(gray[i] === gray[i + 1] && gray[i] === gray[i + 2]);
  }
  const { before, after } = await applyParams(scan, { kind: "bw", threshold: 160, speckle: 0 });
  const values = new Set(after);
  assert.deepEqual([...values].sort((a, b) => a - b), [0, 255]);
  // Trace ink (dark in every channel) turns black, white paper stays white.
  for (let i = 0; i < before.length; i += 3) {
    if (before[i]! < 60) assert.equal(after[i], 0);
    if (before[i + 1]! > 250) assert.equal(after[i], 255);
  }
});

Deno.test("channel_swap: permutes the channels exactly", async () => {
  for (const order of ["bgr", "brg", "gbr", "grb", "rbg"]) {
    const { before, after } = await applyParams(channelSwap, { order });
    const src = [...order].map((c) => "rgb".indexOf(c));
    for (let i = 0; i < before.length; i += 3) {
      for (let c = 0; c < 3; c++) assert.equal(after[i + c], before[i + src[c]!]);
    }
  }
});

Deno.test("lighting: a shadow darkens its region, uneven light dims by at most the gradient", async () => {
  const { before, after, params } = await run(lighting, 3, { kinds: ["shadow"], vignette: 0 });
  const { width } = (await cleanPage()).image;
  const sx = Math.round(Math.max(0, Math.min(width - 1, params.shadow_x as number)));
  const sy = Math.round(
    Math.max(0, Math.min(before.length / 3 / width - 1, params.shadow_y as number)),
  );
  // The image pixel nearest the shadow's centre lies deep in it.
  const i = (sy * width + sx) * 3;
  assert(after[i + 1]! < before[i + 1]! * (1 - 0.8 * (params.shadow_darkness as number)) + 2);
  const even = await run(lighting, 3, { kinds: ["uneven"], gradient: 0.2, vignette: 0 });
  let lowest = 1;
  for (let k = 0; k < even.before.length; k++) {
    if (even.before[k]! < 200) continue;
    const r = even.after[k]! / even.before[k]!;
    assert(r <= 1.005, `brightened ${r}`);
    lowest = Math.min(lowest, r);
  }
  assert(lowest < 0.9 && lowest > 0.8 - 0.01, `lowest gain ${lowest}`);
});

Deno.test("screen: glare whitens around its centre only", async () => {
  const params = {
    moire_strength: 0,
    moire_period_px: 40,
    moire_angle_deg: 0,
    moire_curvature: 0,
    pixel_pitch_px: 3,
    grid_strength: 0,
    glare_strength: 0.6,
    glare_radius: 0.05,
    glare_x: 550,
    glare_y: 425,
    cast_r: 1,
    cast_g: 1,
    cast_b: 1,
  };
  const { before, after, target } = await applyParams(screen, params);
  const w = target.image.width;
  const mean = (d: Uint8Array, x0: number, y0: number) => {
    let s = 0;
    for (let y = y0 - 20; y < y0 + 20; y++) {
      for (let x = x0 - 20; x < x0 + 20; x++) s += d[(y * w + x) * 3 + 1]!;
    }
    return s / 1600;
  };
  assert(mean(after, 550, 425) > mean(before, 550, 425) + 10);
  assert(Math.abs(mean(after, 100, 100) - mean(before, 100, 100)) < 1);
});

Deno.test("jpeg: draws a quality in range and leaves the pixels to the writer", async () => {
  const { before, after, params } = await run(jpeg, 1, { quality: [50, 60] });
  assert(typeof params.quality === "number" && params.quality >= 50 && params.quality <= 60);
  assert.deepEqual(after, before);
});

Deno.test("validate: impossible settings throw a RangeError naming the option", () => {
  const cases: [PixelFamily, Record<string, unknown>, RegExp][] = [
    [
      noise,
      { gaussian_sigma: [5, 1] },
      /distortions\.noise\.gaussian_sigma = \[5,1\]: min must not exceed max/,
    ],
    [blur, { sigma_px: -1 }, /distortions\.blur\.sigma_px = -1/],
    [scan, { kinds: ["colour"] }, /distortions\.scan\.kinds/],
    [jpeg, { quality: 101 }, /distortions\.jpeg\.quality = 101/],
    [jpeg, { quality: 50.5 }, /distortions\.jpeg\.quality/],
    [channelSwap, { orders: ["xyz"] }, /distortions\.channel_swap\.orders/],
    [lighting, { gradient: "a lot" }, /distortions\.lighting\.gradient/],
    [background, { shadow_strength: [0, 2] }, /distortions\.background\.shadow_strength/],
    [colour, { gamma: [1, 2, 3] }, /distortions\.colour\.gamma/],
    [screen, { glare_strength: Number.NaN }, /distortions\.screen\.glare_strength/],
  ];
  for (const [family, bad, message] of cases) {
    const config = { ...family.defaults, ...bad } as FamilyConfig;
    assert.throws(
      () => family.validate(config),
      (e: unknown) => e instanceof RangeError && message.test(e.message),
    );
  }
});

Deno.test("qr_code: pastes the record's name top-right at module_px per module, clipped to the image", () => {
  const image = {
    width: 300,
    height: 100,
    channels: 3 as const,
    data: new Uint8Array(300 * 100 * 3).fill(128),
  };
  const target = {
    image,
    pxPerMm: 4,
    pageAlpha: null,
    textMask: null,
    notes: [],
    textures: [],
    workspace: undefined,
  };
  const params = qrCode.sample(createRng(1), qrCode.defaults, {
    ...image,
    pxPerMm: 4,
    record: "E07500",
  });
  assert.deepEqual([params.text, params.size_px, params.left], ["E07500", 145, 155]);
  qrCode.apply(params, target, createRng(1));
  const at = (x: number, y: number) => image.data[(y * 300 + x) * 3]!;
  assert.equal(at(154, 10), 128); // left of the code: untouched
  assert.equal(at(155, 0), 255); // the white border
  assert.equal(at(155 + 20, 20), 0); // the finder pattern's dark corner (module 0, 0)
  assert.equal(at(299, 99), 255); // clipped at the bottom edge, inside the code
});

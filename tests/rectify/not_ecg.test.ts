/** rectify() answers non-ECG images with a failure value, not a guess. */
import assert from "node:assert/strict";
import { rectify } from "../../lib/rectify/mod.ts";
import { createRng } from "../../lib/random/rng.ts";
import type { RasterImage } from "../../lib/raster/image.ts";
import { fixtureImage } from "./_helpers.ts";

const REASON = "no ECG grid/trace found";

Deno.test("rectify() fails on a blank page", async () => {
  const blank: RasterImage = {
    width: 1100,
    height: 850,
    channels: 3,
    data: new Uint8Array(1100 * 850 * 3).fill(250),
  };
  assert.deepEqual(await rectify(blank), { ok: false, reason: REASON });
});

Deno.test("rectify() fails on noise", async () => {
  const rng = createRng(7, "rectify-noise");
  const data = new Uint8Array(800 * 600 * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng.next() * 256);
  assert.deepEqual(await rectify({ width: 800, height: 600, channels: 3, data }), {
    ok: false,
    reason: REASON,
  });
});

Deno.test("rectify() fails on a photo of crumpled paper", async () => {
  const photo = await fixtureImage("rectify/texture-1.jpg");
  assert.deepEqual(await rectify(photo), { ok: false, reason: REASON });
});

Deno.test("rectify() rejects impossible options", async () => {
  const page: RasterImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(64 * 64) };
  await assert.rejects(() => rectify(page, { maxPxPerMm: -1 }), RangeError);
});

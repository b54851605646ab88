/** The 1-bit mask PNG writer, read back by libvips. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeImage } from "../../lib/io/image.ts";
import { encodeMaskPng1 } from "../../lib/io/png.ts";

Deno.test("encodeMaskPng1() writes PNGs that libvips reads back pixel for pixel", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 37 }),
      fc.integer({ min: 1, max: 23 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      async (width, height, seed) => {
        const mask = new Uint8Array(width * height);
        let s = seed;
        for (let i = 0; i < mask.length; i++) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          mask[i] = (s >>> 16) & 1;
        }
        const image = await decodeImage(encodeMaskPng1(mask, width, height));
        assert.equal(image.width, width);
        assert.equal(image.height, height);
        for (let i = 0; i < mask.length; i++) {
          assert.equal(image.data[i * image.channels], mask[i] ? 255 : 0);
        }
      },
    ),
    { seed: 3, numRuns: 60 },
  );
});

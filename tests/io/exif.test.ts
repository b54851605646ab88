import assert from "node:assert/strict";
import sharp from "sharp";
import { decodeImage } from "../../lib/io/image.ts";

Deno.test("decodeImage() turns an EXIF-rotated JPEG upright", async () => {
  // Upright: 60 x 30, a black block at the top left. Stored: turned a quarter
  // counter-clockwise (30 x 60, block bottom left), tagged "rotate 90° clockwise to view".
  const w = 60, h = 30;
  const up = new Uint8Array(w * h * 3).fill(255);
  for (let y = 0; y < 10; y++) {
    for (let x = 0; x < 10; x++) up.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  }
  const stored = await sharp(up, { raw: { width: w, height: h, channels: 3 } }).rotate(-90)
    .jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  const meta = await sharp(stored).metadata();
  assert.equal(meta.width, h);
  assert.equal(meta.orientation, 6);
  const img = await decodeImage(new Uint8Array(stored));
  assert.equal(img.width, w);
  assert.equal(img.height, h);
  assert.ok(img.data[(2 * w + 2) * 3]! < 60, "the block is back at the top left");
  assert.ok(img.data[((h - 3) * w + w - 3) * 3]! > 200);
});

import assert from "node:assert/strict";
import { decodeBmp, isBmp } from "../../lib/io/bmp.ts";
import { decodeImage } from "../../lib/io/image.ts";
import { fixture } from "./_helpers.ts";

/** A BMP file built field by field: `rows` are top-to-bottom lists of pixel bytes. */
function bmp(width: number, bits: number, rows: number[][], options: {
  topDown?: boolean;
  palette?: number[][];
} = {}): Uint8Array {
  const stride = Math.ceil((width * bits) / 32) * 4;
  const paletteBytes = (options.palette?.length ?? 0) * 4;
  const offset = 54 + paletteBytes;
  const size = offset + stride * rows.length;
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  b.set([0x42, 0x4d]);
  v.setUint32(2, size, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, options.topDown ? -rows.length : rows.length, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, bits, true);
  v.setUint32(46, options.palette?.length ?? 0, true);
  options.palette?.forEach(([r, g, bl], i) => b.set([bl!, g!, r!, 0], 54 + i * 4));
  rows.forEach((row, y) => {
    const fileRow = options.topDown ? y : rows.length - 1 - y;
    b.set(row, offset + fileRow * stride);
  });
  return b;
}

Deno.test("decodeBmp() reads 24-bit bottom-up rows with padding", () => {
  // 3 px wide (9 bytes + 3 padding per row), stored B, G, R.
  const image = decodeBmp(
    bmp(3, 24, [[0, 0, 255, 0, 255, 0, 255, 0, 0], [1, 2, 3, 4, 5, 6, 7, 8, 9]]),
  );
  assert.equal(image.width, 3);
  assert.equal(image.height, 2);
  assert.deepEqual([...image.data.slice(0, 9)], [255, 0, 0, 0, 255, 0, 0, 0, 255]);
  assert.deepEqual([...image.data.slice(9, 12)], [3, 2, 1]);
});

Deno.test("decodeBmp() reads 32-bit top-down and 8-bit palette images", () => {
  const top = decodeBmp(bmp(1, 32, [[10, 20, 30, 0], [40, 50, 60, 0]], { topDown: true }));
  assert.deepEqual([...top.data], [30, 20, 10, 60, 50, 40]);
  const pal = decodeBmp(bmp(2, 8, [[1, 0], [0, 1]], { palette: [[255, 255, 255], [200, 0, 0]] }));
  assert.deepEqual([...pal.data.slice(0, 6)], [200, 0, 0, 255, 255, 255]);
  assert.deepEqual([...pal.data.slice(6, 12)], [255, 255, 255, 200, 0, 0]);
});

Deno.test("decodeBmp() rejects truncated and compressed files with a reason", () => {
  const good = bmp(4, 24, [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
  assert.throws(() => decodeBmp(good.slice(0, 60)), /Cannot decode BMP: truncated/);
  const rle = good.slice();
  new DataView(rle.buffer).setUint32(30, 1, true);
  assert.throws(() => decodeBmp(rle), /compressed BMP/);
  assert.ok(!isBmp(new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
});

Deno.test("decodeImage() decodes a real BMP scan the same as its PNG copy", async () => {
  const fromBmp = await decodeImage(await Deno.readFile(fixture("images", "ecg00019.bmp")));
  const fromPng = await decodeImage(await Deno.readFile(fixture("images", "ecg00019.png")));
  assert.equal(fromBmp.width, 640);
  assert.equal(fromBmp.height, 289);
  assert.deepEqual(fromBmp.data, fromPng.data);
});

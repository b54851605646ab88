/**
 * A BMP decoder (sharp/libvips reads no BMP): uncompressed 24- and 32-bit
 * pixels, 1-, 4- and 8-bit palettes, bottom-up or top-down rows, and
 * BI_BITFIELDS masks for 16- and 32-bit pixels.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/** A BMP file that cannot be decoded; the message names the fault. */
export class BmpError extends SyntaxError {
  /**
   * @example
   * ```ts
   * import { BmpError } from "./bmp.ts";
   * console.assert(new BmpError("no BM signature").message === "Cannot decode BMP: no BM signature");
   * ```
   */
  constructor(reason: string) {
    super(`Cannot decode BMP: ${reason}`);
    this.name = "BmpError";
  }
}

/** Whether `bytes` start like a BMP file (`BM`). */
export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

/**
 * Decode a BMP file to RGB pixels. Throws a {@linkcode BmpError} (a
 * `SyntaxError`) naming the fault for a file it cannot read.
 *
 * @example
 * ```ts
 * import { decodeBmp } from "./bmp.ts";
 * // A 1×1 24-bit BMP holding one red pixel (stored as B, G, R + padding).
 * const b = new Uint8Array(58);
 * const v = new DataView(b.buffer);
 * b.set([0x42, 0x4d]); v.setUint32(2, 58, true); v.setUint32(10, 54, true);
 * v.setUint32(14, 40, true); v.setInt32(18, 1, true); v.setInt32(22, 1, true);
 * v.setUint16(26, 1, true); v.setUint16(28, 24, true);
 * b.set([0, 0, 255, 0], 54);
 * const image = decodeBmp(b);
 * console.assert(image.data[0] === 255 && image.data[2] === 0);
 * ```
 */
export function decodeBmp(bytes: Uint8Array): RasterImage {
  const fail = (why: string): never => {
    throw new BmpError(why);
  };
  if (!isBmp(bytes)) fail("no BM signature");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  let width: number, rawHeight: number, bits: number, compression = 0, colours = 0;
  if (headerSize === 12) {
    width = v.getUint16(18, true);
    rawHeight = v.getInt16(20, true);
    bits = v.getUint16(24, true);
  } else if (headerSize >= 40 && bytes.length >= 14 + 40) {
    width = v.getInt32(18, true);
    rawHeight = v.getInt32(22, true);
    bits = v.getUint16(28, true);
    compression = v.getUint32(30, true);
    colours = v.getUint32(46, true);
  } else return fail(`unsupported header size ${headerSize}`);
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (!(width > 0 && height > 0 && width * height <= 1 << 28)) {
    fail(`bad size ${width}×${height}`);
  }
  // Channel masks: BI_BITFIELDS (3) stores them after the 40-byte header, V4/V5 inside it.
  let masks: [number, number, number] | null = null;
  if (compression === 3 || compression === 6) {
    const at = 54; // after a 40-byte header, or inside a V4/V5 one
    if (bytes.length < at + 12) fail("truncated bit masks");
    masks = [v.getUint32(at, true), v.getUint32(at + 4, true), v.getUint32(at + 8, true)];
  } else if (compression !== 0) fail(`compressed BMP (method ${compression}) is not supported`);
  if (![1, 4, 8, 16, 24, 32].includes(bits)) fail(`unsupported bit depth ${bits}`);
  let palette: Uint8Array | null = null;
  if (bits <= 8) {
    const count = colours || 1 << bits;
    const entry = headerSize === 12 ? 3 : 4;
    const start = 14 + headerSize;
    if (bytes.length < start + count * entry) fail("truncated palette");
    palette = new Uint8Array(count * 3);
    for (let i = 0; i < count; i++) {
      palette[i * 3] = bytes[start + i * entry + 2]!;
      palette[i * 3 + 1] = bytes[start + i * entry + 1]!;
      palette[i * 3 + 2] = bytes[start + i * entry]!;
    }
  }
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (bytes.length < offset + stride * (height - 1) + Math.ceil((width * bits) / 8)) {
    fail(`truncated pixel data (${bytes.length} bytes for ${width}×${height}×${bits} bits)`);
  }
  if (bits === 16 && masks === null) masks = [0x7c00, 0x03e0, 0x001f];
  const shifts = masks?.map(maskShift) ?? null;
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const y = topDown ? row : height - 1 - row;
    const src = offset + row * stride;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      if (palette !== null) {
        const bitPos = x * bits;
        const byte = bytes[src + (bitPos >> 3)]!;
        const index = bits === 8 ? byte : (byte >> (8 - bits - (bitPos & 7))) & ((1 << bits) - 1);
        const p = Math.min(index, palette.length / 3 - 1) * 3;
        data[o] = palette[p]!;
        data[o + 1] = palette[p + 1]!;
        data[o + 2] = palette[p + 2]!;
      } else if (masks !== null && shifts !== null) {
        const word = bits === 16 ? v.getUint16(src + x * 2, true) : v.getUint32(src + x * 4, true);
        for (let c = 0; c < 3; c++) {
          const [shift, max] = shifts[c]!;
          data[o + c] = max > 0 ? Math.round((((word & masks[c]!) >>> shift) * 255) / max) : 0;
        }
      } else {
        const k = src + x * (bits >> 3);
        data[o] = bytes[k + 2]!;
        data[o + 1] = bytes[k + 1]!;
        data[o + 2] = bytes[k]!;
      }
    }
  }
  return { width, height, channels: 3, data };
}

function maskShift(mask: number): [number, number] {
  if (mask === 0) return [0, 0];
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return [shift, mask >>> shift];
}

/**
 * Image encoding and decoding through sharp (libvips).
 *
 * @module
 */
import sharp from "npm:sharp@0.35.0";
import type { RasterImage } from "../raster/image.ts";
import { decodeBmp, isBmp } from "./bmp.ts";

// One libvips thread per JS thread: parallelism comes from our workers.
sharp.concurrency(1);
// No libvips operation cache: every page is new, caching only holds memory.
sharp.cache(false);

/** How to encode an image. */
export type ImageEncoding =
  | { kind: "png"; compressionLevel?: number }
  | { kind: "jpg"; quality?: number };

/** Encode a raster image as PNG or JPEG bytes. */
export async function encodeImage(
  image: RasterImage,
  encoding: ImageEncoding,
): Promise<Uint8Array> {
  const input = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
  const out = encoding.kind === "png"
    ? await input.png({ compressionLevel: encoding.compressionLevel ?? 6 }).toBuffer()
    : await input.jpeg({ quality: encoding.quality ?? 92, optimiseCoding: false }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Decode an image file's bytes (PNG, JPEG, BMP, TIFF, WebP…) to RGB pixels,
 * turned upright as the file's EXIF orientation says (phone photos store
 * the sensor's pixels and an orientation tag).
 */
export async function decodeImage(bytes: Uint8Array): Promise<RasterImage> {
  if (isBmp(bytes)) return decodeBmp(bytes); // libvips has no BMP loader
  const { data, info } = await sharp(bytes).rotate().removeAlpha().toColourspace("srgb").raw()
    .toBuffer({
      resolveWithObject: true,
    });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 3 | 4,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

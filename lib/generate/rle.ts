/**
 * COCO run-length encoding of binary masks, in the compressed string form
 * that pycocotools' `mask.decode` reads: runs counted in column-major
 * order starting with a run of zeros, each count (from the third on, as a
 * difference to the count two before) written as 5-bit groups with a
 * continuation bit, offset by 48.
 *
 * @module
 */

/** A COCO RLE: `size` is `[height, width]`. */
export interface CocoRle {
  /** `[height, width]`. */
  readonly size: [number, number];
  /** Run lengths in pycocotools' compressed string form. */
  readonly counts: string;
}

/**
 * Encode a row-major 0/non-zero mask of `width × height` as a COCO RLE.
 *
 * @example
 * ```ts
 * import { decodeCocoRle, encodeCocoRle } from "./rle.ts";
 * const mask = Uint8Array.of(0, 1, 1, 0, 0, 1);
 * const rle = encodeCocoRle(mask, 3, 2);
 * console.assert(decodeCocoRle(rle).join() === [0, 1, 1, 0, 0, 1].join());
 * ```
 */
export function encodeCocoRle(mask: Uint8Array, width: number, height: number): CocoRle {
  const counts: number[] = [];
  let current = 0, run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = mask[y * width + x] ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        run = 0;
        current = v;
      }
      run++;
    }
  }
  counts.push(run);
  let text = "";
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    let more = true;
    while (more) {
      let c = x & 0x1f;
      x >>= 5;
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      text += String.fromCharCode(c + 48);
    }
  }
  return { size: [height, width], counts: text };
}

/** Decode a COCO RLE back to a row-major 0/1 mask. */
export function decodeCocoRle(rle: CocoRle): Uint8Array {
  const [height, width] = rle.size;
  const counts: number[] = [];
  const s = rle.counts;
  let p = 0;
  while (p < s.length) {
    let x = 0, k = 0, more = true;
    while (more) {
      const c = s.charCodeAt(p++) - 48;
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      k++;
      if (!more && (c & 0x10) !== 0) x |= -1 << (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    counts.push(x);
  }
  const mask = new Uint8Array(width * height);
  let index = 0, value = 0;
  for (const count of counts) {
    for (let i = 0; i < count; i++, index++) {
      if (value) mask[(index % height) * width + Math.floor(index / height)] = 1;
    }
    value ^= 1;
  }
  return mask;
}

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
  // Runs go down the columns, but scanning a row-major mask column by column
  // misses the cache on every pixel: collect each column's value changes in
  // one row-major pass instead, then walk the columns.
  const changes: number[][] = Array.from({ length: width }, () => []);
  // Compare four pixels at a time where rows are word-aligned.
  const words = width % 4 === 0 && mask.byteOffset % 4 === 0
    ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2)
    : null;
  const rowWords = width >> 2;
  for (let y = 1; y < height; y++) {
    const row = y * width;
    if (words) {
      for (let w = y * rowWords, end = w + rowWords; w < end; w++) {
        if (words[w] === words[w - rowWords]) continue;
        for (let i = w * 4; i < w * 4 + 4; i++) {
          if (!mask[i] !== !mask[i - width]) changes[i - row]!.push(y);
        }
      }
    } else {
      for (let x = 0; x < width; x++) {
        if (!mask[row + x] !== !mask[row - width + x]) changes[x]!.push(y);
      }
    }
  }
  const counts: number[] = [];
  let current = 0, run = 0;
  const add = (value: number, length: number): void => {
    if (length === 0) return;
    if (value !== current) {
      counts.push(run);
      run = 0;
      current = value;
    }
    run += length;
  };
  for (let x = 0; x < width; x++) {
    let value = mask[x] ? 1 : 0, from = 0;
    for (const y of changes[x]!) {
      add(value, y - from);
      from = y;
      value ^= 1;
    }
    add(value, height - from);
  }
  counts.push(run);
  return { size: [height, width], counts: countsToString(counts) };
}

function countsToString(counts: readonly number[]): string {
  const chars: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    let more = true;
    while (more) {
      let c = x & 0x1f;
      x >>= 5;
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      chars.push(c + 48);
    }
  }
  let text = "";
  for (let i = 0; i < chars.length; i += 8192) {
    text += String.fromCharCode(...chars.slice(i, i + 8192));
  }
  return text;
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

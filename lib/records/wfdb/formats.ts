/**
 * Sample decoders for the WFDB storage formats 8, 16, 24, 32, 61, 80, 160,
 * 212, 310 and 311, bit for bit as the WFDB C library reads them.
 *
 * A signal file (after its byte offset) holds one *stream* of samples: the
 * samples of every signal of the file, frame after frame. The functions
 * here work on that stream; `read.ts` splits it into signals.
 *
 * @module
 */

/** The storage formats this reader decodes. */
export type WfdbFormat = 8 | 16 | 24 | 32 | 61 | 80 | 160 | 212 | 310 | 311;

/** Every supported format, in ascending order. */
export const WFDB_FORMATS: readonly WfdbFormat[] = [8, 16, 24, 32, 61, 80, 160, 212, 310, 311];

/**
 * Whether `format` is a storage format this reader decodes.
 *
 * @example
 * ```ts
 * import { isWfdbFormat } from "./formats.ts";
 * console.assert(isWfdbFormat(212) && !isWfdbFormat(999));
 * ```
 */
export function isWfdbFormat(format: number): format is WfdbFormat {
  return (WFDB_FORMATS as readonly number[]).includes(format);
}

/**
 * The digital value that marks a missing sample in `format` (the lowest
 * value the format can hold), or `null` for format 8, which has none.
 *
 * @example
 * ```ts
 * import { wfdbInvalidValue } from "./formats.ts";
 * console.assert(wfdbInvalidValue(16) === -32768 && wfdbInvalidValue(212) === -2048);
 * ```
 */
export function wfdbInvalidValue(format: WfdbFormat): number | null {
  switch (format) {
    case 8:
      return null;
    case 80:
      return -128;
    case 212:
      return -2048;
    case 310:
    case 311:
      return -512;
    case 24:
      return -8388608;
    case 32:
      return -2147483648;
    default: // 16, 61, 160
      return -32768;
  }
}

/**
 * How many whole samples `byteLength` bytes of `format` hold (a trailing
 * partial sample or bit-packed group counts only for the samples it
 * completes, as the WFDB library reads them).
 *
 * @example
 * ```ts
 * import { wfdbSamplesIn } from "./formats.ts";
 * console.assert(wfdbSamplesIn(16, 7) === 3);
 * console.assert(wfdbSamplesIn(212, 8) === 5); // 2 whole triplets + 1 of the last pair
 * ```
 */
export function wfdbSamplesIn(format: WfdbFormat, byteLength: number): number {
  const n = Math.max(0, Math.floor(byteLength));
  switch (format) {
    case 8:
    case 80:
      return n;
    case 16:
    case 61:
    case 160:
      return Math.floor(n / 2);
    case 24:
      return Math.floor(n / 3);
    case 32:
      return Math.floor(n / 4);
    case 212:
      return Math.floor(n / 3) * 2 + (n % 3 >= 2 ? 1 : 0);
    case 310:
    case 311:
      return Math.floor(n / 4) * 3 + (n % 4 >= 2 ? 1 : 0);
  }
}

/**
 * The bytes a writer produces for `sampleCount` samples of `format`,
 * bit-packed groups padded to whole groups (3 bytes per 2 samples for 212,
 * 4 bytes per 3 samples for 310 and 311).
 *
 * @example
 * ```ts
 * import { wfdbPaddedBytes } from "./formats.ts";
 * console.assert(wfdbPaddedBytes(212, 3) === 6 && wfdbPaddedBytes(16, 3) === 6);
 * ```
 */
export function wfdbPaddedBytes(format: WfdbFormat, sampleCount: number): number {
  switch (format) {
    case 8:
    case 80:
      return sampleCount;
    case 16:
    case 61:
    case 160:
      return sampleCount * 2;
    case 24:
      return sampleCount * 3;
    case 32:
      return sampleCount * 4;
    case 212:
      return Math.ceil(sampleCount / 2) * 3;
    case 310:
    case 311:
      return Math.ceil(sampleCount / 3) * 4;
  }
}

/**
 * Decode `count` samples of the stream, starting at stream sample `first`,
 * into `out[0 .. count)`. Values are the stored codes: amplitudes for every
 * format but 8, whose codes are the signed first differences (the caller
 * sums them per signal, starting from the signal's initial value). The
 * caller guarantees that `first + count <= wfdbSamplesIn(format, bytes.length)`.
 *
 * @param bytes the signal file's bytes after its byte offset
 * @example
 * ```ts
 * import { decodeWfdbSamples } from "./formats.ts";
 * const out = new Int32Array(2);
 * decodeWfdbSamples(212, new Uint8Array([0x01, 0xf0, 0x02]), 0, 2, out);
 * console.assert(out[0] === 1 && out[1] === -254);
 * ```
 */
export function decodeWfdbSamples(
  format: WfdbFormat,
  bytes: Uint8Array,
  first: number,
  count: number,
  out: Int32Array,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 8:
      for (let i = 0; i < count; i++) out[i] = view.getInt8(first + i);
      return;
    case 80:
      for (let i = 0; i < count; i++) out[i] = view.getUint8(first + i) - 128;
      return;
    case 16:
      for (let i = 0, p = 2 * first; i < count; i++, p += 2) out[i] = view.getInt16(p, true);
      return;
    case 61:
      for (let i = 0, p = 2 * first; i < count; i++, p += 2) out[i] = view.getInt16(p, false);
      return;
    case 160:
      for (let i = 0, p = 2 * first; i < count; i++, p += 2) {
        out[i] = view.getUint16(p, true) - 32768;
      }
      return;
    case 24:
      for (let i = 0, p = 3 * first; i < count; i++, p += 3) {
        out[i] = view.getUint16(p, true) | (view.getInt8(p + 2) << 16);
      }
      return;
    case 32:
      for (let i = 0, p = 4 * first; i < count; i++, p += 4) out[i] = view.getInt32(p, true);
      return;
    case 212:
      return decode212(view, first, count, out);
    case 310:
      return decode310(view, first, count, out);
    case 311:
      return decode311(view, first, count, out);
  }
}

/** Two 12-bit samples in 3 bytes; the second's high nibble is byte 1's high nibble. */
function decode212(view: DataView, first: number, count: number, out: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const k = first + i;
    const p = (k >> 1) * 3;
    const v = (k & 1) === 0
      ? view.getUint8(p) | ((view.getUint8(p + 1) & 0x0f) << 8)
      : view.getUint8(p + 2) | ((view.getUint8(p + 1) & 0xf0) << 4);
    out[i] = (v << 20) >> 20;
  }
}

/**
 * Three 10-bit samples in two little-endian 16-bit words: samples 0 and 1
 * in bits 1–10 of each word, sample 2 in the top five bits of both.
 */
function decode310(view: DataView, first: number, count: number, out: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const k = first + i;
    const g = Math.floor(k / 3);
    const r = k - 3 * g;
    const p = 4 * g;
    let v: number;
    if (r === 0) v = view.getUint16(p, true) >> 1;
    else if (r === 1) v = view.getUint16(p + 2, true) >> 1;
    else v = (view.getUint16(p, true) >> 11) | ((view.getUint16(p + 2, true) >> 11) << 5);
    out[i] = ((v & 0x3ff) << 22) >> 22;
  }
}

/** Three 10-bit samples in the low 30 bits of a little-endian 32-bit word. */
function decode311(view: DataView, first: number, count: number, out: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const k = first + i;
    const g = Math.floor(k / 3);
    const r = k - 3 * g;
    const p = 4 * g;
    let v: number;
    if (r === 0) v = view.getUint16(p, true);
    else if (r === 1) v = (view.getUint16(p, true) >> 10) | (view.getUint16(p + 2, true) << 6);
    else v = view.getUint16(p + 2, true) >> 4;
    out[i] = ((v & 0x3ff) << 22) >> 22;
  }
}

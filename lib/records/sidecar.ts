/**
 * The sidecar JSON beside a signal CSV (`<stem>.json`, as the generator
 * writes it): where a CSV's sampling rate comes from.
 *
 * @module
 */
import { RecordError } from "./errors.ts";

/** The sampling rates a sidecar may state, in Hz (as for any record). */
export const SIDECAR_RATE_RANGE_HZ = [1, 100_000] as const;

/**
 * The sampling rate a sidecar states: `sampling_frequency` (or
 * `sampleRateHz`) of a top-level JSON object, between 1 Hz and 100 kHz.
 *
 * @param text the sidecar's text
 * @param file the sidecar's path, for messages
 * @throws {RecordError} for invalid JSON, a value that is not an object, or
 *   no usable rate
 * @example
 * ```ts
 * import { parseSidecarRate } from "./sidecar.ts";
 * console.assert(parseSidecarRate('{"sampling_frequency": 500}', "a.json") === 500);
 * ```
 */
export function parseSidecarRate(text: string, file: string): number {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch (error) {
    throw new RecordError(file, `invalid JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) {
    throw new RecordError(file, `the sidecar must be a JSON object, not ${describeJson(meta)}`);
  }
  const fields = meta as Record<string, unknown>;
  const rate = fields.sampling_frequency ?? fields.sampleRateHz;
  const [min, max] = SIDECAR_RATE_RANGE_HZ;
  if (typeof rate !== "number" || !(rate >= min && rate <= max)) {
    throw new RecordError(
      file,
      `no "sampling_frequency" between ${min} and ${max} Hz in the sidecar` +
        (rate === undefined ? "" : ` (got ${JSON.stringify(rate)})`),
    );
  }
  return rate;
}

function describeJson(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

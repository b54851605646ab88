/**
 * WFDB time strings (`rdsamp -f 12.5`, `-f 1:30`, `-f s500`) to sample numbers.
 *
 * @module
 */

/**
 * Convert a WFDB time string to a sample number as the WFDB library's
 * `strtim` does: `sN` is sample N; `SS`, `MM:SS` and `HH:MM:SS` (seconds
 * may have decimals) are elapsed times, rounded half up to a sample:
 * `trunc(seconds × rate + 0.5)`.
 *
 * @param spec the time string
 * @param sampleRateHz samples per second (the frame rate, or the high-resolution rate)
 * @throws {SyntaxError} when `spec` is none of these forms
 * @example
 * ```ts
 * import { wfdbTimeToSample } from "./time.ts";
 * console.assert(wfdbTimeToSample("0.002", 360) === 1);
 * console.assert(wfdbTimeToSample("1:00", 250) === 15000);
 * console.assert(wfdbTimeToSample("s42", 250) === 42);
 * ```
 */
export function wfdbTimeToSample(spec: string, sampleRateHz: number): number {
  const text = spec.trim();
  const sample = /^s(\d+)$/.exec(text);
  if (sample) return Number(sample[1]);
  const m = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d*)?|\.\d+)$/.exec(text);
  if (!m) throw new SyntaxError(`Cannot convert WFDB time: "${spec}" is not [[HH:]MM:]SS or sN`);
  const seconds = 3600 * Number(m[1] ?? 0) + 60 * Number(m[2] ?? 0) + Number(m[3]);
  return Math.trunc(seconds * sampleRateHz + 0.5);
}

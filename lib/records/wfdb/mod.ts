/**
 * A pure TypeScript reader for PhysioNet WFDB records (`.hea` plus signal
 * files in formats 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, and the MAT v4
 * `.mat` files of the PhysioNet challenges), matching the WFDB library's
 * `rdsamp` sample for sample. File reading lives in `lib/io/wfdb.ts`.
 *
 * @example
 * ```ts
 * import { decodeWfdb, parseWfdbHeader, wfdbToEcgRecord } from "./mod.ts";
 * const header = parseWfdbHeader("r 1 500 2\nr.dat 16 200/mV 16 0 0 0 0 II\n");
 * const signals = decodeWfdb(header, () => new Uint8Array([200, 0, 56, 255]));
 * const record = wfdbToEcgRecord(header, signals, "r.hea");
 * console.assert(record.signals[0]![0] === 1 && record.signals[0]![1] === -1);
 * ```
 *
 * @module
 */
export {
  parseWfdbHeader,
  type ParseWfdbHeaderOptions,
  WFDB_DEFAULT_FREQUENCY_HZ,
  WFDB_DEFAULT_GAIN,
  type WfdbHeader,
  type WfdbSignalInfo,
} from "./header.ts";
export {
  decodeWfdbSamples,
  isWfdbFormat,
  WFDB_FORMATS,
  type WfdbFormat,
  wfdbInvalidValue,
  wfdbPaddedBytes,
  wfdbSamplesIn,
} from "./formats.ts";
export {
  decodeWfdb,
  type DecodeWfdbOptions,
  type WfdbChannel,
  wfdbPhysical,
  wfdbSignalFiles,
  type WfdbSignals,
} from "./read.ts";
export {
  WFDB_MILLIVOLTS_PER_UNIT,
  wfdbToEcgRecord,
  type WfdbToEcgRecordOptions,
} from "./record.ts";
export { wfdbTimeToSample } from "./time.ts";
export { type FormatWfdbOptions, formatWfdbRecord, type WfdbFiles } from "./write.ts";
export type { EcgRecord } from "../types.ts";

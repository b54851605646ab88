/**
 * A digitized record as a WFDB record in the PhysioNet 2024 challenge
 * layout: `<stem>.hea` + `<stem>.dat`, format 16, 1000 ADC units per mV
 * (steps of 0.001 mV), baseline 0, the 12 signals named by their leads.
 *
 * @module
 */
import { formatWfdbRecord, type WfdbFiles } from "../records/wfdb/write.ts";
import type { EcgRecord } from "../records/types.ts";

/**
 * The header and signal file of a digitized `record` named `stem`, with
 * the image it was read from as a comment (`#Image: <source>`, as the
 * PhysioNet 2024 data names it; `#Page: <k>` for a page of a PDF). Every
 * value reads back within 0.0005 mV; a sample where a lead was not shown
 * is WFDB's invalid value (−32768), read back as NaN.
 *
 * @example
 * ```ts
 * import { formatDigitizedWfdb } from "./wfdb_write.ts";
 * const record = {
 *   name: "x", sampleRateHz: 500, leadNames: ["I"], comments: [], source: "",
 *   signals: [Float64Array.of(0.1234, NaN)],
 * };
 * const { header } = formatDigitizedWfdb(record, "scan-1", "scan.png");
 * console.assert(header.startsWith("scan-1 1 500 2\nscan-1.dat 16 1000(0)/mV"));
 * ```
 */
export function formatDigitizedWfdb(
  record: EcgRecord,
  stem: string,
  source: string,
  page?: number,
): WfdbFiles {
  const comments = [
    `Image: ${source.replace(/[\r\n]+/g, " ")}`,
    ...(page !== undefined ? [`Page: ${page}`] : []),
    "Digitized by ecg-image-toolkit",
  ];
  return formatWfdbRecord({ ...record, name: stem, comments }, { gainAdcPerMv: 1000 });
}

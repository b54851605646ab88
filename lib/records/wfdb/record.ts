/**
 * Decoded WFDB signals to the shared {@linkcode EcgRecord} model (millivolts).
 *
 * @module
 */
import { RecordError } from "../errors.ts";
import { normaliseLeadName } from "../lead_names.ts";
import type { EcgRecord } from "../types.ts";
import type { WfdbHeader } from "./header.ts";
import { wfdbPhysical, type WfdbSignals } from "./read.ts";

/** Millivolts per unit of each voltage unit a WFDB header may name. */
export const WFDB_MILLIVOLTS_PER_UNIT: Readonly<Record<string, number>> = {
  mV: 1,
  uV: 0.001,
  "\u00b5V": 0.001, // micro sign
  "\u03bcV": 0.001, // Greek mu
  V: 1000,
};

/** Options for {@linkcode wfdbToEcgRecord}. */
export interface WfdbToEcgRecordOptions {
  /**
   * Leave out signals whose units are not a voltage (a blood pressure in
   * `mmHg`, a `NU` plethysmogram) instead of failing.
   * @default false
   */
  dropNonVoltage?: boolean;
}

/**
 * Build an {@linkcode EcgRecord} from decoded signals: physical values in
 * millivolts (`uV`/`µV` ÷ 1000, `V` × 1000), missing samples NaN, lead names
 * normalised (`avr` → `aVR`), the header's comments kept.
 *
 * @param source where the record was read from, for messages and `source`
 * @throws {RecordError} when a signal's units are not a voltage (naming the
 *   units) or no signal is left
 * @example
 * ```ts
 * import { decodeWfdb, parseWfdbHeader, wfdbToEcgRecord } from "./mod.ts";
 * const h = parseWfdbHeader("r 1 500 1\nr.dat 16 1000/uV 16 0 0 0 0 avr\n");
 * const rec = wfdbToEcgRecord(h, decodeWfdb(h, () => new Uint8Array([232, 3])), "r.hea");
 * console.assert(rec.leadNames[0] === "aVR" && rec.signals[0]![0] === 0.001);
 * ```
 */
export function wfdbToEcgRecord(
  header: WfdbHeader,
  signals: WfdbSignals,
  source: string,
  options: WfdbToEcgRecordOptions = {},
): EcgRecord {
  const { dropNonVoltage = false } = options;
  const leadNames: string[] = [];
  const leads: Float64Array[] = [];
  const warnings: string[] = [];
  for (const channel of signals.channels) {
    const scale = WFDB_MILLIVOLTS_PER_UNIT[channel.units];
    if (scale === undefined) {
      if (dropNonVoltage) continue;
      throw new RecordError(
        source,
        `signal ${channel.signal} ("${channel.description}") is in "${channel.units}", ` +
          `not a voltage unit (${Object.keys(WFDB_MILLIVOLTS_PER_UNIT).join(", ")})`,
      );
    }
    if (!Number.isFinite(channel.gain)) {
      warnings.push(
        `signal ${channel.signal} ("${channel.description}"): ADC gain is not finite, ` +
          `so every value reads as 0 mV`,
      );
    }
    const values = wfdbPhysical(channel);
    if (scale !== 1) { for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale; }
    leadNames.push(normaliseLeadName(channel.description));
    leads.push(values);
  }
  if (leads.length === 0) throw new RecordError(source, "record has no voltage signals");
  return {
    name: header.recordName,
    sampleRateHz: signals.sampleRateHz,
    leadNames,
    signals: leads,
    comments: [...header.comments],
    source,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

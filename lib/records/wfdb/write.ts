/**
 * Write an {@linkcode EcgRecord} as a single-segment WFDB record in format
 * 16 (`<name>.hea` + `<name>.dat`), the way ecg-image-kit stores the
 * signals it plots: one signal per lead, units mV, the record's rate, NaN
 * as WFDB's invalid sample (−32768).
 *
 * @module
 */
import type { EcgRecord } from "../types.ts";

/** Options for {@linkcode formatWfdbRecord}. */
export interface FormatWfdbOptions {
  /**
   * ADC units per mV; a lead whose largest |value| does not fit 16 bits at
   * this gain gets the largest gain that fits. @default 1000
   */
  gainAdcPerMv?: number;
}

/** The two files of a WFDB record. */
export interface WfdbFiles {
  /** The header text (`<name>.hea`). */
  readonly header: string;
  /** The format-16 signal file (`<name>.dat`): little-endian int16, one frame per sample. */
  readonly dat: Uint8Array;
  /** Gain of each signal, ADC units per mV. */
  readonly gains: readonly number[];
}

const INVALID = -32768;
const MAX = 32767;

/**
 * Encode `record` as WFDB format 16 named `record.name`. Each value is
 * `round(mV × gain)`; reading it back gives every sample within half an
 * ADC unit (0.0005 mV at the default gain), and NaN stays NaN.
 *
 * @example
 * ```ts
 * import { formatWfdbRecord } from "./write.ts";
 * const { header, dat } = formatWfdbRecord({
 *   name: "r", sampleRateHz: 500, leadNames: ["I"], comments: [], source: "",
 *   signals: [Float64Array.of(0.1, NaN)],
 * });
 * console.assert(header.startsWith("r 1 500 2\n") && dat.length === 4);
 * ```
 */
export function formatWfdbRecord(record: EcgRecord, options: FormatWfdbOptions = {}): WfdbFiles {
  const { gainAdcPerMv = 1000 } = options;
  if (!(gainAdcPerMv > 0 && Number.isFinite(gainAdcPerMv))) {
    throw new RangeError(`Invalid option gainAdcPerMv = ${gainAdcPerMv}: must be above 0`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(record.name)) {
    throw new RangeError(
      `Cannot write WFDB record "${record.name}": names take letters, digits, _ . -`,
    );
  }
  const signals = record.signals;
  const n = signals.reduce((m, s) => Math.max(m, s.length), 0);
  const m = signals.length;
  const dat = new Uint8Array(2 * n * m);
  const view = new DataView(dat.buffer);
  const gains: number[] = [];
  const lines = [`${record.name} ${m} ${formatNumber(record.sampleRateHz)} ${n}`];
  for (let k = 0; k < m; k++) {
    const s = signals[k]!;
    let peak = 0;
    for (let i = 0; i < s.length; i++) if (Math.abs(s[i]!) > peak) peak = Math.abs(s[i]!);
    const gain = peak * gainAdcPerMv > MAX ? Math.floor((MAX / peak) * 1000) / 1000 : gainAdcPerMv;
    gains.push(gain);
    let sum = 0, first = INVALID;
    for (let i = 0; i < n; i++) {
      const v = s[i];
      const d = v === undefined || Number.isNaN(v) ? INVALID : Math.round(v * gain);
      if (i === 0) first = d;
      sum += d;
      view.setInt16(2 * (i * m + k), d, true);
    }
    const checksum = (((sum % 65536) + 65536 + 32768) % 65536) - 32768;
    const name = (record.leadNames[k] ?? `signal ${k}`).replace(/\s+/g, "_");
    lines.push(
      `${record.name}.dat 16 ${formatNumber(gain)}(0)/mV 16 0 ${first} ${checksum} 0 ${name}`,
    );
  }
  // "#Age: 56", as wfdb-python writes comments and PhysioNet's challenge code reads them.
  for (const c of record.comments) lines.push(`#${c.replace(/[\r\n]+/g, " ").trim()}`);
  return { header: lines.join("\n") + "\n", dat, gains };
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
}

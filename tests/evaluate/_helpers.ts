/**
 * Test data for the evaluation tests, built from the real records in
 * fixtures/records.
 *
 * @module
 */
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { createRng } from "../../lib/random/rng.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import type { EcgRecord } from "../../lib/records/types.ts";

export const FIXTURES = new URL("../../fixtures/", import.meta.url);

/** A real 12-lead record from fixtures/records (E07500 and JS20000: 500 Hz; 00001_lr: 100 Hz). */
export async function realRecord(name: "E07500" | "JS20000" | "00001_lr"): Promise<EcgRecord> {
  return await readWfdbRecord(new URL(`records/${name}.hea`, FIXTURES).pathname);
}

/** A prediction CSV from fixtures/evaluate/cases. */
export function casePrediction(name: string, sampleRateHz: number): EcgRecord {
  const path = new URL(`evaluate/cases/${name}.pred.csv`, FIXTURES).pathname;
  return parseSignalCsv(Deno.readTextFileSync(path), { sampleRateHz, name, source: path });
}

const GRID = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];

/**
 * The record as the truth table of a 3x4 page with a lead II rhythm strip
 * (the Kaggle layout): each short lead finite only in its quarter of the
 * page (samples ⌊c·n/4⌋ … ⌊(c+1)·n/4⌋−1 for column c), NaN elsewhere.
 */
export function layout3x4(record: EcgRecord): EcgRecord {
  const n = record.signals[0]!.length;
  const signals = record.leadNames.map((lead, i) => {
    const s = record.signals[i]!;
    if (lead === "II") return s.slice();
    const c = GRID.find((row) => row.includes(lead))!.indexOf(lead);
    const a = Math.floor(c * n / 4), b = Math.floor((c + 1) * n / 4);
    return s.map((v, k) => (k >= a && k < b ? v : NaN));
  });
  return { ...record, signals };
}

/** A record with new signals (same names and rate unless given). */
export function withSignals(
  record: EcgRecord,
  signals: Float64Array[],
  patch: Partial<EcgRecord> = {},
): EcgRecord {
  return { ...record, signals, ...patch };
}

/** Delay a signal by `s` samples (NaN-filled; negative = advance). */
export function delay(x: Float64Array, s: number): Float64Array {
  return x.map((_, i) => (i - s >= 0 && i - s < x.length ? x[i - s]! : NaN));
}

/** Add white Gaussian noise scaled so that the SNR over finite samples is `snrDb`. */
export function addNoise(
  x: Float64Array,
  snrDb: number,
  ...ids: (string | number)[]
): Float64Array {
  let power = 0, n = 0;
  for (const v of x) if (Number.isFinite(v)) (power += v * v, n++);
  const sd = Math.sqrt(power / n / 10 ** (snrDb / 10));
  const rng = createRng(42, "evaluate-noise", ...ids);
  return x.map((v) => v + sd * rng.normal());
}

/** Temporary folder removed after `fn`. */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "evaluate-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

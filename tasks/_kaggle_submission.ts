/**
 * `--kaggle-submission <test.csv>`: the digitized signals as the Kaggle
 * "PhysioNet - Digitization of ECG Images" (2025) submission file.
 *
 * `test.csv` has the columns `id, lead, fs, number_of_rows`: one row per
 * image (`id`, the base id) and lead. `submission.csv` has `id, value`:
 * one row per sample, `id` = `<base_id>_<row_id>_<lead>` (row_id from 0),
 * `value` in mV.
 *
 * @module
 */
import { join } from "node:path";
import { writeChunksAtomic } from "../lib/io/atomic.ts";
import { parseSignalCsv } from "../lib/records/signal_table.ts";
import type { EcgRecord } from "../lib/records/types.ts";

/** One row of the challenge's `test.csv`. */
export interface KaggleTestRow {
  /** The image's base id. */
  id: string;
  /** Lead name (`I` … `V6`). */
  lead: string;
  /** Sampling rate the values are asked at, Hz. */
  fs: number;
  /** Number of samples asked for (2.5 s for the short leads, 10 s for lead II). */
  rows: number;
}

/** Seconds at which each lead's panel starts on a standard 3x4 page. */
const COLUMN_START_S: Record<string, number> = {
  I: 0,
  II: 0,
  III: 0,
  aVR: 2.5,
  aVL: 2.5,
  aVF: 2.5,
  V1: 5,
  V2: 5,
  V3: 5,
  V4: 7.5,
  V5: 7.5,
  V6: 7.5,
};

/** Parse `test.csv`; throws a `SyntaxError` naming the file and line. */
export function parseKaggleTest(text: string, path: string): KaggleTestRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new SyntaxError(
        `Cannot read "${path}": no column "${name}" (need id, lead, fs, number_of_rows)`,
      );
    }
    return i;
  };
  const [ci, cl, cf, cn] = [col("id"), col("lead"), col("fs"), col("number_of_rows")];
  return lines.slice(1).map((line, k) => {
    const f = line.split(",").map((v) => v.trim());
    const fs = Number(f[cf]), rows = Number(f[cn]);
    if (!f[ci] || !f[cl] || !(fs > 0) || !(Number.isInteger(rows) && rows > 0)) {
      throw new SyntaxError(`Cannot read "${path}" line ${k + 2}: "${line}"`);
    }
    return { id: f[ci]!, lead: f[cl]!, fs, rows };
  });
}

/**
 * The stem of `stems` that holds base id `id`: the stem equal to it, else
 * the first (in order) that starts with it followed by `-`, `_` or `.`
 * (`1053922973` → `1053922973-0001`), else `null`.
 *
 * @example
 * ```ts
 * import { stemForId } from "./_kaggle_submission.ts";
 * console.assert(stemForId("12", ["123-0001", "12-0001"]) === "12-0001");
 * ```
 */
export function stemForId(id: string, stems: readonly string[]): string | null {
  if (stems.includes(id)) return id;
  return stems.find((s) => s.startsWith(id) && "-_.".includes(s[id.length] ?? "x")) ?? null;
}

/**
 * `rows` values of lead `lead` of `record` at `fs` Hz (linear
 * interpolation): the whole strip when it is asked for in full, else the
 * window where the lead is shown (its 3x4 column when it has values there,
 * else from its first value). A sample where the lead was not read is 0.
 */
export function leadValues(
  record: EcgRecord | null,
  lead: string,
  fs: number,
  rows: number,
): Float64Array {
  const out = new Float64Array(rows);
  const k = record ? record.leadNames.indexOf(lead) : -1;
  if (record === null || k < 0) return out;
  const s = record.signals[k]!, rate = record.sampleRateHz;
  const durationS = s.length / rate, wantS = rows / fs;
  let startS = 0;
  if (wantS < durationS - 1e-9) {
    const column = COLUMN_START_S[lead] ?? 0;
    const i0 = Math.round(column * rate);
    const shown = Array.from(s.subarray(i0, i0 + Math.round(wantS * rate))).some(Number.isFinite);
    startS = shown ? column : Math.max(0, s.findIndex(Number.isFinite)) / rate;
  }
  for (let r = 0; r < rows; r++) {
    const x = (startS + r / fs) * rate;
    const i = Math.min(Math.floor(x), s.length - 1), f = x - i;
    const a = s[i], b = s[Math.min(i + 1, s.length - 1)];
    const v = a === undefined || !Number.isFinite(a)
      ? b
      : b === undefined || !Number.isFinite(b)
      ? a
      : a + (b - a) * f;
    out[r] = v !== undefined && Number.isFinite(v) ? v : 0;
  }
  return out;
}

/**
 * Write `<out>/submission.csv` from `test` (the challenge's `test.csv`)
 * and the digitized `<out>/<stem>.csv` of `stems`. Returns the rows
 * written and a problem line for each base id with no digitized image
 * (written as zeros, so the file is complete).
 */
export async function writeKaggleSubmission(
  test: string,
  out: string,
  stems: readonly string[],
  tag = "submission",
): Promise<{ rows: number; problems: string[] }> {
  let text: string;
  try {
    text = await Deno.readTextFile(test);
  } catch (error) {
    throw new Error(`Cannot read --kaggle-submission "${test}": ${(error as Error).message}`);
  }
  const rows = parseKaggleTest(text, test);
  const records = new Map<string, EcgRecord | null>();
  const problems: string[] = [];
  const recordFor = async (id: string): Promise<EcgRecord | null> => {
    if (records.has(id)) return records.get(id)!;
    const stem = stemForId(id, stems);
    let record: EcgRecord | null = null;
    if (stem === null) problems.push(`${test}: no input image for id ${id} (zeros written)`);
    else {
      try {
        const csv = await Deno.readTextFile(join(out, `${stem}.csv`));
        const json = JSON.parse(await Deno.readTextFile(join(out, `${stem}.json`)));
        record = parseSignalCsv(csv, { sampleRateHz: json.sampling_frequency ?? 500 });
      } catch {
        problems.push(`${test}: id ${id}: ${stem} was not digitized (zeros written)`);
      }
    }
    records.set(id, record);
    return record;
  };
  let count = 0;
  async function* chunks(): AsyncGenerator<string> {
    yield "id,value\n";
    for (const row of rows) {
      const values = leadValues(await recordFor(row.id), row.lead, row.fs, row.rows);
      let block = "";
      for (let r = 0; r < values.length; r++) {
        block += `${row.id}_${r}_${row.lead},${Math.round(values[r]! * 1e4) / 1e4}\n`;
      }
      count += values.length;
      yield block;
    }
  }
  await writeChunksAtomic(join(out, "submission.csv"), chunks(), { tag });
  return { rows: count, problems };
}

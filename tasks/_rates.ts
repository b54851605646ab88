/**
 * `--rates <table.csv>`: the sampling rate of each signal-CSV record from a
 * table such as the Kaggle 2025 `train.csv` (columns `id` and `fs`, any
 * others ignored). A record `<dir>/<id>.csv` is read at the `fs` of its
 * `id`; a record the table does not name falls back to `--sample-rate`,
 * then to its sidecar `<id>.json`.
 *
 * @module
 */
import { basename, extname, join } from "node:path";
import { RECORD_RATE_RANGE_HZ } from "../lib/generate/generate.ts";

/** The table `--input` may hold at its top, used without `--rates` (the Kaggle layout). */
export const RATES_TABLE = "train.csv";

/**
 * Read a rates table: a header naming `id` and `fs`, then one row per
 * record. Throws an `Error` naming the file and line of anything wrong.
 */
export async function readRatesTable(path: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`Cannot read --rates "${path}": ${why(error)}`);
  }
  return parseRatesTable(text, path);
}

/**
 * {@linkcode readRatesTable} on text.
 *
 * @example
 * ```ts
 * import { parseRatesTable } from "./_rates.ts";
 * const rates = parseRatesTable("id,fs,sig_len\n7663343,500,5000\n", "train.csv");
 * console.assert(rates.get("7663343") === 500);
 * ```
 */
export function parseRatesTable(text: string, path: string): Map<string, number> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = cells(lines[0] ?? "");
  const id = header.indexOf("id");
  const fs = header.indexOf("fs");
  if (id < 0 || fs < 0) {
    throw new Error(`Cannot use --rates "${path}": its header must name "id" and "fs" columns`);
  }
  const [minHz, maxHz] = RECORD_RATE_RANGE_HZ;
  const rates = new Map<string, number>();
  for (let k = 1; k < lines.length; k++) {
    const row = cells(lines[k]!);
    const hz = Number(row[fs]);
    if (row[id] === undefined || row[id] === "" || !(hz >= minHz && hz <= maxHz)) {
      throw new Error(
        `Cannot use --rates "${path}": line ${k + 1} has no id or no fs between ` +
          `${minHz} and ${maxHz} Hz`,
      );
    }
    rates.set(row[id]!, hz);
  }
  return rates;
}

/** The rate of every CSV file of `files` whose name (without `.csv`) the table holds. */
export function ratesOfFiles(
  files: readonly string[],
  table: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of files) {
    if (extname(file).toLowerCase() !== ".csv") continue;
    const hz = table.get(basename(file, extname(file)));
    if (hz !== undefined) out.set(file, hz);
  }
  return out;
}

/** `<input>/train.csv` when `input` is a folder holding one with `id` and `fs` columns. */
export async function findRatesTable(input: string): Promise<string | null> {
  const path = join(input, RATES_TABLE);
  try {
    const file = await Deno.open(path);
    try {
      const head = new Uint8Array(4096);
      const n = (await file.read(head)) ?? 0;
      const first = new TextDecoder().decode(head.subarray(0, n)).split(/\r?\n/)[0] ?? "";
      const names = cells(first.replace(/^\uFEFF/, ""));
      return names.includes("id") && names.includes("fs") ? path : null;
    } finally {
      file.close();
    }
  } catch {
    return null;
  }
}

function cells(line: string): string[] {
  return line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
}

function why(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "file not found";
  return error instanceof Error ? error.message : String(error);
}

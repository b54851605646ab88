/**
 * Read a record file (WFDB header or signal CSV) into an {@linkcode EcgRecord}.
 *
 * @module
 */
import { basename, dirname, extname, join } from "node:path";
import { RecordError } from "../records/errors.ts";
import { MAX_LEADS } from "../records/limits.ts";
import { parseSidecarRate } from "../records/sidecar.ts";
import { parseSignalCsv } from "../records/signal_table.ts";
import type { EcgRecord } from "../records/types.ts";
import { NotRegularFileError, readRegularTextFile } from "./regular_file.ts";
import { readWfdbRecord } from "./wfdb.ts";

/** Options of {@linkcode readRecord}. */
export interface ReadRecordOptions {
  /**
   * Sampling rate of signal CSVs, which do not state one. When absent, a
   * sidecar `<stem>.json` with `sampling_frequency` (as the generator
   * writes) or `sampleRateHz` gives it; with neither, reading fails.
   */
  sampleRateHz?: number;
  /**
   * The most signals (leads) a record may have: a header or CSV with more
   * is refused with a `RecordError` naming the file before any signal is
   * read.
   * @default {MAX_LEADS} (64)
   */
  maxLeads?: number;
}

/** The file extensions {@linkcode readRecord} accepts. */
export const RECORD_EXTENSIONS = [".hea", ".csv"] as const;

/** Read a WFDB record (`.hea`, or its `.dat`/`.mat`) or a signal CSV. */
export async function readRecord(
  path: string,
  options: ReadRecordOptions = {},
): Promise<EcgRecord> {
  const ext = extname(path).toLowerCase();
  const maxSignals = options.maxLeads ?? MAX_LEADS;
  if (ext === ".hea") return await readWfdbRecord(path, { maxSignals });
  if (ext === ".dat" || ext === ".mat") {
    const header = join(dirname(path), basename(path, extname(path)) + ".hea");
    return await readWfdbRecord(header, { maxSignals });
  }
  if (ext === ".csv") return await readCsvRecord(path, options);
  throw new RecordError(
    path,
    `unknown record type "${ext}": expected a WFDB .hea or a signal .csv`,
  );
}

async function readCsvRecord(path: string, options: ReadRecordOptions): Promise<EcgRecord> {
  const name = basename(path, extname(path));
  const sampleRateHz = options.sampleRateHz ?? await sidecarRate(path, name);
  let text: string;
  try {
    text = await readRegularTextFile(path);
  } catch (error) {
    throw new RecordError(path, describe(error), { cause: error });
  }
  return parseSignalCsv(text, {
    sampleRateHz,
    name,
    source: path,
    maxLeads: options.maxLeads ?? MAX_LEADS,
  });
}

async function sidecarRate(path: string, name: string): Promise<number> {
  const sidecar = join(dirname(path), name + ".json");
  let text: string;
  try {
    text = await readRegularTextFile(sidecar);
  } catch {
    throw new RecordError(
      path,
      `sampling rate unknown: a signal CSV does not state it; pass --sample-rate <hz> or add ${name}.json with "sampling_frequency"`,
    );
  }
  return parseSidecarRate(text, sidecar);
}

/** A short description of a thrown value. */
export function describe(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "file not found";
  if (error instanceof NotRegularFileError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

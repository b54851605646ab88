/**
 * A digitize batch's bookkeeping, read from its per-image JSONs: whether an
 * image is already done (resume), and `<out>/index.csv`.
 *
 * @module
 */
import { join } from "node:path";
import { TEMP_PREFIX, writeFileAtomic } from "../lib/io/atomic.ts";
import { VERSION } from "../lib/version.ts";

/** The batch index a digitize run writes into its output folder. */
export const DIGITIZE_INDEX = "index.csv";

/** The columns of {@linkcode DIGITIZE_INDEX}, in order. */
export const INDEX_COLUMNS = [
  "file",
  "stem",
  "ok",
  "layout",
  "confidence",
  "min_lead_confidence",
  "min_lead",
  "warnings",
  "seconds",
  "error",
] as const;

/** What a job needs to be checked or indexed. */
export interface IndexedJob {
  /** The input file (resolved). */
  file: string;
  /** Output stem. */
  stem: string;
  /** Page of a multi-page input (1-based), if any. */
  page?: number;
  /** Every file the job writes beside `<stem>.json` when it succeeds (names in `out`). */
  outputs: readonly string[];
  /** What the run was asked for, as recorded in the JSON's `run_options`. */
  runOptions: Record<string, unknown>;
}

/**
 * Whether `job`'s outputs in `out` are complete and current: its JSON says
 * `ok` for the same input, run options and toolkit version, and the JSON and every other
 * output exist and are no older than the input. (The worker writes the
 * JSON last, each file atomically, so a run killed half-way leaves an
 * image that is not done.)
 */
export async function isDone(out: string, job: IndexedJob): Promise<boolean> {
  try {
    const input = (await Deno.stat(job.file)).mtime?.getTime() ?? Infinity;
    const jsonPath = join(out, `${job.stem}.json`);
    const json = JSON.parse(await Deno.readTextFile(jsonPath));
    if (json.ok !== true || json.file !== job.file || (json.page ?? null) !== (job.page ?? null)) {
      return false;
    }
    if (JSON.stringify(json.run_options) !== JSON.stringify(job.runOptions)) return false;
    // Another toolkit version reads differently: redo the image.
    if (json.toolkit_version !== VERSION) return false;
    for (const name of [`${job.stem}.json`, ...job.outputs]) {
      const mtime = (await Deno.stat(join(out, name))).mtime?.getTime() ?? -Infinity;
      if (mtime < input) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Remove the temporary files that a killed run tagged `tag` left in `dir`
 * (see `writeFileAtomic`'s `tag`).
 */
export async function removeStaleTemps(dir: string, tag: string): Promise<void> {
  const entries: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.startsWith(TEMP_PREFIX) && e.name.includes(`.${tag}.`)) {
        entries.push(e.name);
      }
    }
  } catch {
    return;
  }
  for (const name of entries) await Deno.remove(join(dir, name)).catch(() => {});
}

/** One CSV field, quoted when it holds a comma, quote or line break. */
function field(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The index row of one image from its JSON (`null` when there is none: the
 * image was never reached).
 */
export function indexRow(json: Record<string, unknown> | null): string[] | null {
  if (json === null) return null;
  const leads = (json.lead_confidence ?? {}) as Record<string, number>;
  let minLead = "", minConfidence: number | null = null;
  for (const [lead, c] of Object.entries(leads)) {
    if (minConfidence === null || c < minConfidence) [minLead, minConfidence] = [lead, c];
  }
  const warnings = Array.isArray(json.warnings) ? json.warnings.join("; ") : "";
  return [
    String(json.file ?? "") + (json.page !== undefined ? `#page=${json.page}` : ""),
    String(json.stem ?? ""),
    json.ok === true ? "true" : "false",
    String(json.layout ?? ""),
    json.confidence === undefined ? "" : String(json.confidence),
    minConfidence === null ? "" : String(minConfidence),
    minLead,
    warnings,
    json.seconds === undefined ? "" : String(json.seconds),
    String(json.error ?? ""),
  ].map(field);
}

/**
 * Write `<out>/index.csv` atomically: one row per stem of `stems` (the
 * whole batch, every shard) whose JSON is in `out`, in that order, with
 * the writing run's temp tag (its rerun removes what a kill left).
 * Returns the number of rows.
 */
export async function writeIndex(
  out: string,
  stems: readonly string[],
  tag = "index",
): Promise<number> {
  const lines = [INDEX_COLUMNS.join(",")];
  for (const stem of stems) {
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(await Deno.readTextFile(join(out, `${stem}.json`)));
    } catch {
      json = null;
    }
    const row = indexRow(json);
    if (row !== null) lines.push(row.join(","));
  }
  await writeFileAtomic(join(out, DIGITIZE_INDEX), lines.join("\n") + "\n", { tag });
  return lines.length - 1;
}

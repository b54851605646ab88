/**
 * Test helpers: pages drawn in memory from the bundled records, and the
 * Kaggle 2025 score of a digitized record against the plotted truth.
 *
 * @module
 */
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { kaggleImageRatio, kaggleLead, kaggleScoreDb } from "../../lib/evaluate/kaggle_2025.ts";
import { generate, type GeneratedPage, type GenerateOptions } from "../../lib/generate/mod.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import type { EcgRecord } from "../../lib/records/types.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A bundled fixture file. */
export function fixture(...parts: string[]): string {
  return join(ROOT, "fixtures", ...parts);
}

/** The first page of a bundled record, drawn with `options` (clean preset). */
export async function page(record: string, options: GenerateOptions = {}): Promise<GeneratedPage> {
  const r = await readRecord(fixture("records", `${record}.hea`));
  const [p] = await generate(r, { dpi: 120, seed: 3, ...options });
  return p!;
}

/** Kaggle 2025 score (dB) of `prediction` against the page's plotted signals. */
export function kaggleDb(truth: EcgRecord, prediction: EcgRecord): number {
  const leads = truth.leadNames.map((lead, i) => {
    const k = prediction.leadNames.indexOf(lead);
    return kaggleLead(
      truth.signals[i]!,
      k >= 0 ? prediction.signals[k]! : null,
      truth.sampleRateHz,
    );
  });
  return kaggleScoreDb([kaggleImageRatio(leads)]);
}

/** Which leads hold any finite value. */
export function shownLeads(record: EcgRecord): string[] {
  return record.leadNames.filter((_, i) => record.signals[i]!.some(Number.isFinite));
}

/** Kaggle per-lead SNR (dB, after its shift and offset alignment) of each standard lead. */
export function leadSnrsDb(truth: EcgRecord, prediction: EcgRecord): number[] {
  return truth.leadNames.slice(0, 12).map((lead, i) => {
    const k = prediction.leadNames.indexOf(lead);
    const l = kaggleLead(truth.signals[i]!, k >= 0 ? prediction.signals[k]! : null, 500);
    return l === null ? -Infinity : 10 * Math.log10(l.signalPower / l.noisePower);
  });
}

/** The exact ground truth of a foreign fixture page (`fixtures/foreign/<stem>.gt.csv.gz`, 500 Hz). */
export async function foreignTruth(stem: string): Promise<EcgRecord> {
  const text = new TextDecoder().decode(
    gunzipSync(await Deno.readFile(fixture("foreign", `${stem}.gt.csv.gz`))),
  );
  const [head, ...lines] = text.trim().split("\n");
  const leadNames = head!.split(",");
  const signals = leadNames.map(() => new Float64Array(lines.length));
  lines.forEach((line, i) =>
    line.split(",").forEach((v, k) => signals[k]![i] = v === "" || v === "NaN" ? NaN : Number(v))
  );
  return { name: stem, sampleRateHz: 500, leadNames, signals, comments: [], source: "" };
}

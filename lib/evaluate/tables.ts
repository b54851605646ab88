/**
 * Serialise an {@linkcode EvaluationReport} into the stage's output files:
 * `metrics.csv` (per image, per lead), `images.csv` (per image),
 * `robustness.csv`, and JSON with only finite numbers (non-finite ones are
 * `null`, ±Infinity with a reason beside them: {@linkcode toJson}).
 *
 * CSV numbers: up to 8 significant digits; NaN is an empty field, ±Infinity
 * is `inf` / `-inf` (as NumPy and pandas read them).
 *
 * @module
 */
import type { EvaluationReport, ImageResult, RobustnessRow, ScoreSummary } from "./types.ts";

/** A CSV number (see module doc). */
export function csvNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return String(Number(v.toPrecision(8)));
}

/** A CSV text field, quoted when it holds a comma, quote or newline. */
export function csvText(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const row = (cells: readonly string[]) => cells.join(",") + "\n";

/** Group field names used by any image, sorted. */
function groupFields(images: readonly ImageResult[]): string[] {
  return [...new Set(images.flatMap((image) => Object.keys(image.groups)))].sort();
}

/**
 * `metrics.csv`: one row per (image, lead).
 *
 * @example
 * ```ts
 * import { metricsCsv } from "./tables.ts";
 * console.assert(metricsCsv([]).startsWith("image,lead,status,snr_db,"));
 * ```
 */
export function metricsCsv(images: readonly ImageResult[]): string {
  const fields = groupFields(images);
  const parts = [row([
    "image",
    "lead",
    "status",
    "snr_db",
    "nrmse_percent",
    "pearson_r",
    "compared_samples",
    "coverage",
    "challenge2024_snr_db",
    "challenge2024_shift_samples",
    "challenge2024_offset_mv",
    "challenge2024_applied",
    "kaggle_signal_power",
    "kaggle_noise_power",
    "kaggle_lead_snr_db",
    "kaggle_shift_samples",
    "kaggle_offset_mv",
    ...fields,
  ])];
  for (const image of images) {
    for (const l of image.leads) {
      const c = l.challenge2024, k = l.kaggle;
      parts.push(row([
        csvText(image.id),
        l.lead,
        l.status,
        csvNumber(l.snrDb),
        csvNumber(l.nrmsePercent),
        csvNumber(l.pearsonR),
        String(l.comparedSamples),
        csvNumber(l.coverage),
        csvNumber(c?.snrDb),
        csvNumber(c?.shiftSamples),
        csvNumber(c?.offsetMv),
        c === null ? "" : String(c.applied),
        csvNumber(k?.signalPower),
        csvNumber(k?.noisePower),
        k === null ? "" : csvNumber(10 * Math.log10(k.signalPower / k.noisePower)),
        csvNumber(k?.shiftSamples),
        csvNumber(k?.offsetMv),
        ...fields.map((f) => csvText(image.groups[f] ?? "")),
      ]));
    }
  }
  return parts.join("");
}

/**
 * `images.csv`: one row per image with both challenge scores, the plain
 * means, group fields and distortion parameters.
 *
 * @example
 * ```ts
 * import { imagesCsv } from "./tables.ts";
 * console.assert(imagesCsv([]).startsWith("image,kaggle_ratio,kaggle_db,"));
 * ```
 */
export function imagesCsv(images: readonly ImageResult[]): string {
  const fields = groupFields(images);
  const params = [...new Set(images.flatMap((i) => Object.keys(i.distortions ?? {})))].sort();
  const parts = [row([
    "image",
    "kaggle_ratio",
    "kaggle_db",
    "challenge2024_snr_db",
    "mean_snr_db",
    "missing_leads",
    ...fields,
    ...params,
    "warnings",
  ])];
  for (const image of images) {
    const missing = image.leads.filter((l) => l.status === "missing" || l.status === "empty");
    parts.push(row([
      csvText(image.id),
      csvNumber(image.kaggleRatio),
      csvNumber(image.kaggleDb),
      csvNumber(image.challenge2024SnrDb),
      csvNumber(image.meanSnrDb),
      String(missing.length),
      ...fields.map((f) => csvText(image.groups[f] ?? "")),
      ...params.map((p) => csvNumber(image.distortions?.[p])),
      csvText(image.warnings.join("; ")),
    ]));
  }
  return parts.join("");
}

const SUMMARY_COLUMNS = [
  "images",
  "leads",
  "kaggle_score_db",
  "challenge2024_snr_db",
  "mean_snr_db",
  "median_snr_db",
  "mean_nrmse_percent",
  "mean_pearson_r",
  "missing_leads",
];

const summaryCells = (s: ScoreSummary) => [
  String(s.images),
  String(s.leads),
  csvNumber(s.kaggleScoreDb),
  csvNumber(s.challenge2024SnrDb),
  csvNumber(s.meanSnrDb),
  csvNumber(s.medianSnrDb),
  csvNumber(s.meanNrmsePercent),
  csvNumber(s.meanPearsonR),
  String(s.missingLeads),
];

/**
 * `robustness.csv`: one row per (curve, bin), the bin's summary, then the
 * 95 % bootstrap bands of the Kaggle score and the 2024 SNR.
 *
 * @example
 * ```ts
 * import { robustnessCsv } from "./tables.ts";
 * console.assert(robustnessCsv([]).startsWith("curve,bin,lo,hi,x,images,"));
 * ```
 */
export function robustnessCsv(rows: readonly RobustnessRow[]): string {
  const parts = [row([
    "curve",
    "bin",
    "lo",
    "hi",
    "x",
    ...SUMMARY_COLUMNS,
    "kaggle_score_db_lo95",
    "kaggle_score_db_hi95",
    "challenge2024_snr_db_lo95",
    "challenge2024_snr_db_hi95",
  ])];
  for (const r of rows) {
    parts.push(row([
      csvText(r.curve),
      String(r.bin),
      csvNumber(r.lo),
      csvNumber(r.hi),
      csvNumber(r.x),
      ...summaryCells(r.scores),
      ...r.bands.kaggleScoreDb.map(csvNumber),
      ...r.bands.challenge2024SnrDb.map(csvNumber),
    ]));
  }
  return parts.join("");
}

/** The reason written for a non-finite number in `nonFinite` (see {@linkcode toJson}). */
export type NonFiniteReason = "+inf" | "-inf";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);

/**
 * JSON text with only finite numbers: NaN, +Infinity and −Infinity are all
 * written `null` (plain JSON has no such numbers, and strings in number
 * fields trip up readers). A `null` from NaN means "not defined" (no
 * sample to compute from). An object holding ±Infinity also gets a
 * `nonFinite` member naming the field and its value, `"+inf"` (unbounded:
 * zero error, e.g. a perfect lead's SNR or a mean that includes one) or
 * `"-inf"` (zero signal, e.g. a Kaggle ratio of 0): the spellings of our
 * CSVs, which Python's `float()` reads back. Inside an array, ±Infinity is
 * just `null`.
 *
 * @example
 * ```ts
 * import { toJson } from "./tables.ts";
 * console.assert(
 *   toJson({ a: NaN, b: Infinity, c: 1 }, 0) === '{"a":null,"b":null,"c":1,"nonFinite":{"b":"+inf"}}',
 * );
 * console.assert(toJson([NaN, -Infinity], 0) === "[null,null]");
 * ```
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (!isPlainObject(v)) return v;
    let reasons: Record<string, NonFiniteReason> | null = null;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === "number" && !Number.isFinite(x) && !Number.isNaN(x)) {
        (reasons ??= {})[k] = x > 0 ? "+inf" : "-inf";
      }
    }
    return reasons === null ? v : { ...v, nonFinite: reasons };
  }, indent);
}

/**
 * `summary.json` content: the summary plus options and warnings.
 *
 * @example
 * ```ts
 * import { summaryJson } from "./tables.ts";
 * import { evaluate } from "./evaluate.ts";
 * const json = JSON.parse(summaryJson(await evaluate([])));
 * console.assert(json.overall.images === 0);
 * ```
 */
export function summaryJson(report: EvaluationReport, extra: Record<string, unknown> = {}): string {
  return toJson({
    ...extra,
    overall: report.summary.overall,
    groups: report.summary.groups,
    leads: report.summary.leads,
    options: report.options,
    warnings: report.warnings,
  }) + "\n";
}

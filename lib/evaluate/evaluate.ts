/**
 * The evaluation stage: score digitizer output against ground truth.
 *
 * @module
 */
import { isStandardLead, normaliseLeadName, STANDARD_LEADS } from "../records/lead_names.ts";
import { nanMean } from "./_numeric.ts";
import { challenge2024Lead } from "./challenge_2024.ts";
import { kaggleImageRatio, kaggleLead } from "./kaggle_2025.ts";
import { plainLeadMetrics } from "./lead_metrics.ts";
import { predictionOnTruthGrid } from "./resample.ts";
import { robustnessCurves } from "./robustness.ts";
import { summarise, summariseGroups, summariseLeads, worstCases } from "./summary.ts";
import type {
  EvaluateOptions,
  EvaluationPair,
  EvaluationReport,
  ImageResult,
  LeadResult,
  LeadStatus,
} from "./types.ts";

/** Column names for a message: quoted, at most 12. */
const names = (columns: readonly string[]): string =>
  columns.slice(0, 12).map((c) => JSON.stringify(c)).join(", ") +
  (columns.length > 12 ? `, … (${columns.length} in all)` : "");

/** Defaults of {@linkcode EvaluateOptions}. */
export const EVALUATE_DEFAULTS: Readonly<Required<EvaluateOptions>> = Object.freeze({
  worstCount: 10,
  challenge2024: true,
  robustnessBins: 5,
});

/**
 * Resolve and validate evaluation options.
 *
 * @example
 * ```ts
 * import { resolveEvaluateOptions } from "./evaluate.ts";
 * console.assert(resolveEvaluateOptions({ worstCount: 3 }).robustnessBins === 5);
 * ```
 */
export function resolveEvaluateOptions(options: EvaluateOptions = {}): Required<EvaluateOptions> {
  const {
    worstCount = EVALUATE_DEFAULTS.worstCount,
    challenge2024 = EVALUATE_DEFAULTS.challenge2024,
    robustnessBins = EVALUATE_DEFAULTS.robustnessBins,
  } = options;
  if (!Number.isInteger(worstCount) || worstCount < 0) {
    throw new RangeError(`Cannot evaluate: worstCount must be an integer ≥ 0, got ${worstCount}`);
  }
  if (!Number.isInteger(robustnessBins) || robustnessBins < 1) {
    throw new RangeError(
      `Cannot evaluate: robustnessBins must be an integer ≥ 1, got ${robustnessBins}`,
    );
  }
  return { worstCount, challenge2024, robustnessBins };
}

/**
 * How much longer than the truth a prediction may be: longer is refused
 * (a prediction of 10⁶ rows for a 10 s page is a broken file, and the
 * alignments' cost grows with the length).
 */
export const MAX_PREDICTION_DURATION_RATIO = 4;

function checkDuration({ id, truth, prediction }: EvaluationPair): void {
  if (prediction === null) return;
  const truthS = (truth.signals[0]?.length ?? 0) / truth.sampleRateHz;
  const predS = (prediction.signals[0]?.length ?? 0) / prediction.sampleRateHz;
  if (predS > MAX_PREDICTION_DURATION_RATIO * truthS + 1) {
    throw new RangeError(
      `Cannot score "${id}": the prediction is ${predS.toFixed(1)} s long ` +
        `(${prediction.signals[0]?.length} rows at ${prediction.sampleRateHz} Hz), the truth ${
          truthS.toFixed(1)
        } s; more than ${MAX_PREDICTION_DURATION_RATIO} times as long is refused`,
    );
  }
}

/**
 * Score one image: every standard lead of the truth against the prediction
 * resampled to the truth's rate. Throws a `RangeError` when the prediction
 * is more than {@linkcode MAX_PREDICTION_DURATION_RATIO} times as long as
 * the truth (plus 1 s).
 *
 * @example
 * ```ts
 * import { scoreImage } from "./evaluate.ts";
 * const truth = {
 *   name: "x", source: "", comments: [], sampleRateHz: 100, leadNames: ["II"],
 *   signals: [Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 5))],
 * };
 * const image = scoreImage({ id: "x", truth, prediction: truth });
 * console.assert(image.kaggleRatio === 384 && image.leads[0]!.snrDb === Infinity);
 * ```
 */
export function scoreImage(pair: EvaluationPair, options: EvaluateOptions = {}): ImageResult {
  const { challenge2024 } = resolveEvaluateOptions(options);
  const { truth, prediction } = pair;
  checkDuration(pair);
  const warnings = [...(pair.notes ?? [])];
  const grid = predictionOnTruthGrid(truth, prediction);
  const byLead = new Map<string, number>();
  truth.leadNames.forEach((name, i) => {
    const lead = normaliseLeadName(name);
    if (isStandardLead(lead) && !byLead.has(lead)) byLead.set(lead, i);
    else if (!isStandardLead(lead)) {
      warnings.push(`truth lead "${name}" is not a standard lead: ignored`);
    }
  });
  if (prediction === null) warnings.push("no prediction: every lead scored as missing");
  const unknown = prediction === null
    ? []
    : prediction.leadNames.filter((name) => !isStandardLead(normaliseLeadName(name)));
  const noLeadRecognised = prediction !== null && unknown.length === prediction.leadNames.length;
  if (noLeadRecognised) {
    warnings.push(
      `no column of the prediction is a standard lead (header: ${
        names(unknown)
      }): every lead scored as missing`,
    );
  } else if (unknown.length > 0) {
    warnings.push(`prediction column(s) ${names(unknown)} not a standard lead: ignored`);
  }
  const leads: LeadResult[] = [];
  for (const lead of STANDARD_LEADS) {
    const i = byLead.get(lead);
    if (i === undefined) continue;
    const ref = truth.signals[i]!, est = grid[i]!;
    const plain = plainLeadMetrics(ref, est ?? new Float64Array(0));
    const truthFinite = ref.some(Number.isFinite);
    const status: LeadStatus = !truthFinite
      ? "no-truth"
      : est === null
      ? "missing"
      : plain.comparedSamples === 0
      ? "empty"
      : "scored";
    leads.push({
      lead,
      status,
      snrDb: plain.snrDb,
      nrmsePercent: plain.nrmsePercent,
      pearsonR: plain.pearsonR,
      comparedSamples: plain.comparedSamples,
      coverage: est === null && truthFinite ? 0 : plain.coverage,
      challenge2024: challenge2024 ? challenge2024Lead(ref, est, truth.sampleRateHz) : null,
      kaggle: kaggleLead(ref, est, truth.sampleRateHz),
    });
  }
  const missing = leads.filter((l) => l.status === "missing").map((l) => l.lead);
  const empty = leads.filter((l) => l.status === "empty").map((l) => l.lead);
  if (prediction !== null && missing.length > 0 && !noLeadRecognised) {
    warnings.push(`prediction lacks lead(s) ${missing.join(", ")}`);
  }
  if (empty.length > 0) {
    warnings.push(`prediction has no sample where the truth has one for ${empty.join(", ")}`);
  }
  if (leads.length === 0) warnings.push("truth has none of the 12 standard leads");
  const kaggleRatio = kaggleImageRatio(leads.map((l) => l.kaggle));
  const unrecognised = noLeadRecognised
    ? { unrecognisedPrediction: { file: prediction.source || pair.id, columns: unknown } }
    : {};
  return {
    ...unrecognised,
    id: pair.id,
    groups: { ...(pair.groups ?? {}) },
    distortions: pair.distortions === undefined ? null : { ...pair.distortions },
    leads,
    kaggleRatio,
    kaggleDb: kaggleRatio > 0 ? 10 * Math.log10(kaggleRatio) : -Infinity,
    challenge2024SnrDb: nanMean(leads.map((l) => l.challenge2024?.snrDb ?? NaN)),
    meanSnrDb: nanMean(leads.filter((l) => l.status !== "no-truth").map((l) => l.snrDb)),
    warnings,
  };
}

/**
 * Assemble the report from already scored images (see {@linkcode scoreImage}):
 * summaries, worst cases and robustness curves. {@linkcode evaluate} is
 * `scoreImage` on every pair followed by this; a caller that streams large
 * batches can score one pair at a time and drop the signals.
 *
 * @example
 * ```ts
 * import { buildReport } from "./evaluate.ts";
 * const report = buildReport([]);
 * console.assert(report.warnings[0] === "no image to score");
 * ```
 */
export function buildReport(
  images: readonly ImageResult[],
  options: EvaluateOptions = {},
  warnings: readonly string[] = [],
): EvaluationReport {
  const resolved = resolveEvaluateOptions(options);
  const notes = [...warnings];
  const seen = new Set<string>();
  for (const image of images) {
    if (seen.has(image.id)) notes.push(`image id "${image.id}" appears more than once`);
    seen.add(image.id);
  }
  for (const image of images) {
    const u = image.unrecognisedPrediction;
    if (u === undefined) continue;
    notes.push(
      `prediction ${u.file} (image ${image.id}): no column is a standard lead (header: ${
        names(u.columns)
      }), so every lead scored as missing`,
    );
  }
  if (images.length === 0) notes.push("no image to score");
  return {
    images: [...images],
    summary: {
      overall: summarise(images),
      groups: summariseGroups(images),
      leads: summariseLeads(images),
    },
    worst: worstCases(images, resolved.worstCount),
    robustness: robustnessCurves(images, resolved.robustnessBins),
    options: resolved,
    warnings: notes,
  };
}

/**
 * Score digitizer output against ground truth: per-lead plain metrics
 * (SNR, NRMSE, Pearson r), the 2024 challenge SNR and the 2025 Kaggle
 * score, summaries overall / per group / per lead, the worst images and
 * the robustness curves. Pure: does no I/O and leaves its inputs unchanged.
 *
 * @param pairs Truth and prediction records with their metadata.
 * @param options See {@linkcode EvaluateOptions}.
 *
 * @example
 * ```ts
 * import { evaluate } from "./evaluate.ts";
 * const truth = {
 *   name: "x", source: "", comments: [], sampleRateHz: 100, leadNames: ["I", "II"],
 *   signals: [0, 1].map((k) => Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 5 + k))),
 * };
 * const report = await evaluate([{ id: "x", truth, prediction: truth, groups: { layout: "12x1" } }]);
 * console.assert(report.summary.overall.kaggleScoreDb.toFixed(2) === "25.84");
 * console.assert(report.summary.groups.layout!["12x1"]!.images === 1);
 * ```
 */
export async function evaluate(
  pairs: readonly EvaluationPair[],
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const resolved = resolveEvaluateOptions(options);
  const images: ImageResult[] = [];
  for (const pair of pairs) {
    images.push(scoreImage(pair, resolved));
    await Promise.resolve(); // yield between images
  }
  return buildReport(images, resolved);
}

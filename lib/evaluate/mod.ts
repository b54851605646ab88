/**
 * Evaluation stage: score digitized ECG signals against ground truth with
 * the plain per-lead metrics (SNR, NRMSE, Pearson r), the PhysioNet
 * Challenge 2024 score and the 2025 Kaggle score, summarise them overall
 * and per group, find the worst cases, build robustness curves, and make
 * the plots and the HTML report. See `docs/evaluate.md`.
 *
 * @example
 * ```ts
 * import { evaluate } from "./mod.ts";
 * const truth = {
 *   name: "x", source: "", comments: [], sampleRateHz: 500, leadNames: ["II"],
 *   signals: [Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i / 40))],
 * };
 * const report = await evaluate([{ id: "x", truth, prediction: truth }], { challenge2024: false });
 * console.assert(report.images[0]!.kaggleRatio === 384);
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export type { EcgRecord } from "../records/types.ts";
export {
  buildReport,
  evaluate,
  EVALUATE_DEFAULTS,
  MAX_PREDICTION_DURATION_RATIO,
  resolveEvaluateOptions,
  scoreImage,
} from "./evaluate.ts";
export { leadTitle, type PlainLeadMetrics, plainLeadMetrics } from "./lead_metrics.ts";
export {
  align2024,
  type Alignment2024,
  challenge2024Lead,
  CHALLENGE_2024_LEVELS,
  CHALLENGE_2024_MAX_OFFSET_MV,
  type Snr2024,
  snr2024,
} from "./challenge_2024.ts";
export {
  alignKaggle,
  KAGGLE_MAX_TIME_SHIFT_S,
  KAGGLE_PERFECT_RATIO,
  type KaggleAlignment,
  kaggleImageRatio,
  kaggleLead,
  kaggleRatio,
  kaggleScoreDb,
} from "./kaggle_2025.ts";
export { predictionOnTruthGrid, resampleLinear } from "./resample.ts";
export { type GroundTruthMeta, groundTruthMeta, predictionSampleRate } from "./ground_truth.ts";
export {
  type InferredSampleRate,
  inferSampleRate,
  type InferSampleRateOptions,
  isPlausibleRate,
  PLAUSIBLE_RATE_RANGE_HZ,
} from "./prediction_rate.ts";
export { summarise, summariseGroups, summariseLeads, worstCases } from "./summary.ts";
export { robustnessCurves } from "./robustness.ts";
export {
  ROBUSTNESS_SELECTION_DEFAULTS,
  type RobustnessSelection,
  type RobustnessSelectionOptions,
  selectRobustness,
} from "./robustness_selection.ts";
export { pairByStem, type Pairing, type StemFiles } from "./pairing.ts";
export { evaluationFiles, type EvaluationFilesOptions } from "./outputs.ts";
export {
  csvNumber,
  csvText,
  imagesCsv,
  metricsCsv,
  type NonFiniteReason,
  robustnessCsv,
  summaryJson,
  toJson,
} from "./tables.ts";
export {
  groupDistributionSpec,
  leadBoxSpec,
  leadFigureSpec,
  robustnessSpec,
  type VegaLiteSpec,
} from "./plots.ts";
export { renderSvg, svgDataUri } from "./render.ts";
export {
  escapeHtml,
  type ReportFigure,
  reportHtml,
  type ReportHtmlOptions,
} from "./report_html.ts";

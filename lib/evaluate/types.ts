/**
 * Data shapes of the evaluation stage: what goes in (pairs of parsed
 * records plus their metadata) and what comes out (per-lead and per-image
 * metrics, summary, worst cases, robustness curves).
 *
 * Conventions used throughout:
 * - Shifts are in samples at the truth's rate; **positive = the prediction
 *   lags the truth** (it was moved earlier by that many samples to align).
 * - Offsets are in mV and were **subtracted from the prediction**.
 * - Non-finite metric values are kept as numbers in memory (`NaN` = not
 *   defined, `±Infinity` = perfect / degenerate, as the official code gives).
 *
 * @module
 */
import type { EcgRecord } from "../records/types.ts";

/** One image to score: its ground truth and the digitizer's output. */
export interface EvaluationPair {
  /** Image stem, e.g. `"E07500-0"`. */
  readonly id: string;
  /** Ground-truth signal table, at the record's own rate (NaN where not shown). */
  readonly truth: EcgRecord;
  /**
   * Digitizer output, at any rate (it is resampled to the truth's rate), or
   * `null` when the digitizer wrote nothing: every lead then scores as a
   * missing lead.
   */
  readonly prediction: EcgRecord | null;
  /** Group fields, e.g. `{ preset: "0001", layout: "3x4", imageType: "png" }`. */
  readonly groups?: Readonly<Record<string, string>>;
  /** Distortion parameters, e.g. `{ "rotate.angle_deg": 3.5, "rotate": 1 }`. */
  readonly distortions?: Readonly<Record<string, number>>;
  /** Notes carried to the image's warnings (e.g. an assumed sample rate). */
  readonly notes?: readonly string[];
}

/** Outcome of the 2024 challenge alignment and SNR for one lead. */
export interface Challenge2024Lead {
  /** The lead's SNR in dB exactly as the 2024 code gives it (NaN, ±Infinity possible). */
  readonly snrDb: number;
  /** Estimated delay of the prediction in samples, or `null` when not estimated. */
  readonly shiftSamples: number | null;
  /** Estimated offset in mV (a multiple of the quantisation step), or `null`. */
  readonly offsetMv: number | null;
  /** Whether the shift and offset were inside the windows and so applied. */
  readonly applied: boolean;
}

/** Outcome of the 2025 Kaggle alignment for one lead. */
export interface KaggleLead {
  /** Σ truth² over the lead's shown samples. */
  readonly signalPower: number;
  /** Σ (truth − aligned prediction)², NaN samples counted as 0 mV. */
  readonly noisePower: number;
  /** Delay removed, in samples (|shift| ≤ ⌊0.2·fs⌋). */
  readonly shiftSamples: number;
  /** Offset removed, in mV. */
  readonly offsetMv: number;
}

/** Why a lead has no plain metrics. */
export type LeadStatus =
  | "scored"
  /** The prediction has no column for this lead. */
  | "missing"
  /** The prediction column has no finite sample where the truth has one. */
  | "empty"
  /** The truth has no finite sample for this lead. */
  | "no-truth";

/** Every metric for one lead of one image. */
export interface LeadResult {
  /** Standard lead name. */
  readonly lead: string;
  /** Whether the lead could be compared, and if not why. */
  readonly status: LeadStatus;
  /** Plain SNR in dB over the samples finite in both, without alignment. */
  readonly snrDb: number;
  /** Plain RMSE as a percentage of the truth's range over those samples. */
  readonly nrmsePercent: number;
  /** Pearson correlation over those samples. */
  readonly pearsonR: number;
  /** Number of samples finite in both. */
  readonly comparedSamples: number;
  /** Fraction of the truth's finite samples that the prediction covers. */
  readonly coverage: number;
  /** The 2024 challenge per-lead SNR, or `null` when it was not computed. */
  readonly challenge2024: Challenge2024Lead | null;
  /** The Kaggle per-lead powers, or `null` when the truth lead is empty. */
  readonly kaggle: KaggleLead | null;
}

/** Every metric for one image. */
export interface ImageResult {
  /** Image stem. */
  readonly id: string;
  /** Group fields (`preset`, `layout`, `imageType`, …). */
  readonly groups: Readonly<Record<string, string>>;
  /** Distortion parameters; `null` when the pair carried none (not even an empty list). */
  readonly distortions: Readonly<Record<string, number>> | null;
  /** One entry per truth lead, in standard order. */
  readonly leads: readonly LeadResult[];
  /** Kaggle per-image ratio: Σ signal / Σ noise over the leads, capped at 384. */
  readonly kaggleRatio: number;
  /** `10·log10(kaggleRatio)` (−Infinity for a ratio of 0). */
  readonly kaggleDb: number;
  /** Mean of the finite-or-infinite per-lead 2024 SNRs (NaN-skipping, like `np.nanmean`). */
  readonly challenge2024SnrDb: number;
  /** Mean of the finite per-lead plain SNRs. */
  readonly meanSnrDb: number;
  /** Messages about this image (missing leads, assumed rates, …). */
  readonly warnings: readonly string[];
  /**
   * Present when the prediction has columns but none of them is one of the
   * 12 standard leads (e.g. a CSV whose header is `ch1,ch2,…`): the file (the
   * prediction record's `source`, else the image id) and its column names.
   * `buildReport` turns each into a run-level warning.
   */
  readonly unrecognisedPrediction?: {
    readonly file: string;
    readonly columns: readonly string[];
  };
}

/** Aggregate scores over a set of images. */
export interface ScoreSummary {
  /** Images summarised. */
  readonly images: number;
  /** Leads with a truth (every status but `no-truth`). */
  readonly leads: number;
  /** The Kaggle leaderboard score: `max(10·log10(mean ratio), −384)`. */
  readonly kaggleScoreDb: number;
  /** The 2024 challenge score: `np.nanmean` over every (image, lead) SNR. */
  readonly challenge2024SnrDb: number;
  /** Mean / median of the plain per-lead SNRs (dB; NaN skipped, ±Infinity kept). */
  readonly meanSnrDb: number;
  /** Median of the plain per-lead SNRs (dB). */
  readonly medianSnrDb: number;
  /** Mean of the finite per-lead NRMSE (%). */
  readonly meanNrmsePercent: number;
  /** Mean of the finite per-lead Pearson r. */
  readonly meanPearsonR: number;
  /** Leads that were missing or empty in the prediction. */
  readonly missingLeads: number;
}

/** One row of a robustness curve: images whose parameter falls in a bin. */
export interface RobustnessRow {
  /** Curve name: `<augmentation>.<param>` or `<augmentation>` (presence/count). */
  readonly curve: string;
  /** 0-based bin index along the parameter. */
  readonly bin: number;
  /** Lowest parameter value in the bin. */
  readonly lo: number;
  /** Highest parameter value in the bin. */
  readonly hi: number;
  /** Mean parameter value in the bin (the x of the curve). */
  readonly x: number;
  /** Scores of the bin's images. */
  readonly scores: ScoreSummary;
  /**
   * 95 % percentile-bootstrap intervals `[lo, hi]` (dB) of the bin's Kaggle
   * score and 2024 SNR: 1000 resamples of the bin's images with
   * replacement, from a fixed seed (NaN bounds when undefined, ±Infinity
   * possible for the 2024 SNR).
   */
  readonly bands: {
    readonly kaggleScoreDb: readonly [number, number];
    readonly challenge2024SnrDb: readonly [number, number];
  };
}

/** One of the worst-scoring images. */
export interface WorstCase {
  /** 1 = worst. */
  readonly rank: number;
  /** Image stem. */
  readonly id: string;
  /** Its Kaggle per-image dB. */
  readonly kaggleDb: number;
  /** Its mean 2024 SNR. */
  readonly challenge2024SnrDb: number;
  /** Its mean plain SNR. */
  readonly meanSnrDb: number;
  /** Its group fields. */
  readonly groups: Readonly<Record<string, string>>;
}

/** Everything {@linkcode evaluate} returns. */
export interface EvaluationReport {
  /** Every scored image, in input order. */
  readonly images: readonly ImageResult[];
  /** Aggregates. */
  readonly summary: {
    /** Over every image. */
    readonly overall: ScoreSummary;
    /** group field → group value → summary. */
    readonly groups: Readonly<Record<string, Readonly<Record<string, ScoreSummary>>>>;
    /** lead → summary over that lead only. */
    readonly leads: Readonly<Record<string, ScoreSummary>>;
  };
  /** The worst images, worst first. */
  readonly worst: readonly WorstCase[];
  /** Robustness curves, by curve name then bin. */
  readonly robustness: readonly RobustnessRow[];
  /** The options in force, after defaults. */
  readonly options: Readonly<Required<EvaluateOptions>>;
  /** Messages about the whole run (duplicate ids, no images, caller's notes). */
  readonly warnings: readonly string[];
}

/** Options for {@linkcode evaluate}. */
export interface EvaluateOptions {
  /** How many worst images to list. @default 10 */
  worstCount?: number;
  /**
   * Compute the 2024 challenge SNR (its 2-D alignment costs about 0.1–0.2 s
   * per 10 s lead at 500 Hz). When false, those fields are `null`/NaN.
   * @default true
   */
  challenge2024?: boolean;
  /** Most bins per robustness curve (equal-count bins). @default 5 */
  robustnessBins?: number;
}

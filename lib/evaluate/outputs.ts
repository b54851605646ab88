/**
 * Every output file of `deno task evaluate`, as text, from a report (pure:
 * the caller writes them).
 *
 * @module
 */
import type { EcgRecord } from "../records/types.ts";
import { groupDistributionSpec, leadBoxSpec, leadFigureSpec, robustnessSpec } from "./plots.ts";
import { renderSvg } from "./render.ts";
import { reportHtml } from "./report_html.ts";
import { type RobustnessSelectionOptions, selectRobustness } from "./robustness_selection.ts";
import { predictionOnTruthGrid } from "./resample.ts";
import { imagesCsv, metricsCsv, robustnessCsv, summaryJson, toJson } from "./tables.ts";
import type { EvaluationReport } from "./types.ts";

/** Extra inputs of {@linkcode evaluationFiles}. */
export interface EvaluationFilesOptions {
  /** Merged into `summary.json` (inputs, sample rates, unpaired files…). @default {} */
  extra?: Record<string, unknown>;
  /** Lines under the report's title. @default [] */
  notes?: readonly string[];
  /**
   * Signals of the worst images by id, for their 12-lead figures; a worst
   * image without an entry gets no figure. @default {}
   */
  worstSignals?: Readonly<Record<string, { truth: EcgRecord; prediction: EcgRecord | null }>>;
  /** Which robustness curves the report shows (`robustness.svg` has all). @default {} */
  robustness?: RobustnessSelectionOptions;
}

/**
 * The stage's output files, path (relative to the output folder) → text:
 * `metrics.csv`, `images.csv`, `robustness.csv`, `summary.json`,
 * `worst.json`, `snr_by_group.svg`, `snr_by_lead.svg`, `robustness.svg`
 * (every curve, when there are curves), `worst/<rank>-<id>.svg` and
 * `report.html` (whose Robustness section shows only the curves with enough
 * data: `selectRobustness`).
 *
 * @example
 * ```ts
 * import { evaluationFiles } from "./outputs.ts";
 * import { evaluate } from "./evaluate.ts";
 * const files = await evaluationFiles(await evaluate([]));
 * console.assert("report.html" in files && "metrics.csv" in files);
 * ```
 */
export async function evaluationFiles(
  report: EvaluationReport,
  options: EvaluationFilesOptions = {},
): Promise<Record<string, string>> {
  const { extra = {}, notes = [], worstSignals = {}, robustness = {} } = options;
  const images = report.images;
  const byId = new Map(images.map((i) => [i.id, i]));
  const files: Record<string, string> = {
    "metrics.csv": metricsCsv(images),
    "images.csv": imagesCsv(images),
    "robustness.csv": robustnessCsv(report.robustness),
    "summary.json": summaryJson(report, extra),
    "worst.json": toJson(report.worst.map((w) => ({ ...w, image: byId.get(w.id) }))) + "\n",
  };
  const plots = [
    {
      title: "Per-image Kaggle score by group",
      file: "snr_by_group.svg",
      spec: groupDistributionSpec(images),
    },
    { title: "Plain SNR per lead", file: "snr_by_lead.svg", spec: leadBoxSpec(images) },
  ];
  const figures = [];
  for (const plot of plots) {
    const svg = await renderSvg(plot.spec);
    files[plot.file] = svg;
    figures.push({ title: plot.title, svg });
  }
  // Every curve goes to robustness.svg; the report shows those with enough data.
  if (report.robustness.length > 0) {
    files["robustness.svg"] = await renderSvg(robustnessSpec(report.robustness));
  }
  const shown = selectRobustness(report.robustness, robustness).shown;
  const robustnessFigure = shown.length > 0 ? await renderSvg(robustnessSpec(shown)) : undefined;
  const worstFigures: Record<string, string> = {};
  for (const w of report.worst) {
    const signals = worstSignals[w.id], image = byId.get(w.id);
    if (signals === undefined || image === undefined) continue;
    const grid = predictionOnTruthGrid(signals.truth, signals.prediction);
    const svg = await renderSvg(leadFigureSpec(image, signals.truth, grid));
    worstFigures[w.id] = svg;
    files[`worst/${w.rank}-${w.id.replace(/[\\/]/g, "_")}.svg`] = svg;
  }
  files["report.html"] = reportHtml(report, {
    notes,
    plots: figures,
    worstFigures,
    robustness,
    ...(robustnessFigure === undefined ? {} : { robustnessFigure }),
  });
  return files;
}

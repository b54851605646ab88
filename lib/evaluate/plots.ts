/**
 * Vega-Lite specifications of the evaluation plots (pure: data in, spec
 * out; render them with {@linkcode renderSvg}): the score distribution per
 * group, per-lead box plots, robustness curves, and the 12-lead truth vs
 * prediction figure of one image with the per-lead titles.
 *
 * Non-finite values (a perfect lead's +Infinity SNR, NaN) cannot be drawn
 * and are left out; the subtitles say how many.
 *
 * @module
 */
import type { EcgRecord } from "../records/types.ts";
import { leadTitle } from "./lead_metrics.ts";
import type { ImageResult, RobustnessRow } from "./types.ts";

/** A Vega-Lite specification (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const CONFIG = {
  font: "DejaVu Sans, Arial, sans-serif",
  background: "white",
  view: { stroke: "#ccc" },
};
/** Page order of a 3x4 printout, used to arrange the 12-lead figure. */
const PAGE_ORDER = ["I", "aVR", "V1", "V4", "II", "aVL", "V2", "V5", "III", "aVF", "V3", "V6"];
const LEAD_ORDER = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

const dropped = (
  n: number,
) => (n > 0 ? ` (${n} non-finite value${n > 1 ? "s" : ""} not shown)` : "");

/**
 * Per-image Kaggle score (dB) per group value, one box plot per group
 * field (all images as one group when no image has group fields).
 *
 * @example
 * ```ts
 * import { groupDistributionSpec } from "./plots.ts";
 * const spec = groupDistributionSpec([]);
 * console.assert(Array.isArray(spec.concat));
 * ```
 */
export function groupDistributionSpec(images: readonly ImageResult[]): VegaLiteSpec {
  const fields = [...new Set(images.flatMap((i) => Object.keys(i.groups)))].sort();
  const panels = (fields.length > 0 ? fields : ["all"]).map((field) => {
    const values = images
      .map((i) => ({ group: field === "all" ? "all" : i.groups[field], score: i.kaggleDb }))
      .filter((d) => d.group !== undefined);
    const finite = values.filter((d) => Number.isFinite(d.score));
    return {
      title: {
        text: `Per-image Kaggle score by ${field}`,
        subtitle: `n = ${finite.length}${dropped(values.length - finite.length)}`,
      },
      data: { values: finite },
      width: { step: 60 },
      height: 220,
      layer: [
        { mark: { type: "boxplot", extent: "min-max", size: 28 } },
        { mark: { type: "point", filled: true, opacity: 0.5, size: 20, color: "#333" } },
      ],
      encoding: {
        x: { field: "group", type: "nominal", title: field, sort: "ascending" },
        y: { field: "score", type: "quantitative", title: "Kaggle score per image (dB)" },
      },
    };
  });
  return { $schema: SCHEMA, config: CONFIG, concat: panels, columns: 3 };
}

/**
 * Box plots of the plain per-lead SNR (dB) over images, one box per lead.
 *
 * @example
 * ```ts
 * import { leadBoxSpec } from "./plots.ts";
 * console.assert(leadBoxSpec([]).mark !== undefined);
 * ```
 */
export function leadBoxSpec(images: readonly ImageResult[]): VegaLiteSpec {
  const all = images.flatMap((i) =>
    i.leads.filter((l) => l.status !== "no-truth").map((l) => ({ lead: l.lead, snr: l.snrDb }))
  );
  const values = all.filter((d) => Number.isFinite(d.snr));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: "Plain SNR per lead",
      subtitle: `${values.length} leads${dropped(all.length - values.length)}`,
    },
    data: { values },
    width: { step: 48 },
    height: 260,
    mark: { type: "boxplot", extent: 1.5, size: 24 },
    encoding: {
      x: { field: "lead", type: "nominal", sort: LEAD_ORDER, title: "lead" },
      y: { field: "snr", type: "quantitative", title: "SNR (dB)" },
    },
  };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Robustness curves: Kaggle score and 2024 SNR per bin against the
 * parameter, one panel per curve, with each bin's 95 % bootstrap band
 * shaded and its number of images written along the top.
 *
 * @example
 * ```ts
 * import { robustnessSpec } from "./plots.ts";
 * console.assert(robustnessSpec([]).facet !== undefined);
 * ```
 */
export function robustnessSpec(rows: readonly RobustnessRow[]): VegaLiteSpec {
  const all = rows.flatMap((r) => [
    {
      curve: r.curve,
      x: r.x,
      n: r.scores.images,
      measure: "Kaggle score (dB)",
      value: r.scores.kaggleScoreDb,
      lo: finiteOrNull(r.bands.kaggleScoreDb[0]),
      hi: finiteOrNull(r.bands.kaggleScoreDb[1]),
    },
    {
      curve: r.curve,
      x: r.x,
      n: r.scores.images,
      measure: "2024 SNR (dB)",
      value: r.scores.challenge2024SnrDb,
      lo: finiteOrNull(r.bands.challenge2024SnrDb[0]),
      hi: finiteOrNull(r.bands.challenge2024SnrDb[1]),
    },
  ]);
  const values = all.filter((d) => Number.isFinite(d.value));
  const color = { field: "measure", type: "nominal", title: null, legend: { orient: "top" } };
  const x = { field: "x", type: "quantitative", title: "parameter value", scale: { zero: false } };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: "Scores against distortion parameters",
      subtitle: `per bin of images; shaded: 95% bootstrap band; n = images per bin${
        dropped(all.length - values.length)
      }`,
    },
    data: { values },
    facet: {
      field: "curve",
      type: "nominal",
      title: null,
      header: { labelFontSize: 12, labelLimit: 300 },
    },
    columns: 3,
    resolve: { scale: { x: "independent" } },
    spec: {
      width: 240,
      height: 150,
      layer: [
        {
          transform: [{ filter: "datum.lo != null && datum.hi != null" }],
          mark: { type: "area", opacity: 0.18 },
          encoding: {
            x,
            y: { field: "lo", type: "quantitative", title: "dB" },
            y2: { field: "hi" },
            color,
          },
        },
        {
          mark: { type: "line" },
          encoding: { x, y: { field: "value", type: "quantitative" }, color },
        },
        {
          mark: { type: "point", filled: true },
          encoding: { x, y: { field: "value", type: "quantitative" }, color },
        },
        {
          transform: [
            { filter: { field: "measure", equal: "Kaggle score (dB)" } },
            { calculate: "'n=' + datum.n", as: "label" },
          ],
          mark: { type: "text", fontSize: 9, color: "#555", baseline: "top" },
          encoding: { x, y: { value: 2 }, text: { field: "label", type: "nominal" } },
        },
      ],
    },
  };
}

/** Min/max decimation: at most 2 points per bucket, segments split at NaN. */
function decimate(
  signal: Float64Array,
  rateHz: number,
  buckets: number,
): { t: number; v: number; seg: number }[] {
  const out: { t: number; v: number; seg: number }[] = [];
  const size = Math.max(1, Math.ceil(signal.length / buckets));
  let seg = 0, gap = true;
  for (let start = 0; start < signal.length; start += size) {
    let lo = -1, hi = -1;
    for (let i = start; i < Math.min(signal.length, start + size); i++) {
      const v = signal[i]!;
      if (!Number.isFinite(v)) {
        if (lo >= 0) push(lo, hi);
        lo = hi = -1;
        if (!gap) seg++;
        gap = true;
        continue;
      }
      gap = false;
      if (lo < 0 || v < signal[lo]!) lo = i;
      if (hi < 0 || v > signal[hi]!) hi = i;
    }
    if (lo >= 0) push(lo, hi);
  }
  return out;
  function push(a: number, b: number) {
    for (const i of a === b ? [a] : a < b ? [a, b] : [b, a]) {
      out.push({ t: Number((i / rateHz).toFixed(4)), v: Number(signal[i]!.toFixed(4)), seg });
    }
  }
}

/**
 * The 12-lead truth (black) vs prediction (red) figure of one image,
 * arranged as a 3x4 page, each panel titled
 * `Lead V2 (SNR = 12.8 dB, NRMSE = 2.87%, r = 0.974)`.
 *
 * @param image The image's results (for the titles).
 * @param truth Its truth record.
 * @param prediction Prediction leads on the truth's grid, in the truth's
 *   lead order (see `predictionOnTruthGrid`); `null` = missing.
 * @param buckets Time buckets per lead for min/max decimation. @default 500
 *
 * @example
 * ```ts
 * import { leadFigureSpec } from "./plots.ts";
 * import { scoreImage } from "./evaluate.ts";
 * const truth = {
 *   name: "x", source: "", comments: [], sampleRateHz: 100, leadNames: ["V2"],
 *   signals: [Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 5))],
 * };
 * const spec = leadFigureSpec(scoreImage({ id: "x", truth, prediction: truth }), truth, truth.signals);
 * console.assert(JSON.stringify(spec).includes("Lead V2 (SNR = ∞ dB, NRMSE = 0.00%, r = 1.000)"));
 * ```
 */
export function leadFigureSpec(
  image: ImageResult,
  truth: EcgRecord,
  prediction: readonly (Float64Array | null)[],
  buckets = 500,
): VegaLiteSpec {
  const titles = new Map(image.leads.map((l) => [l.lead, leadTitle(l.lead, l)]));
  const values: Record<string, unknown>[] = [];
  truth.leadNames.forEach((name, i) => {
    const title = titles.get(name);
    if (title === undefined) return;
    for (const p of decimate(truth.signals[i]!, truth.sampleRateHz, buckets)) {
      values.push({ title, series: "truth", ...p });
    }
    const est = prediction[i];
    if (est) {
      for (const p of decimate(est, truth.sampleRateHz, buckets)) {
        values.push({ title, series: "prediction", ...p, seg: p.seg + 1e6 });
      }
    }
  });
  const order = PAGE_ORDER.filter((l) => titles.has(l)).map((l) => titles.get(l)!);
  const c24 = Number.isFinite(image.challenge2024SnrDb) || image.challenge2024SnrDb === Infinity
    ? `, 2024 SNR ${
      image.challenge2024SnrDb === Infinity ? "∞" : image.challenge2024SnrDb.toFixed(1)
    } dB`
    : "";
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: image.id,
      subtitle: `Kaggle ${
        Number.isFinite(image.kaggleDb) ? image.kaggleDb.toFixed(2) : "−∞"
      } dB${c24}`,
    },
    data: { values },
    facet: {
      field: "title",
      type: "nominal",
      sort: order,
      title: null,
      header: { labelFontSize: 11, labelLimit: 0 },
    },
    columns: 4,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 300,
      height: 120,
      encoding: {
        x: {
          field: "t",
          type: "quantitative",
          title: "time (s)",
          scale: { domain: [0, truth.signals[0]!.length / truth.sampleRateHz], nice: false },
        },
        y: { field: "v", type: "quantitative", title: "mV", scale: { zero: false } },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: ["truth", "prediction"], range: ["#111111", "#d62728"] },
          legend: { orient: "top", title: null },
        },
        detail: { field: "seg", type: "nominal" },
      },
      // Prediction first, truth drawn over it.
      layer: ["prediction", "truth"].map((series) => ({
        transform: [{ filter: { field: "series", equal: series } }],
        mark: {
          type: "line",
          clip: true,
          strokeWidth: series === "truth" ? 0.9 : 1.1,
          opacity: series === "truth" ? 1 : 0.8,
        },
      })),
    },
  };
}

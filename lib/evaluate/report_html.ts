/**
 * The self-contained HTML report (`report.html`): a table of contents, the
 * run's warnings, summary tables, the plots, the robustness curves that have
 * enough data (with n and bands) and the worst cases on one page, with every figure inlined as a
 * `data:` URI so the file can be mailed or archived alone.
 *
 * @module
 */
import { BOOTSTRAP } from "./_bootstrap.ts";
import { svgDataUri } from "./render.ts";
import { type RobustnessSelectionOptions, selectRobustness } from "./robustness_selection.ts";
import type { EvaluationReport, RobustnessRow, ScoreSummary } from "./types.ts";

/** A figure to place on the page. */
export interface ReportFigure {
  /** Caption. */
  readonly title: string;
  /** The SVG document. */
  readonly svg: string;
}

/** Inputs of {@linkcode reportHtml} besides the report. */
export interface ReportHtmlOptions {
  /** Page title. @default "ECG digitization evaluation" */
  title?: string;
  /** Lines shown under the title (folders, assumed rates, …). @default [] */
  notes?: readonly string[];
  /** Overview plots (distribution per group, per-lead boxes, robustness). @default [] */
  plots?: readonly ReportFigure[];
  /** Worst-case 12-lead figures by image id. @default {} */
  worstFigures?: Readonly<Record<string, string>>;
  /**
   * SVG of the robustness curves that have enough data (`robustnessSpec`
   * of `selectRobustness(report.robustness, robustness).shown`), shown in
   * the Robustness section. @default undefined (no figure)
   */
  robustnessFigure?: string;
  /** Which robustness curves and bins the Robustness section shows. @default {} */
  robustness?: RobustnessSelectionOptions;
}

/** Escape text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (v: number, digits = 2) =>
  Number.isNaN(v) ? "–" : Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? "∞" : "−∞";

const HEAD = [
  "images",
  "leads",
  "Kaggle score (dB)",
  "2024 SNR (dB)",
  "mean SNR (dB)",
  "median SNR (dB)",
  "NRMSE (%)",
  "r",
  "missing leads",
];

function summaryRow(label: string, s: ScoreSummary): string {
  const cells = [
    String(s.images),
    String(s.leads),
    num(s.kaggleScoreDb),
    num(s.challenge2024SnrDb),
    num(s.meanSnrDb),
    num(s.medianSnrDb),
    num(s.meanNrmsePercent),
    num(s.meanPearsonR, 3),
    String(s.missingLeads),
  ];
  return `<tr><th>${escapeHtml(label)}</th>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

function table(first: string, rows: string[]): string {
  return `<table><thead><tr><th>${escapeHtml(first)}</th>${
    HEAD.map((h) => `<th>${h}</th>`).join("")
  }</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

const figure = (f: ReportFigure) =>
  `<figure><img alt="${escapeHtml(f.title)}" src="${svgDataUri(f.svg)}"><figcaption>${
    escapeHtml(f.title)
  }</figcaption></figure>`;

const STYLE =
  `body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#111;max-width:1400px}
h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th:first-child{text-align:left}thead th{background:#f0f0f0}figure{margin:12px 0}img{max-width:100%;height:auto}
figcaption{font-size:12px;color:#555}.notes{color:#444;font-size:13px}.warn{color:#8a3b00;font-size:13px}
dl{font-size:13px}dt{font-weight:bold;margin-top:6px}nav{font-size:14px}nav li{margin:2px 0}
.alert{border:1px solid #d9a066;background:#fff6ec;padding:4px 12px;margin:12px 0}`;

const SECTIONS = [
  ["summary", "Summary"],
  ["leads", "Per lead"],
  ["plots", "Plots"],
  ["robustness", "Robustness"],
  ["worst", "Worst cases"],
  ["warnings", "Warnings"],
] as const;

const heading = (id: (typeof SECTIONS)[number][0]) =>
  `<h2 id="${id}">${SECTIONS.find(([key]) => key === id)![1]}</h2>`;

const range = (r: RobustnessRow) =>
  r.lo === r.hi
    ? String(Number(r.lo.toPrecision(3)))
    : `${Number(r.lo.toPrecision(3))} – ${Number(r.hi.toPrecision(3))}`;

const band = ([lo, hi]: readonly [number, number]) =>
  Number.isNaN(lo) && Number.isNaN(hi) ? "–" : `${num(lo)} … ${num(hi)}`;

/** The Robustness section: curves with enough images per bin, n and bands. */
function robustnessSection(
  report: EvaluationReport,
  figureSvg: string | undefined,
  options: RobustnessSelectionOptions,
): string {
  if (report.robustness.length === 0) {
    return "<p>No distortion parameters recorded (no augmentations in the ground truth).</p>";
  }
  const s = selectRobustness(report.robustness, options);
  const { minImagesPerBin: n, minBins } = s.options;
  const parts = [
    `<p class="notes">Scores per bin of images along each distortion parameter (at most ${report.options.robustnessBins} bins of nearly equal count). Shown: parameters with at least ${minBins} bins of ≥ ${n} images each, and of those only the bins with ≥ ${n} images${
      s.droppedBins > 0 ? ` (${s.droppedBins} sparser bin(s) left out)` : ""
    }. Band: ${
      BOOTSTRAP.level * 100
    }% percentile bootstrap over the bin's images (${BOOTSTRAP.resamples} resamples, fixed seed). All bins are in robustness.csv and robustness.svg.</p>`,
  ];
  if (s.shown.length === 0) {
    parts.push(`<p>No parameter has enough data to show.</p>`);
  } else {
    if (figureSvg !== undefined) {
      parts.push(figure({ title: "Robustness curves with enough data", svg: figureSvg }));
    }
    const rows = s.shown.map((r) =>
      `<tr><th>${escapeHtml(r.curve)}</th><td>${range(r)}</td><td>${r.scores.images}</td><td>${
        num(r.scores.kaggleScoreDb)
      }</td><td>${band(r.bands.kaggleScoreDb)}</td><td>${
        num(r.scores.challenge2024SnrDb)
      }</td><td>${band(r.bands.challenge2024SnrDb)}</td></tr>`
    );
    parts.push(
      `<table class="robustness"><thead><tr><th>parameter</th><th>values</th><th>n (images)</th><th>Kaggle score (dB)</th><th>95% band</th><th>2024 SNR (dB)</th><th>95% band</th></tr></thead><tbody>${
        rows.join("")
      }</tbody></table>`,
    );
  }
  if (s.omitted.length > 0) {
    parts.push(
      `<p class="notes">Not shown (fewer than ${minBins} bins of ≥ ${n} images): ${
        s.omitted.map((o) => `${escapeHtml(o.curve)} (n per bin: ${o.imagesPerBin.join(", ")})`)
          .join("; ")
      }.</p>`,
    );
  }
  return parts.join("\n");
}

/**
 * Build `report.html`.
 *
 * @example
 * ```ts
 * import { reportHtml } from "./report_html.ts";
 * import { evaluate } from "./evaluate.ts";
 * const html = reportHtml(await evaluate([]), { notes: ["no images"] });
 * console.assert(html.startsWith("<!DOCTYPE html>") && html.includes("no images"));
 * ```
 */
export function reportHtml(report: EvaluationReport, options: ReportHtmlOptions = {}): string {
  const {
    title = "ECG digitization evaluation",
    notes = [],
    plots = [],
    worstFigures = {},
    robustnessFigure,
    robustness = {},
  } = options;
  const { overall, groups, leads } = report.summary;
  const groupRows = Object.entries(groups).flatMap(([field, byValue]) =>
    Object.entries(byValue).map(([value, s]) => summaryRow(`${field} = ${value}`, s))
  );
  const leadRows = Object.entries(leads).map(([lead, s]) => summaryRow(lead, s));
  const worst = report.worst.map((w) => {
    const fig = worstFigures[w.id];
    const groupsText = Object.entries(w.groups).map(([k, v]) => `${k} ${v}`).join(", ");
    return `<h3>${w.rank}. ${escapeHtml(w.id)}</h3><p class="notes">Kaggle ${
      num(w.kaggleDb)
    } dB · 2024 SNR ${num(w.challenge2024SnrDb)} dB · mean SNR ${num(w.meanSnrDb)} dB${
      groupsText ? ` · ${escapeHtml(groupsText)}` : ""
    }</p>${fig ? figure({ title: `${w.id}: truth (black) vs prediction (red)`, svg: fig }) : ""}`;
  });
  const warnings = [
    ...report.warnings,
    ...report.images.flatMap((i) => i.warnings.map((w) => `${i.id}: ${w}`)),
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
${notes.map((n) => `<p class="notes">${escapeHtml(n)}</p>`).join("\n")}
<nav><ul>${
    SECTIONS.map(([id, name]) => `<li><a href="#${id}">${name}</a></li>`).join("")
  }</ul></nav>
${
    report.warnings.length
      ? `<div class="alert"><p class="warn"><b>Run warnings</b> (${report.warnings.length}; with the images' own in <a href="#warnings">Warnings</a>):</p><ul class="warn">${
        report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")
      }</ul></div>`
      : ""
  }
${heading("summary")}
${table("", [summaryRow("all images", overall), ...groupRows])}
<dl>
<dt>Kaggle score</dt><dd>PhysioNet 2025 Kaggle metric: per image, signal and error power summed over the leads after a shift of at most 0.2 s and offset removal; ratio capped at 384; ratios averaged over images, then 10·log10 (best 25.84 dB).</dd>
<dt>2024 SNR</dt><dd>PhysioNet Challenge 2024: per lead, 2-D alignment (shift ≤ 0.5 s, offset ≤ 1 mV), SNR over the samples present in both, times the fraction of the truth covered; mean over all (image, lead), NaN leads skipped, ∞ if any lead is perfect.</dd>
<dt>SNR, NRMSE, r</dt><dd>Plain per-lead metrics without alignment over the samples present in both; NRMSE in % of the truth's range.</dd>
</dl>
${heading("leads")}
${table("lead", leadRows)}
${heading("plots")}
${plots.map(figure).join("\n") || "<p>None.</p>"}
${heading("robustness")}
${robustnessSection(report, robustnessFigure, robustness)}
${heading("worst")}
${worst.join("\n") || "<p>None.</p>"}
${heading("warnings")}
${
    warnings.length
      ? `<ul class="warn">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`
      : "<p>None.</p>"
  }
</body></html>
`;
}

/**
 * The self-contained HTML report (`report.html`): summary tables, the
 * plots and the worst cases on one page, with every figure inlined as a
 * `data:` URI so the file can be mailed or archived alone.
 *
 * @module
 */
import { svgDataUri } from "./render.ts";
import type { EvaluationReport, ScoreSummary } from "./types.ts";

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
dl{font-size:13px}dt{font-weight:bold;margin-top:6px}`;

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
  const { title = "ECG digitization evaluation", notes = [], plots = [], worstFigures = {} } =
    options;
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
<h2>Summary</h2>
${table("", [summaryRow("all images", overall), ...groupRows])}
<dl>
<dt>Kaggle score</dt><dd>PhysioNet 2025 Kaggle metric: per image, signal and error power summed over the leads after a shift of at most 0.2 s and offset removal; ratio capped at 384; ratios averaged over images, then 10·log10 (best 25.84 dB).</dd>
<dt>2024 SNR</dt><dd>PhysioNet Challenge 2024: per lead, 2-D alignment (shift ≤ 0.5 s, offset ≤ 1 mV), SNR over the samples present in both, times the fraction of the truth covered; mean over all (image, lead), NaN leads skipped, ∞ if any lead is perfect.</dd>
<dt>SNR, NRMSE, r</dt><dd>Plain per-lead metrics without alignment over the samples present in both; NRMSE in % of the truth's range.</dd>
</dl>
<h2>Per lead</h2>
${table("lead", leadRows)}
<h2>Plots</h2>
${plots.map(figure).join("\n")}
<h2>Worst cases</h2>
${worst.join("\n") || "<p>None.</p>"}
<h2>Warnings</h2>
${
    warnings.length
      ? `<ul class="warn">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`
      : "<p>None.</p>"
  }
</body></html>
`;
}

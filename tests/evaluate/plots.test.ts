import assert from "node:assert/strict";
import { evaluate } from "../../lib/evaluate/evaluate.ts";
import { evaluationFiles } from "../../lib/evaluate/outputs.ts";
import {
  groupDistributionSpec,
  leadBoxSpec,
  leadFigureSpec,
  robustnessSpec,
} from "../../lib/evaluate/plots.ts";
import { renderSvg } from "../../lib/evaluate/render.ts";
import { predictionOnTruthGrid } from "../../lib/evaluate/resample.ts";
import type { EvaluationPair } from "../../lib/evaluate/types.ts";
import { addNoise, layout3x4, realRecord, withSignals } from "./_helpers.ts";

async function pairs(): Promise<EvaluationPair[]> {
  const truth = layout3x4(await realRecord("E07500"));
  return [8, 16].map((snr, k) => ({
    id: `E07500-${k}`,
    truth,
    prediction: withSignals(truth, truth.signals.map((s, i) => addNoise(s, snr, "plot", k, i))),
    groups: { preset: `000${k + 1}`, layout: "3x4" },
    distortions: { noise: 1, "noise.snr_db": snr },
  }));
}

Deno.test("leadFigureSpec() renders the 12 leads with their metric titles", async () => {
  const [pair] = await pairs();
  const report = await evaluate([pair!], { challenge2024: false });
  const image = report.images[0]!;
  const grid = predictionOnTruthGrid(pair!.truth, pair!.prediction);
  const svg = await renderSvg(leadFigureSpec(image, pair!.truth, grid));
  assert.ok(svg.startsWith("<svg"));
  for (const lead of image.leads) {
    const title = new RegExp(
      `Lead ${lead.lead} \\(SNR = -?\\d+\\.\\d dB, NRMSE = \\d+\\.\\d\\d%, r = -?\\d\\.\\d{3}\\)`,
    );
    assert.match(svg, title);
  }
  assert.ok(svg.includes(`SNR = ${image.leads[0]!.snrDb.toFixed(1)} dB`));
});

Deno.test("groupDistributionSpec(), leadBoxSpec() and robustnessSpec() render to SVG", async () => {
  const report = await evaluate(await pairs(), { challenge2024: false });
  for (
    const spec of [
      groupDistributionSpec(report.images),
      leadBoxSpec(report.images),
      robustnessSpec(report.robustness),
    ]
  ) {
    const svg = await renderSvg(spec);
    assert.ok(svg.startsWith("<svg") && svg.includes("</svg>"));
  }
  const groups = await renderSvg(groupDistributionSpec(report.images));
  assert.ok(groups.includes("by preset") && groups.includes("0002"));
});

Deno.test("evaluationFiles() makes every output, with a figure per worst case", async () => {
  const ps = await pairs();
  const report = await evaluate(ps, { worstCount: 1, challenge2024: false });
  const files = await evaluationFiles(report, {
    worstSignals: { [report.worst[0]!.id]: { truth: ps[0]!.truth, prediction: ps[0]!.prediction } },
  });
  assert.deepEqual(Object.keys(files).sort(), [
    "images.csv",
    "metrics.csv",
    "report.html",
    "robustness.csv",
    "robustness.svg",
    "snr_by_group.svg",
    "snr_by_lead.svg",
    "summary.json",
    "worst.json",
    "worst/1-E07500-0.svg",
  ]);
  assert.equal(JSON.parse(files["worst.json"]!)[0].id, "E07500-0");
  assert.ok(files["report.html"]!.includes("data:image/svg+xml;base64,"));
  assert.ok(!/(src|href)="https?:/.test(files["report.html"]!), "self-contained");
});

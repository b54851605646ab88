import assert from "node:assert/strict";
import { join } from "node:path";
import sharp from "sharp";
import { evaluate } from "../../lib/evaluate/evaluate.ts";
import { evaluationFiles } from "../../lib/evaluate/outputs.ts";
import { escapeHtml, reportHtml } from "../../lib/evaluate/report_html.ts";
import { robustnessCsv } from "../../lib/evaluate/tables.ts";
import type { EvaluationPair } from "../../lib/evaluate/types.ts";
import { addNoise, layout3x4, realRecord, withSignals, withTempDir } from "./_helpers.ts";

/** The headless browser, if installed (Debian package `chromium`). */
async function findChromium(): Promise<string | null> {
  for (
    const name of [Deno.env.get("CHROMIUM_BIN"), "chromium", "chromium-browser", "google-chrome"]
  ) {
    if (!name) continue;
    try {
      const { success } = await new Deno.Command(name, {
        args: ["--version"],
        stdout: "null",
        stderr: "null",
      })
        .output();
      if (success) return name;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

const chromium = await findChromium();
if (chromium === null) {
  console.warn("reportHtml() render test skipped: no chromium (Debian: apt-get install chromium)");
}

async function reportPairs(): Promise<EvaluationPair[]> {
  const truth = layout3x4(await realRecord("E07500"));
  return [6, 14, 22].map((snr, k) => ({
    id: `E07500-${k}`,
    truth,
    prediction: withSignals(truth, truth.signals.map((s, i) => addNoise(s, snr, "report", k, i))),
    groups: { preset: k === 2 ? "0003" : "0001", layout: "3x4" },
    distortions: { blur: k, "blur.sigma_px": k * 0.7 },
  }));
}

Deno.test("reportHtml() puts the summary, plots and worst cases on one self-contained page", async () => {
  const pairs = await reportPairs();
  const report = await evaluate(pairs, { worstCount: 2, challenge2024: false });
  const files = await evaluationFiles(report, {
    notes: ["note <1>"],
    worstSignals: Object.fromEntries(pairs.map((p) => [p.id, p])),
  });
  const html = files["report.html"]!;
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok(html.includes("note &#60;1&#62;"));
  assert.ok(html.includes("<th>preset = 0003</th>"));
  // Two overview plots and two worst cases; the robustness curves (one image
  // per bin) are too sparse for the report and only listed as omitted.
  assert.equal(html.match(/<img /g)!.length, 2 + 2);
  assert.match(html, /Not shown \(fewer than 3 bins of ≥ 5 images\): blur \(n per bin: 1, 1, 1\)/);
  for (const id of ["summary", "leads", "plots", "robustness", "worst", "warnings"]) {
    assert.ok(html.includes(`<a href="#${id}">`) && html.includes(`<h2 id="${id}">`), id);
  }
  assert.ok(html.includes("1. E07500-0") && html.includes("2. E07500-1"));
  assert.ok(!/(src|href)="(https?:|file:|\/)/.test(html), "no external resources");
  assert.equal(escapeHtml(`<a href="x">&'`), "&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
  assert.ok(reportHtml(await evaluate([])).includes("<p>None.</p>"));
});

Deno.test({
  name: "reportHtml() renders in headless Chromium",
  ignore: chromium === null,
  async fn() {
    const pairs = await reportPairs();
    const report = await evaluate(pairs, { worstCount: 2, challenge2024: false });
    const files = await evaluationFiles(report, {
      worstSignals: Object.fromEntries(pairs.map((p) => [p.id, p])),
    });
    await withTempDir(async (dir) => {
      const page = join(dir, "report.html"), shot = join(dir, "shot.png");
      await Deno.writeTextFile(page, files["report.html"]!);
      const { success, stderr } = await new Deno.Command(chromium!, {
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${join(dir, "profile")}`,
          `--screenshot=${shot}`,
          "--window-size=1200,2000",
          `file://${page}`,
        ],
        stdout: "null",
        stderr: "piped",
        signal: AbortSignal.timeout(90_000),
      }).output();
      assert.ok(success, new TextDecoder().decode(stderr));
      const image = sharp(await Deno.readFile(shot));
      const { width, height } = await image.metadata();
      assert.deepEqual([width, height], [1200, 2000]);
      const stats = await image.stats();
      // Not blank: the tables, text and plots give contrast and dark pixels.
      assert.ok(
        stats.channels.slice(0, 3).every((c) => c.stdev > 10),
        JSON.stringify(stats.channels),
      );
      assert.ok(stats.channels[0]!.min < 60);
      const { data, info } = await sharp(await Deno.readFile(shot)).greyscale().raw()
        .toBuffer({ resolveWithObject: true });
      let dark = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 128) dark++;
      assert.ok(dark > 0.005 * info.width * info.height, `${dark} dark pixels`);
    });
  },
});

Deno.test("reportHtml() shows only robustness curves with enough images, with n per bin and a band", async () => {
  const truth = layout3x4(await realRecord("E07500"));
  const pairs: EvaluationPair[] = Array.from({ length: 25 }, (_, k) => ({
    id: `E07500-${k}`,
    truth,
    // Worse with the blur: 24 dB down to 12 dB.
    prediction: withSignals(
      truth,
      truth.signals.map((s, i) => addNoise(s, 24 - k / 2, "rb", k, i)),
    ),
    distortions: {
      "blur.sigma_px": k / 10, // 25 values: 5 bins of 5
      "rotate.angle_deg": k % 2, // 2 bins only
      "noise.sd": k < 3 ? 0 : k < 14 ? 1 : 2, // 3, 11, 11: two dense bins
      "crop.px": k < 3 ? 0 : k < 10 ? 1 : k < 17 ? 2 : 3, // 3, 7, 7, 8: shown without its first bin
    },
  }));
  const report = await evaluate(pairs, { worstCount: 0, challenge2024: false });
  for (const r of report.robustness) {
    const [lo, hi] = r.bands.kaggleScoreDb;
    assert.ok(lo <= r.scores.kaggleScoreDb && r.scores.kaggleScoreDb <= hi, `${r.curve} ${r.bin}`);
    if (r.scores.images >= 5) assert.ok(hi - lo > 0.05 && hi - lo < 6, `${r.curve}: ${lo}…${hi}`);
  }
  const html = (await evaluationFiles(report))["report.html"]!;
  const section = html.slice(html.indexOf('<h2 id="robustness">'), html.indexOf('<h2 id="worst">'));
  assert.match(section, /at least 3 bins of ≥ 5 images each/);
  assert.match(section, /95% percentile bootstrap over the bin's images \(1000 resamples/);
  assert.match(
    section,
    /<img alt="Robustness curves with enough data" src="data:image\/svg\+xml;base64,/,
  );
  const rows = [
    ...section.matchAll(
      /<tr><th>([^<]+)<\/th><td>([^<]+)<\/td><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g,
    ),
  ];
  const curves = rows.map((m) => m[1]);
  assert.deepEqual([...new Set(curves)].sort(), ["blur.sigma_px", "crop.px"]);
  assert.deepEqual(rows.filter((m) => m[1] === "blur.sigma_px").map((m) => m[3]), [
    "5",
    "5",
    "5",
    "5",
    "5",
  ]);
  assert.deepEqual(rows.filter((m) => m[1] === "crop.px").map((m) => m[3]), ["7", "7", "8"]);
  // Each shown bin has its band, "lo … hi", in dB.
  assert.ok(
    rows.every((m) => /^-?\d+\.\d\d … -?\d+\.\d\d$/.test(m[5]!)),
    rows.map((m) => m[5]).join(),
  );
  assert.match(section, /\(1 sparser bin\(s\) left out\)/);
  assert.match(
    section,
    /Not shown \(fewer than 3 bins of ≥ 5 images\): noise\.sd \(n per bin: 3, 11, 11\); rotate\.angle_deg \(n per bin: 13, 12\)/,
  );
  // The sparse ones still are in the full figure and table.
  assert.ok(robustnessCsv(report.robustness).includes("rotate.angle_deg,1,"));
});

import assert from "node:assert/strict";
import { join } from "node:path";
import sharp from "sharp";
import { evaluate } from "../../lib/evaluate/evaluate.ts";
import { evaluationFiles } from "../../lib/evaluate/outputs.ts";
import { escapeHtml, reportHtml } from "../../lib/evaluate/report_html.ts";
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
  assert.equal(html.match(/<img /g)!.length, 3 + 2);
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

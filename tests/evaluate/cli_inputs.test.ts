/**
 * The CLI on awkward inputs, with real records: a prediction CSV at another
 * rate and no sidecar, headers that name no lead, and JSON outputs free of
 * non-finite strings.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { resampleLinear } from "../../lib/evaluate/resample.ts";
import { formatSignalCsv } from "../../lib/records/signal_table.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { main } from "../../tasks/evaluate.ts";
import { capture, type Captured } from "../_capture.ts";
import { addNoise, layout3x4, realRecord, withSignals, withTempDir } from "./_helpers.ts";

function run(args: string[]): Promise<Captured> {
  return capture(main, args);
}

const write = (path: string, text: string) => Deno.writeTextFile(path, text);

/** Write a truth page (CSV + generator-like JSON). */
async function writeTruth(dir: string, stem: string, record: EcgRecord, meta = {}): Promise<void> {
  await write(join(dir, `${stem}.csv`), formatSignalCsv(record));
  await write(
    join(dir, `${stem}.json`),
    JSON.stringify({ sampling_frequency: record.sampleRateHz, layout: "3x4", ...meta }),
  );
}

async function folders(dir: string): Promise<{ truth: string; pred: string; out: string }> {
  const truth = join(dir, "truth"), pred = join(dir, "pred"), out = join(dir, "out");
  await Deno.mkdir(truth);
  await Deno.mkdir(pred);
  return { truth, pred, out };
}

const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path));

Deno.test("main() scores a 250 Hz prediction CSV without a sidecar at 250 Hz, and warns", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred, out } = await folders(dir);
    const record = layout3x4(await realRecord("E07500")); // 500 Hz, 10 s
    await writeTruth(truth, "E07500-0", record);
    // The digitizer wrote 250 Hz (2500 rows) and no <stem>.json.
    const at250 = record.signals.map((s, i) => addNoise(resampleLinear(s, 500, 250), 25, "r", i));
    await write(
      join(pred, "E07500-0.csv"),
      formatSignalCsv(withSignals(record, at250, { sampleRateHz: 250 })),
    );
    const r = await run(["--pred", pred, "--truth", truth, "--out", out, "--no-2024", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /warning: prediction rate inferred from the row count for 1 image\(s\).*E07500-0 250 Hz \(2500 rows\)/,
    );
    const summary = await readJson(join(out, "summary.json"));
    assert.equal(summary.inputs.sampleRates.predInferred, 1);
    assert.equal(summary.inputs.sampleRates.predAssumed, 0);
    assert.deepEqual(summary.inputs.sampleRates.inferred, [{
      image: "E07500-0",
      rows: 2500,
      hz: 250,
    }]);
    assert.ok(summary.warnings.some((w: string) => w.includes("inferred from the row count")));
    // Scored at 250 Hz: close to the truth (a 500 Hz reading would be squeezed into 5 s).
    assert.ok(summary.overall.kaggleScoreDb > 15, String(summary.overall.kaggleScoreDb));
    assert.ok(summary.overall.meanPearsonR > 0.95, String(summary.overall.meanPearsonR));
    const images = await Deno.readTextFile(join(out, "images.csv"));
    assert.match(images, /prediction rate inferred as 250 Hz \(2500 rows over the truth's 10 s\)/);
    const html = await Deno.readTextFile(join(out, "report.html"));
    assert.match(html, /Run warnings/);
    assert.match(html, /Prediction rate inferred from the row count for 1 image\(s\)/);

    // The same file read at an explicit --pred-fs 500 is kept there, with a warning.
    const forced = await run([
      "--pred",
      pred,
      "--truth",
      truth,
      "--out",
      join(dir, "forced"),
      "--pred-fs",
      "500",
      "--no-2024",
      "--quiet",
    ]);
    assert.equal(forced.code, 0, forced.err);
    const s500 = await readJson(join(dir, "forced", "summary.json"));
    assert.equal(s500.inputs.sampleRates.predAssumed, 1);
    assert.ok(s500.overall.kaggleScoreDb < summary.overall.kaggleScoreDb - 10);
    assert.match(
      await Deno.readTextFile(join(dir, "forced", "images.csv")),
      /assumed 500 Hz \(--pred-fs\): its JSON states none; but rate inferred as 250 Hz/,
    );
  });
});

Deno.test("main() warns when the rows of a prediction without a sidecar give no plausible rate", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred, out } = await folders(dir);
    const record = await realRecord("00001_lr"); // 100 Hz, 10 s
    await writeTruth(truth, "a-0", record);
    const short = record.signals.map((s) => resampleLinear(s, 100, 500).slice(0, 4730));
    await write(join(pred, "a-0.csv"), formatSignalCsv(withSignals(record, short)));
    const r = await run(["--pred", pred, "--truth", truth, "--out", out, "--no-2024", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /prediction rate ambiguous for 1 image/);
    const summary = await readJson(join(out, "summary.json"));
    assert.equal(summary.inputs.sampleRates.predAmbiguous, 1);
    assert.equal(summary.inputs.sampleRates.predAssumed, 1);
    assert.match(
      await Deno.readTextFile(join(out, "images.csv")),
      /assumed 500 Hz \(default\).*ambiguous: 4730 rows are not 500 Hz/,
    );
  });
});

Deno.test("main() warns, naming the file, when no column of a prediction is a lead", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred, out } = await folders(dir);
    const record = await realRecord("00001_lr");
    await writeTruth(truth, "good-0", record);
    await writeTruth(truth, "chan-0", record);
    await write(join(pred, "good-0.csv"), formatSignalCsv(record));
    await write(join(pred, "good-0.json"), JSON.stringify({ fs: 100 }));
    const renamed = { ...record, leadNames: record.leadNames.map((_, i) => `ch${i + 1}`) };
    await write(
      join(pred, "chan-0.csv"),
      formatSignalCsv(renamed, { columns: renamed.leadNames }),
    );
    await write(join(pred, "chan-0.json"), JSON.stringify({ fs: 100 }));
    const r = await run(["--pred", pred, "--truth", truth, "--out", out, "--no-2024", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    const file = join(pred, "chan-0.csv");
    const expected =
      `prediction ${file} (image chan-0): no column is a standard lead (header: "ch1", "ch2",`;
    assert.ok(r.err.includes(`warning: ${expected}`), r.err);
    const summary = await readJson(join(out, "summary.json"));
    const hits = summary.warnings.filter((w: string) => w.includes("no column is a standard lead"));
    assert.equal(hits.length, 1);
    assert.ok(hits[0].startsWith(expected), hits[0]);
    assert.ok(!hits[0].includes("good-0"));
    assert.equal(summary.overall.missingLeads, 12);
    const html = await Deno.readTextFile(join(out, "report.html"));
    const top = html.slice(html.indexOf("Run warnings"), html.indexOf('<h2 id="summary">'));
    assert.ok(top.includes("chan-0.csv (image chan-0): no column is a standard lead"), top);
  });
});

Deno.test("main() writes JSON with no Infinity or NaN strings, nulls with reasons instead", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred, out } = await folders(dir);
    const record = layout3x4(await realRecord("JS20000"));
    // A perfect copy (+∞ SNRs), a silent truth (Kaggle ratio 0: −∞ dB) and a noisy copy.
    await writeTruth(truth, "perfect-0", record);
    await write(join(pred, "perfect-0.csv"), formatSignalCsv(record));
    const flat = withSignals(
      record,
      record.signals.map((s) => s.map((v) => (Number.isNaN(v) ? v : 0))),
    );
    await writeTruth(truth, "flat-0", flat);
    await write(join(pred, "flat-0.csv"), formatSignalCsv(record));
    const noisy = withSignals(record, record.signals.map((s, i) => addNoise(s, 10, "j", i)));
    await writeTruth(truth, "noisy-0", record);
    await write(join(pred, "noisy-0.csv"), formatSignalCsv(noisy));
    const r = await run(["--pred", pred, "--truth", truth, "--out", out, "--quiet"]);
    assert.equal(r.code, 0, r.err);
    let nonFinite = 0;
    for (const name of ["summary.json", "worst.json"]) {
      const text = await Deno.readTextFile(join(out, name));
      assert.ok(!/"[+-]?(Infinity|NaN)"/i.test(text), `${name} holds a non-finite string`);
      assert.ok(!/\b(Infinity|NaN)\b/.test(text), `${name} holds a non-finite token`);
      const walk = (v: unknown): void => {
        if (typeof v === "number") assert.ok(Number.isFinite(v));
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === "object") {
          const o = v as Record<string, unknown>;
          if (o.nonFinite !== undefined) {
            for (const [k, why] of Object.entries(o.nonFinite as Record<string, string>)) {
              assert.equal(o[k], null, k);
              assert.ok(why === "+inf" || why === "-inf", why);
              nonFinite++;
            }
          }
          Object.values(o).forEach(walk);
        }
      };
      walk(JSON.parse(text));
    }
    const worst = await readJson(join(out, "worst.json"));
    const perfect = worst.find((w: { id: string }) => w.id === "perfect-0").image;
    assert.equal(perfect.leads[1].snrDb, null);
    assert.equal(perfect.leads[1].nonFinite.snrDb, "+inf");
    const silent = worst.find((w: { id: string }) => w.id === "flat-0");
    assert.equal(silent.kaggleDb, null);
    assert.equal(silent.nonFinite.kaggleDb, "-inf");
    assert.ok(nonFinite > 24, String(nonFinite));
  });
});

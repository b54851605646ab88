import assert from "node:assert/strict";
import { join } from "node:path";
import { resampleLinear } from "../../lib/evaluate/resample.ts";
import { formatSignalCsv } from "../../lib/records/signal_table.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { main } from "../../tasks/evaluate.ts";
import { capture, type Captured } from "../_capture.ts";
import { addNoise, delay, layout3x4, realRecord, withSignals, withTempDir } from "./_helpers.ts";

/** Run the CLI, capturing what it prints. */
function run(args: string[]): Promise<Captured> {
  return capture(main, args);
}

const write = (path: string, text: string) => Deno.writeTextFile(path, text);

/** A generator-like truth folder and a digitizer-like prediction folder. */
async function makeFolders(dir: string): Promise<{ truth: string; pred: string }> {
  const truth = join(dir, "truth"), pred = join(dir, "digitized");
  await Deno.mkdir(join(truth, "sub"), { recursive: true });
  await Deno.mkdir(pred);
  const pages: [string, EcgRecord, Record<string, unknown>][] = [
    ["E07500-0", layout3x4(await realRecord("E07500")), {
      preset: "0001",
      layout: "3x4",
      augmentations: [],
    }],
    ["JS20000-0", layout3x4(await realRecord("JS20000")), {
      preset: "0003",
      layout: "3x4",
      augmentations: [{ name: "rotate", params: { angle_deg: 4 } }],
    }],
    ["00001_lr-0", await realRecord("00001_lr"), {
      preset: "0001",
      layout: "12x1",
      augmentations: [{ name: "rotate", params: { angle_deg: 1 } }],
    }],
  ];
  for (const [stem, record, meta] of pages) {
    const folder = stem.startsWith("JS") ? join(truth, "sub") : truth;
    await write(join(folder, `${stem}.csv`), formatSignalCsv(record));
    await write(
      join(folder, `${stem}.json`),
      JSON.stringify({ sampling_frequency: record.sampleRateHz, ...meta }),
    );
    await write(join(folder, `${stem}.png`), "");
    // The digitizer writes 500 Hz; only some of its JSONs state the rate.
    const at500 = record.signals.map((s) => resampleLinear(s, record.sampleRateHz, 500));
    const noisy = at500.map((s, i) => addNoise(delay(s, 3), 18, stem, i));
    await write(
      join(pred, `${stem}.csv`),
      formatSignalCsv(withSignals(record, noisy, { sampleRateHz: 500 })),
    );
    if (stem !== "E07500-0") await write(join(pred, `${stem}.json`), JSON.stringify({ fs: 500 }));
  }
  await write(join(truth, "E07501-0.csv"), "I\n0.1\n"); // no prediction
  await write(join(truth, "E07501-0.json"), JSON.stringify({ sampling_frequency: 500 }));
  await write(join(pred, "extra-0.csv"), "I\n0.1\n"); // no truth
  await write(join(truth, "bad-0.csv"), "I,II\n0.1,0.2\n");
  await write(join(truth, "bad-0.json"), JSON.stringify({ sampling_frequency: 500 }));
  await write(join(pred, "bad-0.csv"), "I,II\n0.1,oops\n"); // unreadable
  return { truth, pred };
}

Deno.test("main() writes every output and reports unpaired and unreadable files", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred } = await makeFolders(dir);
    const r = await run(["--pred", pred, "--truth", truth, "--worst", "2", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    const out = join(dir, "digitized-evaluation"); // default: beside --pred
    for (
      const name of [
        "metrics.csv",
        "images.csv",
        "summary.json",
        "worst.json",
        "robustness.csv",
        "snr_by_group.svg",
        "snr_by_lead.svg",
        "robustness.svg",
        "report.html",
        "worst/1-00001_lr-0.svg",
        "worst/2-E07500-0.svg",
      ]
    ) assert.ok((await Deno.stat(join(out, name))).size > 0, name);
    assert.match(r.err, /1 truth stem\(s\) without prediction skipped: E07501-0/);
    assert.match(r.err, /1 prediction stem\(s\) without truth skipped: extra-0/);
    assert.match(r.err, /bad-0: Cannot read record ".*bad-0.csv": non-numeric value "oops"/);
    assert.match(r.out, /^3 image\(s\): Kaggle \d+\.\d\d dB, 2024 SNR \d+\.\d\d dB/);
    const summary = JSON.parse(await Deno.readTextFile(join(out, "summary.json")));
    assert.equal(summary.overall.images, 3);
    assert.deepEqual(summary.inputs.truthOnly, ["E07501-0"]);
    assert.equal(summary.inputs.unreadable[0].stem, "bad-0");
    // The one prediction without a JSON: its rate was assumed, and said so.
    assert.equal(summary.inputs.sampleRates.predAssumed, 1);
    assert.deepEqual(Object.keys(summary.groups).sort(), ["imageType", "layout", "preset"]);
    const metrics = (await Deno.readTextFile(join(out, "metrics.csv"))).trim().split("\n");
    assert.equal(metrics.length, 1 + 36);
    const images = await Deno.readTextFile(join(out, "images.csv"));
    assert.match(images, /E07500-0,.*prediction rate assumed 500 Hz/);
    const robustness = await Deno.readTextFile(join(out, "robustness.csv"));
    assert.match(robustness, /^rotate\.angle_deg,0,1,1,1,1,/m);
    // The delay of 3 samples at 500 Hz is found by both challenge alignments.
    const e = metrics.find((l) => l.startsWith("E07500-0,II,"))!.split(",");
    const col = (name: string) => e[metrics[0]!.split(",").indexOf(name)];
    assert.equal(col("challenge2024_shift_samples"), "3");
    assert.equal(col("kaggle_shift_samples"), "3");
  });
});

Deno.test("main() exits 2 and writes no report when no stem pairs (#18)", async () => {
  await withTempDir(async (dir) => {
    const { truth } = await makeFolders(dir);
    await Deno.mkdir(join(dir, "empty"));
    const r = await run([
      "--pred",
      join(dir, "empty"),
      "--truth",
      truth,
      "--out",
      join(dir, "o"),
      "--quiet",
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^error: nothing to pair: no stem of --pred ".*empty" \(0 CSVs\)/);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    await assert.rejects(() => Deno.stat(join(dir, "o")), "no report folder");
  });
});

Deno.test("main() names a missing --truth or --pred folder (#18)", async () => {
  await withTempDir(async (dir) => {
    const { truth } = await makeFolders(dir);
    const missing = join(dir, "nope");
    const r = await run(["--pred", missing, "--truth", truth, "--quiet"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /Cannot read --pred ".*nope": file not found/);
    const t = await run(["--pred", truth, "--truth", missing, "--quiet"]);
    assert.match(t.err, /Cannot read --truth ".*nope": file not found/);
  });
});

Deno.test("main() refuses a prediction JSON stating sampling_frequency -5, naming it", async () => {
  await withTempDir(async (dir) => {
    const { truth, pred } = await makeFolders(dir);
    for await (const e of Deno.readDir(pred)) {
      if (e.name.endsWith(".csv")) {
        await Deno.writeTextFile(
          join(pred, e.name.replace(/\.csv$/, ".json")),
          JSON.stringify({ sampling_frequency: -5 }),
        );
      }
    }
    const r = await run(["--pred", pred, "--truth", truth, "--out", join(dir, "o"), "--quiet"]);
    assert.match(r.err, /\.json": Cannot read the prediction's rate: sampling_frequency = -5/);
    assert.equal(r.code, 1);
  });
});

Deno.test("main() exits 2 on a usage error and 0 for --help", async () => {
  assert.equal((await run(["--pred", "x"])).code, 2);
  assert.match(
    (await run(["--pred", "x", "--truth", "y", "--pred-fs", "0"])).err,
    /invalid --pred-fs/,
  );
  assert.equal((await run(["--pred", "x", "--truth", "y", "--bogus"])).code, 2);
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: deno task evaluate/);
  assert.equal((await run(["--pred", "/nonexistent/p", "--truth", "/nonexistent/t"])).code, 2);
});

Deno.test("main() scores truth-only stems as missing with --score-missing and takes --truth-fs", async () => {
  await withTempDir(async (dir) => {
    const truth = join(dir, "t"), pred = join(dir, "p"), out = join(dir, "o");
    await Deno.mkdir(truth);
    await Deno.mkdir(pred);
    const record = await realRecord("00001_lr");
    await write(join(truth, "a.csv"), formatSignalCsv(record)); // Kaggle-style: no JSON
    await write(join(truth, "b.csv"), formatSignalCsv(record));
    await write(join(pred, "a.csv"), formatSignalCsv(record));
    const r = await run([
      "--pred",
      pred,
      "--truth",
      truth,
      "--out",
      out,
      "--truth-fs",
      "100",
      "--pred-fs",
      "100",
      "--score-missing",
      "--no-2024",
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(await Deno.readTextFile(join(out, "summary.json")));
    assert.equal(summary.overall.images, 2);
    assert.equal(summary.overall.missingLeads, 12);
    assert.equal(summary.inputs.sampleRates.truthFromOption, 2);
    assert.equal(summary.overall.challenge2024SnrDb, null);
  });
});

/**
 * The trace readers (`--reader dp|learned`): the learned reader loads and
 * reads pages drawn from records it never saw in training, keeps waves that
 * cross into the neighbouring row in their own row, and reads the panel
 * edges when the panels start inside a QRS complex. The learned reader runs
 * in a CLI subprocess (onnxruntime-node's environment dies with the thread
 * that loaded it; see tests/digitize/segmenter.test.ts). Thresholds sit
 * below the scores measured when the model was trained (docs in
 * BENCHMARKS.md, "Trace readers").
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "../../lib/generate/mod.ts";
import { encodeImage } from "../../lib/io/image.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { fixture, kaggleDb, leadSnrsDb, ROOT } from "./_helpers.ts";

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tasks", "digitize.ts"), ...args, "--quiet", "--workers", "1"],
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: r.code, err: new TextDecoder().decode(r.stderr) };
}

/** Draw `record` on a clean 200 dpi page into `dir`; returns the plotted truth. */
async function drawn(dir: string, record: EcgRecord, stem: string): Promise<EcgRecord> {
  const [page] = await generate(record, { seed: 5, dpi: 200 });
  await Deno.writeFile(join(dir, `${stem}.png`), await encodeImage(page!.image, { kind: "png" }));
  return page!.signals;
}

async function read(dir: string, stem: string): Promise<EcgRecord> {
  const csv = await Deno.readTextFile(join(dir, "out", `${stem}.csv`));
  return parseSignalCsv(csv, { sampleRateHz: 500 });
}

/** The record with every lead scaled so that its largest wave is `mv` millivolts. */
function scaled(record: EcgRecord, mv: number): EcgRecord {
  let peak = 0;
  for (const s of record.signals) for (const v of s) if (Math.abs(v) > peak) peak = Math.abs(v);
  return { ...record, signals: record.signals.map((s) => s.map((v) => (v * mv) / peak)) };
}

/** The record turned round in time so that lead II's tallest beat after 2 s peaks at `atS`. */
function qrsAt(record: EcgRecord, atS: number): EcgRecord {
  const ii = record.signals[record.leadNames.indexOf("II")]!;
  const fs = record.sampleRateHz;
  let best = Math.round(2 * fs);
  for (let i = best; i < ii.length - fs; i++) if (Math.abs(ii[i]!) > Math.abs(ii[best]!)) best = i;
  const shift = best - Math.round(atS * fs);
  const n = ii.length;
  return {
    ...record,
    signals: record.signals.map((s) => s.map((_, i) => s[(((i + shift) % n) + n) % n]!)),
  };
}

Deno.test("--reader learned and --reader dp read held-out pages; the JSON says which ran", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reader-" });
  try {
    const truth = await drawn(dir, await readRecord(fixture("records", "E07518.hea")), "E07518");
    const scores: Record<string, number> = {};
    for (const reader of ["dp", "learned"]) {
      const out = join(dir, "out");
      const r = await cli([join(dir, "E07518.png"), "--out", out, "--reader", reader]);
      assert.equal(r.code, 0, r.err);
      const json = JSON.parse(await Deno.readTextFile(join(out, "E07518.json")));
      assert.equal(json.reader, reader);
      scores[reader] = kaggleDb(truth, await read(dir, "E07518"));
    }
    assert.ok(scores.learned! >= 19, `learned ${scores.learned!.toFixed(2)} dB`);
    assert.ok(scores.learned! > scores.dp!, JSON.stringify(scores));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--reader learned keeps waves that cross into the next row in their own row", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reader-cross-" });
  try {
    const record = scaled(await readRecord(fixture("records", "JS20009.hea")), 3.5);
    const truth = await drawn(dir, record, "tall");
    const r = await cli([join(dir, "tall.png"), "--out", join(dir, "out"), "--reader", "learned"]);
    assert.equal(r.code, 0, r.err);
    const pred = await read(dir, "tall");
    const snr = leadSnrsDb(truth, pred);
    // The two leads with the largest waves are the ones whose waves cross rows.
    const peak = truth.signals.slice(0, 12).map((s) =>
      s.reduce((m, v) => Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m, 0)
    );
    const order = peak.map((_, i) => i).sort((a, b) => peak[b]! - peak[a]!).slice(0, 2);
    for (const k of order) {
      const lead = truth.leadNames[k]!;
      assert.ok(peak[k]! > 2.5, `${lead} peaks at ${peak[k]!.toFixed(2)} mV`);
      assert.ok(snr[k]! >= 15, `${lead}: ${snr[k]!.toFixed(2)} dB`);
      // No spike of another row's wave: the largest error stays well under a crossing wave.
      const t = truth.signals[k]!, p = pred.signals[pred.leadNames.indexOf(lead)]!;
      let worst = 0;
      for (let i = 0; i < t.length; i++) {
        if (Number.isFinite(t[i]!) && Number.isFinite(p[i]!)) {
          worst = Math.max(worst, Math.abs(t[i]! - p[i]!));
        }
      }
      assert.ok(worst < 1.5, `${lead}: largest error ${worst.toFixed(2)} mV`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--reader learned reads panel edges that start inside a QRS complex", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reader-edge-" });
  try {
    const record = qrsAt(await readRecord(fixture("records", "E07519.hea")), 5.0);
    const truth = await drawn(dir, record, "edge");
    const r = await cli([join(dir, "edge.png"), "--out", join(dir, "out"), "--reader", "learned"]);
    assert.equal(r.code, 0, r.err);
    const pred = await read(dir, "edge");
    // 50 ms either side of 5.0 s in the four leads whose panels meet there (3x4: columns 2|3).
    const near = (i: number) => Math.abs(i - 2500) <= 25;
    let checked = 0;
    for (const lead of ["aVR", "aVL", "aVF", "V1", "V2", "V3"]) {
      const t = truth.signals[truth.leadNames.indexOf(lead)]!;
      const p = pred.signals[pred.leadNames.indexOf(lead)]!;
      // Compare after removing each panel's offset (the Kaggle alignment does the same).
      const idx = t.map((_, i) => i).filter((i) => near(i) && Number.isFinite(t[i]!));
      if (idx.length === 0) continue;
      const all = t.map((_, i) => i).filter((i) =>
        Number.isFinite(t[i]!) && Number.isFinite(p[i]!)
      );
      const offset = all.reduce((s, i) => s + p[i]! - t[i]!, 0) / all.length;
      const rms = Math.sqrt(
        idx.reduce((s, i) => s + (p[i]! - offset - t[i]!) ** 2, 0) / idx.length,
      );
      assert.ok(rms < 0.12, `${lead}: ${rms.toFixed(3)} mV RMS in the 50 ms at its panel edge`);
      checked++;
    }
    assert.ok(checked >= 4, `${checked} panel edges checked`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--reader: a bad name is a usage error, a missing model one clear error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reader-bad-" });
  try {
    const input = fixture("foreign", "resolution_E07511.png");
    const bad = await cli([input, "--out", dir, "--reader", "deep"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--reader = "deep": must be dp \| learned/);
    const missing = await cli([
      input,
      "--out",
      dir,
      "--reader",
      "learned",
      "--reader-model",
      join(dir, "none.onnx"),
    ]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Cannot load trace reader ".*none\.onnx"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

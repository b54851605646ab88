/**
 * The dynamic-programming reader keeps the signal at a panel's edges
 * (issue #16, point 3): a record turned round in time so that a QRS complex
 * falls at 5.0 s, the boundary between the third and fourth columns of a
 * 3x4 page, is drawn in memory (clean preset, separator ticks on) and read
 * with the dp reader. The 50 ms either side of the boundary, in the six
 * leads whose panels meet there, must read close to the truth.
 *
 * Before the dp reader told separator ticks apart by their shape (it left
 * out every tall run within 0.6 mm of a boundary, and assembly bridged the
 * hole), these edges read at 0.265 mV RMS over the six leads (aVR 0.201,
 * aVL 0.255, aVF 0.048, V1 0.401, V2 0.192, V3 0.339); after, 0.065 (the
 * largest V2, 0.118). In-memory page only: no ../shared data.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/digitize.ts";
import { generate } from "../../lib/generate/mod.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { fixture } from "./_helpers.ts";

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

/** RMS error (mV) of `lead` over the samples `near` picks, after removing the lead's offset. */
function edgeRms(truth: EcgRecord, pred: EcgRecord, lead: string, near: (i: number) => boolean) {
  const t = truth.signals[truth.leadNames.indexOf(lead)]!;
  const p = pred.signals[pred.leadNames.indexOf(lead)]!;
  const both = t.map((_, i) => i).filter((i) => Number.isFinite(t[i]!) && Number.isFinite(p[i]!));
  const offset = both.reduce((s, i) => s + p[i]! - t[i]!, 0) / both.length;
  const idx = t.map((_, i) => i).filter((i) => near(i) && Number.isFinite(t[i]!));
  if (idx.length === 0) return NaN;
  // A sample left unread counts as reading zero.
  const err = (i: number) => (Number.isFinite(p[i]!) ? p[i]! - offset : 0) - t[i]!;
  return Math.sqrt(idx.reduce((s, i) => s + err(i) ** 2, 0) / idx.length);
}

Deno.test("dp reader: a QRS complex at a panel boundary (5.0 s) is read, not dropped", async () => {
  const record = qrsAt(await readRecord(fixture("records", "E07519.hea")), 5.0);
  const [page] = await generate(record, { seed: 5, dpi: 200 });
  const result = await digitize(page!.image);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.reader, "dp");
  assert.equal(result.layout, "3x4");
  const truth = page!.signals;
  const near = (i: number) => Math.abs(i - 2500) <= 25;
  const rms = ["aVR", "aVL", "aVF", "V1", "V2", "V3"].map((lead) =>
    [lead, edgeRms(truth, result.record, lead, near)] as const
  );
  const shown = rms.map(([lead, v]) => `${lead} ${v.toFixed(3)}`).join(", ");
  const all = Math.sqrt(rms.reduce((s, [, v]) => s + v * v, 0) / rms.length);
  assert.ok(all < 0.12, `${all.toFixed(3)} mV RMS over the six edges (${shown})`);
  for (const [lead, v] of rms) {
    assert.ok(v < 0.2, `${lead}: ${v.toFixed(3)} mV RMS in the 50 ms at its panel edge`);
  }
});

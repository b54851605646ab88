import assert from "node:assert/strict";
import { digitize, digitizeRectified } from "../../lib/digitize/mod.ts";
import { createRgbImage } from "../../lib/raster/image.ts";
import { kaggleDb, leadSnrsDb, page, shownLeads } from "./_helpers.ts";

Deno.test("digitize() round-trips clean 3x4+II pages of unseen records", async () => {
  for (const record of ["JS20001", "JS20004"]) {
    const p = await page(record);
    const result = await digitize(p.image);
    assert.ok(result.ok, result.ok ? "" : result.reason);
    assert.equal(result.layout, "3x4");
    assert.deepEqual(result.rhythmLeads, ["II"]);
    assert.equal(result.record.sampleRateHz, 500);
    assert.equal(result.record.signals[0]!.length, 5000);
    assert.equal(shownLeads(result.record).length, 12);
    // Lead I is shown only over its first 2.5 s.
    const leadI = result.record.signals[0]!;
    assert.ok(Number.isFinite(leadI[100]!) && Number.isNaN(leadI[2000]!));
    assert.equal(result.scales.gainMmPerMv, 10);
    assert.equal(result.scales.gainSource, "calibration-pulse");
    const db = kaggleDb(p.signals, result.record);
    assert.ok(db >= 9, `${record}: Kaggle ${db.toFixed(2)} dB`);
  }
});

Deno.test("digitize() finds a 6x2 layout", async () => {
  const p = await page("JS20002", { layout: "6x2" });
  const result = await digitize(p.image);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.layout, "6x2");
  const v1 = result.record.signals[6]!;
  assert.ok(Number.isNaN(v1[1000]!) && Number.isFinite(v1[3000]!));
  // Deep QRS complexes cross neighbouring rows on this page; most leads are clean.
  const good = leadSnrsDb(p.signals, result.record).filter((db) => db >= 10);
  assert.ok(good.length >= 7, `${good.length} leads at 10 dB or better`);
});

Deno.test("digitize() finds a 12x1 layout", async () => {
  const p = await page("JS20003", { layout: "12x1" });
  const result = await digitize(p.image);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(result.layout, "12x1");
  assert.equal(shownLeads(result.record).length, 12);
  const good = leadSnrsDb(p.signals, result.record).filter((db) => db >= 10);
  assert.ok(good.length >= 4, `${good.length} leads at 10 dB or better`);
});

Deno.test("digitizeRectified() reads a page drawn without a grid", async () => {
  // Stage 2 alone, on a rectified page whose scale the test knows (from the
  // page's ground truth): no grid evidence is involved.
  const p = await page("JS20005", { showGrid: false });
  const { width, height } = p.image;
  const side = Math.max(width, height);
  const map = { width: 1, height: 1, data: new Float32Array(1) };
  const result = digitizeRectified({
    ok: true,
    normalised: p.image,
    quarterTurns: 0,
    rotationDeg: 0,
    markers: [],
    rectifiedMarkers: [],
    normalisedScale: 1,
    gridHorizontal: map,
    gridVertical: map,
    gridFound: false,
    gridPxPerMm: { x: p.groundTruth.px_per_mm, y: p.groundTruth.px_per_mm },
    image: p.image,
    pxPerMm: p.groundTruth.px_per_mm,
    mesh: {
      stepPx: side,
      cols: 2,
      rows: 2,
      srcX: Float32Array.of(0, side, 0, side),
      srcY: Float32Array.of(0, 0, side, side),
    },
    confidence: 1,
    scaleSource: "assumed",
    warnings: [],
  });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  assert.equal(shownLeads(result.record).length, 12);
  assert.ok(kaggleDb(p.signals, result.record) >= 10);
});

Deno.test("digitize() reports a non-ECG image as a value, not an exception", async () => {
  const blank = createRgbImage(600, 400, [250, 250, 250]);
  const result = await digitize(blank);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.reason, /no ECG grid\/trace found|too small/);
});

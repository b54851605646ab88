/**
 * A non-ECG image gives `ok: false` (issue #19, item 3): rows read from a
 * landscape, a text page or a chart do not beat like an ECG's. And every
 * ECG fixture — the bundled images and pages drawn from the bundled
 * records with several presets, photos and a page without a grid — is
 * still read.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import { pageEvidence } from "../../lib/digitize/page_evidence.ts";
import { decodeImage } from "../../lib/io/image.ts";
import type { GenerateOptions } from "../../lib/generate/mod.ts";
import { fixture, page } from "./_helpers.ts";
import { NOT_ECG_KINDS, notEcgImage } from "./_not_ecg.ts";

Deno.test("digitize() says ok: false for images that are not ECGs", async () => {
  const cases = NOT_ECG_KINDS.flatMap((kind) =>
    (["landscape", "landscape-cut", "text", "chart"].includes(kind) ? [1, 2, 3, 4, 5] : [1])
      .map((seed) => [kind, seed] as const)
  );
  for (const [kind, seed] of cases) {
    const r = await digitize(notEcgImage(kind, seed));
    const got = r.ok ? `ok: ${r.layout} at confidence ${r.confidence.toFixed(2)}` : r.reason;
    assert.equal(r.ok, false, `${kind} #${seed}: ${got}`);
    assert.match(got, /^no ECG/, `${kind} #${seed}`);
  }
});

Deno.test("digitize() says why a landscape read as a 3x4 page is no ECG", async () => {
  // Seed 2 of the cut landscape is the case: 3 rows, a "pulse", labels, layout 3x4.
  const r = await digitize(notEcgImage("landscape-cut", 2));
  assert.equal(r.ok, false);
  if (!r.ok) {
    // Refused by the page evidence (which check fails first depends on the ink stage 2 keeps).
    assert.match(
      r.reason,
      /^no ECG found: (the rows do not beat as one heart|no continuous traces)/,
    );
    assert.ok(r.rectified !== null);
  }
});

Deno.test("digitize() still reads every bundled ECG image", async () => {
  const files = [
    "images/ecg00019.png",
    "rectify/ecg00003.jpg",
    "rectify/ecg00025.jpg",
    "rectify/ecg00029.jpg",
    "foreign/bw_E07511.png",
    "foreign/clean_JS20001.png",
    "foreign/cols2_E07515.png",
    "foreign/resolution_E07511.png",
  ];
  for (const file of files) {
    const r = await digitize(await decodeImage(await Deno.readFile(fixture(file))));
    assert.ok(r.ok, `${file}: ${r.ok ? "" : r.reason}`);
  }
});

Deno.test("digitize() still reads ECG pages drawn with scan and photo presets and without a grid", async () => {
  const pages: [string, GenerateOptions][] = [
    ["JS20001", {}],
    ["JS20002", { layout: "6x2" }],
    ["JS20003", { layout: "12x1" }],
    ["JS20005", { showGrid: false }],
    ...["0003", "0011", "0004", "0012"].map((preset): [string, GenerateOptions] => [
      "JS20003",
      { preset, dpi: 150 },
    ]),
    ...["0005", "0006", "0009", "0010"].map((preset): [string, GenerateOptions] => [
      "JS20003",
      { preset, dpi: 100 },
    ]),
  ];
  for (const [record, options] of pages) {
    const r = await digitize((await page(record, options)).image);
    assert.ok(r.ok, `${record} ${JSON.stringify(options)}: ${r.ok ? "" : r.reason}`);
  }
});

/** A row of `beats` spikes, 10 px tall, every `everyPx` from `startPx`, on a flat line 1000 px long. */
function spikes(startPx: number, everyPx: number): { xs: Float64Array; ys: Float64Array } {
  const xs = Float64Array.from({ length: 1000 }, (_, i) => i);
  const ys = xs.map((x) => (x >= startPx && (x - startPx) % everyPx < 3 ? 90 : 100));
  return { xs, ys };
}

Deno.test("pageEvidence() accepts rows that beat together, with a pulse, grid or labels", () => {
  // 100 px/s, 4 px/mm: a beat every 0.8 s, 10 px = 2.5 mm tall, in every row at once.
  const rows = [spikes(20, 80), spikes(20, 80), spikes(21, 80)];
  const e = pageEvidence(rows, 100, 4, true);
  assert.equal(e.rejected, null);
  assert.equal(e.beatingRows, 3);
  assert.ok(e.aligned > 0.9 && e.chance < 0.1, `${e.aligned} ${e.chance}`);
  assert.ok(Math.abs(e.rows[0]!.intervalS - 0.8) < 0.02);
  assert.match(pageEvidence(rows, 100, 4, false).rejected ?? "", /no calibration pulse, grid/);
});

Deno.test("pageEvidence() refuses rows that beat out of step, too slowly, or are broken", () => {
  // Rows that beat each at its own rate, out of step: three hearts, not one.
  const apart = pageEvidence([spikes(20, 80), spikes(50, 110), spikes(35, 57)], 100, 4, true);
  assert.match(apart.rejected ?? "", /do not beat as one heart/);
  // One spike every 4 s is no heart rate at this time scale.
  const slow = pageEvidence([spikes(20, 400), spikes(20, 400)], 100, 4, true);
  assert.match(slow.rejected ?? "", /no heartbeat/);
  const broken = [spikes(20, 80), spikes(20, 80)].map(({ xs, ys }) => ({
    xs,
    ys: ys.map((y, i) => (i % 10 < 4 ? NaN : y)),
  }));
  assert.match(pageEvidence(broken, 100, 4, true).rejected ?? "", /no continuous traces/);
  assert.match(pageEvidence([], 100, 4, true).rejected ?? "", /no trace rows/);
});

Deno.test("pageEvidence() accepts rows skewed in time that beat steadily at one rate", () => {
  // A photo's rows can be out of step by a fraction of a beat; one heart still beats at one rate.
  const e = pageEvidence([spikes(20, 80), spikes(50, 80), spikes(35, 80)], 100, 4, true);
  assert.ok(e.aligned - e.chance < 0.35, `${e.aligned} ${e.chance}`);
  assert.equal(e.steadyRows, 3);
  assert.equal(e.rejected, null);
});

Deno.test("pageEvidence() reads a single strip by its own rhythm", () => {
  assert.equal(pageEvidence([spikes(20, 80)], 100, 4, true).rejected, null);
  const xs = Float64Array.from({ length: 1000 }, (_, i) => i);
  const at = [20, 60, 250, 290, 600, 640, 900];
  const ys = xs.map((x) => (at.some((a) => x >= a && x < a + 3) ? 90 : 100));
  assert.match(pageEvidence([{ xs, ys }], 100, 4, true).rejected ?? "", /irregular/);
});

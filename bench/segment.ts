/**
 * `deno task bench:segment`: how well the shipped trace segmenter
 * (`models/trace_segmenter.onnx`) and the classic ink map find the trace,
 * and how long the segmenter takes.
 *
 * - Held-out generated pages (records the training never saw, see
 *   `training/data.py`), per preset with `--style random`, at 200 dpi:
 *   trace IoU against the page's own mask (channels 3-6), the fraction of
 *   plotted samples covered, and the fraction of predicted pixels within
 *   1.5 px of the plotted trace.
 * - The foreign renders (`../shared/data/foreign-renders`, ecg-image-kit),
 *   per set: the same two point measures from their JSON `plotted_pixels`
 *   (shifted by `pad_inches × resolution` where padded).
 * - Seconds per 2200 × 1700 page on one thread.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inkMap } from "../lib/digitize/ink.ts";
import { generatePage, planPages } from "../lib/generate/generate.ts";
import { PRESETS } from "../lib/generate/presets.ts";
import { decodeImage } from "../lib/io/image.ts";
import { readRecord } from "../lib/io/read_record.ts";
import { loadSegmenter } from "../lib/io/segmenter.ts";
import type { RasterImage } from "../lib/raster/image.ts";
import { scoreTrace, type TraceScores } from "../lib/segment/metrics.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  args: Deno.args,
  options: {
    pages: { type: "string", default: "3" },
    foreign: { type: "string", default: join(root, "../shared/data/foreign-renders") },
    model: { type: "string" },
  },
});
const perPreset = Number(values.pages);
const HELD_OUT = ["E07518", "E07519", "JS20009", "muse-af"];
const segmenter = await loadSegmenter(values.model);

interface Row {
  group: string;
  onnx: TraceScores[];
  classic: TraceScores[];
  seconds: number[];
}
const rows = new Map<string, Row>();
const row = (group: string): Row => {
  let r = rows.get(group);
  if (!r) rows.set(group, r = { group, onnx: [], classic: [], seconds: [] });
  return r;
};

async function score(
  group: string,
  image: RasterImage,
  pxPerMm: number,
  truth: Uint8Array | null,
  panels: ([number, number] | null)[][],
): Promise<void> {
  const t = performance.now();
  const seg = await segmenter.segment(image, { pxPerMm });
  const seconds = (performance.now() - t) / 1000;
  const pred = seg.data.map((v) => (v > seg.threshold ? 1 : 0));
  const classicMap = inkMap(image);
  const classic = classicMap.data.map((v) => (v > classicMap.threshold ? 1 : 0));
  for (const g of [group, group.split(" ")[0]!]) {
    const r = row(g);
    r.onnx.push(scoreTrace(pred, truth, image.width, image.height, panels));
    r.classic.push(scoreTrace(classic, truth, image.width, image.height, panels));
    if (g === group) r.seconds.push(seconds);
  }
}

// Held-out generated pages, per preset.
for (const preset of Object.keys(PRESETS)) {
  for (let k = 0; k < perPreset; k++) {
    const name = HELD_OUT[k % HELD_OUT.length]!;
    const record = await readRecord(join(root, "fixtures/records", name + ".hea"));
    const options = {
      preset,
      style: "random",
      masks: true,
      dpi: 200,
      seed: 900,
      count: perPreset,
    } as const;
    const plan = planPages(record, options)[k]!;
    const page = await generatePage(record, plan, options);
    const m = page.masks!;
    const truth = new Uint8Array(m[3]!.length);
    for (let i = 0; i < truth.length; i++) truth[i] = m[3]![i]! | m[4]![i]! | m[5]![i]! | m[6]![i]!;
    const panels = page.groundTruth.leads.map((l) => l.plotted_pixels);
    await score(`generated ${preset}`, page.image, page.groundTruth.px_per_mm, truth, panels);
  }
}

// Foreign renders.
try {
  const index = (await Deno.readTextFile(join(values.foreign, "index.csv"))).trim().split("\n")
    .slice(1);
  for (const line of index) {
    const [set, image] = line.split(",");
    const json = JSON.parse(
      await Deno.readTextFile(join(values.foreign, image!.replace(/\.(png|jpg)$/, ".json"))),
    );
    const pad = (json.pad_inches ?? 0) * json.resolution;
    const panels = (json.leads as { plotted_pixels: [number, number][] }[]).map((l) =>
      l.plotted_pixels.map(([r, c]) => [r + pad, c + pad] as [number, number])
    );
    const decoded = await decodeImage(await Deno.readFile(join(values.foreign, image!)));
    await score(`foreign ${set}`, decoded, json.resolution / 25.4, null, panels);
  }
} catch (error) {
  console.error(`foreign renders skipped: ${error instanceof Error ? error.message : error}`);
}

// Timing on 2200 x 1700 pages.
const record = await readRecord(join(root, "fixtures/records/E07500.hea"));
const [plan] = planPages(record, { dpi: 200 });
const page = await generatePage(record, plan!, { dpi: 200 });
const times: number[] = [];
for (let k = 0; k < 6; k++) {
  const t = performance.now();
  await segmenter.segment(page.image, { pxPerMm: 200 / 25.4 });
  if (k > 0) times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);

const mean = (xs: (number | null)[]): string => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? "–" : (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3);
};
console.log(
  "| pages | n | IoU onnx | IoU classic | points covered onnx | classic | mask within 1.5 px onnx | classic | s/page |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of [...rows.values()].sort((a, b) => a.group.localeCompare(b.group))) {
  console.log(
    `| ${r.group} | ${r.onnx.length} | ${mean(r.onnx.map((s) => s.iou))} | ${
      mean(r.classic.map((s) => s.iou))
    } | ${mean(r.onnx.map((s) => s.pointRecall))} | ${
      mean(r.classic.map((s) => s.pointRecall))
    } | ${mean(r.onnx.map((s) => s.precisionNear))} | ${
      mean(r.classic.map((s) => s.precisionNear))
    } | ${r.seconds.length ? mean(r.seconds) : ""} |`,
  );
}
console.log(
  `\nsegment() on a 2200x1700 page, one thread: median ${
    times[Math.floor(times.length / 2)]!.toFixed(3)
  } s (min ${times[0]!.toFixed(3)} s)`,
);
await segmenter.release();

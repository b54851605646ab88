/**
 * `deno task bench:digitize`: seconds per page of the whole `digitize()`
 * (rectification + signal extraction) on one core, for clean 3x4+II pages
 * at 200 dpi (2200 × 1700 px) drawn from the bundled records. Pages are
 * generated in memory first; only `digitize()` is timed. `--reader learned`
 * reads the traces with the learned reader (one onnxruntime thread) and
 * also prints the reader's own seconds per page (bands, model, read-out).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { digitize } from "../lib/digitize/digitize.ts";
import { generate } from "../lib/generate/mod.ts";
import { readRecord } from "../lib/io/read_record.ts";
import type { RasterImage } from "../lib/raster/image.ts";
import { loadTraceReader } from "../lib/io/trace_reader.ts";
import type { TraceReader } from "../lib/digitize/reader/types.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  args: Deno.args,
  options: {
    pages: { type: "string", default: "10" },
    dpi: { type: "string", default: "200" },
    reader: { type: "string", default: "dp" },
  },
});
if (values.reader !== "dp" && values.reader !== "learned") {
  console.error(`bench:digitize: --reader must be dp | learned, not "${values.reader}"`);
  Deno.exit(2);
}
let readS = 0;
let reader: TraceReader | undefined;
if (values.reader === "learned") {
  const loaded = await loadTraceReader();
  reader = {
    kind: loaded.kind,
    async read(page) {
      const t = performance.now();
      const out = await loaded.read(page);
      readS += (performance.now() - t) / 1000;
      return out;
    },
  };
}
const pages = Number(values.pages), dpi = Number(values.dpi);

const names: string[] = [];
for await (const entry of Deno.readDir(join(root, "fixtures/records"))) {
  if (/^(E075|JS200)\d\d\.hea$/.test(entry.name)) names.push(entry.name);
}
names.sort();
const images: RasterImage[] = [];
for (const name of names.slice(0, pages)) {
  const record = await readRecord(join(root, "fixtures/records", name));
  const [page] = await generate(record, { dpi, seed: 1 });
  images.push(page!.image);
}

// One warm-up page (JIT), then every page timed.
const options = reader ? { reader } : {};
await digitize(images[0]!, options);
readS = 0;
const total: number[] = [], rect: number[] = [], extract: number[] = [];
let failed = 0;
for (const image of images) {
  const t0 = performance.now();
  const result = await digitize(image, options);
  total.push((performance.now() - t0) / 1000);
  rect.push(result.timings.rectifyS);
  extract.push(result.timings.extractS);
  if (!result.ok) failed++;
}
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const { width, height } = images[0]!;
console.log(
  `digitize(): clean 3x4+II pages, ${dpi} dpi (${width}x${height}), one core, ${values.reader} reader`,
);
console.log(
  `  ${images.length} pages: ${mean(total).toFixed(3)} s/page mean, ${
    median(total).toFixed(3)
  } median ` +
    `(rectify ${mean(rect).toFixed(3)} s, extract ${mean(extract).toFixed(3)} s)` +
    (failed ? `; ${failed} failed` : ""),
);
if (reader) console.log(`  learned reader alone: ${(readS / images.length).toFixed(3)} s/page`);

/**
 * Digitize the foreign renders (pages drawn by ecg-image-kit, with exact
 * ground truth) and score them per set with the independent scorer:
 * `deno task bench:foreign [--data <dir>] [--sets a,b] [--out <dir>] [--segmenter classic|onnx]
 * [-- <more digitize options>]`.
 * The data folder holds `index.csv` and the images (default
 * `../shared/data/foreign-renders`); the scorer is `../../tools/score.py`
 * beside it (Python with numpy). `deno task bench:other` is the same on
 * `../shared/data/other-renders` (ECG-Synthesizer and ecg_plot pages).
 * Everything after `--` goes to `tasks/digitize.ts` as is (for example
 * `-- --reader learned`). The pages are read where they are, never copied;
 * the scorer's summary is also written to `<out>/summary.json`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, dirname, join, resolve } from "node:path";

const { values, positionals: passthrough } = parseArgs({
  args: Deno.args,
  options: {
    data: { type: "string", default: "../shared/data/foreign-renders" },
    sets: { type: "string" },
    out: { type: "string", default: "out/bench-foreign" },
    segmenter: { type: "string", default: "onnx" },
  },
  allowPositionals: true,
});
const data = resolve(values.data!);
const name = `bench (${basename(data)})`;
const index = join(data, "index.csv");
let text: string;
try {
  text = await Deno.readTextFile(index);
} catch {
  console.error(`${name}: cannot read ${index}: pass --data <folder with index.csv>`);
  Deno.exit(2);
}
const wanted = values.sets ? new Set(values.sets.split(",")) : null;
const images = text.trim().split("\n").slice(1).map((l) => l.split(","))
  .filter(([set]) => !wanted || wanted.has(set!)).map(([, image]) => join(data, image!));
const out = resolve(values.out!);
await Deno.remove(join(out, "pred"), { recursive: true }).catch(() => {});
const t0 = performance.now();
const dig = await new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    "tasks/digitize.ts",
    ...images,
    "--out",
    join(out, "pred"),
    "--fs",
    "500",
    "--segmenter",
    values.segmenter!,
    ...passthrough,
  ],
  stdout: "inherit",
  stderr: "inherit",
}).output();
const seconds = (performance.now() - t0) / 1000;
console.log(
  `digitized ${images.length} images in ${seconds.toFixed(1)} s, ${
    (seconds / images.length).toFixed(2)
  } s/page wall (segmenter ${values.segmenter}; exit ${dig.code})`,
);
if (dig.code === 2) {
  console.error(`${name}: digitize refused its options (exit 2); nothing to score`);
  Deno.exit(2);
}
const scorer = join(dirname(dirname(data)), "tools", "score.py");
const score = await new Deno.Command("python3", {
  args: [
    scorer,
    join(out, "pred"),
    "--index",
    index,
    "--fs",
    "500",
    "--details",
    join(out, "details.csv"),
    "--json",
    join(out, "summary.json"),
    ...(values.sets ? ["--sets", values.sets] : []),
  ],
  stdout: "inherit",
  stderr: "null",
}).output().catch(() => null);
if (!score || !score.success) {
  console.error(`${name}: scoring failed (is ${scorer} there, with python3 and numpy?)`);
  Deno.exit(1);
}

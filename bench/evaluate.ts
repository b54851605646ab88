/**
 * `deno task bench:evaluate`: pages per second of `scoreImage()` (plain
 * metrics, Kaggle 2025 and, unless `--no-2024`, the PhysioNet 2024 score)
 * on one core, for 3x4+II pages drawn from the bundled records, with three
 * kinds of prediction: the truth shifted by 3 samples, offset by 0.05 mV
 * and with noise (a good digitizer); a constant 0 (a failed one); and
 * values of ±1e308 (a broken one). Pages are generated in memory first;
 * only scoring is timed, in CPU seconds of this process (one thread), so
 * that a busy machine does not skew the figure much.
 *
 * @module
 */
import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scoreImage } from "../lib/evaluate/evaluate.ts";
import type { EvaluationPair } from "../lib/evaluate/types.ts";
import { generate } from "../lib/generate/mod.ts";
import { readRecord } from "../lib/io/read_record.ts";
import { createRng } from "../lib/random/rng.ts";
import type { EcgRecord } from "../lib/records/types.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  args: Deno.args,
  options: {
    pages: { type: "string", default: "10" },
    "2024": { type: "boolean", default: true },
    kinds: { type: "string", default: "good,constant,huge" },
  },
  allowNegative: true,
});
const pages = Number(values.pages);
const names: string[] = [];
for await (const entry of Deno.readDir(join(root, "fixtures/records"))) {
  if (/^(E075|JS200)\d\d\.hea$/.test(entry.name)) names.push(entry.name);
}
names.sort();
const truths: EcgRecord[] = [];
for (const name of names.slice(0, pages)) {
  const record = await readRecord(join(root, "fixtures/records", name));
  const [page] = await generate(record, { dpi: 50, seed: 1, layout: "3x4" });
  truths.push(page!.signals);
}
const rng = createRng(1, "bench-evaluate");
const map = (t: EcgRecord, f: (s: Float64Array) => Float64Array): EcgRecord => ({
  ...t,
  signals: t.signals.map(f),
});
const kinds: Record<string, (t: EcgRecord) => EcgRecord> = {
  good: (t) =>
    map(
      t,
      (s) => Float64Array.from(s, (_, i) => (s[i - 3] ?? NaN) + 0.05 + (rng.next() - 0.5) * 0.02),
    ),
  constant: (t) => map(t, (s) => new Float64Array(s.length)),
  huge: (t) => map(t, (s) => Float64Array.from(s, (_, i) => (i % 2 ? 1e308 : -1e308))),
};
const options = { challenge2024: values["2024"] !== false };
console.log(`scoreImage(), ${truths.length} 3x4+II pages at 500 Hz, 2024 ${options.challenge2024}`);
for (const [kind, make] of Object.entries(kinds)) {
  if (!values.kinds.split(",").includes(kind)) continue;
  const pairs: EvaluationPair[] = truths.map((t, k) => ({
    id: `p${k}`,
    truth: t,
    prediction: make(t),
  }));
  scoreImage(pairs[0]!, options); // warm up
  const t0 = performance.now(), c0 = cpuUsage();
  for (const p of pairs) scoreImage(p, options);
  const s = (performance.now() - t0) / 1000;
  const c = cpuUsage(c0), cpu = (c.user + c.system) / 1e6;
  console.log(
    `${kind.padEnd(9)} ${(pairs.length / cpu).toFixed(2)} pages per CPU second ` +
      `(${(cpu / pairs.length).toFixed(3)} CPU s/page; wall ${
        (s / pairs.length).toFixed(3)
      } s/page)`,
  );
}

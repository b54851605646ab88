/**
 * `deno task evaluate`: score digitizer output against ground truth.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, dirname, join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { describe } from "../lib/io/read_record.ts";
import { parseSignalCsv } from "../lib/records/signal_table.ts";
import type { EcgRecord } from "../lib/records/types.ts";
import {
  buildReport,
  evaluationFiles,
  type EvaluationPair,
  groundTruthMeta,
  type ImageResult,
  pairByStem,
  predictionSampleRate,
  scoreImage,
  type StemFiles,
} from "../lib/evaluate/mod.ts";
import { Progress } from "./_progress.ts";
import { escapeTerminal, explainParseError, prepareOutDir, runMain, versionLine } from "./_cli.ts";
import { isDatasetIndex } from "../lib/io/discover.ts";

const USAGE = `Usage: deno task evaluate --pred <dir> --truth <dir> [options]

Pairs <stem>.csv signal tables of the two folders (searched recursively) by
stem and scores each prediction against its ground truth: plain per-lead
SNR, NRMSE and Pearson r, the PhysioNet Challenge 2024 SNR and the 2025
Kaggle score. See docs/evaluate.md.

  --pred <dir>        digitizer output: <stem>.csv (+ optional <stem>.json)
  --truth <dir>       ground truth: <stem>.csv + <stem>.json (generator output,
                      or Kaggle-style CSVs with --truth-fs)
  --out <dir>         output folder [default: <pred>-evaluation, beside --pred]
  --pred-fs <hz>      rate of prediction CSVs whose JSON states none [default: 500]
  --truth-fs <hz>     rate of truth CSVs whose JSON states none (else rows / 10 s)
  --worst <n>         worst images to list and draw [default: 10]
  --bins <n>          most bins per robustness curve [default: 5]
  --no-2024           skip the (slower) 2024 challenge score
  --score-missing     score truth stems without any prediction file as missing
                      (by default only stems with a prediction JSON but no CSV are)
  --quiet             no progress bar
  -h, --help          this text
  --version           print the toolkit version

Writes metrics.csv, images.csv, summary.json, worst.json, robustness.csv,
snr_by_group.svg, snr_by_lead.svg, robustness.svg, worst/<rank>-<stem>.svg and
report.html. Exits 1 when nothing could be scored, 2 on a usage error.`;

interface Cli {
  pred: string;
  truth: string;
  out: string;
  predFs: number;
  truthFs: number | null;
  worst: number;
  bins: number;
  c2024: boolean;
  scoreMissing: boolean;
  quiet: boolean;
}

const EVALUATE_OPTIONS = [
  "pred",
  "truth",
  "out",
  "pred-fs",
  "truth-fs",
  "worst",
  "bins",
  "2024",
  "score-missing",
  "quiet",
  "help",
  "version",
];

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let cli: Cli;
  try {
    const parsed = parseArgs({
      args,
      options: {
        pred: { type: "string" },
        truth: { type: "string" },
        out: { type: "string" },
        "pred-fs": { type: "string" },
        "truth-fs": { type: "string" },
        worst: { type: "string" },
        bins: { type: "string" },
        "2024": { type: "boolean", default: true },
        "score-missing": { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
      allowNegative: true,
      strict: true,
    });
    if (parsed.values.help) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.values.version) {
      console.log(versionLine("ecg-evaluate"));
      return 0;
    }
    const v = parsed.values;
    if (!v.pred || !v.truth) throw new Error("--pred and --truth are required");
    const pred = resolve(v.pred);
    cli = {
      pred,
      truth: resolve(v.truth),
      out: resolve(v.out ?? join(dirname(pred), `${basename(pred)}-evaluation`)),
      predFs: number("pred-fs", v["pred-fs"] ?? "500", (x) => x > 0),
      truthFs: v["truth-fs"] === undefined ? null : number("truth-fs", v["truth-fs"], (x) => x > 0),
      worst: number("worst", v.worst ?? "10", (x) => Number.isInteger(x) && x >= 0),
      bins: number("bins", v.bins ?? "5", (x) => Number.isInteger(x) && x >= 1),
      c2024: v["2024"] !== false,
      scoreMissing: v["score-missing"] === true,
      quiet: v.quiet === true,
    };
  } catch (error) {
    const message = explainParseError(error, EVALUATE_OPTIONS);
    console.error(`error: ${escapeTerminal(message)}\nRun with --help for usage.`);
    return 2;
  }
  return await run(cli);
}

function number(name: string, text: string, ok: (x: number) => boolean): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || !ok(x)) {
    throw new Error(`invalid --${name}: "${text}"`);
  }
  return x;
}

async function listFiles(dir: string, skip: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await Array.fromAsync(Deno.readDir(d));
    for (const entry of entries) {
      const path = join(d, entry.name);
      if (entry.name.startsWith(".") || path === skip || isDatasetIndex(entry.name, entries)) {
        continue;
      }
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) out.push(path);
    }
  };
  await walk(dir);
  return out.sort();
}

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`Cannot read "${path}": ${describe(error)}`);
  }
}

async function readJson(path: string | undefined): Promise<unknown> {
  if (path === undefined) return undefined;
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read "${path}": invalid JSON: ${describe(error)}`);
  }
}

interface Rates {
  truthFromJson: number;
  truthFromOption: number;
  truthFromRows: number;
  predFromJson: number;
  predAssumed: number;
}

/** Read one pair; throws with the file named when something is unreadable. */
function zeroRates(): Rates {
  return {
    truthFromJson: 0,
    truthFromOption: 0,
    truthFromRows: 0,
    predFromJson: 0,
    predAssumed: 0,
  };
}

async function readPair(
  stem: string,
  truth: StemFiles,
  pred: StemFiles,
  cli: Cli,
  counts: Rates,
): Promise<EvaluationPair> {
  const notes: string[] = [];
  const rates = zeroRates();
  const truthJson = await readJson(truth.json);
  const imageExt = truth.image?.split(".").pop();
  const meta = groundTruthMeta(truthJson, imageExt);
  const truthText = await readText(truth.csv!);
  let truthFs = meta.sampleRateHz;
  if (truthFs !== null) rates.truthFromJson++;
  else if (cli.truthFs !== null) (truthFs = cli.truthFs, rates.truthFromOption++);
  else {
    const rows = truthText.trim().split(/\r?\n/).length - 1;
    if (rows < 10 || rows % 10 !== 0) {
      throw new Error(
        `Cannot read "${truth.csv}": rate unknown (no JSON sampling_frequency, no --truth-fs, and ${rows} rows are not 10 s at a whole rate)`,
      );
    }
    truthFs = rows / 10;
    rates.truthFromRows++;
    notes.push(
      `truth rate taken as ${truthFs} Hz (${rows} rows over 10 s): no JSON, no --truth-fs`,
    );
  }
  const truthRecord = parseSignalCsv(truthText, {
    sampleRateHz: truthFs,
    name: stem,
    source: truth.csv!,
  });
  let prediction: EcgRecord | null = null;
  const predJson = await readJson(pred.json);
  if (pred.csv !== undefined) {
    let predFs = predictionSampleRate(predJson);
    if (predFs !== null) rates.predFromJson++;
    else {
      predFs = cli.predFs;
      rates.predAssumed++;
      notes.push(`prediction rate assumed ${predFs} Hz (--pred-fs): its JSON states none`);
    }
    const text = await readText(pred.csv);
    prediction = parseSignalCsv(text, { sampleRateHz: predFs, name: stem, source: pred.csv });
  } else notes.push("prediction has a JSON but no CSV (digitizer failed?)");
  // Count the rates' sources only for pairs that could be read.
  for (const key of Object.keys(rates) as (keyof Rates)[]) counts[key] += rates[key];
  const pair: EvaluationPair = {
    id: stem,
    truth: truthRecord,
    prediction,
    groups: meta.groups,
    notes,
  };
  return truthJson === undefined ? pair : { ...pair, distortions: meta.distortions };
}

const list = (items: readonly string[]) =>
  items.slice(0, 20).join(", ") + (items.length > 20 ? ", …" : "");

async function run(cli: Cli): Promise<number> {
  let truthFiles: string[], predFiles: string[];
  try {
    truthFiles = await listFiles(cli.truth, cli.out);
    predFiles = await listFiles(cli.pred, cli.out);
    await prepareOutDir(cli.out);
  } catch (error) {
    console.error(`error: ${escapeTerminal(describe(error))}`);
    return 2;
  }
  const pairing = pairByStem(truthFiles, predFiles);
  const rel = (p: string) => relative(Deno.cwd(), p) || ".";
  const warnings = pairing.duplicates.map((path) => `duplicate stem ignored: ${rel(path)}`);
  const truthOnly = pairing.truthOnly.map((t) => t.stem);
  if (truthOnly.length > 0) {
    const what = cli.scoreMissing ? "scored as missing" : "skipped";
    warnings.push(
      `${truthOnly.length} truth stem(s) without prediction ${what}: ${list(truthOnly)}`,
    );
  }
  if (pairing.predictionOnly.length > 0) {
    warnings.push(
      `${pairing.predictionOnly.length} prediction stem(s) without truth skipped: ${
        list(pairing.predictionOnly)
      }`,
    );
  }
  for (const w of warnings) console.error(`warning: ${escapeTerminal(w)}`);
  const jobs = new Map<string, { truth: StemFiles; prediction: StemFiles }>();
  for (const p of pairing.pairs) jobs.set(p.stem, p);
  if (cli.scoreMissing) {
    for (const t of pairing.truthOnly) jobs.set(t.stem, { ...t, prediction: {} });
  }

  const rates = zeroRates();
  const unreadable: { stem: string; error: string }[] = [];
  const images: ImageResult[] = [];
  const options = { worstCount: cli.worst, challenge2024: cli.c2024, robustnessBins: cli.bins };
  const progress = new Progress("evaluate", jobs.size, { quiet: cli.quiet, unit: "images" });
  for (const [stem, files] of [...jobs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      const pair = await readPair(stem, files.truth, files.prediction, cli, rates);
      images.push(scoreImage(pair, options));
      progress.tick();
    } catch (error) {
      unreadable.push({ stem, error: describe(error) });
      progress.log(`error: ${stem}: ${describe(error)}`);
      progress.tick(1, 1);
    }
  }
  progress.finish();
  const report = buildReport(images, options, [
    ...warnings,
    ...unreadable.map((u) => `unreadable: ${u.stem}: ${u.error}`),
  ]);

  const worstSignals: Record<string, { truth: EcgRecord; prediction: EcgRecord | null }> = {};
  for (const w of report.worst) {
    try {
      const pair = await readPair(w.id, jobs.get(w.id)!.truth, jobs.get(w.id)!.prediction, cli, {
        ...rates,
      });
      worstSignals[w.id] = { truth: pair.truth, prediction: pair.prediction };
    } catch (error) {
      console.error(`error: ${escapeTerminal(`figure of ${w.id}: ${describe(error)}`)}`);
    }
  }
  const notes = [
    `Truth: ${rel(cli.truth)} · prediction: ${
      rel(cli.pred)
    } · ${images.length} image(s) scored, ${unreadable.length} unreadable.`,
  ];
  if (rates.predAssumed > 0) {
    notes.push(
      `Prediction rate assumed ${cli.predFs} Hz for ${rates.predAssumed} image(s): no rate in their JSON.`,
    );
  }
  if (rates.truthFromRows > 0) {
    notes.push(`Truth rate inferred as rows / 10 s for ${rates.truthFromRows} image(s).`);
  }
  const extra = {
    inputs: {
      truth: rel(cli.truth),
      prediction: rel(cli.pred),
      scored: images.length,
      unreadable,
      truthOnly,
      predictionOnly: pairing.predictionOnly,
      sampleRates: { ...rates, predAssumedHz: cli.predFs },
    },
  };
  const files = await evaluationFiles(report, { extra, notes, worstSignals });
  await Deno.mkdir(join(cli.out, "worst"), { recursive: true });
  for await (const entry of Deno.readDir(join(cli.out, "worst"))) {
    // Figures of an earlier run would mix with this run's ranks.
    if (entry.isFile && /^\d+-.*\.svg$/.test(entry.name)) {
      await Deno.remove(join(cli.out, "worst", entry.name));
    }
  }
  for (const [name, text] of Object.entries(files)) {
    await writeFileAtomic(join(cli.out, name), text);
  }

  const o = report.summary.overall;
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : String(v));
  console.log(
    `${images.length} image(s): Kaggle ${fmt(o.kaggleScoreDb)} dB, 2024 SNR ${
      fmt(o.challenge2024SnrDb)
    } dB, ` +
      `mean SNR ${fmt(o.meanSnrDb)} dB → ${rel(cli.out)}`,
  );
  if (images.length === 0) {
    console.error("error: nothing could be scored");
    return 1;
  }
  return 0;
}

if (import.meta.main) await runMain(main);

/**
 * `deno task evaluate`: score digitizer output against ground truth.
 *
 * @module
 */
// First: refuses with one line when a native library would lack its permissions.
import "./_permissions.ts";
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
  inferSampleRate,
  pairByStem,
  predictionSampleRate,
  scoreImage,
  type StemFiles,
} from "../lib/evaluate/mod.ts";
import { Progress } from "./_progress.ts";
import { escapeTerminal, explainParseError, prepareOutDir, runMain, versionLine } from "./_cli.ts";
import { listInput, readJson, readText } from "./_evaluate_files.ts";

/** Rate of a prediction CSV that states none and whose rows give none. */
const DEFAULT_PRED_FS = 500;

const USAGE = `Usage: deno task evaluate --pred <dir> --truth <dir> [options]

Pairs <stem>.csv signal tables of the two folders (searched recursively) by
stem and scores each prediction against its ground truth: plain per-lead
SNR, NRMSE and Pearson r, the PhysioNet Challenge 2024 SNR and the 2025
Kaggle score. See docs/evaluate.md.

  --pred <dir>        digitizer output: <stem>.csv (+ optional <stem>.json)
  --truth <dir>       ground truth: <stem>.csv + <stem>.json (generator output,
                      or Kaggle-style CSVs with --truth-fs)
  -o, --out <dir>     output folder [default: <pred>-evaluation, beside --pred]
  --pred-fs <hz>      rate of prediction CSVs whose JSON states none. Without it,
                      a CSV whose rows are not 500 Hz over the truth's duration
                      (or 10 s) is read at rows / duration when that is a
                      plausible rate (a multiple of 50 Hz, or 125, 128, 256,
                      360, 512, 1024, 2048 Hz), with a warning; else at 500 Hz,
                      with a warning
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
report.html. In the JSON files a number that is not finite is null; for ±∞ the
object also gets "nonFinite": {"<field>": "+inf" | "-inf"}. Warns (stderr,
summary.json "warnings", report.html) for each prediction with no column named
as a standard lead, and for rates inferred from the row count.
Exits 2 on a usage error or when no stem pairs (no report is written then),
1 when nothing could be scored.`;

interface Cli {
  pred: string;
  truth: string;
  out: string;
  /** `--pred-fs`, or `null` when not given (rows decide, else 500 Hz). */
  predFs: number | null;
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
        out: { type: "string", short: "o" },
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
      predFs: v["pred-fs"] === undefined ? null : number("pred-fs", v["pred-fs"], (x) => x > 0),
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

/** Where each image's rates came from (`summary.json` `inputs.sampleRates`). */
interface Rates {
  truthFromJson: number;
  truthFromOption: number;
  truthFromRows: number;
  predFromJson: number;
  /** Not in the JSON: --pred-fs, or the default with rows that agree or give no rate. */
  predAssumed: number;
  /** Not in the JSON, no --pred-fs: rows / duration, a plausible rate other than the default. */
  predInferred: number;
  /** Of those inferred or assumed, how many had rows fitting two rates or none. */
  predAmbiguous: number;
  /** The inferred ones. */
  inferred: { image: string; rows: number; hz: number }[];
}

function zeroRates(): Rates {
  return {
    truthFromJson: 0,
    truthFromOption: 0,
    truthFromRows: 0,
    predFromJson: 0,
    predAssumed: 0,
    predInferred: 0,
    predAmbiguous: 0,
    inferred: [],
  };
}

function addRates(to: Rates, from: Rates): void {
  to.truthFromJson += from.truthFromJson;
  to.truthFromOption += from.truthFromOption;
  to.truthFromRows += from.truthFromRows;
  to.predFromJson += from.predFromJson;
  to.predAssumed += from.predAssumed;
  to.predInferred += from.predInferred;
  to.predAmbiguous += from.predAmbiguous;
  to.inferred.push(...from.inferred);
}

/** Read one pair; throws with the file named when something is unreadable. */
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
    const text = await readText(pred.csv);
    let stated: number | null;
    try {
      stated = predictionSampleRate(predJson);
    } catch (error) {
      throw new Error(`Cannot read "${pred.json}": ${describe(error)}`);
    }
    const fallbackHz = cli.predFs ?? DEFAULT_PRED_FS;
    prediction = parseSignalCsv(text, {
      sampleRateHz: stated ?? fallbackHz,
      name: stem,
      source: pred.csv,
    });
    if (stated !== null) rates.predFromJson++;
    else {
      const rows = prediction.signals[0]?.length ?? 0;
      const truthDurationS = (truthRecord.signals[0]?.length ?? 0) / truthFs;
      const guess = inferSampleRate(rows, {
        fallbackHz,
        ...(truthDurationS > 0 ? { truthDurationS } : {}),
      });
      const why = "its JSON states none";
      if (cli.predFs !== null) {
        rates.predAssumed++;
        notes.push(
          `prediction rate assumed ${cli.predFs} Hz (--pred-fs): ${why}` +
            (guess.warning === null ? "" : `; but ${guess.warning.replace(/: kept .*$/, "")}`),
        );
      } else if (guess.source === "inferred") {
        rates.predInferred++;
        if (guess.ambiguous) rates.predAmbiguous++;
        rates.inferred.push({ image: stem, rows, hz: guess.sampleRateHz });
        prediction = { ...prediction, sampleRateHz: guess.sampleRateHz };
        notes.push(`prediction ${guess.warning} (${why}; state fs there or pass --pred-fs)`);
      } else {
        rates.predAssumed++;
        if (guess.warning !== null) rates.predAmbiguous++;
        notes.push(
          `prediction rate assumed ${fallbackHz} Hz (default): ${why}` +
            (guess.warning === null
              ? `, and its ${rows} rows agree`
              : `; ambiguous: ${guess.warning} (state fs there or pass --pred-fs)`),
        );
      }
    }
  } else notes.push("prediction has a JSON but no CSV (digitizer failed?)");
  // Count the rates' sources only for pairs that could be read.
  addRates(counts, rates);
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
    truthFiles = await listInput(cli.truth, "--truth", cli.out);
    predFiles = await listInput(cli.pred, "--pred", cli.out);
  } catch (error) {
    console.error(`error: ${escapeTerminal(describe(error))}`);
    return 2;
  }
  const pairing = pairByStem(truthFiles, predFiles);
  if (pairing.pairs.length === 0 && !(cli.scoreMissing && pairing.truthOnly.length > 0)) {
    const count = (files: string[]) => files.filter((f) => f.endsWith(".csv")).length;
    console.error(
      `error: ${
        escapeTerminal(
          `nothing to pair: no stem of --pred "${cli.pred}" (${count(predFiles)} CSVs) has a ` +
            `ground truth in --truth "${cli.truth}" (${count(truthFiles)} CSVs); no report written`,
        )
      }`,
    );
    return 2;
  }
  try {
    await prepareOutDir(cli.out);
  } catch (error) {
    console.error(`error: ${escapeTerminal(describe(error))}`);
    return 2;
  }
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
  const runWarnings = [...unreadable.map((u) => `unreadable: ${u.stem}: ${u.error}`)];
  if (rates.predInferred > 0) {
    runWarnings.push(
      `prediction rate inferred from the row count for ${rates.predInferred} image(s) whose JSON states no fs (default ${DEFAULT_PRED_FS} Hz not used): ${
        list(rates.inferred.map((r) => `${r.image} ${r.hz} Hz (${r.rows} rows)`))
      }`,
    );
  }
  if (rates.predAmbiguous > 0) {
    runWarnings.push(
      `prediction rate ambiguous for ${rates.predAmbiguous} image(s) whose JSON states no fs: see their warnings in images.csv`,
    );
  }
  const report = buildReport(images, options, [...warnings, ...runWarnings]);
  // The rest of the run-level warnings (rates, predictions without a known lead).
  for (const w of report.warnings.slice(warnings.length)) {
    if (!w.startsWith("unreadable: ")) console.error(`warning: ${escapeTerminal(w)}`);
  }

  const worstSignals: Record<string, { truth: EcgRecord; prediction: EcgRecord | null }> = {};
  for (const w of report.worst) {
    try {
      const files = jobs.get(w.id)!;
      const pair = await readPair(w.id, files.truth, files.prediction, cli, zeroRates());
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
      `Prediction rate assumed ${
        cli.predFs ?? DEFAULT_PRED_FS
      } Hz for ${rates.predAssumed} image(s): no rate in their JSON.`,
    );
  }
  if (rates.predInferred > 0) {
    notes.push(
      `Prediction rate inferred from the row count for ${rates.predInferred} image(s): no rate in their JSON (see warnings).`,
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
      sampleRates: { ...rates, predAssumedHz: cli.predFs ?? DEFAULT_PRED_FS },
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

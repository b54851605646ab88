/**
 * Trace-reader figures (issue #16), for whichever reader the digitizer runs:
 * `deno task bench:reader [--reader dp|learned] [--out <dir>] [--foreign <dir>] [--workers n]
 * [-- <more digitize options>]`.
 *
 * - **Presets on held-out records**: E07518, E07519, JS20009 and muse-af (never used to train the
 *   segmenter or the learned reader) drawn by `tasks/generate.ts` at 200 dpi, JPEG, seed 5, with
 *   presets 0001, 0003 and 0004, digitized, and scored by `tasks/evaluate.ts --no-2024` (Kaggle
 *   2025 dB per preset).
 * - **Crossing rows**: E07519 scaled so that the largest wave of the row above the rhythm strip
 *   (III, aVF, V3, V6 over the samples they show) reaches 3.5 mV, written as a signal CSV and
 *   drawn as a clean 3x4+II page (preset 0001, PNG). Per-lead Kaggle dB of that row's two
 *   largest-wave leads and of the rhythm strip II, the extremes read against the true ones, and
 *   the largest error of II while each of them is drawn (spikes of the other lead's ink).
 * - **Edge share**: the share of the squared error in the first and last 20 ms of each panel
 *   (each run of finite truth, as `../shared/tools/error_anatomy.py` counts it), after the Kaggle
 *   alignment (`alignKaggle`), on the clean pages (0001) and on the `clean` set of
 *   `../shared/data/foreign-renders` when it is there; `error_anatomy.py`'s own figure is printed
 *   beside it when Python is there.
 * - **Peak ratio**: per panel, QRS complexes are found in the truth (slope energy), and the
 *   predicted peak-to-peak over the true one is taken in a ±60 ms window; the median over
 *   complexes (true peak-to-peak ≥ 0.3 mV, window inside the panel) is reported per group.
 * - **Seconds per page**: the median of the digitizer's own `seconds` per page, and the batch's
 *   wall time over its pages.
 *
 * One digitize batch reads every page (the foreign pages where they lie; nothing is copied from
 * `../shared`). `--reader` is passed to `tasks/digitize.ts` only when given, so the benchmark
 * runs with a digitizer that does not know the option yet; anything after `--` is passed as is.
 * Prints one table and writes `<out>/summary.json`. About 2–4 minutes on 2 cores.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, extname, join, resolve } from "node:path";
import { readWfdbRecord } from "../lib/io/wfdb.ts";
import { formatSignalCsv } from "../lib/records/signal_table.ts";
import { parseSignalCsv } from "../lib/records/signal_table.ts";
import { kaggleImageRatio, kaggleScoreDb } from "../lib/evaluate/kaggle_2025.ts";
import { nanMedian } from "../lib/evaluate/_numeric.ts";
import {
  extreme,
  type LeadAnatomy,
  leadAnatomy,
  maxAbsError,
  quantile,
} from "./_reader_metrics.ts";

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"] as const;
const HELD_OUT = ["E07518", "E07519", "JS20009", "muse-af"];
const PRESETS = ["0001", "0003", "0004"];
const SEED = 5;
const EDGE_MS = 20;
const CROSS_RECORD = "E07519";
const CROSS_MV = 3.5;
/** The row above the rhythm strip in 3x4+II, and the samples (at 500 Hz) each lead shows. */
const ROW3: Record<string, [number, number]> = {
  III: [0, 1250],
  aVF: [1250, 2500],
  V3: [2500, 3750],
  V6: [3750, 5000],
};

const { values, positionals: passthrough } = parseArgs({
  args: Deno.args,
  options: {
    reader: { type: "string" },
    out: { type: "string", default: "out/bench-reader" },
    foreign: { type: "string", default: "../shared/data/foreign-renders" },
    records: { type: "string", default: "fixtures/records" },
    workers: { type: "string" },
  },
  allowPositionals: true,
});
if (values.reader !== undefined && !["dp", "learned"].includes(values.reader)) {
  console.error(`bench:reader: --reader must be dp or learned, not "${values.reader}"`);
  Deno.exit(2);
}
const out = resolve(values.out!);
const readerLabel = values.reader ?? "default";
const t0 = performance.now();

async function run(args: string[], what: string, quiet = true): Promise<string> {
  const r = await new Deno.Command(args[0]!, {
    args: args.slice(1),
    stdout: "piped",
    stderr: quiet ? "piped" : "inherit",
  }).output();
  const text = new TextDecoder().decode(r.stdout);
  // digitize exits 1 when some page failed (the batch goes on, and that is measured); 2 is a
  // usage error, e.g. an option this digitizer does not know yet
  if (!r.success && (what !== "digitize" || r.code === 2)) {
    console.error(text, quiet ? new TextDecoder().decode(r.stderr) : "");
    console.error(`bench:reader: ${what} failed (exit ${r.code})`);
    Deno.exit(r.code === 2 ? 2 : 1);
  }
  return text;
}
const deno = (script: string, ...rest: string[]) => [Deno.execPath(), "run", "-A", script, ...rest];

// ---------------------------------------------------------------------------------------- pages
for (const d of ["records", "gen", "cross", "pages", "pred", "eval", "eval-pred"]) {
  await Deno.remove(join(out, d), { recursive: true }).catch(() => {});
}
await Deno.mkdir(join(out, "records"), { recursive: true });
await Deno.mkdir(join(out, "pages"), { recursive: true });
const recordsDir = resolve(values.records!);
for (const name of HELD_OUT) {
  for (const entry of Deno.readDirSync(recordsDir)) {
    if (entry.isFile && entry.name.startsWith(name + ".")) {
      await Deno.copyFile(join(recordsDir, entry.name), join(out, "records", entry.name));
    }
  }
}
const tGen = performance.now();
/** `tasks/generate.ts` at 200 dpi with the benchmark's seed. */
const generate = (input: string, dir: string, ...options: string[]) =>
  run(
    deno(
      "tasks/generate.ts",
      "--input",
      input,
      "--out",
      dir,
      "--seed",
      String(SEED),
      "--dpi",
      "200",
    )
      .concat("--quiet", ...options),
    `generate ${basename(dir)}`,
  );
for (const preset of PRESETS) {
  await generate(
    join(out, "records"),
    join(out, "gen", preset),
    "--preset",
    preset,
    "--format",
    "jpg",
  );
}

// The crossing page: one record scaled so that row 3's largest wave reaches CROSS_MV.
const rec = await readWfdbRecord(join(recordsDir, `${CROSS_RECORD}.hea`));
let row3Max = 0;
for (const [lead, [a, b]] of Object.entries(ROW3)) {
  const s = rec.signals[rec.leadNames.indexOf(lead)]!;
  for (let k = a; k < b; k++) row3Max = Math.max(row3Max, Math.abs(s[k]!));
}
const scale = CROSS_MV / row3Max;
const crossName = `${CROSS_RECORD}_x${scale.toFixed(2)}`;
await Deno.mkdir(join(out, "cross", "input"), { recursive: true });
await Deno.writeTextFile(
  join(out, "cross", "input", `${crossName}.csv`),
  formatSignalCsv({
    ...rec,
    name: crossName,
    signals: rec.signals.map((s) => s.map((v) => v * scale)),
  }, {
    columns: LEADS,
  }),
);
await generate(
  join(out, "cross", "input"),
  join(out, "cross", "gen"),
  ...["--sample-rate", String(rec.sampleRateHz), "--preset", "0001", "--format", "png"],
  ...["--layout", "3x4", "--rhythm", "II"],
);
const genSeconds = (performance.now() - tGen) / 1000;

/** A page to digitize: its image, the stem its prediction gets, its truth and group. */
interface Page {
  image: string;
  stem: string;
  truth: string;
  truthFs: number;
  group: string;
  origStem: string;
}
const pages: Page[] = [];
async function linkPage(src: string, stem: string): Promise<string> {
  const dst = join(out, "pages", stem + extname(src));
  await Deno.link(src, dst).catch(() => Deno.copyFile(src, dst));
  return dst;
}
async function ourPages(dir: string, group: string, prefix: string) {
  for (const entry of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
    const ext = extname(entry.name);
    if (
      ![".jpg", ".png"].includes(ext) || entry.name.includes(".mask") ||
      entry.name.includes(".clean")
    ) {
      continue;
    }
    const orig = basename(entry.name, ext);
    const meta = JSON.parse(await Deno.readTextFile(join(dir, orig + ".json")));
    pages.push({
      image: await linkPage(join(dir, entry.name), `${prefix}_${orig}`),
      stem: `${prefix}_${orig}`,
      truth: join(dir, orig + ".csv"),
      truthFs: meta.sampling_frequency,
      group,
      origStem: orig,
    });
  }
}
for (const preset of PRESETS) await ourPages(join(out, "gen", preset), preset, `p${preset}`);
await ourPages(join(out, "cross", "gen"), "cross", "cross");
const foreignDir = resolve(values.foreign!);
let foreignIndex: string | null = join(foreignDir, "index.csv");
try {
  const text = await Deno.readTextFile(foreignIndex);
  for (const line of text.trim().split("\n").slice(1)) {
    const [set, image, gt, fs] = line.split(",");
    if (set !== "clean") continue;
    pages.push({
      image: join(foreignDir, image!),
      stem: basename(image!, extname(image!)),
      truth: join(foreignDir, gt!),
      truthFs: Number(fs),
      group: "foreign clean",
      origStem: basename(image!, extname(image!)),
    });
  }
} catch {
  console.error(`bench:reader: no ${foreignIndex}; the foreign clean set is left out`);
  foreignIndex = null;
}

// ------------------------------------------------------------------------------------- digitize
const tDig = performance.now();
await run(
  deno(
    "tasks/digitize.ts",
    ...pages.map((p) => p.image),
    "--out",
    join(out, "pred"),
    "--fs",
    "500",
    "--quiet",
    ...(values.reader !== undefined ? ["--reader", values.reader] : []),
    ...(values.workers !== undefined ? ["--workers", values.workers] : []),
    ...passthrough,
  ),
  "digitize",
  false,
);
const digWall = (performance.now() - tDig) / 1000;

// ------------------------------------------------------------------------------ Kaggle per preset
const presetDb: Record<string, number | null> = {};
for (const preset of PRESETS) {
  const dir = join(out, "eval-pred", preset);
  await Deno.mkdir(dir, { recursive: true });
  for (const p of pages.filter((p) => p.group === preset)) {
    for (const ext of [".csv", ".json"]) {
      await Deno.copyFile(join(out, "pred", p.stem + ext), join(dir, p.origStem + ext)).catch(
        () => {},
      );
    }
  }
  await run(
    deno(
      "tasks/evaluate.ts",
      "--pred",
      dir,
      "--truth",
      join(out, "gen", preset),
      "--out",
      join(out, "eval", preset),
      "--no-2024",
      "--score-missing",
      "--quiet",
    ),
    `evaluate ${preset}`,
  );
  const s = JSON.parse(await Deno.readTextFile(join(out, "eval", preset, "summary.json")));
  presetDb[preset] = s.summary?.overall?.kaggleScoreDb ?? s.overall?.kaggleScoreDb ?? null;
}

// ------------------------------------------------------------------------- per-lead error anatomy
interface LeadResult extends LeadAnatomy {
  page: string;
  group: string;
  lead: string;
  truth: Float64Array;
}

async function readLeads(path: string, sampleRateHz: number): Promise<Map<string, Float64Array>> {
  const r = parseSignalCsv(await Deno.readTextFile(path), { sampleRateHz, source: path });
  return new Map(r.leadNames.map((lead, i) => [lead, r.signals[i]!]));
}

async function anatomy(p: Page): Promise<LeadResult[]> {
  const truth = await readLeads(p.truth, p.truthFs);
  const pred = await readLeads(join(out, "pred", p.stem + ".csv"), 500).catch(() => new Map());
  const results: LeadResult[] = [];
  for (const lead of LEADS) {
    const t = truth.get(lead);
    const a = t ? leadAnatomy(t, pred.get(lead), p.truthFs, EDGE_MS) : null;
    if (a) results.push({ ...a, page: p.stem, group: p.group, lead, truth: t! });
  }
  return results;
}

const leadResults: LeadResult[] = [];
for (const p of pages) leadResults.push(...await anatomy(p));
const leadDb = (r: LeadResult) =>
  10 * Math.log10(r.kaggle.signalPower / Math.max(r.kaggle.noisePower, 1e-12));

const median = (v: number[]) => nanMedian(v);

async function pageSeconds(group: string): Promise<number[]> {
  const secs: number[] = [];
  for (const p of pages.filter((p) => p.group === group)) {
    try {
      const j = JSON.parse(await Deno.readTextFile(join(out, "pred", p.stem + ".json")));
      if (typeof j.seconds === "number") secs.push(j.seconds);
    } catch { /* no JSON: counted as missing */ }
  }
  return secs;
}

/** error_anatomy.py's own edge share, for a cross-check (null when it cannot run). */
async function anatomyPy(index: string, sets?: string): Promise<number | null> {
  const tool = resolve("../shared/tools/error_anatomy.py");
  try {
    const r = await new Deno.Command("python3", {
      args: [
        tool,
        join(out, "pred"),
        "--index",
        index,
        "--edge-ms",
        String(EDGE_MS),
        "--worst",
        "0",
        ...(sets ? ["--sets", sets] : []),
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    const text = new TextDecoder().decode(r.stdout);
    const m = text.match(/edges ([\d.]+)%/);
    return m ? Number(m[1]) / 100 : null;
  } catch {
    return null;
  }
}
// An index of our clean pages in error_anatomy.py's format (absolute paths; nothing copied).
const ourIndex = join(out, "clean-index.csv");
await Deno.writeTextFile(
  ourIndex,
  "set,image,gt,fs,layout,notes\n" +
    pages.filter((p) => p.group === "0001").map((p) =>
      `0001,${join(out, "pages", p.stem + ".jpg")},${p.truth},${p.truthFs},3x4+II,`
    ).join("\n") + "\n",
);

interface GroupRow {
  group: string;
  pages: number;
  kaggleDb: number | null;
  edgeShare: number | null;
  edgeSharePy: number | null;
  edgeShareReadLeads: number | null;
  leadsNotRead: number;
  peakRatioMedian: number | null;
  peakRatioP10: number | null;
  peakRatioP90: number | null;
  qrsComplexes: number;
  secondsPerPageMedian: number | null;
  failed: number;
}
const rows: GroupRow[] = [];
for (const group of [...PRESETS, "cross", ...(foreignIndex ? ["foreign clean"] : [])]) {
  const lr = leadResults.filter((r) => r.group === group);
  const all = lr.reduce((a, r) => a + r.kaggle.noisePower, 0),
    edge = lr.reduce((a, r) => a + r.errEdge, 0);
  const ratios = lr.filter((r) => r.read).flatMap((r) => r.peakRatios);
  const lrRead = lr.filter((r) => r.read);
  const allRead = lrRead.reduce((a, r) => a + r.kaggle.noisePower, 0);
  const edgeRead = lrRead.reduce((a, r) => a + r.errEdge, 0);
  const secs = await pageSeconds(group);
  const n = pages.filter((p) => p.group === group).length;
  const clean = group === "0001" || group === "foreign clean" || group === "cross";
  rows.push({
    group,
    pages: n,
    kaggleDb: group in presetDb ? presetDb[group]! : null,
    edgeShare: clean && all > 0 ? edge / all : null,
    edgeShareReadLeads: clean && allRead > 0 ? edgeRead / allRead : null,
    leadsNotRead: lr.length - lrRead.length,
    edgeSharePy: group === "0001"
      ? await anatomyPy(ourIndex)
      : group === "foreign clean" && foreignIndex
      ? await anatomyPy(foreignIndex, "clean")
      : null,
    peakRatioMedian: ratios.length ? median(ratios) : null,
    peakRatioP10: ratios.length ? quantile(ratios, 0.1) : null,
    peakRatioP90: ratios.length ? quantile(ratios, 0.9) : null,
    qrsComplexes: ratios.length,
    secondsPerPageMedian: secs.length ? median(secs) : null,
    failed: n - secs.length,
  });
}
// Kaggle dB of the crossing page and of the foreign clean set, from the per-lead powers.
for (const row of rows.filter((r) => r.kaggleDb === null)) {
  row.kaggleDb = kaggleScoreDb(
    pages.filter((p) => p.group === row.group).map((p) =>
      kaggleImageRatio(leadResults.filter((r) => r.page === p.stem).map((r) => r.kaggle))
    ),
  );
}

// --------------------------------------------------------------------------- the crossing leads
const crossLeads = leadResults.filter((r) => r.group === "cross");
const byWave = Object.keys(ROW3)
  .map((lead) => crossLeads.find((r) => r.lead === lead))
  .filter((r): r is LeadResult => r !== undefined)
  .sort((a, b) => Math.abs(extreme(b.truth)) - Math.abs(extreme(a.truth)))
  .slice(0, 2);
const stripII = crossLeads.find((r) => r.lead === "II");
const crossing = byWave.map((r) => {
  const [a, b] = ROW3[r.lead]!;
  return {
    lead: r.lead,
    kaggleDb: leadDb(r),
    trueExtremeMv: extreme(r.truth),
    readExtremeMv: extreme(r.aligned),
    maxAbsErrMv: maxAbsError(r.truth, r.aligned),
    /** II's largest error while this lead is drawn above it: its spikes show up here. */
    iiMaxAbsErrInWindowMv: stripII ? maxAbsError(stripII.truth, stripII.aligned, a, b) : null,
    window: [a / 500, b / 500],
  };
});
const strip = stripII
  ? {
    lead: "II",
    kaggleDb: leadDb(stripII),
    trueExtremeMv: extreme(stripII.truth),
    readExtremeMv: extreme(stripII.aligned),
    maxAbsErrMv: maxAbsError(stripII.truth, stripII.aligned),
  }
  : null;

// ---------------------------------------------------------------------------------- the report
const allSecs = pages.length;
const ok = rows.reduce((a, r) => a + r.pages - r.failed, 0);
const f = (
  v: number | null | undefined,
  d = 2,
) => (v === null || v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(d));
const pct = (v: number | null) => (v === null ? "–" : (100 * v).toFixed(1) + " %");
console.log(
  `\ntrace reader: ${readerLabel}${
    passthrough.length ? ` (digitize ${passthrough.join(" ")})` : ""
  }; ` +
    `${allSecs} pages (${ok} read), digitize batch ${digWall.toFixed(1)} s = ${
      (digWall / allSecs).toFixed(2)
    } s/page wall; generation ${genSeconds.toFixed(1)} s`,
);
const header = [
  "set",
  "pages",
  "leads not read",
  "Kaggle dB",
  "edge share",
  "(anatomy.py)",
  "read leads",
  "peak ratio (p10–p90)",
  "QRS",
  "s/page",
];
const table = rows.map((r) => [
  r.group === "cross"
    ? `cross (${crossName})`
    : /^\d+$/.test(r.group)
    ? `preset ${r.group}`
    : r.group,
  `${r.pages}${r.failed ? ` (${r.failed} failed)` : ""}`,
  String(r.leadsNotRead),
  f(r.kaggleDb),
  pct(r.edgeShare),
  pct(r.edgeSharePy),
  pct(r.edgeShareReadLeads),
  r.peakRatioMedian === null
    ? "–"
    : `${f(r.peakRatioMedian, 3)} (${f(r.peakRatioP10, 2)}–${f(r.peakRatioP90, 2)})`,
  String(r.qrsComplexes),
  f(r.secondsPerPageMedian),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
for (const line of [header, widths.map((w) => "-".repeat(w)), ...table]) {
  console.log(line.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}
console.log(
  `crossing page (x${scale.toFixed(2)}, row 3's largest wave ${CROSS_MV} mV): ` +
    [...crossing, ...(strip ? [strip] : [])].map((c) =>
      `${c.lead} ${f(c.kaggleDb, 1)} dB (extreme ${f(c.trueExtremeMv)} read ${
        f(c.readExtremeMv)
      } mV, max |err| ${f(c.maxAbsErrMv)} mV)`
    ).join("; "),
);
console.log(
  "  II's max |err| while drawn under " +
    crossing.map((c) =>
      `${c.lead} (${c.window[0]}–${c.window[1]} s): ${f(c.iiMaxAbsErrInWindowMv)} mV`
    ).join(", ") +
    " (spikes of the row above show as errors near that lead's extreme)",
);
const secsAll = (await Promise.all([...new Set(pages.map((p) => p.group))].map(pageSeconds)))
  .flat();
console.log(
  `edge share: squared error in the first and last ${EDGE_MS} ms of each panel after the Kaggle ` +
    `alignment, all leads (error_anatomy.py's figure beside it) and leads read only; peak ratio: ` +
    `median predicted/true QRS peak-to-peak over read leads; s/page: median of the digitizer's ` +
    `own seconds (all pages: ${f(median(secsAll))})`,
);
const summary = {
  reader: readerLabel,
  digitizeOptions: [
    ...(values.reader !== undefined ? ["--reader", values.reader] : []),
    ...passthrough,
  ],
  date: new Date().toISOString(),
  records: HELD_OUT,
  seed: SEED,
  edgeMs: EDGE_MS,
  pages: allSecs,
  digitizeWallSeconds: digWall,
  secondsPerPageWall: digWall / allSecs,
  secondsPerPageMedian: median(secsAll),
  sets: rows,
  crossing: {
    record: CROSS_RECORD,
    scale,
    targetMv: CROSS_MV,
    leads: crossing,
    rhythmStrip: strip,
  },
  perPage: pages.map((p) => {
    const lr = leadResults.filter((r) => r.page === p.stem);
    const all = lr.reduce((a, r) => a + r.kaggle.noisePower, 0),
      edge = lr.reduce((a, r) => a + r.errEdge, 0);
    return {
      page: p.stem,
      group: p.group,
      leadsNotRead: lr.filter((r) => !r.read).map((r) => r.lead),
      edgeShare: all > 0 ? edge / all : null,
      leadKaggleDb: Object.fromEntries(lr.map((r) => [r.lead, Number(leadDb(r).toFixed(2))])),
    };
  }),
  totalSeconds: (performance.now() - t0) / 1000,
};
await Deno.writeTextFile(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
console.log(`summary: ${join(out, "summary.json")} (${summary.totalSeconds.toFixed(0)} s in all)`);

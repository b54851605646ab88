/**
 * `deno task digitize` as a batch tool, run as a user runs it (its own
 * process, classic ink unless said): generator side files left out, the
 * progress bar finishing when images fail, index.csv, short options,
 * --exclude, resume after SIGKILL and --force, --wfdb, --review, PDF
 * input and --kaggle-submission.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeImage, encodeImage } from "../../lib/io/image.ts";
import { pdfOfJpegs } from "../io/_pdf.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { createRng } from "../../lib/random/rng.ts";
import { digests, ROOT, runTask } from "../tasks/_helpers.ts";

const CLASSIC = ["--segmenter", "classic", "--workers", "1"];

/** `deno task digitize` with `args` (classic ink, one worker). */
function digitize(...args: string[]) {
  return runTask("digitize", [...args, ...CLASSIC]);
}

/** A folder as `deno task generate --masks --clean` leaves it: `records` × `count` pages. */
async function generated(records: string[], count: number, dpi = 110): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "digitize-flow-in-" });
  const input = join(dir, "records");
  await Deno.mkdir(input);
  for (const r of records) {
    for (const ext of [".hea", ".mat"]) {
      await Deno.copyFile(join(ROOT, "fixtures/records", r + ext), join(input, r + ext));
    }
  }
  const out = join(dir, "pages");
  const g = await runTask("generate", [
    "--input",
    input,
    "--out",
    out,
    "--masks",
    "--clean",
    "--dpi",
    String(dpi),
    "--count",
    String(count),
    "--seed",
    "5",
    "--workers",
    "1",
    "--quiet",
  ]);
  assert.equal(g.code, 0, g.stderr);
  return out;
}

/** Two pages with masks and clean traces, made once. */
let twoPages: Promise<string> | undefined;
const pages = () => twoPages ??= generated(["E07500", "E07510"], 1);

/** The index rows of `out`, as objects. */
async function indexOf(out: string): Promise<Record<string, string>[]> {
  const [head, ...rows] = (await Deno.readTextFile(join(out, "index.csv"))).trim().split("\n");
  const names = head!.split(",");
  return rows.map((row) => {
    // Fields here hold no quoted commas except `error`, the last column.
    const f = row.split(",");
    return Object.fromEntries(
      names.map((n, i) => [n, i === names.length - 1 ? f.slice(i).join(",") : f[i] ?? ""]),
    );
  });
}

Deno.test("digitize leaves out generator side files, finishes its bar with failures, writes index.csv", async () => {
  const input = await pages();
  await Deno.writeTextFile(join(input, "broken.png"), "not an image");
  const out = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  try {
    const r = await digitize(input, "--out", out);
    assert.equal(r.code, 1, r.stderr);
    // 2 pages × (9 masks + 1 clean trace) left out and said so.
    assert.match(r.stderr, /skipped 20 generator side files \(masks, clean traces\)/);
    assert.match(r.stderr, /digitized 2 of 3 images/);
    // The last bar line counts the failed image as finished: 3/3, not 2/3.
    const bars = r.stderr.split("\n").filter((l) => l.startsWith("digitize ["));
    assert.match(bars.at(-1)!, /\] 3\/3 images, 1 failed/);
    assert.doesNotMatch(bars.at(-1)!, /ETA/);
    const written = [...(await digests(out)).keys()];
    assert.equal(written.some((f) => f.includes("mask") || f.includes("clean")), false);
    const index = await indexOf(out);
    assert.deepEqual(index.map((x) => x.stem), ["E07500-0", "E07510-0", "broken"]);
    assert.deepEqual(index.map((x) => x.ok), ["true", "true", "false"]);
    for (const row of index.slice(0, 2)) {
      assert.equal(row.layout, "3x4");
      assert.ok(Number(row.confidence) > 0 && Number(row.confidence) <= 1, row.confidence);
      assert.ok(Number(row.min_lead_confidence) <= Number(row.confidence), JSON.stringify(row));
      assert.match(row.min_lead!, /^(I|II|III|aVR|aVL|aVF|V[1-6])$/);
      assert.ok(Number(row.seconds) > 0);
    }
    assert.match(index[2]!.error!, /Cannot decode image/);
  } finally {
    await Deno.remove(join(input, "broken.png"));
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("digitize takes -i/-o, refuses other short options, and --exclude leaves files out", async () => {
  const input = await pages();
  const out = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  try {
    const r = await digitize("-i", input, "-o", out, "--exclude", "E07510-*", "--quiet");
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /skipped 10 generator side files \(masks, clean traces\) and 11 by --exclude/,
    );
    assert.deepEqual((await indexOf(out)).map((x) => x.stem), ["E07500-0"]);
    const bad = await digitize(input, "-x", out);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown option '-x'.*\(short options: -i \(--input\), -o \(--out\)/);
    // A short option it lacks gets the long options that start with its letter, not --dpi.
    const f = await digitize(input, "-f", "500", "-o", out);
    assert.equal(f.code, 2);
    assert.match(f.stderr, /did you mean --force or --fs or --figures\?/);
    const none = await digitize(input, "--out", out, "--exclude", "**/*.png");
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No images found/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("digitize --wfdb writes records the WFDB reader reads back within 0.001 mV; --review a sheet", async () => {
  const input = await pages();
  const out = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  try {
    const r = await digitize(join(input, "E07500-0.png"), "--out", out, "--wfdb", "--review");
    assert.equal(r.code, 0, r.stderr);
    const csv = parseSignalCsv(await Deno.readTextFile(join(out, "E07500-0.csv")), {
      sampleRateHz: 500,
    });
    const wfdb = await readRecord(join(out, "E07500-0.hea"));
    assert.deepEqual(wfdb.leadNames, csv.leadNames);
    assert.equal(wfdb.sampleRateHz, 500);
    let worst = 0, finite = 0;
    for (let k = 0; k < 12; k++) {
      const a = csv.signals[k]!, b = wfdb.signals[k]!;
      assert.equal(b.length, a.length);
      for (let i = 0; i < a.length; i++) {
        assert.equal(Number.isNaN(b[i]!), Number.isNaN(a[i]!), `lead ${k} sample ${i}`);
        if (Number.isFinite(a[i]!)) {
          worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
          finite++;
        }
      }
    }
    assert.ok(finite > 12 * 1000, `${finite} finite samples`);
    assert.ok(worst <= 0.001, `worst difference ${worst} mV`);
    const header = await Deno.readTextFile(join(out, "E07500-0.hea"));
    assert.match(header, /^E07500-0 12 500 5000\n/);
    assert.match(header, /E07500-0\.dat 16 1000\(0\)\/mV .* V6\n/);
    assert.match(header, /#Image: E07500-0\.png/);

    const sheet = await decodeImage(await Deno.readFile(join(out, "E07500-0.review.png")));
    const page = await decodeImage(await Deno.readFile(join(input, "E07500-0.png")));
    assert.equal(sheet.width, 1600);
    // Title line + the page at 1600 px wide + 12 strips of 110 px.
    const pageHeight = Math.round(page.height * 1600 / page.width);
    assert.ok(Math.abs(sheet.height - (34 + pageHeight + 20 + 12 * 110)) <= 2, `${sheet.height}`);
    // The traces are drawn in colour over the page: many saturated pixels in its top part.
    let coloured = 0;
    for (let p = 34 * 1600; p < (34 + pageHeight) * 1600; p++) {
      const [r0, g, b] = [sheet.data[3 * p]!, sheet.data[3 * p + 1]!, sheet.data[3 * p + 2]!];
      if (Math.max(r0, g, b) - Math.min(r0, g, b) > 150 && !(r0 > 200 && g < 150 && b < 150)) {
        coloured++;
      }
    }
    assert.ok(coloured > 2000, `${coloured} trace-coloured pixels`);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

/** How many images of `out` have their JSON written. */
async function finished(out: string): Promise<number> {
  let n = 0;
  for await (const e of Deno.readDir(out)) {
    if (e.name.endsWith(".json") && !e.name.startsWith(".")) n++;
  }
  return n;
}

/** Start a digitize run; SIGKILL it once `images` JSONs are written and `ms` more passed. */
async function killedAt(args: string[], out: string, images: number, ms: number): Promise<boolean> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tasks/digitize.ts"), ...args, ...CLASSIC, "--quiet"],
    env: { INIT_CWD: "" },
    stdout: "null",
    stderr: "null",
  }).spawn();
  let done = false;
  const status = child.status.finally(() => done = true);
  while (!done && (await finished(out).catch(() => 0)) < images) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, ms));
  if (!done) {
    try {
      child.kill("SIGKILL");
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // it had just finished
    }
  }
  return !(await status).success;
}

/** The files of a digitize output folder: CSVs by hash, JSONs less their timings. */
async function outputs(out: string): Promise<Map<string, string>> {
  const files = await digests(out);
  for (const name of files.keys()) {
    if (!name.endsWith(".json")) continue;
    const json = JSON.parse(await Deno.readTextFile(join(out, name)));
    for (const k of ["seconds", "timings"]) delete json[k];
    files.set(name, JSON.stringify(json));
  }
  files.delete("index.csv");
  return files;
}

Deno.test("digitize resumes after SIGKILL at random points and ends equal to an uninterrupted run", async () => {
  const input = await generated(["E07500", "E07510"], 2, 100);
  const whole = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  const out = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  try {
    const args = [input, "--out", out, "--wfdb"];
    const first = await digitize(input, "--out", whole, "--wfdb", "--quiet");
    assert.equal(first.code, 0, first.stderr);
    const reference = await outputs(whole);
    assert.equal([...reference.keys()].filter((f) => f.endsWith(".csv")).length, 4);

    const rng = createRng(7, "digitize-kill-points");
    const kills: string[] = [];
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(rng.next() * 4), ms = Math.floor(rng.next() * 400);
      const killed = await killedAt(args, out, at, ms);
      kills.push(`${killed ? "killed" : "finished"} with ${await finished(out)} done`);
    }
    assert.ok(kills.some((k) => k.startsWith("killed")), kills.join("; "));
    const before = await finished(out);
    const rerun = await digitize(...args, "--quiet");
    assert.equal(rerun.code, 0, rerun.stderr);
    if (before > 0) assert.match(rerun.stderr, /already done, skipped/, kills.join("; "));
    assert.deepEqual(await outputs(out), reference, kills.join("; "));
    const all = [...(await digests(out)).keys()];
    assert.equal(all.some((f) => f.includes(".tmp-")), false, all.join(", "));
    assert.equal((await indexOf(out)).length, 4);

    // Done: nothing is redone. A newer image is; --force redoes all.
    const again = await digitize(...args, "--quiet");
    assert.match(again.stderr, /4 images already done, skipped/);
    assert.match(again.stderr, /digitized 0 of 0 images/);
    const touched = join(input, "E07510-0-1.png");
    await Deno.utime(touched, new Date(), new Date(Date.now() + 5000));
    const newer = await digitize(...args, "--quiet");
    assert.match(newer.stderr, /3 images already done, skipped/);
    assert.match(newer.stderr, /digitized 1 of 1 images/);
    const forced = await digitize(...args, "--force", "--quiet");
    assert.match(forced.stderr, /digitized 4 of 4 images/);
    assert.deepEqual(await outputs(out), reference);
    // Other options make the outputs stale: they are redone.
    const otherRate = await digitize(input, "--out", out, "--fs", "250", "--quiet");
    assert.match(otherRate.stderr, /digitized 4 of 4 images/);
  } finally {
    await Deno.remove(whole, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
});

/** A reader of the Kaggle 2025 submission layout: `id,value` → a map. */
function readSubmission(text: string): Map<string, number> {
  const [head, ...rows] = text.trim().split("\n");
  assert.equal(head, "id,value");
  return new Map(rows.map((row) => {
    const [id, value] = row.split(",");
    return [id!, Number(value)];
  }));
}

Deno.test("digitize --kaggle-submission writes submission.csv for every id, lead and row of test.csv", async () => {
  const input = await pages();
  const out = await Deno.makeTempDir({ prefix: "digitize-flow-out-" });
  try {
    const leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];
    const test = ["id,lead,fs,number_of_rows"];
    for (const [id, fs] of [["E07500", 500], ["E07510", 250], ["missing", 500]] as const) {
      for (const lead of leads) {
        test.push(`${id},${lead},${fs},${lead === "II" ? fs * 10 : fs * 2.5}`);
      }
    }
    await Deno.writeTextFile(join(out, "test.csv"), test.join("\n") + "\n");
    const r = await digitize(
      input,
      "--out",
      join(out, "d"),
      "--kaggle-submission",
      join(out, "test.csv"),
      "--quiet",
    );
    // The id with no image is written as zeros and reported.
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /no input image for id missing/);
    const sub = readSubmission(await Deno.readTextFile(join(out, "d", "submission.csv")));
    const expected = [500, 250, 500].reduce((n, fs) => n + fs * 10 + 11 * fs * 2.5, 0);
    assert.equal(sub.size, expected);
    assert.equal(sub.get("missing_0_I"), 0);
    const csv = (stem: string) =>
      Deno.readTextFile(join(out, "d", `${stem}.csv`)).then((t) =>
        parseSignalCsv(t, { sampleRateHz: 500 })
      );
    const a = await csv("E07500-0"), b = await csv("E07510-0");
    const lead = (rec: typeof a, name: string) => rec.signals[rec.leadNames.indexOf(name)]!;
    const near = (id: string, v: number) =>
      assert.ok(Math.abs(sub.get(id)! - v) <= 1e-4, `${id}: ${sub.get(id)} vs ${v}`);
    // Lead II: the whole 10 s strip; short leads: their 3x4 column (V1 from 5 s, aVR from 2.5 s).
    near("E07500_0_II", lead(a, "II")[0]!);
    near("E07500_4999_II", lead(a, "II")[4999]!);
    near("E07500_10_V1", lead(a, "V1")[2510]!);
    near("E07500_1249_V6", lead(a, "V6")[3750 + 1249]!);
    // At 250 Hz every second sample of the 500 Hz table.
    near("E07510_7_aVR", lead(b, "aVR")[1250 + 14]!);
    near("E07510_2499_II", lead(b, "II")[4998]!);
    assert.ok(![...sub.values()].some((v) => !Number.isFinite(v)));
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("digitize reads each page of a PDF as an image <stem>-p<k>", async () => {
  const input = await pages();
  const dir = await Deno.makeTempDir({ prefix: "digitize-flow-pdf-" });
  try {
    const jpegs = [];
    for (const stem of ["E07500-0", "E07510-0"]) {
      const image = await decodeImage(await Deno.readFile(join(input, `${stem}.png`)));
      const data = await encodeImage(image, { kind: "jpg", quality: 92 });
      jpegs.push({ data, width: image.width, height: image.height });
    }
    await Deno.mkdir(join(dir, "in"));
    await Deno.writeFile(join(dir, "in", "two.pdf"), pdfOfJpegs(jpegs, 110));
    await Deno.writeTextFile(join(dir, "in", "bad.pdf"), "%PDF-1.4 not really");
    const out = join(dir, "out");
    const r = await digitize(join(dir, "in"), "--out", out, "--quiet");
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /bad\.pdf: Cannot read PDF/);
    assert.match(r.stderr, /digitized 2 of 2 images/);
    const index = await indexOf(out);
    assert.deepEqual(index.map((x) => [x.stem, x.ok, x.layout]), [
      ["two-p1", "true", "3x4"],
      ["two-p2", "true", "3x4"],
    ]);
    assert.match(index[1]!.file!, /two\.pdf#page=2$/);
    // Each page reads as its own record: lead II correlates with the plotted truth.
    for (const [k, stem] of [[1, "E07500-0"], [2, "E07510-0"]] as const) {
      const json = JSON.parse(await Deno.readTextFile(join(out, `two-p${k}.json`)));
      assert.equal(json.page, k);
      const read = parseSignalCsv(await Deno.readTextFile(join(out, `two-p${k}.csv`)), {
        sampleRateHz: 500,
      });
      const truth = await readRecord(join(input, `${stem}.csv`), { sampleRateHz: 500 });
      const a = read.signals[1]!, b = truth.signals[truth.leadNames.indexOf("II")]!;
      assert.ok(pearson(a, b) > 0.9, `page ${k}: r = ${pearson(a, b)}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Pearson r over the samples both have. */
function pearson(a: Float64Array, b: Float64Array): number {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      xs.push(a[i]!);
      ys.push(b[i]!);
    }
  }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(xs), my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

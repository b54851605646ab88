/**
 * Training sets with `deno task generate`: `--kaggle-layout` read back by a
 * small reader of the Kaggle 2025 layout, CSV records whose rates come from
 * a `train.csv` table, `--split` by record, and `--max-images`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readRecord } from "../../lib/io/read_record.ts";
import { STANDARD_LEADS } from "../../lib/records/lead_names.ts";
import { formatSignalCsv } from "../../lib/records/signal_table.ts";
import { generate, inputOf, RECORDS } from "./_helpers.ts";

/** What a Kaggle 2025 training loader sees: per id its rate, length, signals and images. */
interface KaggleSample {
  id: string;
  fs: number;
  sigLen: number;
  header: string[];
  leads: Map<string, number[]>;
  images: Map<string, Uint8Array>;
}

/** A reader of the Kaggle layout, written from the competition's data description. */
async function readKaggle(root: string): Promise<KaggleSample[]> {
  const [head, ...rows] = (await Deno.readTextFile(join(root, "train.csv"))).trim().split("\n");
  assert.equal(head, "id,fs,sig_len");
  const samples: KaggleSample[] = [];
  for (const row of rows) {
    const [id, fs, sigLen] = row.split(",");
    const folder = join(root, "train", id!);
    const [h, ...lines] = (await Deno.readTextFile(join(folder, `${id}.csv`))).trim().split("\n");
    const header = h!.split(",");
    const leads = new Map(
      header.map((name, c) => [name, lines.map((l) => Number(l.split(",")[c]))]),
    );
    const images = new Map<string, Uint8Array>();
    for (const e of Deno.readDirSync(folder)) {
      const m = new RegExp(`^${id}-(\\d{4})\\.png$`).exec(e.name);
      if (m) images.set(m[1]!, await Deno.readFile(join(folder, e.name)));
      else assert.equal(e.name, `${id}.csv`, `unexpected file ${e.name}`);
    }
    samples.push({ id: id!, fs: Number(fs), sigLen: Number(sigLen), header, leads, images });
  }
  return samples;
}

const PNG = [0x89, 0x50, 0x4e, 0x47];

Deno.test("generate --kaggle-layout reads back as the Kaggle 2025 training data", async () => {
  const input = await inputOf(["E07500", "JS20003"]);
  const out = await Deno.makeTempDir();
  const r = await generate(
    "-i",
    input,
    "-o",
    out,
    "--preset",
    "mix",
    "--count",
    "4",
    "--dpi",
    "50",
    "--seed",
    "3",
    "--kaggle-layout",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const samples = await readKaggle(out);
  assert.deepEqual(samples.map((s) => s.id), ["E07500", "JS20003"]);
  const index = (await Deno.readTextFile(join(out, "index.csv"))).trim().split("\n").slice(1);
  for (const s of samples) {
    const record = await readRecord(join(input, `${s.id}.hea`));
    assert.equal(s.fs, record.sampleRateHz);
    assert.equal(s.sigLen, 10 * record.sampleRateHz);
    assert.deepEqual(s.header, [...STANDARD_LEADS]);
    for (const lead of STANDARD_LEADS) {
      const got = s.leads.get(lead)!;
      assert.equal(got.length, s.sigLen, lead);
      const want = record.signals[record.leadNames.indexOf(lead)]!;
      for (let k = 0; k < got.length; k += 97) assert.ok(Math.abs(got[k]! - want[k]!) < 1e-6);
    }
    // One image per preset drawn for the record, each a PNG named by its preset.
    const presets = new Set(
      index.filter((l) => l.startsWith(`${s.id}-`)).map((l) => l.split(",")[6]),
    );
    assert.deepEqual(new Set(s.images.keys()), presets);
    for (const png of s.images.values()) assert.deepEqual([...png.subarray(0, 4)], PNG);
  }
});

Deno.test("generate --kaggle-layout refuses --format jpg", async () => {
  const r = await generate("-i", RECORDS, "-o", "unused", "--kaggle-layout", "--format", "jpg");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--kaggle-layout with --format jpg/);
});

/** A Kaggle-style input folder made from fixture records: train.csv and train/<id>/<id>.csv. */
async function kaggleInput(names: readonly string[], table = "train.csv"): Promise<string> {
  const dir = await Deno.makeTempDir();
  const rows = ["id,fs,sig_len"];
  for (const name of names) {
    const record = await readRecord(join(RECORDS, `${name}.hea`));
    await Deno.mkdir(join(dir, "train", name), { recursive: true });
    await Deno.writeTextFile(join(dir, "train", name, `${name}.csv`), formatSignalCsv(record));
    rows.push(`${name},${record.sampleRateHz},${record.signals[0]!.length}`);
  }
  await Deno.writeTextFile(join(dir, table), rows.join("\n") + "\n");
  return dir;
}

Deno.test("generate reads CSV rates from a train.csv beside train/, or from --rates", async () => {
  const input = await kaggleInput(["JS20003", "00001_lr"]); // 500 Hz and 100 Hz
  const out = await Deno.makeTempDir();
  const r = await generate("-i", input, "-o", out, "--dpi", "50", "--quiet");
  assert.equal(r.code, 0, r.stderr);
  const fs = async (stem: string) =>
    JSON.parse(await Deno.readTextFile(join(out, `${stem}.json`))).sampling_frequency;
  assert.equal(await fs("JS20003-0"), 500);
  assert.equal(await fs("00001_lr-0"), 100);

  const other = await kaggleInput(["00001_lr"], "rates.csv");
  const out2 = await Deno.makeTempDir();
  const without = await generate("-i", join(other, "train"), "-o", out2, "--dpi", "50", "--quiet");
  assert.equal(without.code, 1, "no rate without the table");
  assert.match(without.stderr, /sampling rate unknown/);
  const withTable = await generate(
    "-i",
    join(other, "train"),
    "-o",
    out2,
    "--rates",
    join(other, "rates.csv"),
    "--dpi",
    "50",
    "--quiet",
  );
  assert.equal(withTable.code, 0, withTable.stderr);
  assert.equal(
    JSON.parse(await Deno.readTextFile(join(out2, "00001_lr-0.json"))).sampling_frequency,
    100,
  );

  const bad = await generate(
    "-i",
    input,
    "-o",
    out2,
    "--rates",
    join(input, "train", "JS20003", "JS20003.csv"),
  );
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--rates ".*JS20003.csv": its header must name "id" and "fs"/);
});

/** index.csv as rows of named cells. */
async function readIndex(out: string): Promise<Record<string, string>[]> {
  const [head, ...rows] = (await Deno.readTextFile(join(out, "index.csv"))).trim().split("\n");
  const names = head!.split(",");
  return rows.map((row) => Object.fromEntries(row.split(",").map((c, k) => [names[k]!, c])));
}

Deno.test("generate --split splits by record, seeded, the same with shards", async () => {
  const names = ["E07500", "E07501", "E07502", "E07503", "E07504", "E07505"];
  const input = await inputOf(names);
  const common = [
    "-i",
    input,
    "--count",
    "2",
    "--dpi",
    "50",
    "--quiet",
    "--split",
    "train=0.5,val=0.25,test=0.25",
  ];
  const [a, b, c] = [await Deno.makeTempDir(), await Deno.makeTempDir(), await Deno.makeTempDir()];
  assert.equal((await generate(...common, "-o", a, "--seed", "1")).code, 0);
  assert.equal((await generate(...common, "-o", b, "--seed", "1", "--shard", "0/2")).code, 0);
  assert.equal((await generate(...common, "-o", b, "--seed", "1", "--shard", "1/2")).code, 0);
  assert.equal((await generate(...common, "-o", c, "--seed", "2")).code, 0);
  const rows = await readIndex(a);
  assert.equal(rows.length, 12);
  const byRecord = new Map<string, Set<string>>();
  for (const r of rows) {
    byRecord.set(r.record!, (byRecord.get(r.record!) ?? new Set()).add(r.split!));
  }
  for (const splits of byRecord.values()) assert.equal(splits.size, 1, "one split per record");
  const counts = (xs: Record<string, string>[]) => {
    const n: Record<string, number> = {};
    for (const r of xs) if (r.variant === "0") n[r.split!] = (n[r.split!] ?? 0) + 1;
    return n;
  };
  assert.deepEqual(counts(rows), { train: 3, val: 2, test: 1 });
  assert.equal(
    await Deno.readTextFile(join(b, "index.csv")),
    await Deno.readTextFile(join(a, "index.csv")),
  );
  const other = await readIndex(c);
  assert.deepEqual(counts(other), { train: 3, val: 2, test: 1 });
  assert.notDeepEqual(rows.map((r) => r.split), other.map((r) => r.split), "the seed draws it");
});

Deno.test("generate --max-images makes the first n pages of the plan, whatever the shards", async () => {
  const input = await inputOf(["E07500", "E07501", "E07502"]);
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const common = ["-i", input, "--count", "2", "--dpi", "50", "--quiet", "--max-images", "5"];
  assert.equal((await generate(...common, "-o", a)).code, 0);
  assert.equal((await generate(...common, "-o", b, "--shard", "0/2")).code, 0);
  assert.equal((await generate(...common, "-o", b, "--shard", "1/2")).code, 0);
  const stems = (await readIndex(a)).map((r) => r.stem);
  assert.deepEqual(stems, ["E07500-0-0", "E07500-0-1", "E07501-0-0", "E07501-0-1", "E07502-0-0"]);
  assert.deepEqual((await readIndex(b)).map((r) => r.stem), stems);
  const images = [...Deno.readDirSync(a)].filter((e) => e.name.endsWith(".png"));
  assert.equal(images.length, 5);
  const zero = await generate("-i", input, "-o", a, "--max-images", "0");
  assert.equal(zero.code, 2);
});

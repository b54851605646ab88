/** Inputs that must do no harm: paths out of the record folder, many signals, odd sidecars, runaway sizes. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generatePage, planPages } from "../../lib/generate/generate.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { RecordError } from "../../lib/records/errors.ts";
import { parseSidecarRate } from "../../lib/records/sidecar.ts";
import { decodeWfdb, parseWfdbHeader, wfdbToEcgRecord } from "../../lib/records/wfdb/mod.ts";
import { isInsideFolder } from "../../lib/records/wfdb/header.ts";

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

/** A 12-lead format-16 header for `n` samples at 500 Hz, with `gain` and signal file `file`. */
function header(file: string, gain = "200", n = 5000, name = "r"): string {
  return [`${name} 12 500 ${n}`, ...LEADS.map((l) => `${file} 16 ${gain}/mV 16 0 0 0 0 ${l}`)]
    .join("\n") + "\n";
}

Deno.test("parseWfdbHeader() refuses signal files outside the record's folder", () => {
  for (const name of ["../../etc/passwd", "/etc/passwd", "a/../../b.dat", "C:\\x.dat", "..\\x"]) {
    assert.throws(
      () => parseWfdbHeader(header(name)),
      (e: unknown) => e instanceof RecordError && /inside the record's folder/.test(e.message),
      name,
    );
  }
  assert.equal(parseWfdbHeader(header("sub/r.dat")).signals[0]!.fileName, "sub/r.dat");
  assert.ok(isInsideFolder("r..dat") && isInsideFolder("sub/r.dat"));
});

Deno.test("readWfdbRecord() refuses a signal file that links out of the record's folder", async () => {
  const root = await Deno.makeTempDir();
  const outside = join(root, "secret.dat");
  await Deno.writeFile(outside, new Uint8Array(5000 * 12 * 2));
  const dir = join(root, "rec");
  await Deno.mkdir(dir);
  await Deno.symlink(outside, join(dir, "r.dat"));
  await Deno.writeTextFile(join(dir, "r.hea"), header("r.dat"));
  await assert.rejects(
    () => readWfdbRecord(join(dir, "r.hea")),
    (e: unknown) => e instanceof RecordError && /outside the record's folder/.test(e.message),
  );
  // A link that stays inside is fine.
  await Deno.remove(join(dir, "r.dat"));
  await Deno.writeFile(join(dir, "data.bin"), new Uint8Array(5000 * 12 * 2));
  await Deno.symlink(join(dir, "data.bin"), join(dir, "r.dat"));
  assert.equal((await readWfdbRecord(join(dir, "r.hea"))).signals[0]!.length, 5000);
  await Deno.remove(root, { recursive: true });
});

Deno.test("decodeWfdb() reads a header of 100,000 signals in one file", () => {
  const n = 100_000;
  const lines = [`big ${n} 500 2`];
  for (let i = 0; i < n; i++) lines.push(`big.dat 16 200/mV 16 0 0 0 0 S${i}`);
  const h = parseWfdbHeader(lines.join("\n"));
  const bytes = new Uint8Array(n * 2 * 2);
  new DataView(bytes.buffer).setInt16((n - 1) * 2, 400, true); // last signal, first sample
  const s = decodeWfdb(h, () => bytes);
  assert.equal(s.channels.length, n);
  assert.equal(s.channels[n - 1]!.digital[0], 400);
});

Deno.test("parseSidecarRate() turns null, arrays and bad rates into RecordErrors naming the file", () => {
  for (const text of ["null", "[]", '"500"', "3", "{}", '{"sampling_frequency":0.01}', "{"]) {
    assert.throws(
      () => parseSidecarRate(text, "x/a.json"),
      (e: unknown) => e instanceof RecordError && e.message.includes('"x/a.json"'),
      text,
    );
  }
  assert.equal(parseSidecarRate('{"sampleRateHz": 250}', "a.json"), 250);
});

Deno.test("readRecord() reports a null sidecar as a RecordError", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "a.csv"), "I\n1\n2\n");
  await Deno.writeTextFile(join(dir, "a.json"), "null");
  await assert.rejects(() => readRecord(join(dir, "a.csv")), /a\.json.*must be a JSON object/);
  await Deno.remove(dir, { recursive: true });
});

const flat = (fs: number, n: number, value = 0) => ({
  name: "flat",
  sampleRateHz: fs,
  leadNames: LEADS,
  comments: [],
  source: "flat.csv",
  signals: LEADS.map(() => new Float64Array(n).fill(value)),
});

Deno.test("planPages() refuses sampling rates that would loop or explode, and runaway counts", () => {
  for (const fs of [0.01, 0.5, 200_000, NaN]) {
    assert.throws(
      () => planPages(flat(fs, 100)),
      (e: unknown) => e instanceof RecordError,
      `${fs}`,
    );
  }
  assert.throws(() => planPages(flat(500, 5000), { count: 1e9 }), /count.*1000000/);
  assert.equal(planPages(flat(500, 5000), { count: 3 }).length, 3);
});

Deno.test("an infinite gain and amplitudes off the page are warned about in the page's JSON", async () => {
  const h = parseWfdbHeader(header("r.dat", "1e999"));
  const bytes = new Uint8Array(5000 * 12 * 2).fill(3);
  const infinite = wfdbToEcgRecord(h, decodeWfdb(h, () => bytes), "r.hea");
  assert.match(infinite.warnings?.[0] ?? "", /ADC gain is not finite/);
  const [plan] = planPages(infinite, { dpi: 50 });
  const page = await generatePage(infinite, plan!, { dpi: 50 });
  assert.ok(page.groundTruth.warnings.some((w) => /not finite/.test(w)));

  const huge = flat(500, 5000, 40); // 40 mV at 10 mm/mV: 400 mm, off any page
  const [p] = planPages(huge, { dpi: 50 });
  const offPage = await generatePage(huge, p!, { dpi: 50 });
  const warned = offPage.problems.filter((w) =>
    /off the page \(amplitude up to 40\.0 mV\)/.test(w)
  );
  assert.equal(warned.length, offPage.groundTruth.leads.length);
  assert.deepEqual(offPage.groundTruth.warnings.slice(-warned.length), warned);
});

Deno.test("readRecord() refuses more than MAX_LEADS signals in one line, before reading them", async () => {
  const dir = await Deno.makeTempDir();
  // 10^6 signals: the record line alone is enough to refuse it (no signal lines, no .dat).
  await Deno.writeTextFile(join(dir, "wide.hea"), "wide 1000000 500 5000\n");
  await assert.rejects(
    () => readRecord(join(dir, "wide.hea")),
    (e: unknown) =>
      e instanceof RecordError && e.message.includes("wide.hea") &&
      /1000000 signals; at most 64/.test(e.message),
  );
  // A CSV of 10^6 columns and one row.
  const header = Array.from({ length: 1_000_000 }, (_, i) => `S${i}`).join(",");
  await Deno.writeTextFile(join(dir, "wide.csv"), header + "\n" + "0,".repeat(999_999) + "0\n");
  await assert.rejects(
    () => readRecord(join(dir, "wide.csv"), { sampleRateHz: 500 }),
    (e: unknown) =>
      e instanceof RecordError && e.message.includes("wide.csv") &&
      /1000000 columns; at most 64 leads/.test(e.message),
  );
  // 64 are fine.
  const lines = [
    "ok 64 500 5000",
    ...Array.from({ length: 64 }, (_, i) => `ok.dat 16 200/mV 16 0 0 0 0 S${i}`),
  ];
  await Deno.writeTextFile(join(dir, "ok.hea"), lines.join("\n") + "\n");
  await Deno.writeFile(join(dir, "ok.dat"), new Uint8Array(64 * 5000 * 2));
  assert.equal((await readRecord(join(dir, "ok.hea"))).leadNames.length, 64);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("planPages() refuses a record of more than MAX_LEADS leads and plans one of 64", () => {
  const many = (n: number) => ({
    ...flat(500, 5000),
    leadNames: Array.from({ length: n }, (_, i) => `S${i}`),
    signals: Array.from({ length: n }, () => new Float64Array(5000)),
  });
  assert.throws(
    () => planPages(many(65)),
    (e: unknown) => e instanceof RecordError && /flat\.csv.*65 leads; at most 64/.test(e.message),
  );
  assert.equal(planPages(many(64)).length, 1);
});

Deno.test("readRecord() refuses a FIFO as header, signal file or CSV instead of waiting on it", async () => {
  const dir = await Deno.makeTempDir();
  const fifo = async (name: string) => {
    const r = await new Deno.Command("mkfifo", { args: [join(dir, name)] }).output();
    assert.ok(r.success, "mkfifo");
  };
  await Deno.writeTextFile(join(dir, "r.hea"), header("r.dat"));
  await fifo("r.dat");
  await assert.rejects(
    () => readRecord(join(dir, "r.hea")),
    (e: unknown) =>
      e instanceof RecordError && /r\.hea.*signal file "r\.dat" is a FIFO, not a regular file/
        .test(e.message),
  );
  await fifo("f.hea");
  await assert.rejects(
    () => readRecord(join(dir, "f.hea")),
    (e: unknown) =>
      e instanceof RecordError && /f\.hea.*a FIFO, not a regular file/.test(e.message),
  );
  await fifo("c.csv");
  await assert.rejects(
    () => readRecord(join(dir, "c.csv"), { sampleRateHz: 500 }),
    (e: unknown) =>
      e instanceof RecordError && /c\.csv.*a FIFO, not a regular file/.test(e.message),
  );
  await Deno.remove(dir, { recursive: true });
});

/** The 12-lead records of fixtures/records read as plausible millivolt ECGs. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readWfdbRaw, readWfdbRecord } from "../../lib/io/wfdb.ts";
import { STANDARD_LEADS } from "../../lib/records/lead_names.ts";

const RECORDS = new URL("../../fixtures/records/", import.meta.url).pathname;

async function headers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) found.push(...await headers(path));
    else if (entry.name.endsWith(".hea")) found.push(path);
  }
  return found.sort();
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

function peakToPeak(values: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

const ALL = await headers(RECORDS);

Deno.test("readWfdbRecord() finds every fixture record", () => {
  assert.equal(ALL.length, 34);
});

for (const hea of ALL) {
  const name = hea.slice(RECORDS.length);
  Deno.test(`readWfdbRecord() reads ${name} as 12 plausible leads in mV`, async () => {
    const record = await readWfdbRecord(hea);
    const lowRate = name === "00001_lr.hea";
    assert.equal(record.sampleRateHz, lowRate ? 100 : 500);
    assert.deepEqual([...record.leadNames].sort(), [...STANDARD_LEADS].sort());
    assert.equal(record.signals.length, 12);
    assert.equal(record.source, hea);
    let plausible = 0;
    for (const [i, lead] of record.signals.entries()) {
      assert.equal(lead.length, lowRate ? 1000 : 5000);
      assert.ok(lead.every(Number.isFinite), "no missing samples");
      assert.ok(Math.abs(median(lead)) < 5, `|median| < 5 mV, got ${median(lead)}`);
      const p2p = peakToPeak(lead);
      // JS20004 and JS20008 hold three all-zero chest leads in the source data.
      assert.ok(p2p === 0 || p2p <= 20, `${record.leadNames[i]}: peak-to-peak ${p2p} mV`);
      if (p2p >= 0.1) plausible++;
    }
    assert.ok(plausible >= 9, `${plausible} of 12 leads have a peak-to-peak in 0.1..20 mV`);
  });
}

Deno.test("readWfdbRecord() normalises LUDB's lower-case lead names", async () => {
  const path = join(RECORDS, "ludb/1.hea");
  const { signals } = await readWfdbRaw(path);
  assert.deepEqual(signals.channels.map((c) => c.description).slice(3, 7), [
    "avr",
    "avl",
    "avf",
    "v1",
  ]);
  const record = await readWfdbRecord(path);
  assert.deepEqual(record.leadNames.slice(3, 7), ["aVR", "aVL", "aVF", "V1"]);
  assert.equal(record.name, "1");
  assert.equal(record.comments[0], "<age>: 51");
});

Deno.test("readWfdbRecord() applies LUDB's per-lead gain and baseline", async () => {
  const path = join(RECORDS, "ludb/1.hea");
  const { signals } = await readWfdbRaw(path);
  const record = await readWfdbRecord(path);
  const d = signals.channels[2]!.digital; // iii: 1229(-5)/mV
  for (const k of [0, 1234, 4999]) assert.equal(record.signals[2]![k], (d[k]! + 5) / 1229);
});

Deno.test("readWfdbRecord() converts muse's 200 adu/mV", async () => {
  const path = join(RECORDS, "muse-sinus.hea");
  const { signals } = await readWfdbRaw(path);
  const record = await readWfdbRecord(path);
  for (let lead = 0; lead < 12; lead++) {
    const d = signals.channels[lead]!.digital;
    for (const k of [0, 777, 4999]) assert.equal(record.signals[lead]![k], d[k]! / 200);
  }
  assert.equal(record.signals[0]![0], -10 / 200); // the header's initial value
});

Deno.test("readWfdbRecord() reads 00001_lr at 100 Hz", async () => {
  const record = await readWfdbRecord(join(RECORDS, "00001_lr.hea"));
  assert.equal(record.sampleRateHz, 100);
  assert.equal(record.signals[0]!.length, 1000);
  assert.equal(record.signals[0]![0], -0.119);
  assert.deepEqual(record.comments, []);
});

Deno.test("readWfdbRecord() keeps the Challenge records' comments", async () => {
  const record = await readWfdbRecord(join(RECORDS, "E07500.hea"));
  assert.equal(record.name, "E07500");
  assert.deepEqual(record.comments.slice(0, 3), [
    "Age: 78",
    "Sex: Male",
    "Dx: 67741000119109,426177001",
  ]);
  assert.equal(record.signals[6]![0], 0.156); // V1 initial value 156 at 1000 adu/mV
});

/** Copy 00001_lr with its header edited, read it, clean up. */
async function editedLr(
  edit: (hea: string, dat: Uint8Array) => [string, Uint8Array],
): Promise<Float64Array[]> {
  const dir = await Deno.makeTempDir({ prefix: "wfdb-records-" });
  try {
    const [hea, dat] = edit(
      await Deno.readTextFile(join(RECORDS, "00001_lr.hea")),
      await Deno.readFile(join(RECORDS, "00001_lr.dat")),
    );
    await Deno.writeTextFile(join(dir, "00001_lr.hea"), hea);
    await Deno.writeFile(join(dir, "00001_lr.dat"), dat);
    return [...(await readWfdbRecord(join(dir, "00001_lr.hea"))).signals];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readWfdbRecord() converts uV, µV and V to mV", async () => {
  const original = (await readWfdbRecord(join(RECORDS, "00001_lr.hea"))).signals;
  for (const [gain, units] of [["1", "uV"], ["1", "\u00b5V"], ["1000000", "V"]]) {
    const leads = await editedLr((
      hea,
      dat,
    ) => [hea.replaceAll("1000.0(0)/mV", `${gain}(0)/${units}`), dat]);
    for (const k of [0, 500, 999]) {
      assert.ok(Math.abs(leads[0]![k]! - original[0]![k]!) < 1e-12, `${units} at ${k}`);
    }
  }
});

Deno.test("readWfdbRecord() reads the invalid sample value as NaN", async () => {
  const leads = await editedLr((hea, dat) => {
    const copy = dat.slice();
    new DataView(copy.buffer).setInt16(2 * (12 * 10 + 3), -32768, true); // frame 10, lead aVR
    return [hea, copy];
  });
  assert.ok(Number.isNaN(leads[3]![10]!));
  assert.ok(Number.isFinite(leads[3]![9]!) && Number.isFinite(leads[2]![10]!));
});

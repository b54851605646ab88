/** formatWfdbRecord(): WFDB format 16 that our reader (and rdsamp) reads back within quantisation. */
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { generatePage, planPages } from "../../lib/generate/generate.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { encodePage } from "../../lib/io/write_page.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { formatWfdbRecord } from "../../lib/records/wfdb/write.ts";
import { parseWfdbHeader } from "../../lib/records/wfdb/header.ts";
import type { EcgRecord } from "../../lib/records/types.ts";

const RECORDS = new URL("../../fixtures/records/", import.meta.url).pathname;

async function writeRecord(dir: string, name: string, files: { header: string; dat: Uint8Array }) {
  await Deno.writeTextFile(join(dir, `${name}.hea`), files.header);
  await Deno.writeFile(join(dir, `${name}.dat`), files.dat);
  return readWfdbRecord(join(dir, `${name}.hea`));
}

function assertClose(a: EcgRecord, b: EcgRecord, tolMv: number): void {
  assert.deepEqual(a.leadNames, b.leadNames);
  assert.equal(a.sampleRateHz, b.sampleRateHz);
  a.signals.forEach((s, k) => {
    const t = b.signals[k]!;
    assert.equal(s.length, t.length);
    for (let i = 0; i < s.length; i++) {
      if (Number.isNaN(s[i]!)) assert.ok(Number.isNaN(t[i]!), `${a.leadNames[k]}[${i}] not NaN`);
      else {assert.ok(
          Math.abs(s[i]! - t[i]!) <= tolMv,
          `${a.leadNames[k]}[${i}]: ${s[i]} ≠ ${t[i]}`,
        );}
    }
  });
}

Deno.test("encodePage() --wfdb writes the plotted signals as format 16 that readWfdbRecord() reads as the CSV", async () => {
  const record = await readWfdbRecord(join(RECORDS, "E07501.hea"));
  const options = { dpi: 100 };
  const page = await generatePage(record, planPages(record, options)[0]!, options);
  const files = new Map(await encodePage(page, { wfdb: true }));
  const header = files.get(`${page.stem}.hea`) as string;
  const dat = files.get(`${page.stem}.dat`) as Uint8Array;
  const parsed = parseWfdbHeader(header);
  assert.equal(parsed.signals.length, 12);
  assert.equal(parsed.samplingFrequencyHz, 500);
  assert.equal(parsed.numberOfSamples, 5000);
  assert.ok(parsed.signals.every((s) => s.format === 16 && s.units === "mV" && s.gain === 1000));
  assert.deepEqual(parsed.signals.map((s) => s.description), page.signals.leadNames);
  assert.equal(dat.length, 2 * 12 * 5000);
  const gt = JSON.parse(files.get(`${page.stem}.json`) as string);
  assert.equal(gt.wfdb_file, `${page.stem}.hea`);
  // The record's comments travel (as ecg-image-kit keeps them), written "#Age: …" as wfdb-python
  // does, and the image is named as in the PhysioNet 2024 data ("#Image: <file>").
  assert.ok(record.comments.length > 0);
  assert.deepEqual(parsed.comments, [...record.comments, `Image: ${page.stem}.png`]);
  const commentLines = header.split("\n").filter((l) => l.startsWith("#"));
  assert.equal(commentLines.at(-1), `#Image: ${page.stem}.png`);
  assert.ok(commentLines.every((l) => !l.startsWith("# ")), commentLines.join(" | "));

  const dir = await Deno.makeTempDir();
  const back = await writeRecord(dir, page.stem, { header, dat });
  const csv = parseSignalCsv(files.get(`${page.stem}.csv`) as string, { sampleRateHz: 500 });
  // 3x4: each short lead is NaN outside its 2.5 s, and that survives the round trip.
  assert.ok(csv.signals[0]!.some(Number.isNaN));
  assertClose(csv, back, 0.0005 + 1e-9);
});

Deno.test("formatWfdbRecord() round-trips any signals within half an ADC unit, NaN included", async () => {
  const dir = await Deno.makeTempDir();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.oneof(fc.double({ min: -40, max: 40, noNaN: true }), fc.constant(NaN)), {
        minLength: 200,
        maxLength: 200,
      }),
      fc.constantFrom(100, 250, 360, 500, 1000),
      async (m, n, pool, fs) => {
        const names = ["I", "II", "V1", "V6"].slice(0, m);
        const record: EcgRecord = {
          name: "prop",
          sampleRateHz: fs,
          leadNames: names,
          signals: names.map((_, k) =>
            Float64Array.from({ length: n }, (_, i) => pool[(k * 37 + i) % pool.length]!)
          ),
          comments: ["made by a test"],
          source: "",
        };
        const files = formatWfdbRecord(record);
        const back = await writeRecord(dir, "prop", files);
        const tol = Math.max(...files.gains.map((g) => 0.5 / g)) + 1e-9;
        assertClose(record, back, tol);
        // A lead beyond ±32.767 mV gets a smaller gain instead of wrapping.
        files.gains.forEach((g, k) => {
          const peak = Math.max(
            0,
            ...Array.from(record.signals[k]!).filter((v) => !Number.isNaN(v)).map(Math.abs),
          );
          assert.ok(g <= 1000 && Math.round(peak * g) <= 32767);
        });
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});

Deno.test("formatWfdbRecord() refuses a name WFDB cannot hold", () => {
  const record: EcgRecord = {
    name: "a b",
    sampleRateHz: 500,
    leadNames: ["I"],
    signals: [new Float64Array(1)],
    comments: [],
    source: "",
  };
  assert.throws(() => formatWfdbRecord(record), RangeError);
});

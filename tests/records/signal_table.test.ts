/** The signal-table CSV of docs/FORMATS.md. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatSignalCsv, parseSignalCsv } from "../../lib/records/signal_table.ts";
import { RecordError } from "../../lib/records/errors.ts";
import { STANDARD_LEADS } from "../../lib/records/lead_names.ts";

Deno.test("parseSignalCsv() reads the Kaggle layout with empty and NaN windows", () => {
  const text = "I,II,III,AVR,aVL,aVF,V1,V2,V3,V4,V5,V6\n" +
    "0.1,0.2,0.3,,,,,,,,,\n" +
    "NaN,0.25,nan,0.5,,,,,,,,-1.5e-1\n";
  const r = parseSignalCsv(text, { sampleRateHz: 500, name: "k", source: "k.csv" });
  assert.deepEqual(r.leadNames, [...STANDARD_LEADS]);
  assert.equal(r.signals[0]![0], 0.1);
  assert.ok(Number.isNaN(r.signals[0]![1]!));
  assert.ok(Number.isNaN(r.signals[2]![1]!));
  assert.equal(r.signals[3]![1], 0.5);
  assert.equal(r.signals[11]![1], -0.15);
  assert.equal(r.sampleRateHz, 500);
});

Deno.test("parseSignalCsv() names the file, row and column of a non-numeric cell", () => {
  assert.throws(
    () => parseSignalCsv("I,II\n0.1,0.2\n0.3,abc\n", { sampleRateHz: 500, source: "bad.csv" }),
    (e: Error) =>
      e instanceof RecordError && /"bad.csv".*"abc" at row 3, column II/.test(e.message),
  );
  assert.throws(
    () => parseSignalCsv("I,II\n0.1\n", { sampleRateHz: 500, source: "s.csv" }),
    /row 2 has 1 fields/,
  );
  assert.throws(
    () => parseSignalCsv("I,I\n1,2\n", { sampleRateHz: 500, source: "d.csv" }),
    /names lead "I" twice/,
  );
  assert.throws(() => parseSignalCsv("", { sampleRateHz: 500, source: "e.csv" }), /empty CSV/);
  assert.throws(() => parseSignalCsv("I\n1\n", { sampleRateHz: 0 }), RangeError);
});

Deno.test("formatSignalCsv() then parseSignalCsv() gives back the values (1e-6 mV) and the gaps", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ min: -20, max: 20, noNaN: true }), fc.constant(NaN)), {
        minLength: 1,
        maxLength: 50,
      }),
      (values) => {
        const record = {
          name: "p",
          sampleRateHz: 250,
          leadNames: ["V2"],
          signals: [Float64Array.from(values)],
          comments: [],
          source: "",
        };
        const back = parseSignalCsv(formatSignalCsv(record), { sampleRateHz: 250 });
        assert.equal(back.leadNames.length, 12);
        const v2 = back.signals[back.leadNames.indexOf("V2")]!;
        values.forEach((v, i) => {
          if (Number.isNaN(v)) assert.ok(Number.isNaN(v2[i]!));
          else assert.ok(Math.abs(v2[i]! - v) <= 5e-7, `${v} → ${v2[i]}`);
        });
        assert.ok(back.signals[0]!.every((v) => Number.isNaN(v)));
      },
    ),
    { seed: 7, numRuns: 200 },
  );
});

Deno.test("formatSignalCsv() keeps non-standard leads after the 12 standard ones", () => {
  const csv = formatSignalCsv({
    name: "m",
    sampleRateHz: 360,
    leadNames: ["MLII", "V5"],
    signals: [Float64Array.of(1), Float64Array.of(2)],
    comments: [],
    source: "",
  });
  assert.equal(csv.split("\n")[0], [...STANDARD_LEADS, "MLII"].join(","));
  assert.equal(csv.split("\n")[1], ",,,,,,,,,,2,,1");
});

Deno.test("parseSignalCsv() reads quoted fields (as pandas with quoting writes them)", () => {
  const text = '"I","II","a,b"\n"0.1",0.2,"3"\n,"","-1e-1"\r\n';
  const r = parseSignalCsv(text, { sampleRateHz: 250, name: "q", source: "q.csv" });
  assert.deepEqual(r.leadNames, ["I", "II", "a,b"]);
  assert.deepEqual([...r.signals[0]!], [0.1, NaN]);
  assert.ok(Number.isNaN(r.signals[1]![1]!));
  assert.deepEqual([...r.signals[2]!], [3, -0.1]);
});

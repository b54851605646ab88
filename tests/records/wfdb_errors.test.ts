/** Every fault is a RecordError naming the file and the fault, built from real fixture bytes. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readWfdbRaw, readWfdbRecord } from "../../lib/io/wfdb.ts";
import { RecordError } from "../../lib/records/errors.ts";

const RECORDS = new URL("../../fixtures/records/", import.meta.url);
const CONFORMANCE = new URL("../../fixtures/wfdb-conformance/sample-data/", import.meta.url);

/** Files to write: name → bytes, or a fixture path to copy, optionally edited. */
type Edit = (bytes: Uint8Array) => Uint8Array;
interface Spec {
  from: URL;
  edit?: Edit;
}

/** Write the files in a fresh temp folder, run `body` with it, then remove it. */
async function withRecord(
  files: Record<string, Spec>,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "wfdb-errors-" });
  try {
    for (const [name, { from, edit }] of Object.entries(files)) {
      const bytes = await Deno.readFile(from);
      await Deno.writeFile(join(dir, name), edit ? edit(bytes) : bytes);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const text = (f: (s: string) => string): Edit => (bytes) =>
  new TextEncoder().encode(f(new TextDecoder().decode(bytes)));

async function rejectsWith(p: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof RecordError, `expected RecordError, got ${e}`);
    assert.equal(e.file, file);
    assert.match(e.message, pattern);
    return true;
  });
}

const lr = (edit?: Edit): Record<string, Spec> => ({
  "00001_lr.hea": edit ? { from: new URL("00001_lr.hea", RECORDS), edit } : {
    from: new URL("00001_lr.hea", RECORDS),
  },
  "00001_lr.dat": { from: new URL("00001_lr.dat", RECORDS) },
});

Deno.test("readWfdbRecord() rejects a missing signal file, naming it", async () => {
  await withRecord({ "muse-sinus.hea": { from: new URL("muse-sinus.hea", RECORDS) } }, (dir) => {
    const hea = join(dir, "muse-sinus.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /missing signal file "muse-sinus\.dat"/);
  });
});

Deno.test("readWfdbRecord() rejects a missing header", async () => {
  await withRecord({}, (dir) => {
    const hea = join(dir, "nothing.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /file not found/);
  });
});

Deno.test("readWfdbRecord() rejects a truncated signal file with expected and found samples", async () => {
  const files = {
    "E07500.hea": { from: new URL("E07500.hea", RECORDS) },
    "E07500.mat": {
      from: new URL("E07500.mat", RECORDS),
      edit: (b: Uint8Array) => b.slice(0, 100024),
    },
  };
  await withRecord(files, (dir) => {
    const hea = join(dir, "E07500.hea");
    return rejectsWith(
      readWfdbRecord(hea),
      hea,
      /truncated signal file "E07500\.mat": expected 5000 samples per signal, found 4166/,
    );
  });
});

Deno.test("readWfdbRecord() rejects a header whose sample count exceeds the data", async () => {
  await withRecord(
    lr(text((s) => s.replace("00001_lr 12 100 1000", "00001_lr 12 100 1200"))),
    (dir) => {
      const hea = join(dir, "00001_lr.hea");
      return rejectsWith(readWfdbRecord(hea), hea, /expected 1200 samples per signal, found 1000/);
    },
  );
});

Deno.test("readWfdbRecord() rejects a header/data length mismatch unless allowExtraData", async () => {
  await withRecord(
    lr(text((s) => s.replace("00001_lr 12 100 1000", "00001_lr 12 100 900"))),
    async (dir) => {
      const hea = join(dir, "00001_lr.hea");
      await rejectsWith(
        readWfdbRecord(hea),
        hea,
        /header\/data length mismatch in "00001_lr\.dat": the file holds 1000 samples per signal, the header says 900/,
      );
      const record = await readWfdbRecord(hea, { allowExtraData: true });
      assert.equal(record.signals[0]!.length, 900);
    },
  );
});

Deno.test("readWfdbRecord() rejects a .mat whose matrix header disagrees with the .hea", async () => {
  const cols4000 = (b: Uint8Array): Uint8Array => {
    const copy = b.slice();
    new DataView(copy.buffer).setInt32(8, 4000, true);
    return copy;
  };
  const files = {
    "E07500.hea": { from: new URL("E07500.hea", RECORDS) },
    "E07500.mat": { from: new URL("E07500.mat", RECORDS), edit: cols4000 },
  };
  await withRecord(files, (dir) => {
    const hea = join(dir, "E07500.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /MAT header gives a 12 × 4000 matrix/);
  });
});

Deno.test("readWfdbRecord() rejects an unknown format 999, naming the line", async () => {
  const edit = text((s) => s.replace("00001_lr.dat 16 ", "00001_lr.dat 999 "));
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(
      readWfdbRecord(hea),
      hea,
      /line 2 \(signal 0\): unsupported signal format 999/,
    );
  });
});

Deno.test("readWfdbRecord() rejects a malformed signal line, naming the line", async () => {
  const edit = text((s) => s.replace("-79 832 0 V6", "-79 eight 0 V6"));
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(
      readWfdbRecord(hea),
      hea,
      /line 13 \(signal 11\): malformed checksum "eight"/,
    );
  });
});

Deno.test("readWfdbRecord() rejects a malformed ADC gain field", async () => {
  const edit = text((s) => s.replace("16 1000.0(0)/mV 16 0 -55", "16 1000.0(zero)/mV 16 0 -55"));
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /line 3 \(signal 1\): malformed ADC gain field/);
  });
});

for (const rate of ["0", "-100"]) {
  Deno.test(`readWfdbRecord() rejects a sampling frequency of ${rate}`, async () => {
    const edit = text((s) => s.replace("00001_lr 12 100 ", `00001_lr 12 ${rate} `));
    await withRecord(lr(edit), (dir) => {
      const hea = join(dir, "00001_lr.hea");
      return rejectsWith(readWfdbRecord(hea), hea, /line 1 .*sampling frequency must be > 0/);
    });
  });
}

Deno.test("readWfdbRecord() rejects a record with no signals", async () => {
  const edit = text((s) => s.replace("00001_lr 12 100 ", "00001_lr 0 100 ").split("\n")[0]!);
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /record with no signals/);
  });
});

Deno.test("readWfdbRecord() rejects a header listing fewer signals than it declares", async () => {
  const edit = text((s) => s.split("\n").slice(0, 12).join("\n"));
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /declares 12 signals but lists 11/);
  });
});

Deno.test("readWfdbRecord() rejects multi-segment records", async () => {
  const edit = text((s) => s.replace("00001_lr 12", "00001_lr/2 12"));
  await withRecord(lr(edit), (dir) => {
    const hea = join(dir, "00001_lr.hea");
    return rejectsWith(readWfdbRecord(hea), hea, /multi-segment records \(2 segments\)/);
  });
});

Deno.test("readWfdbRecord() rejects non-voltage units, naming them, unless dropped", async () => {
  const hea = new URL("a103l.hea", CONFORMANCE).pathname;
  await rejectsWith(
    readWfdbRecord(hea),
    hea,
    /signal 2 \("PLETH"\) is in "NU", not a voltage unit/,
  );
  const record = await readWfdbRecord(hea, { dropNonVoltage: true });
  assert.deepEqual(record.leadNames, ["II", "V"]);
  const abp = new URL("03700181.hea", CONFORMANCE).pathname;
  await rejectsWith(readWfdbRecord(abp), abp, /"mmHg"/);
});

Deno.test("readWfdbRaw() rejects out-of-range options with a RangeError", async () => {
  const hea = new URL("00001_lr.hea", RECORDS).pathname;
  await assert.rejects(readWfdbRaw(hea, { signals: [12] }), RangeError);
  await assert.rejects(readWfdbRaw(hea, { signals: [] }), RangeError);
  await assert.rejects(readWfdbRaw(hea, { from: 1001 }), RangeError);
  await assert.rejects(readWfdbRaw(hea, { from: 10, to: 5 }), RangeError);
});

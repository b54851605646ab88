/**
 * Property fuzzing of every parser (issue #19): WFDB headers, the WFDB
 * signal formats, signal CSVs, YAML configs, image decoders and the JSON
 * readers of evaluate (a digitizer's or generator's `<stem>.json`, a
 * record's sidecar). Each must either return or throw its documented error
 * (a one-line message), never crash with another error, allocate without
 * bound or hang. `FUZZ_RUNS` inputs per parser (`deno task fuzz`: 20,000;
 * CI: a short run); the seed is fixed, `FUZZ_SEED` changes it.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { parseConfigYaml } from "../../lib/generate/config.ts";
import { groundTruthMeta, predictionSampleRate } from "../../lib/evaluate/ground_truth.ts";
import { BmpError, decodeBmp } from "../../lib/io/bmp.ts";
import { decodeImage, encodeImage } from "../../lib/io/image.ts";
import { RecordError } from "../../lib/records/errors.ts";
import { parseSidecarRate } from "../../lib/records/sidecar.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { decodeWfdb, parseWfdbHeader, WFDB_FORMATS } from "../../lib/records/wfdb/mod.ts";

const RUNS = Number(Deno.env.get("FUZZ_RUNS") ?? "20000");
const SEED = Number(Deno.env.get("FUZZ_SEED") ?? "19");
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** Run `f`; an error of one of `allowed` classes with a one-line message is fine. */
function survives(f: () => unknown, ...allowed: (new (...a: never[]) => Error)[]): void {
  try {
    f();
  } catch (error) {
    if (!allowed.some((c) => error instanceof c)) throw error;
    const message = (error as Error).message;
    assert.ok(message.length > 0 && message.length < 2000, `message of ${message.length} chars`);
  }
}

async function survivesAsync(
  f: () => Promise<unknown>,
  ...allowed: (new (...a: never[]) => Error)[]
): Promise<void> {
  try {
    await f();
  } catch (error) {
    if (!allowed.some((c) => error instanceof c)) throw error;
  }
}

const LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

/** Tokens a header line is made of: real ones, numbers at the edges, garbage. */
const token = fc.oneof(
  fc.constantFrom("r", "r.dat", "r.mat", "16", "212", "8", "80", "310", "311", "61", "160", "24"),
  fc.constantFrom("32", "500", "200/mV", "1000(0)/uV", "0", "-1", "1e999", "NaN", "x/y", "../a"),
  fc.constantFrom("200(-5)/mV", "12:00:00", "01/01/2000", "#", "500/1000(3)", "1x2:3+4", "r/3"),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String),
  fc.double().map(String),
  fc.string({ maxLength: 12 }),
);
const headerLine = fc.array(token, { minLength: 0, maxLength: 10 }).map((t) => t.join(" "));
const headerText = fc.oneof(
  fc.tuple(
    fc.integer({ min: 1, max: 20 }),
    fc.array(headerLine, { maxLength: 14 }),
  ).map(([n, lines]) => [`r ${n} 500 100`, ...lines].join("\n")),
  fc.array(headerLine, { maxLength: 16 }).map((lines) => lines.join("\n")),
  fc.string({ maxLength: 300 }),
);

Deno.test("fuzz: parseWfdbHeader() returns or throws a RecordError", () => {
  fc.assert(
    fc.property(headerText, (text) => survives(() => parseWfdbHeader(text, "f.hea"), RecordError)),
    params,
  );
});

Deno.test("fuzz: decodeWfdb() decodes any bytes in every format, or throws a RecordError", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...WFDB_FORMATS),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 300 }),
      fc.uint8Array({ maxLength: 600 }),
      fc.constantFrom("", "x2", "+7", ":5+3"),
      (format, nsig, nsamp, bytes, extra) => {
        const lines = [`r ${nsig} 500 ${nsamp}`];
        for (let i = 0; i < nsig; i++) {
          const spec = extra === "x2"
            ? `${format}x2`
            : extra === "+7"
            ? `${format}+7`
            : `${format}`;
          lines.push(`r.dat ${spec} 200/mV 16 0 0 0 0 ${LEADS[i]}`);
        }
        survives(() => {
          const header = parseWfdbHeader(lines.join("\n"), "r.hea");
          const s = decodeWfdb(header, () => bytes, { source: "r.hea" });
          assert.equal(s.channels.length, nsig);
        }, RecordError);
      },
    ),
    params,
  );
});

const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
  fc.constantFrom("", "NaN", "nan", "NA", " 1 ", "1e308", "-1e309", "0x10", '"1"', "a", "\r"),
  fc.string({ maxLength: 6 }),
);
const csvText = fc.oneof(
  fc.tuple(
    fc.array(fc.oneof(fc.constantFrom(...LEADS), fc.string({ maxLength: 5 })), {
      minLength: 1,
      maxLength: 14,
    }),
    fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 30 }),
    fc.constantFrom("\n", "\r\n"),
  ).map(([head, rows, nl]) => [head.join(","), ...rows.map((r) => r.join(","))].join(nl)),
  fc.string({ maxLength: 400 }),
);

Deno.test("fuzz: parseSignalCsv() returns or throws a RecordError", () => {
  fc.assert(
    fc.property(csvText, fc.constantFrom(Infinity, 64, 3), (text, maxLeads) =>
      survives(() => {
        const r = parseSignalCsv(text, { sampleRateHz: 500, source: "f.csv", maxLeads });
        assert.ok(r.leadNames.length <= maxLeads);
      }, RecordError)),
    params,
  );
});

const yamlValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1e309, -0, "300", "a4", true, null),
);
const yamlText = fc.oneof(
  fc.dictionary(
    fc.oneof(
      fc.constantFrom("dpi", "preset", "count", "seed", "layout", "masks", "paper-size", "format"),
      fc.constantFrom("distortions", "rhythm-leads", "gain", "speed", "start", "header"),
      fc.string({ maxLength: 8 }),
    ),
    yamlValue,
    { maxKeys: 6 },
  ).map((o) => stringify(o)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom("a: &x [*x]\n", "!!binary x", "? [a]\n: 1\n", "dpi: 1e400\n", "- 1\n- 2\n"),
);

Deno.test("fuzz: parseConfigYaml() returns or throws a RangeError or SyntaxError", () => {
  fc.assert(
    fc.property(
      yamlText,
      (text) => survives(() => parseConfigYaml(text, "c.yaml"), RangeError, SyntaxError),
    ),
    params,
  );
});

/** A small valid BMP (24-bit, 3 × 2). */
function bmp(): Uint8Array {
  const w = 3, h = 2, row = 12, size = 54 + row * h;
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  b[0] = 0x42, b[1] = 0x4d;
  v.setUint32(2, size, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, w, true);
  v.setInt32(22, h, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  return b;
}

/** Mutations of a valid file: bytes overwritten, the tail cut, bytes appended. */
function mutated(valid: Uint8Array) {
  return fc.tuple(
    fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
      maxLength: 8,
    }),
    fc.nat(valid.length),
    fc.uint8Array({ maxLength: 16 }),
  ).map(([edits, keep, tail]) => {
    const b = valid.slice(0, Math.max(2, keep));
    for (const [at, value] of edits) if (at < b.length) b[at] = value;
    const out = new Uint8Array(b.length + tail.length);
    out.set(b);
    out.set(tail, b.length);
    return out;
  });
}

Deno.test("fuzz: decodeBmp() decodes or throws a BmpError", () => {
  fc.assert(
    fc.property(
      fc.oneof(mutated(bmp()), fc.uint8Array({ maxLength: 200 })),
      (bytes) =>
        survives(() => {
          const image = decodeBmp(bytes);
          assert.ok(image.width * image.height * image.channels <= image.data.length);
        }, BmpError),
    ),
    params,
  );
});

Deno.test("fuzz: decodeImage() decodes PNG/JPEG/BMP bytes or throws an Error", async () => {
  const tiny = { width: 4, height: 3, channels: 3 as const, data: new Uint8Array(36).fill(200) };
  const png = await encodeImage(tiny, { kind: "png" });
  const jpg = await encodeImage(tiny, { kind: "jpg", quality: 80 });
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(mutated(png), mutated(jpg), mutated(bmp()), fc.uint8Array({ maxLength: 100 })),
      async (bytes) => {
        // sharp (libvips) reports a bad file as a plain Error: any Error with a message is fine,
        // a crash of the process or a hang is not.
        await survivesAsync(async () => {
          const image = await decodeImage(bytes);
          assert.ok(image.width * image.height * image.channels <= image.data.length);
        }, Error);
      },
    ),
    params,
  );
});

Deno.test("fuzz: the JSON readers of evaluate and the sidecar return or throw as documented", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 60 }), (value, text) => {
      survives(() => groundTruthMeta(value, "png"));
      survives(() => predictionSampleRate(value), RangeError);
      const rate = (v: unknown) => ({ sampling_frequency: v });
      survives(() => predictionSampleRate(rate(value)), RangeError);
      survives(() => parseSidecarRate(JSON.stringify(value) ?? "", "a.json"), RecordError);
      survives(() => parseSidecarRate(text, "a.json"), RecordError);
    }),
    params,
  );
});

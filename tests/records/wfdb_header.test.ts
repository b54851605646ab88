import assert from "node:assert/strict";
import {
  decodeWfdbSamples,
  parseWfdbHeader,
  type WfdbHeader,
  wfdbSamplesIn,
  wfdbTimeToSample,
} from "../../lib/records/wfdb/mod.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

async function header(path: string): Promise<WfdbHeader> {
  return parseWfdbHeader(await Deno.readTextFile(new URL(path, FIXTURES)), path);
}

Deno.test("parseWfdbHeader() reads tab-separated fields", async () => {
  const h = await header("records/muse-sinus.hea");
  assert.equal(h.recordName, "muse-sinus");
  assert.equal(h.signals.length, 12);
  const s = h.signals[0]!;
  assert.equal(s.fileName, "muse-sinus.dat");
  assert.equal(s.format, 16);
  assert.equal(s.adcGain, 200);
  assert.equal(s.baseline, 0);
  assert.equal(s.units, "mV");
  assert.equal(s.initialValue, -10);
  assert.equal(s.checksum, -3015);
  assert.equal(s.description, "I");
  assert.equal(h.signals[3]!.description, "AVF");
});

Deno.test("parseWfdbHeader() reads base time and base date", async () => {
  const h = await header("records/muse-sinus.hea");
  assert.equal(h.baseTime, "22:41:16");
  assert.equal(h.baseDate, "29/04/2023");
  const frac = await header("wfdb-conformance/sample-data/3000003_0003.hea");
  assert.equal(frac.baseTime, "19:46:25.757");
  assert.equal(frac.baseDate, null);
});

Deno.test("parseWfdbHeader() reads space-separated fields with CRLF line ends", async () => {
  const h = await header("wfdb-conformance/sample-data/03700181.hea");
  assert.deepEqual([h.samplingFrequencyHz, h.numberOfSamples], [125, 75000]);
  assert.deepEqual([h.baseTime, h.baseDate], ["17:27:45", "15/08/1994"]);
  const [ecg, abp, resp] = h.signals;
  assert.deepEqual([ecg!.samplesPerFrame, ecg!.adcGain, ecg!.description], [4, 2963.77, "MCL1"]);
  assert.deepEqual([abp!.adcGain, abp!.baseline, abp!.units], [12.84, -1605, "mmHg"]);
  assert.deepEqual([resp!.skew, resp!.samplesPerFrame, resp!.units], [4, 1, "mV"]);
});

Deno.test("parseWfdbHeader() skips comments and blank lines anywhere", async () => {
  const h = await header("wfdb-conformance/sample-data/100.hea");
  assert.equal(h.recordName, "100");
  assert.deepEqual(h.signals.map((s) => s.description), ["MLII", "V5"]);
  assert.deepEqual(h.comments, ["unnecessary comment", "69 M 1085 1629 x1", "Aldomet, Inderal"]);
});

Deno.test("parseWfdbHeader() sets the baseline to the ADC zero when none is given", async () => {
  const h = await header("wfdb-conformance/sample-data/100.hea");
  const s = h.signals[0]!;
  assert.deepEqual([s.adcZero, s.baseline, s.gain, s.units], [1024, 1024, 200, "mV"]);
  assert.deepEqual([s.adcResolution, s.initialValue, s.checksum], [11, 995, -22131]);
});

Deno.test("parseWfdbHeader() fills WFDB defaults for absent fields", () => {
  const h = parseWfdbHeader("rec 1\nrec.dat 212\n");
  assert.equal(h.samplingFrequencyHz, 250);
  assert.equal(h.counterFrequencyHz, 250);
  assert.equal(h.baseCounter, 0);
  assert.equal(h.numberOfSamples, null);
  assert.deepEqual([h.baseTime, h.baseDate], [null, null]);
  assert.deepEqual(h.signals[0], {
    fileName: "rec.dat",
    format: 212,
    samplesPerFrame: 1,
    skew: 0,
    byteOffset: 0,
    adcGain: 0,
    gain: 200,
    baseline: 0,
    units: "mV",
    adcResolution: 12,
    adcZero: 0,
    initialValue: 0,
    checksum: null,
    blockSize: 0,
    description: "record rec, signal 0",
    line: 2,
  });
});

Deno.test("parseWfdbHeader() turns gain 0 into 200 and keeps the written gain", () => {
  const h = parseWfdbHeader("r 1 100 10\nr.dat 80 0 8 3 7\n");
  const s = h.signals[0]!;
  assert.deepEqual([s.adcGain, s.gain, s.baseline, s.initialValue], [0, 200, 3, 7]);
});

Deno.test("parseWfdbHeader() reads counter frequency and base counter", () => {
  const h = parseWfdbHeader("r 1 360/720(12.5) 100\nr.dat 16\n");
  assert.deepEqual([h.samplingFrequencyHz, h.counterFrequencyHz, h.baseCounter], [360, 720, 12.5]);
});

Deno.test("parseWfdbHeader() reads byte offsets and scientific-notation gains", async () => {
  const h = await header("wfdb-conformance/sample-data/a103l.hea");
  assert.deepEqual(h.signals.map((s) => s.byteOffset), [24, 24, 24]);
  assert.deepEqual(h.signals.map((s) => s.adcGain), [7247, 10520, 12530]);
  assert.deepEqual(h.signals.map((s) => s.units), ["mV", "mV", "NU"]);
  assert.deepEqual(h.comments, ["Asystole", "False alarm"]);
});

Deno.test("parseWfdbHeader() reads the MAT v4 format field 16x1+24", async () => {
  const h = await header("records/E07500.hea");
  const s = h.signals[11]!;
  assert.deepEqual([s.format, s.samplesPerFrame, s.byteOffset, s.gain], [16, 1, 24, 1000]);
  assert.deepEqual(h.comments.slice(0, 2), ["Age: 78", "Sex: Male"]);
});

Deno.test("parseWfdbHeader() reads skew and samples per frame", async () => {
  const h = await header("wfdb-conformance/sample-data/test01_00s_skewframe.hea");
  assert.deepEqual(h.signals.map((s) => [s.skew, s.samplesPerFrame]), [[3, 1], [0, 2], [0, 1]]);
});

Deno.test("parseWfdbHeader() reads per-lead gains, baselines and lower-case names", async () => {
  const h = await header("records/ludb/1.hea");
  assert.deepEqual([h.signals[0]!.gain, h.signals[0]!.baseline], [1716, 6]);
  assert.deepEqual([h.signals[2]!.gain, h.signals[2]!.baseline], [1229, -5]);
  assert.equal(h.signals[3]!.description, "avr");
  assert.equal(h.signals[0]!.adcResolution, 0);
  assert.equal(h.comments[0], "<age>: 51");
});

Deno.test("parseWfdbHeader() keeps descriptions with spaces and commas", async () => {
  const h = await header("wfdb-conformance/sample-data/binformats.hea");
  assert.equal(h.signals[0]!.description, "sig 0, fmt 8");
  assert.deepEqual(h.signals.map((s) => s.format), [8, 16, 61, 80, 160, 212, 310, 311, 24, 32]);
});

Deno.test("parseWfdbHeader() reads micro- and plain-volt units", () => {
  const text = "r 3 500 1\nr.dat 16 1000(5)/uV\nr.dat 16 1000/\u00b5V\nr.dat 16 1/V\n";
  const h = parseWfdbHeader(text);
  assert.deepEqual(h.signals.map((s) => s.units), ["uV", "\u00b5V", "V"]);
  assert.equal(h.signals[0]!.baseline, 5);
});

Deno.test("parseWfdbHeader() treats a sample count of 0 as unknown", () => {
  assert.equal(parseWfdbHeader("r 1 500 0\nr.dat 16\n").numberOfSamples, null);
});

Deno.test("wfdbTimeToSample() rounds half up like strtim", () => {
  assert.equal(wfdbTimeToSample("0.002", 360), 1);
  assert.equal(wfdbTimeToSample("0.007", 250), 2);
  assert.equal(wfdbTimeToSample("3.91", 250), 978);
  assert.equal(wfdbTimeToSample("1:02:03.5", 10), 37235);
  assert.equal(wfdbTimeToSample("s17", 500), 17);
  assert.throws(() => wfdbTimeToSample("soon", 500), SyntaxError);
});

Deno.test("wfdbSamplesIn() counts whole samples of bit-packed formats", () => {
  assert.equal(wfdbSamplesIn(212, 4496), 2997); // 100_3chan: 999 frames of 3
  assert.equal(wfdbSamplesIn(310, 666), 499); // binformats.d6
  assert.equal(wfdbSamplesIn(311, 667), 499);
  assert.equal(wfdbSamplesIn(24, 1497), 499);
});

Deno.test("decodeWfdbSamples() decodes 310 and 311 groups", () => {
  // 310: samples 5, -3, 300 in two words: (s0 << 1) | (s2 low 5 << 11), (s1 << 1) | (s2 high 5 << 11)
  const w0 = (5 << 1) | ((300 & 31) << 11);
  const w1 = ((-3 & 0x3ff) << 1) | ((300 >> 5) << 11);
  const b310 = new Uint8Array([w0 & 255, w0 >> 8, w1 & 255, (w1 >> 8) & 255]);
  const out = new Int32Array(3);
  decodeWfdbSamples(310, b310, 0, 3, out);
  assert.deepEqual([...out], [5, -3, 300]);
  const w = (5 | ((-3 & 0x3ff) << 10) | (300 << 20)) >>> 0;
  const b311 = new Uint8Array([w & 255, (w >> 8) & 255, (w >> 16) & 255, w >>> 24]);
  decodeWfdbSamples(311, b311, 0, 3, out);
  assert.deepEqual([...out], [5, -3, 300]);
});

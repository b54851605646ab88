/**
 * The WFDB header (`.hea`) parser: record line, signal lines, comments.
 *
 * @module
 */
import { RecordError } from "../errors.ts";
import { isWfdbFormat, WFDB_FORMATS, type WfdbFormat } from "./formats.ts";

/** WFDB's default sampling frequency when the record line gives none. */
export const WFDB_DEFAULT_FREQUENCY_HZ = 250;
/** WFDB's gain (ADC units per physical unit) for an uncalibrated signal (gain 0). */
export const WFDB_DEFAULT_GAIN = 200;

/** One signal line of a WFDB header, defaults filled in as the WFDB library does. */
export interface WfdbSignalInfo {
  /** Signal file name, relative to the header's folder. */
  readonly fileName: string;
  /** Storage format. */
  readonly format: WfdbFormat;
  /** Samples of this signal per frame (`16x4` → 4). @default 1 */
  readonly samplesPerFrame: number;
  /** Skew in samples as written (`16:3` → 3); rounded to frames when reading. @default 0 */
  readonly skew: number;
  /** Bytes to skip at the start of the signal file (`16+24` → 24). @default 0 */
  readonly byteOffset: number;
  /** ADC gain as written (ADC units per physical unit); 0 when absent (uncalibrated). */
  readonly adcGain: number;
  /** The gain to convert with: {@linkcode WFDB_DEFAULT_GAIN} when `adcGain` is 0. */
  readonly gain: number;
  /** Digital value of physical zero. @default adcZero */
  readonly baseline: number;
  /** Physical units. @default "mV" */
  readonly units: string;
  /** ADC resolution in bits. @default 8 (80), 16 (160), 12 (212), 10 (310, 311), else 12 */
  readonly adcResolution: number;
  /** ADC value of zero volts at the input. @default 0 */
  readonly adcZero: number;
  /** First sample's value, the base of format 8's differences. @default adcZero */
  readonly initialValue: number;
  /** 16-bit checksum of the signal's samples, or `null` when absent. */
  readonly checksum: number | null;
  /** Block size in bytes. @default 0 */
  readonly blockSize: number;
  /** Description (the lead name for ECGs). @default "record <name>, signal <n>" */
  readonly description: string;
  /** 1-based line of the header that defined this signal. */
  readonly line: number;
}

/** A parsed single-segment WFDB header. */
export interface WfdbHeader {
  /** Record name from the record line. */
  readonly recordName: string;
  /** Frames per second (per signal when every signal has one sample per frame). @default 250 */
  readonly samplingFrequencyHz: number;
  /** Counter frequency (`360/720` → 720). @default samplingFrequencyHz */
  readonly counterFrequencyHz: number;
  /** Counter value of sample 0 (`360/720(12)` → 12). @default 0 */
  readonly baseCounter: number;
  /** Frames in the record, or `null` when the header gives none (or 0). */
  readonly numberOfSamples: number | null;
  /** Base time as written (`HH:MM:SS` with optional `.sss`), or `null`. */
  readonly baseTime: string | null;
  /** Base date as written (`DD/MM/YYYY`), or `null`. */
  readonly baseDate: string | null;
  /** The signal lines, in header order. */
  readonly signals: readonly WfdbSignalInfo[];
  /** Comment lines, without the `#` and trimmed, in header order. */
  readonly comments: readonly string[];
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const INTEGER = /^[+-]?\d+$/;
const FREQUENCY = new RegExp(`^(${NUMBER})(?:/(${NUMBER})(?:\\((${NUMBER})\\))?)?$`);
const FORMAT = /^(\d+)((?:[x:+]\d+)*)$/;
const GAIN = new RegExp(`^(${NUMBER})(?:\\(([+-]?\\d+)\\))?(?:/(.*))?$`);
const TIME = /^\d{1,2}(?::\d{1,2}){0,2}(?:\.\d+)?$/;
const DATE = /^\d{1,2}\/\d{1,2}\/\d{1,4}$/;

interface Line {
  readonly number: number;
  readonly text: string;
  readonly tokens: string[];
}

/** Options of {@linkcode parseWfdbHeader}. */
export interface ParseWfdbHeaderOptions {
  /**
   * The most signals to accept: a record line declaring more is a
   * `RecordError`, raised before any signal line is parsed.
   * @default Infinity
   */
  maxSignals?: number;
}

/**
 * Parse the text of a WFDB header. Fields may be separated by spaces or
 * tabs; blank lines, `\r\n` line ends and trailing whitespace are fine;
 * `#` lines are comments wherever they stand. Multi-segment headers are
 * rejected.
 *
 * @param text the header's text
 * @param file the header's path, for error messages
 * @param options the most signals to accept
 * @throws {RecordError} on a malformed line (naming it), an unsupported
 *   format, a non-positive sampling frequency or a record with no signals
 * @example
 * ```ts
 * import { parseWfdbHeader } from "./header.ts";
 * const h = parseWfdbHeader("r 1 500 2\nr.dat\t16\t200(0)/uV\t16\t0\t0\t0\t0\tV1\n# Age: 54\n");
 * console.assert(h.signals[0]!.units === "uV" && h.comments[0] === "Age: 54");
 * ```
 */
export function parseWfdbHeader(
  text: string,
  file = "",
  options: ParseWfdbHeaderOptions = {},
): WfdbHeader {
  const { maxSignals = Infinity } = options;
  const comments: string[] = [];
  const lines: Line[] = [];
  text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) comments.push(trimmed.slice(1).trim());
    else lines.push({ number: i + 1, text: trimmed, tokens: trimmed.split(/[ \t]+/) });
  });
  const fail = (reason: string): never => {
    throw new RecordError(file, reason);
  };
  const recordLine = lines[0] ?? fail("header has no record line");
  const record = parseRecordLine(recordLine, fail);
  if (record.nsig > maxSignals) {
    fail(`header declares ${record.nsig} signals; at most ${maxSignals} can be drawn`);
  }
  const signalLines = lines.slice(1);
  if (signalLines.length < record.nsig) {
    fail(`header declares ${record.nsig} signals but lists ${signalLines.length}`);
  }
  const extra = signalLines[record.nsig];
  if (extra !== undefined) {
    fail(`line ${extra.number}: header declares ${record.nsig} signals but lists more`);
  }
  const signals = signalLines.map((line, i) => parseSignalLine(line, i, record.name, fail));
  checkGroups(signals, fail);
  return {
    recordName: record.name,
    samplingFrequencyHz: record.frequency,
    counterFrequencyHz: record.counterFrequency,
    baseCounter: record.baseCounter,
    numberOfSamples: record.nsamp,
    baseTime: record.baseTime,
    baseDate: record.baseDate,
    signals,
    comments,
  };
}

interface RecordLine {
  name: string;
  nsig: number;
  frequency: number;
  counterFrequency: number;
  baseCounter: number;
  nsamp: number | null;
  baseTime: string | null;
  baseDate: string | null;
}

function parseRecordLine(line: Line, fail: (reason: string) => never): RecordLine {
  const at = `line ${line.number} (record line "${line.text}")`;
  const [nameField = "", nsigField, freqField, nsampField, ...rest] = line.tokens;
  const [name = "", segments] = nameField.split("/");
  if (segments !== undefined) {
    fail(`${at}: multi-segment records (${segments} segments) are not supported`);
  }
  if (nsigField === undefined || !INTEGER.test(nsigField)) {
    fail(`${at}: expected the number of signals after the record name`);
  }
  const nsig = Number(nsigField);
  if (nsig <= 0) fail(`${at}: record with no signals`);
  let frequency = WFDB_DEFAULT_FREQUENCY_HZ;
  let counterFrequency: number | null = null;
  let baseCounter = 0;
  if (freqField !== undefined) {
    const m = FREQUENCY.exec(freqField) ??
      fail(`${at}: malformed sampling frequency "${freqField}"`);
    frequency = Number(m[1]);
    if (!(frequency > 0) || !Number.isFinite(frequency)) {
      fail(`${at}: sampling frequency must be > 0, got ${freqField}`);
    }
    if (m[2] !== undefined) counterFrequency = Number(m[2]);
    if (m[3] !== undefined) baseCounter = Number(m[3]);
  }
  let nsamp: number | null = null;
  if (nsampField !== undefined) {
    if (!INTEGER.test(nsampField) || Number(nsampField) < 0) {
      fail(`${at}: malformed number of samples "${nsampField}"`);
    }
    nsamp = Number(nsampField) || null;
  }
  const [baseTime = null, baseDate = null, ...extra] = rest;
  if (baseTime !== null && !TIME.test(baseTime)) fail(`${at}: malformed base time "${baseTime}"`);
  if (baseDate !== null && !DATE.test(baseDate)) fail(`${at}: malformed base date "${baseDate}"`);
  if (extra.length > 0) fail(`${at}: unexpected field "${extra[0]}"`);
  return {
    name,
    nsig,
    frequency,
    counterFrequency: counterFrequency !== null && counterFrequency > 0
      ? counterFrequency
      : frequency,
    baseCounter,
    nsamp,
    baseTime,
    baseDate,
  };
}

function parseSignalLine(
  line: Line,
  index: number,
  recordName: string,
  fail: (reason: string) => never,
): WfdbSignalInfo {
  const at = `line ${line.number} (signal ${index})`;
  const [fileName = "", formatField, gainField, resField, zeroField, initField, sumField, bsField] =
    line.tokens;
  if (formatField === undefined) fail(`${at}: expected a format after the file name`);
  if (!isInsideFolder(fileName)) {
    fail(
      `${at}: signal file "${fileName}" must lie inside the record's folder ` +
        `(no absolute path, drive or ".." part)`,
    );
  }
  const fm = FORMAT.exec(formatField) ?? fail(`${at}: malformed format field "${formatField}"`);
  const format = Number(fm[1]);
  if (!isWfdbFormat(format)) {
    fail(`${at}: unsupported signal format ${format} (supported: ${WFDB_FORMATS.join(", ")})`);
  }
  const suffixes = new Map<string, number>();
  for (const m of (fm[2] ?? "").matchAll(/([x:+])(\d+)/g)) {
    if (suffixes.has(m[1]!)) fail(`${at}: repeated "${m[1]}" in format field "${formatField}"`);
    suffixes.set(m[1]!, Number(m[2]));
  }
  const suffix = (mark: string): number | null => suffixes.get(mark) ?? null;
  const samplesPerFrame = suffix("x") ?? 1;
  if (samplesPerFrame < 1) fail(`${at}: samples per frame must be >= 1 in "${formatField}"`);
  const int = (field: string | undefined, what: string, fallback: number): number => {
    if (field === undefined) return fallback;
    if (!INTEGER.test(field)) fail(`${at}: malformed ${what} "${field}"`);
    return Number(field);
  };
  let adcGain = 0;
  let baseline: number | null = null;
  let units = "";
  if (gainField !== undefined) {
    const gm = GAIN.exec(gainField) ?? fail(`${at}: malformed ADC gain field "${gainField}"`);
    adcGain = Number(gm[1]);
    if (adcGain < 0) fail(`${at}: ADC gain must be >= 0, got ${gm[1]}`);
    if (gm[2] !== undefined) baseline = Number(gm[2]);
    units = gm[3] ?? "";
  }
  const adcZero = int(zeroField, "ADC zero", 0);
  const description = bsField === undefined ? "" : descriptionAfter(line.text, 8);
  return {
    fileName,
    format,
    samplesPerFrame,
    skew: suffix(":") ?? 0,
    byteOffset: suffix("+") ?? 0,
    adcGain,
    gain: adcGain === 0 ? WFDB_DEFAULT_GAIN : adcGain,
    baseline: baseline ?? adcZero,
    units: units === "" ? "mV" : units,
    adcResolution: int(resField, "ADC resolution", defaultResolution(format)),
    adcZero,
    initialValue: int(initField, "initial value", adcZero),
    checksum: sumField === undefined ? null : int(sumField, "checksum", 0),
    blockSize: int(bsField, "block size", 0),
    description: description === "" ? `record ${recordName}, signal ${index}` : description,
    line: line.number,
  };
}

/**
 * Whether a signal file name stays inside the header's folder: relative,
 * no drive letter, no `..` part (either slash). Symbolic links are the
 * reader's to check.
 *
 * @example
 * ```ts
 * import { isInsideFolder } from "./header.ts";
 * console.assert(isInsideFolder("sub/r.dat") && !isInsideFolder("../../etc/passwd"));
 * ```
 */
export function isInsideFolder(fileName: string): boolean {
  if (fileName === "" || /^[\\/]/.test(fileName) || /^[A-Za-z]:/.test(fileName)) return false;
  return !fileName.split(/[\\/]/).some((part) => part === "..");
}

/** The rest of `text` after its first `n` whitespace-separated fields, trimmed. */
function descriptionAfter(text: string, n: number): string {
  const m = new RegExp(`^(?:\\S+[ \\t]+){${n}}(.*)$`).exec(text);
  return m?.[1]?.trim() ?? "";
}

function defaultResolution(format: WfdbFormat): number {
  switch (format) {
    case 80:
      return 8;
    case 160:
      return 16;
    case 310:
    case 311:
      return 10;
    default:
      return 12;
  }
}

/** Signals of one file must be listed together and share its format and byte offset. */
function checkGroups(signals: readonly WfdbSignalInfo[], fail: (reason: string) => never): void {
  const seen = new Set<string>();
  signals.forEach((s, i) => {
    const prev = signals[i - 1];
    if (prev !== undefined && prev.fileName === s.fileName) {
      if (prev.format !== s.format || prev.byteOffset !== s.byteOffset) {
        fail(
          `line ${s.line}: signals ${i - 1} and ${i} share file "${s.fileName}" but differ ` +
            `in format or byte offset`,
        );
      }
      return;
    }
    if (seen.has(s.fileName)) {
      fail(
        `line ${s.line}: signal file "${s.fileName}" is named again after another file; ` +
          `the signals of one file must be listed together`,
      );
    }
    seen.add(s.fileName);
  });
}

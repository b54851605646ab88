/**
 * Decode a WFDB record's signal files into digital values, as the WFDB
 * library's `getvec` (and so `rdsamp`) returns them.
 *
 * @module
 */
import { decimate, expand, integrate } from "./_frames.ts";
import { groupsOf, loadGroup } from "./_groups.ts";
import { decodeWfdbSamples, wfdbInvalidValue } from "./formats.ts";
import type { WfdbHeader } from "./header.ts";

/** Options for {@linkcode decodeWfdb}. */
export interface DecodeWfdbOptions {
  /** First sample to return (a frame, or a high-resolution sample). @default 0 */
  from?: number;
  /** Sample to stop before; clamped to the record's end. @default the record's end */
  to?: number;
  /** Indices of the signals to return, in order. @default every signal */
  signals?: readonly number[];
  /**
   * Return every sample of multi-sample frames (`rdsamp -H`): the rate is the
   * frame rate times the largest samples-per-frame, and signals with fewer
   * samples per frame repeat theirs. Otherwise one value per frame: the
   * mean of the frame's samples truncated toward zero, as `rdsamp` prints.
   * @default false
   */
  highResolution?: boolean;
  /**
   * Accept signal files that hold more samples than the header says (the
   * WFDB library reads the first ones); otherwise that is an error.
   * @default false
   */
  allowExtraData?: boolean;
  /** Name of the record for error messages (its header path). @default the record name */
  source?: string;
}

/** One decoded signal. */
export interface WfdbChannel {
  /** Index of the signal in the header. */
  readonly signal: number;
  /** The signal's description (lead name), as written. */
  readonly description: string;
  /** Physical units of {@linkcode wfdbPhysical}'s values. */
  readonly units: string;
  /** ADC units per physical unit (200 for an uncalibrated signal). */
  readonly gain: number;
  /** Digital value of physical zero. */
  readonly baseline: number;
  /** The digital value that marks a missing sample, or `null` when none can. */
  readonly invalidValue: number | null;
  /** Digital values, one per returned sample. */
  readonly digital: Int32Array;
}

/** What {@linkcode decodeWfdb} returns. */
export interface WfdbSignals {
  /** Samples per second of every channel. */
  readonly sampleRateHz: number;
  /** Sample number of the first value. */
  readonly start: number;
  /** Values per channel. */
  readonly length: number;
  /** The requested signals, in the requested order. */
  readonly channels: readonly WfdbChannel[];
}

/**
 * The signal files that {@linkcode decodeWfdb} reads for the given signals.
 *
 * @example
 * ```ts
 * import { parseWfdbHeader, wfdbSignalFiles } from "./mod.ts";
 * const h = parseWfdbHeader("r 2 100 1\na.dat 16\nb.dat 16\n");
 * console.assert(wfdbSignalFiles(h, [1]).join() === "b.dat");
 * ```
 */
export function wfdbSignalFiles(header: WfdbHeader, signals?: readonly number[]): string[] {
  const names = (signals ?? header.signals.map((_, i) => i)).map((i) =>
    header.signals[i]?.fileName
  );
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

/**
 * Decode signals of a record from its signal files. Skewed signals are
 * deskewed (a signal with skew k frames takes its frame t from the file's
 * frame t + k, so the record ends k frames early, as with `rdsamp`).
 *
 * @param header the parsed header
 * @param files the contents of a signal file by the name the header gives,
 *   or `undefined` when there is no such file
 * @throws {RecordError} for a missing, truncated or over-long signal file
 * @throws {RangeError} for an option out of range
 * @example
 * ```ts
 * import { decodeWfdb, parseWfdbHeader, wfdbPhysical } from "./mod.ts";
 * const h = parseWfdbHeader("r 1 500 2\nr.dat 16 200/mV\n");
 * const s = decodeWfdb(h, () => new Uint8Array([100, 0, 56, 255]));
 * console.assert(s.channels[0]!.digital[1] === -200 && wfdbPhysical(s.channels[0]!)[0] === 0.5);
 * ```
 */
export function decodeWfdb(
  header: WfdbHeader,
  files: (name: string) => Uint8Array | undefined,
  options: DecodeWfdbOptions = {},
): WfdbSignals {
  const nsig = header.signals.length;
  const {
    from = 0,
    to = Infinity,
    signals: selection = header.signals.map((_, i) => i),
    highResolution = false,
    allowExtraData = false,
    source = header.recordName,
  } = options;
  if (selection.length === 0) {
    throw new RangeError("Cannot decode WFDB record: signals must name at least one signal");
  }
  selection.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0 || s >= nsig) {
      throw new RangeError(
        `Cannot decode WFDB record: signals[${i}] must be in 0..${nsig - 1}, got ${s}`,
      );
    }
  });
  if (!Number.isInteger(from) || from < 0) {
    throw new RangeError(`Cannot decode WFDB record: from must be an integer >= 0, got ${from}`);
  }
  if (!(to >= from) || (to !== Infinity && !Number.isInteger(to))) {
    throw new RangeError(`Cannot decode WFDB record: to must be an integer >= from, got ${to}`);
  }
  const { groups, groupOf, offset } = groupsOf(header);
  const skew = header.signals.map((s) => Math.trunc(s.skew / s.samplesPerFrame + 0.5));
  // Loops, not Math.max(...spread): a header may list more signals than a call takes arguments.
  const maxSkew = skew.reduce((m, k) => Math.max(m, k), 0);
  const spfMax = header.signals.reduce((m, s) => Math.max(m, s.samplesPerFrame), 1);
  const nsamp = header.numberOfSamples;

  const needed = [...new Set(selection.map((s) => groupOf[s]!))];
  const data = new Map<number, { bytes: Uint8Array; frames: number }>();
  for (const g of needed) data.set(g, loadGroup(groups[g]!, files, nsamp, allowExtraData, source));
  const available = [...data.values()].reduce((m, d) => Math.min(m, d.frames), Infinity);
  const frames = Math.max(0, Math.min(nsamp ?? available, available - maxSkew));

  const perFrame = highResolution ? spfMax : 1;
  const total = frames * perFrame;
  if (from > total) {
    throw new RangeError(
      `Cannot decode WFDB record: from ${from} is past the end (${total} samples)`,
    );
  }
  const end = Math.min(to, total);
  const length = end - from;
  const f0 = Math.floor(from / perFrame);
  const f1 = Math.ceil(end / perFrame);

  const raw = new Map<number, { samples: Int32Array; firstFrame: number }>();
  for (const g of needed) {
    const group = groups[g]!;
    const d = data.get(g)!;
    const firstFrame = group.format === 8 || length === 0 ? 0 : f0;
    const groupSkew = group.members.reduce((m, s) => Math.max(m, skew[s]!), -Infinity);
    const lastFrame = length === 0 ? 0 : Math.min(d.frames, f1 + groupSkew);
    const n = group.frameSamples;
    const samples = new Int32Array((lastFrame - firstFrame) * n);
    decodeWfdbSamples(group.format, d.bytes, firstFrame * n, samples.length, samples);
    if (group.format === 8) integrate(samples, group, header, offset);
    raw.set(g, { samples, firstFrame });
  }

  const channels = selection.map((s): WfdbChannel => {
    const info = header.signals[s]!;
    const g = groupOf[s]!;
    const { samples, firstFrame } = raw.get(g)!;
    const layout = {
      stride: groups[g]!.frameSamples,
      base: (skew[s]! - firstFrame) * groups[g]!.frameSamples + offset[s]!,
      spf: info.samplesPerFrame,
      invalid: wfdbInvalidValue(info.format),
    };
    const digital = new Int32Array(length);
    if (highResolution) expand(samples, layout, spfMax, from, digital);
    else decimate(samples, layout, from, digital);
    return {
      signal: s,
      description: info.description,
      units: info.units,
      gain: info.gain,
      baseline: info.baseline,
      invalidValue: layout.invalid,
      digital,
    };
  });
  return { sampleRateHz: header.samplingFrequencyHz * perFrame, start: from, length, channels };
}

/**
 * Physical values of a channel, `(digital − baseline) / gain`, NaN where a
 * sample is missing.
 *
 * @example
 * ```ts
 * import { wfdbPhysical } from "./read.ts";
 * const ch = { signal: 0, description: "I", units: "mV", gain: 200, baseline: 0,
 *   invalidValue: -32768, digital: new Int32Array([100, -32768]) };
 * const mv = wfdbPhysical(ch);
 * console.assert(mv[0] === 0.5 && Number.isNaN(mv[1]));
 * ```
 */
export function wfdbPhysical(channel: WfdbChannel): Float64Array {
  const { digital, baseline, gain, invalidValue } = channel;
  const out = new Float64Array(digital.length);
  for (let i = 0; i < digital.length; i++) {
    const d = digital[i]!;
    out[i] = d === invalidValue ? NaN : (d - baseline) / gain;
  }
  return out;
}

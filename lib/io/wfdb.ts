/**
 * Read WFDB records from disk: the `.hea` header and the signal files it
 * names, relative to the header's folder.
 *
 * @module
 */
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { RecordError } from "../records/errors.ts";
import { NotRegularFileError, readRegularFile } from "./regular_file.ts";
import type { EcgRecord } from "../records/types.ts";

export type { EcgRecord };
import {
  decodeWfdb,
  type DecodeWfdbOptions,
  parseWfdbHeader,
  type WfdbHeader,
  wfdbSignalFiles,
  type WfdbSignals,
  wfdbToEcgRecord,
  type WfdbToEcgRecordOptions,
} from "../records/wfdb/mod.ts";

/** Options for {@linkcode readWfdbRaw}: those of `decodeWfdb` but `source`, the header path. */
export type ReadWfdbRawOptions = Omit<DecodeWfdbOptions, "source">;

/** A record's header and decoded signals, as {@linkcode readWfdbRaw} returns them. */
export interface WfdbRaw {
  /** The parsed header. */
  readonly header: WfdbHeader;
  /** The decoded signals (digital values; see `wfdbPhysical`). */
  readonly signals: WfdbSignals;
  /** The header's path, with `.hea`. */
  readonly headerPath: string;
}

/** Options for {@linkcode readWfdbRecord}. */
export interface ReadWfdbRecordOptions extends WfdbToEcgRecordOptions {
  /** See `DecodeWfdbOptions.allowExtraData`. @default false */
  allowExtraData?: boolean;
  /**
   * The most signals to accept: a header declaring more is a
   * `RecordError`, raised before any signal file is read.
   * @default Infinity
   */
  maxSignals?: number;
}

/**
 * Read a record's header and the signal files of the requested signals,
 * and decode them as `rdsamp` would.
 *
 * @param headerPath path of the `.hea` file (the suffix may be left out)
 * @throws {RecordError} for an unreadable header, a missing, truncated or
 *   over-long signal file, or any header fault
 * @example
 * ```ts ignore
 * import { readWfdbRaw } from "./wfdb.ts";
 * const { signals } = await readWfdbRaw("fixtures/records/00001_lr.hea", { signals: [1] });
 * console.log(signals.channels[0]!.digital.length); // 1000
 * ```
 */
export async function readWfdbRaw(
  headerPath: string,
  options: ReadWfdbRawOptions = {},
): Promise<WfdbRaw> {
  const { path, header } = await readHeader(headerPath);
  const signals = await decodeFromDisk(path, header, options);
  return { header, signals, headerPath: path };
}

/**
 * Read a WFDB record as an {@linkcode EcgRecord} in millivolts. Records
 * whose signals have several samples per frame are read at the highest
 * resolution, so that no sample is lost.
 *
 * @param headerPath path of the `.hea` file (the suffix may be left out)
 * @throws {RecordError} naming the file and the fault
 * @example
 * ```ts ignore
 * import { readWfdbRecord } from "./wfdb.ts";
 * const record = await readWfdbRecord("fixtures/records/ludb/1.hea");
 * console.log(record.leadNames.join(" ")); // I II III aVR aVL aVF V1 … V6
 * ```
 */
export async function readWfdbRecord(
  headerPath: string,
  options: ReadWfdbRecordOptions = {},
): Promise<EcgRecord> {
  const { allowExtraData = false, maxSignals = Infinity, ...toRecord } = options;
  const { path, header } = await readHeader(headerPath, maxSignals);
  const highResolution = header.signals.some((s) => s.samplesPerFrame > 1);
  const signals = await decodeFromDisk(path, header, { highResolution, allowExtraData });
  return wfdbToEcgRecord(header, signals, path, toRecord);
}

async function readHeader(
  headerPath: string,
  maxSignals = Infinity,
): Promise<{ path: string; header: WfdbHeader }> {
  const path = headerPath.toLowerCase().endsWith(".hea") ? headerPath : `${headerPath}.hea`;
  const text = decodeText(await readOrFail(path));
  return { path, header: parseWfdbHeader(text, path, { maxSignals }) };
}

async function decodeFromDisk(
  path: string,
  header: WfdbHeader,
  options: ReadWfdbRawOptions,
): Promise<WfdbSignals> {
  const folder = dirname(path);
  const contents = new Map<string, Uint8Array>();
  let realFolder: Promise<string> | undefined;
  await Promise.all(
    wfdbSignalFiles(header, options.signals).map(async (name) => {
      try {
        const file = join(folder, name);
        // The header parser refuses absolute names and "..": a symbolic link must not lead out either.
        const [real, base] = await Promise.all([
          Deno.realPath(file),
          realFolder ??= Deno.realPath(folder),
        ]);
        const rel = relative(base, real);
        if (rel === "" || rel.split(sep)[0] === ".." || isAbsolute(rel)) {
          throw new RecordError(
            path,
            `signal file "${name}" is a link to "${real}", outside the record's folder`,
          );
        }
        contents.set(name, await readRegularFile(file));
      } catch (e) {
        if (e instanceof RecordError) throw e;
        if (!(e instanceof Deno.errors.NotFound)) {
          const why = e instanceof NotRegularFileError
            ? `signal file "${name}" is ${e.reason}`
            : `cannot read signal file "${name}": ${e}`;
          throw new RecordError(path, why, { cause: e });
        }
      }
    }),
  );
  return decodeWfdb(header, (name) => contents.get(name), { ...options, source: path });
}

async function readOrFail(path: string): Promise<Uint8Array> {
  try {
    return await readRegularFile(path);
  } catch (e) {
    const reason = e instanceof Deno.errors.NotFound
      ? "file not found"
      : e instanceof NotRegularFileError
      ? e.reason
      : `${e}`;
    throw new RecordError(path, reason, { cause: e });
  }
}

/** Headers are ASCII in practice; accept UTF-8 and fall back to Latin-1 (`µV` as byte 0xB5). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

/**
 * Signal groups: the signals stored in one file, and loading that file.
 *
 * @module
 */
import { RecordError } from "../errors.ts";
import { matV4Dimensions } from "./_mat.ts";
import { type WfdbFormat, wfdbPaddedBytes, wfdbSamplesIn } from "./formats.ts";
import type { WfdbHeader } from "./header.ts";

/** The signals stored in one file (a WFDB "signal group"). */
export interface Group {
  readonly fileName: string;
  readonly format: WfdbFormat;
  readonly byteOffset: number;
  /** Samples of all its signals in one frame. */
  readonly frameSamples: number;
  readonly members: readonly number[];
}

export function groupsOf(
  header: WfdbHeader,
): { groups: Group[]; groupOf: number[]; offset: number[] } {
  const groups: { -readonly [K in keyof Group]: Group[K] }[] = [];
  const members: number[][] = [];
  const groupOf: number[] = [];
  const offset: number[] = [];
  header.signals.forEach((s, i) => {
    let group = groups[groups.length - 1];
    if (group === undefined || group.fileName !== s.fileName) {
      group = {
        fileName: s.fileName,
        format: s.format,
        byteOffset: s.byteOffset,
        frameSamples: 0,
        members: [],
      };
      groups.push(group);
      members.push([]);
    }
    groupOf.push(groups.length - 1);
    offset.push(group.frameSamples);
    members[members.length - 1]!.push(i); // appended in place: linear in the signal count
    group.frameSamples += s.samplesPerFrame;
  });
  groups.forEach((g, k) => g.members = members[k]!);
  return { groups, groupOf, offset };
}

/**
 * Fetch a group's file and count its whole frames, checking them against
 * the header's sample count (and a `.mat` file's own matrix header).
 */
export function loadGroup(
  group: Group,
  files: (name: string) => Uint8Array | undefined,
  nsamp: number | null,
  allowExtraData: boolean,
  source: string,
): { bytes: Uint8Array; frames: number } {
  const name = group.fileName;
  const file = files(name);
  if (file === undefined) throw new RecordError(source, `missing signal file "${name}"`);
  const bytes = file.subarray(Math.min(group.byteOffset, file.length));
  const n = group.frameSamples;
  const frames = Math.floor(wfdbSamplesIn(group.format, bytes.length) / n);
  if (nsamp !== null && frames < nsamp) {
    const need = wfdbPaddedBytes(group.format, nsamp * n) + group.byteOffset;
    throw new RecordError(
      source,
      `truncated signal file "${name}": expected ${nsamp} samples per signal, found ${frames} ` +
        `(${file.length} of ${need} bytes)`,
    );
  }
  if (
    nsamp !== null && !allowExtraData && bytes.length > wfdbPaddedBytes(group.format, nsamp * n)
  ) {
    throw new RecordError(
      source,
      `header/data length mismatch in "${name}": the file holds ${frames} samples per signal, ` +
        `the header says ${nsamp}`,
    );
  }
  if (name.toLowerCase().endsWith(".mat")) {
    const mat = matV4Dimensions(file, group.byteOffset);
    if (mat !== null && (mat.rows !== n || (nsamp !== null && mat.cols !== nsamp))) {
      throw new RecordError(
        source,
        `header/data length mismatch in "${name}": its MAT header gives a ${mat.rows} × ` +
          `${mat.cols} matrix, the WFDB header ${n} signals × ${nsamp ?? "any number of"} samples`,
      );
    }
  }
  return { bytes, frames };
}

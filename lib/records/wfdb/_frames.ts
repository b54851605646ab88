/**
 * From a group's decoded sample stream to one signal's values.
 *
 * @module
 */
import type { Group } from "./_groups.ts";
import type { WfdbHeader } from "./header.ts";

/** Turn format 8's first differences into values, signal by signal, from the initial values. */
export function integrate(
  samples: Int32Array,
  group: Group,
  header: WfdbHeader,
  offset: number[],
): void {
  const n = group.frameSamples;
  for (const s of group.members) {
    const info = header.signals[s]!;
    let value = info.initialValue;
    for (let p = offset[s]!; p < samples.length; p += n) {
      for (let j = 0; j < info.samplesPerFrame; j++) {
        value = (value + samples[p + j]!) | 0;
        samples[p + j] = value;
      }
    }
  }
}

export interface Layout {
  readonly stride: number;
  readonly base: number;
  readonly spf: number;
  readonly invalid: number | null;
}

/**
 * One value per frame: the frame's sample, or the mean of its samples
 * truncated toward zero (C integer division, as the conformance targets
 * show), invalid if any of them is.
 */
export function decimate(samples: Int32Array, l: Layout, from: number, out: Int32Array): void {
  let p = l.base + from * l.stride;
  if (l.spf === 1) {
    for (let t = 0; t < out.length; t++, p += l.stride) out[t] = samples[p]!;
    return;
  }
  for (let t = 0; t < out.length; t++, p += l.stride) {
    let sum = 0;
    let bad = false;
    for (let j = 0; j < l.spf; j++) {
      const v = samples[p + j]!;
      if (v === l.invalid) bad = true;
      sum += v;
    }
    out[t] = bad ? l.invalid! : Math.trunc(sum / l.spf);
  }
}

/** `spfMax` values per frame, each signal's samples held until its next one. */
export function expand(
  samples: Int32Array,
  l: Layout,
  spfMax: number,
  from: number,
  out: Int32Array,
): void {
  for (let t = 0; t < out.length; t++) {
    const k = from + t;
    const frame = Math.floor(k / spfMax);
    const index = Math.floor((l.spf * (k - frame * spfMax)) / spfMax);
    out[t] = samples[l.base + frame * l.stride + index]!;
  }
}

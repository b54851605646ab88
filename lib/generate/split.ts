/**
 * Training-set splits by record: `--split train=0.8,val=0.1,test=0.1`
 * gives every record (never a single page) one split, so that no record's
 * pages land on both sides of a train/test line.
 *
 * @module
 */
import { createRng } from "../random/rng.ts";

/** One named part of a split and its share of the records. */
export interface SplitPart {
  readonly name: string;
  /** Share of the records, in (0, 1]. */
  readonly fraction: number;
}

/**
 * Read a split such as `train=0.8,val=0.1,test=0.1`: names of letters,
 * digits, `_` and `-`, each once, with shares that add up to 1 (within
 * 0.001). Throws a `RangeError` naming the option and what is wrong.
 *
 * @example
 * ```ts
 * import { parseSplit } from "./split.ts";
 * const parts = parseSplit("train=0.8,val=0.1,test=0.1");
 * console.assert(parts.length === 3 && parts[1]!.name === "val");
 * ```
 */
export function parseSplit(text: string): SplitPart[] {
  const bad = (why: string): never => {
    throw new RangeError(`Invalid option --split = "${text}": ${why}`);
  };
  const parts: SplitPart[] = [];
  for (const item of text.split(",")) {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*([0-9.]+)\s*$/.exec(item);
    if (!m) bad(`"${item}" is not name=share (e.g. train=0.8,val=0.1,test=0.1)`);
    const [, name, share] = m!;
    const fraction = Number(share);
    if (!(fraction > 0 && fraction <= 1)) bad(`the share of ${name} must be in (0, 1]`);
    if (parts.some((p) => p.name === name)) bad(`${name} is named twice`);
    parts.push({ name: name!, fraction });
  }
  const sum = parts.reduce((s, p) => s + p.fraction, 0);
  if (Math.abs(sum - 1) > 1e-3) bad(`the shares add up to ${+sum.toFixed(6)}, not 1`);
  return parts;
}

/**
 * Give each record one part of `parts`: the records, sorted, are shuffled
 * by a stream drawn from `seed` alone and cut at the cumulative shares
 * (rounded), so the counts match the shares as closely as whole records
 * allow and the answer depends only on (records, parts, seed), never on
 * workers or shards.
 *
 * @param records record identities (e.g. input paths); duplicates count once
 * @returns the part name of every record
 * @example
 * ```ts
 * import { assignSplits, parseSplit } from "./split.ts";
 * const ids = Array.from({ length: 10 }, (_, k) => `r${k}`);
 * const split = assignSplits(ids, parseSplit("train=0.8,test=0.2"), 1);
 * console.assert([...split.values()].filter((s) => s === "test").length === 2);
 * ```
 */
export function assignSplits(
  records: readonly string[],
  parts: readonly SplitPart[],
  seed: number,
): Map<string, string> {
  const ids = [...new Set(records)].sort();
  const rng = createRng(seed, "split");
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const out = new Map<string, string>();
  let cumulative = 0;
  let start = 0;
  parts.forEach((part, k) => {
    cumulative += part.fraction;
    const end = k === parts.length - 1 ? ids.length : Math.round(cumulative * ids.length);
    for (let i = start; i < end; i++) out.set(ids[i]!, part.name);
    start = Math.max(start, end);
  });
  return out;
}

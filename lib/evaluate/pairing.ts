/**
 * Pair ground-truth and prediction files by stem (pure: takes file paths).
 *
 * @module
 */

/** The files found for one stem on one side. */
export interface StemFiles {
  /** `<stem>.csv`, the signal table. */
  readonly csv?: string;
  /** `<stem>.json`, metadata (ground truth or digitizer report). */
  readonly json?: string;
  /** `<stem>.png|jpg|jpeg|…`, the image (truth side). */
  readonly image?: string;
}

/** Result of {@linkcode pairByStem}. */
export interface Pairing {
  /** Stems with a truth CSV and a prediction CSV or JSON, sorted. */
  readonly pairs: readonly { stem: string; truth: StemFiles; prediction: StemFiles }[];
  /** Stems with a truth CSV but no prediction file at all, sorted. */
  readonly truthOnly: readonly { stem: string; truth: StemFiles }[];
  /** Stems with a prediction CSV but no truth CSV. */
  readonly predictionOnly: readonly string[];
  /** Paths ignored because another file already had the same stem and extension. */
  readonly duplicates: readonly string[];
}

const IMAGE = /\.(png|jpe?g|bmp|tiff?|webp)$/i;

function index(paths: readonly string[], duplicates: string[]): Map<string, StemFiles> {
  const out = new Map<string, { csv?: string; json?: string; image?: string }>();
  for (const path of [...paths].sort()) {
    const base = path.split(/[\\/]/).pop()!;
    const match = /^(.*)\.([^.]+)$/.exec(base);
    if (!match) continue;
    const [, stem, ext] = match as unknown as [string, string, string];
    const kind = ext.toLowerCase() === "csv"
      ? "csv"
      : ext.toLowerCase() === "json"
      ? "json"
      : IMAGE.test(base)
      ? "image"
      : null;
    if (kind === null) continue;
    const entry = out.get(stem) ?? {};
    if (entry[kind] !== undefined) duplicates.push(path);
    else entry[kind] = path;
    out.set(stem, entry);
  }
  return out;
}

/**
 * Pair files by stem. A truth stem pairs with a prediction that has a CSV,
 * or only a JSON (the digitizer ran and failed: scored as a missing
 * prediction). When a stem occurs twice on one side, the first path in
 * sorted order wins and the others are listed in `duplicates`.
 *
 * @param truthPaths Every file under the truth folder.
 * @param predictionPaths Every file under the prediction folder.
 *
 * @example
 * ```ts
 * import { pairByStem } from "./pairing.ts";
 * const p = pairByStem(["a.csv", "a.json", "a.png", "b.csv"], ["a.csv", "c.csv"]);
 * console.assert(p.pairs.length === 1 && p.pairs[0]!.truth.image === "a.png");
 * console.assert(p.truthOnly[0]!.stem === "b" && p.predictionOnly[0] === "c");
 * ```
 */
export function pairByStem(
  truthPaths: readonly string[],
  predictionPaths: readonly string[],
): Pairing {
  const duplicates: string[] = [];
  const truth = index(truthPaths, duplicates);
  const prediction = index(predictionPaths, duplicates);
  const pairs: { stem: string; truth: StemFiles; prediction: StemFiles }[] = [];
  const truthOnly: { stem: string; truth: StemFiles }[] = [];
  for (const stem of [...truth.keys()].sort()) {
    const t = truth.get(stem)!;
    if (t.csv === undefined) continue;
    const p = prediction.get(stem);
    if (p !== undefined && (p.csv !== undefined || p.json !== undefined)) {
      pairs.push({ stem, truth: t, prediction: p });
    } else truthOnly.push({ stem, truth: t });
  }
  const predictionOnly = [...prediction.entries()]
    .filter(([stem, p]) => p.csv !== undefined && truth.get(stem)?.csv === undefined)
    .map(([stem]) => stem)
    .sort();
  return { pairs, truthOnly, predictionOnly, duplicates };
}

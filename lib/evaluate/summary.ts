/**
 * Aggregates over scored images: overall, per group, per lead, and the
 * worst cases.
 *
 * @module
 */
import { finiteMean, nanMean, nanMedian } from "./_numeric.ts";
import { kaggleImageRatio, kaggleScoreDb } from "./kaggle_2025.ts";
import type { ImageResult, LeadResult, ScoreSummary, WorstCase } from "./types.ts";

/**
 * Summarise images: the Kaggle score over their per-image ratios, the 2024
 * score over all their (image, lead) SNRs, and plain means. With `lead`,
 * only that lead counts (its Kaggle ratio per image is that lead's alone).
 *
 * @example
 * ```ts
 * import { summarise } from "./summary.ts";
 * const s = summarise([]);
 * console.assert(s.images === 0 && Number.isNaN(s.kaggleScoreDb));
 * ```
 */
export function summarise(images: readonly ImageResult[], lead?: string): ScoreSummary {
  const leads: LeadResult[] = [];
  const ratios: number[] = [];
  for (const image of images) {
    const chosen = image.leads.filter((l) => lead === undefined || l.lead === lead);
    if (lead !== undefined && chosen.length === 0) continue;
    leads.push(...chosen);
    ratios.push(
      lead === undefined ? image.kaggleRatio : kaggleImageRatio(chosen.map((l) => l.kaggle)),
    );
  }
  const scored = leads.filter((l) => l.status !== "no-truth");
  return {
    images: ratios.length,
    leads: scored.length,
    kaggleScoreDb: kaggleScoreDb(ratios),
    challenge2024SnrDb: nanMean(scored.map((l) => l.challenge2024?.snrDb ?? NaN)),
    meanSnrDb: nanMean(scored.map((l) => l.snrDb)),
    medianSnrDb: nanMedian(scored.map((l) => l.snrDb)),
    meanNrmsePercent: finiteMean(scored.map((l) => l.nrmsePercent)),
    meanPearsonR: finiteMean(scored.map((l) => l.pearsonR)),
    missingLeads: scored.filter((l) => l.status === "missing" || l.status === "empty").length,
  };
}

/**
 * One summary per value of each group field (`preset`, `layout`,
 * `imageType`, …) found on the images; images without a field are left out
 * of that field's groups.
 *
 * @example
 * ```ts
 * import { summariseGroups } from "./summary.ts";
 * console.assert(Object.keys(summariseGroups([])).length === 0);
 * ```
 */
export function summariseGroups(
  images: readonly ImageResult[],
): Record<string, Record<string, ScoreSummary>> {
  const fields = new Map<string, Map<string, ImageResult[]>>();
  for (const image of images) {
    for (const [field, value] of Object.entries(image.groups)) {
      let byValue = fields.get(field);
      if (byValue === undefined) fields.set(field, byValue = new Map());
      let list = byValue.get(value);
      if (list === undefined) byValue.set(value, list = []);
      list.push(image);
    }
  }
  const out: Record<string, Record<string, ScoreSummary>> = {};
  for (const field of [...fields.keys()].sort()) {
    const byValue = fields.get(field)!;
    out[field] = {};
    for (const value of [...byValue.keys()].sort()) {
      out[field][value] = summarise(byValue.get(value)!);
    }
  }
  return out;
}

/**
 * One summary per lead name, in the order the leads first appear.
 *
 * @example
 * ```ts
 * import { summariseLeads } from "./summary.ts";
 * console.assert(Object.keys(summariseLeads([])).length === 0);
 * ```
 */
export function summariseLeads(images: readonly ImageResult[]): Record<string, ScoreSummary> {
  const names: string[] = [];
  for (const image of images) {
    for (const l of image.leads) if (!names.includes(l.lead)) names.push(l.lead);
  }
  return Object.fromEntries(names.map((name) => [name, summarise(images, name)]));
}

/** Sort key where NaN ranks worst (it means nothing could be scored). */
const worstKey = (v: number) => (Number.isNaN(v) ? -Infinity : v);

/**
 * The `count` worst images: lowest Kaggle per-image dB first, then lowest
 * 2024 SNR, then lowest mean plain SNR, then id.
 *
 * @example
 * ```ts
 * import { worstCases } from "./summary.ts";
 * console.assert(worstCases([], 5).length === 0);
 * ```
 */
export function worstCases(images: readonly ImageResult[], count: number): WorstCase[] {
  return [...images]
    .sort((a, b) =>
      worstKey(a.kaggleDb) - worstKey(b.kaggleDb) ||
      worstKey(a.challenge2024SnrDb) - worstKey(b.challenge2024SnrDb) ||
      worstKey(a.meanSnrDb) - worstKey(b.meanSnrDb) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
    .slice(0, Math.max(0, count))
    .map((image, i) => ({
      rank: i + 1,
      id: image.id,
      kaggleDb: image.kaggleDb,
      challenge2024SnrDb: image.challenge2024SnrDb,
      meanSnrDb: image.meanSnrDb,
      groups: image.groups,
    }));
}

/**
 * Percentile-bootstrap intervals of the two challenge scores over a set of
 * images (resampling images, the unit both scores average over), for the
 * bands of the robustness curves.
 *
 * @module
 */
import { createRng } from "../random/rng.ts";
import { kaggleScoreDb } from "./kaggle_2025.ts";
import type { ImageResult } from "./types.ts";

/** How the robustness bands are drawn. */
export const BOOTSTRAP = Object.freeze({ resamples: 1000, level: 0.95, seed: 0 });

/** A closed interval `[lo, hi]`. */
export type Band = readonly [number, number];

/** Per image: what the 2024 pooled mean needs (finite sum, count, infinities). */
interface Terms {
  ratio: number;
  sum: number;
  count: number;
  posInf: number;
  negInf: number;
}

function terms(image: ImageResult): Terms {
  const t: Terms = { ratio: image.kaggleRatio, sum: 0, count: 0, posInf: 0, negInf: 0 };
  for (const l of image.leads) {
    if (l.status === "no-truth") continue;
    const v = l.challenge2024?.snrDb ?? NaN;
    if (Number.isNaN(v)) continue;
    t.count++;
    if (v === Infinity) t.posInf++;
    else if (v === -Infinity) t.negInf++;
    else t.sum += v;
  }
  return t;
}

const ascending = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

function percentiles(values: number[], level: number): Band {
  const kept = values.filter((v) => !Number.isNaN(v)).sort(ascending);
  if (kept.length === 0) return [NaN, NaN];
  const at = (q: number) => kept[Math.round(q * (kept.length - 1))]!;
  return [at((1 - level) / 2), at((1 + level) / 2)];
}

/**
 * 95 % percentile-bootstrap intervals of the Kaggle score and of the 2024
 * SNR of `images` (`BOOTSTRAP.resamples` resamples of the images with
 * replacement, drawn from the stream `(BOOTSTRAP.seed, "robustness-band",
 * ...ids)`, so the bands are reproducible). NaN bounds when no resample
 * gives a defined score.
 */
export function bootstrapBands(
  images: readonly ImageResult[],
  ...ids: (string | number)[]
): { kaggleScoreDb: Band; challenge2024SnrDb: Band } {
  const n = images.length;
  if (n === 0) return { kaggleScoreDb: [NaN, NaN], challenge2024SnrDb: [NaN, NaN] };
  const all = images.map(terms);
  const rng = createRng(BOOTSTRAP.seed, "robustness-band", ...ids);
  const kaggle: number[] = [], c2024: number[] = [];
  const ratios = new Array<number>(n);
  for (let b = 0; b < BOOTSTRAP.resamples; b++) {
    let sum = 0, count = 0, posInf = 0, negInf = 0;
    for (let i = 0; i < n; i++) {
      const t = all[rng.int(0, n - 1)]!;
      ratios[i] = t.ratio;
      sum += t.sum;
      count += t.count;
      posInf += t.posInf;
      negInf += t.negInf;
    }
    kaggle.push(kaggleScoreDb(ratios));
    c2024.push(
      count === 0 || (posInf > 0 && negInf > 0)
        ? NaN
        : posInf > 0
        ? Infinity
        : negInf > 0
        ? -Infinity
        : sum / count,
    );
  }
  return {
    kaggleScoreDb: percentiles(kaggle, BOOTSTRAP.level),
    challenge2024SnrDb: percentiles(c2024, BOOTSTRAP.level),
  };
}

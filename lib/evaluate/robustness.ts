/**
 * Robustness curves: the scores against each recorded distortion
 * parameter. Every key of the images' `distortions` becomes a curve:
 * `<augmentation>.<param>` over the images that record it, and
 * `<augmentation>` (how many times it was applied) over every image that
 * carries distortion data, 0 where it was not applied, so clean images
 * form the baseline. Images are put in at most `bins` bins of (nearly)
 * equal count along the parameter; equal values always share a bin. Each
 * bin carries 95 % percentile-bootstrap bands of both challenge scores
 * (1000 resamples of its images, a fixed seed).
 *
 * @module
 */
import { bootstrapBands } from "./_bootstrap.ts";
import { summarise } from "./summary.ts";
import type { ImageResult, RobustnessRow } from "./types.ts";

/**
 * Build the robustness table.
 *
 * @param images Scored images; those whose `distortions` is `null` are left out.
 * @param bins Most bins per curve (≥ 1); a curve with at most `bins`
 *   distinct values gets one bin per value.
 * @returns Rows sorted by curve name, then bin.
 *
 * @example
 * ```ts
 * import { robustnessCurves } from "./robustness.ts";
 * console.assert(robustnessCurves([], 5).length === 0);
 * ```
 */
export function robustnessCurves(images: readonly ImageResult[], bins: number): RobustnessRow[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(
      `Cannot build robustness curves: bins must be an integer ≥ 1, got ${bins}`,
    );
  }
  const known = images.filter((image) => image.distortions !== null);
  const curves = new Set<string>();
  for (const image of known) for (const key of Object.keys(image.distortions!)) curves.add(key);
  const rows: RobustnessRow[] = [];
  for (const curve of [...curves].sort()) {
    const presence = !curve.includes(".");
    const points: { value: number; image: ImageResult }[] = [];
    for (const image of known) {
      const value = image.distortions![curve] ?? (presence ? 0 : undefined);
      if (value !== undefined && Number.isFinite(value)) points.push({ value, image });
    }
    rows.push(...curveRows(curve, points, bins));
  }
  return rows;
}

function curveRows(
  curve: string,
  points: { value: number; image: ImageResult }[],
  bins: number,
): RobustnessRow[] {
  points.sort((a, b) => a.value - b.value);
  const n = points.length;
  const distinct = new Set(points.map((p) => p.value)).size;
  const groups: { value: number; image: ImageResult }[][] = [];
  let firstRank = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && points[i]!.value !== points[i - 1]!.value) firstRank = i;
    // One bin per distinct value when few; else by the rank of the value's first point.
    const bin = distinct <= bins
      ? (i === 0 ? 0 : groups.length - 1 + (firstRank === i ? 1 : 0))
      : Math.floor(firstRank * bins / n);
    (groups[bin] ??= []).push(points[i]!);
  }
  return groups.filter((g) => g !== undefined && g.length > 0).map((group, bin) => {
    const values = group.map((p) => p.value);
    const images = group.map((p) => p.image);
    return {
      curve,
      bin,
      lo: values[0]!,
      hi: values[values.length - 1]!,
      x: values.reduce((a, b) => a + b, 0) / values.length,
      scores: summarise(images),
      bands: bootstrapBands(images, curve, bin),
    };
  });
}

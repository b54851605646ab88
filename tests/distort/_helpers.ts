/** Shared helpers of the distortion tests: a real clean page, ink detection, geometric checks. */
import { type GeneratedPage, generatePage, planPages } from "../../lib/generate/generate.ts";
import type { Corners } from "../../lib/generate/ground_truth.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import type { RasterImage } from "../../lib/raster/image.ts";
import type {
  FamilyConfig,
  Frame,
  GeometricStep,
  GeometryFamily,
  Params,
  PixelFamily,
  PixelTarget,
} from "../../lib/distort/types.ts";
import { createRng, type Rng } from "../../lib/random/rng.ts";

let cached: Promise<GeneratedPage> | undefined;

/** The first clean page of fixture record E07500 at 100 dpi, with masks (made once). */
export function cleanPage(): Promise<GeneratedPage> {
  cached ??= (async () => {
    const record = await readRecord(
      new URL("../../fixtures/records/E07500.hea", import.meta.url).pathname,
    );
    const options = { dpi: 100, masks: true, seed: 3 };
    const [plan] = planPages(record, options);
    return await generatePage(record, plan!, options);
  })();
  return cached;
}

/**
 * Whether pixel (x, y) shows ink: red below 150. Paper and grid lines
 * (red >= 228) with less than a quarter ink coverage (the generator's mask
 * threshold) stay above 170, so any pixel this dark owes at least 12 % of
 * its bilinear weight to masked ink, above warpMask's 10 % threshold.
 */
export function isDark(image: RasterImage, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
  return image.data[(y * image.width + x) * image.channels]! < 150;
}

/** Whether some ink pixel's centre lies within `radius` px of the point `(col, row)`. */
export function darkNear(image: RasterImage, row: number, col: number, radius: number): boolean {
  const r = Math.ceil(radius);
  for (let y = Math.round(row) - r; y <= Math.round(row) + r; y++) {
    for (let x = Math.round(col) - r; x <= Math.round(col) + r; x++) {
      if ((x - col) ** 2 + (y - row) ** 2 <= radius * radius && isDark(image, x, y)) return true;
    }
  }
  return false;
}

/** `[left, top, right, bottom]` of corners. */
export function boxOf(c: Corners): [number, number, number, number] {
  return [c["0"][1], c["0"][0], c["2"][1], c["2"][0]];
}

/** Whether `(x, y)` lies in the box grown by `margin`. */
export function inBox(
  [left, top, right, bottom]: readonly number[],
  x: number,
  y: number,
  margin: number,
): boolean {
  return x >= left! - margin && x <= right! + margin && y >= top! - margin &&
    y <= bottom! + margin;
}

/** Build one step per family in order, each sampled from `rng` with its config, on the previous output. */
export function buildSteps(
  rng: Rng,
  frame: Frame,
  families: readonly { family: GeometryFamily; config?: Record<string, unknown> }[],
): { steps: GeometricStep[]; params: Params[] } {
  const steps: GeometricStep[] = [], params: Params[] = [];
  let input = frame;
  for (const { family, config } of families) {
    const c = { ...family.defaults, ...config } as typeof family.defaults;
    family.validate(c);
    const p = family.sample(rng, c, input);
    const step = family.step(p, input);
    steps.push(step);
    params.push(p);
    input = { width: step.outWidth, height: step.outHeight, pxPerMm: frame.pxPerMm };
  }
  return { steps, params };
}

/** A fresh copy of the clean page and a paper-stage target on it. */
export async function paperTarget(textures: RasterImage[] = []): Promise<PixelTarget> {
  const page = await cleanPage();
  const image = { ...page.image, data: page.image.data.slice() };
  return {
    image,
    pxPerMm: page.groundTruth.px_per_mm,
    pageAlpha: null,
    textMask: page.masks![7]!.slice(),
    notes: [],
    textures,
    workspace: undefined,
  };
}

/** Sample with `seed` and apply to a fresh page; returns the page before, after, and the params. */
export async function runPaperFamily(
  family: PixelFamily,
  seed: number,
  config: Partial<FamilyConfig> = {},
  textures: RasterImage[] = [],
) {
  const target = await paperTarget(textures);
  const before = target.image.data.slice();
  const rng = createRng(seed, family.name);
  const full = { ...family.defaults, ...config } as FamilyConfig;
  family.validate(full);
  const params = family.sample(rng, full, {
    width: target.image.width,
    height: target.image.height,
    pxPerMm: target.pxPerMm,
  });
  await family.apply(params, target, rng);
  return { before, after: target.image.data, params, target };
}

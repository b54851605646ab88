/**
 * Apply the distortion families to a rendered page in their three phases
 * (paper, geometry, capture), keeping the masks, the trace-only image and
 * every ground-truth coordinate in step with the pixels.
 *
 * @module
 */
import { createRng } from "../random/rng.ts";
import type { RasterImage } from "../raster/image.ts";
import { takeZeroed, type Workspace } from "../raster/workspace.ts";
import { corners, type GroundTruth } from "../truth/ground_truth.ts";
import { composeSteps, mapGroundTruth, warpImage, warpMask } from "./geometry/mod.ts";
import { FAMILIES } from "./families.ts";
import { imageKitDistortionFields } from "./image_kit.ts";
import type { ResolvedDistortions } from "./settings.ts";
import type { Family, Frame, GeometricStep, Params, PixelTarget } from "./types.ts";

/** A page before or after distortion. */
export interface DistortablePage {
  /** RGB page image. */
  readonly image: RasterImage;
  /** The 9 segmentation planes (0/1), or null. */
  readonly masks: Uint8Array[] | null;
  /** The trace-only image, or null. */
  readonly clean: RasterImage | null;
  /** The page's ground truth. */
  readonly groundTruth: GroundTruth;
}

/** A distorted page: the same parts, plus the JPEG quality a capture step asked for. */
export interface DistortedPage extends DistortablePage {
  /** JPEG quality the `jpeg` family drew, or null. */
  readonly jpegQuality: number | null;
}

/** Where the random streams come from, and what else the families need. */
export interface DistortContext {
  /** Seed of every draw. */
  readonly seed: number;
  /** The page's identity (record, window, variant); each family's stream is `(seed, ...ids, "distort", family)`. */
  readonly ids: readonly (string | number)[];
  /** Skip the geometric families (a rectified page). */
  readonly rectify: boolean;
  /** Photo textures for the wrinkle family (may be empty). */
  readonly textures: readonly RasterImage[];
  /** Reusable buffers. */
  readonly workspace?: Workspace | undefined;
}

/**
 * Distort `page` with the resolved settings. The input image may be
 * changed in place by the paper families (it is the renderer's own
 * buffer); everything returned is consistent: masks cover the distorted
 * ink and `plotted_pixels` sit on the distorted traces.
 */
export async function distortPage(
  page: DistortablePage,
  settings: ResolvedDistortions,
  context: DistortContext,
): Promise<DistortedPage> {
  const gt = page.groundTruth;
  const applied: { name: string; kind: Family["kind"]; params: Params }[] = [];
  const frame: Frame = {
    width: page.image.width,
    height: page.image.height,
    pxPerMm: gt.px_per_mm,
  };
  /** The families of `kind` whose chance draw says they apply, each with its own stream. */
  function* drawn<K extends Family["kind"]>(kind: K) {
    for (const family of FAMILIES) {
      const config = settings[family.name];
      if (family.kind !== kind || !config) continue;
      const rng = createRng(context.seed, ...context.ids, "distort", family.name);
      if (rng.chance(config.probability)) {
        yield { family: family as Extract<Family, { kind: K }>, config, rng };
      }
    }
  }
  const applyPixelFamilies = async (kind: "paper" | "capture", target: PixelTarget) => {
    const at: Frame = {
      width: target.image.width,
      height: target.image.height,
      pxPerMm: gt.px_per_mm,
      ...(kind === "capture" ? { record: String(context.ids[0] ?? "") } : {}),
    };
    // Each family draws from its own stream, so drawing every family's parameters
    // first changes no value; it lets a lookup family fold into the pass before it.
    const list = [...drawn(kind)].map((d) => ({
      ...d,
      params: d.family.sample(d.rng, d.config, at),
    }));
    for (let k = 0; k < list.length; k++) {
      const { family, params, rng } = list[k]!;
      const next = list[k + 1];
      if (family.applyThenLookup && next?.family.lookupTables) {
        await family.applyThenLookup(params, target, rng, next.family.lookupTables(next.params));
        applied.push({ name: family.name, kind: family.kind, params });
        applied.push({ name: next.family.name, kind: next.family.kind, params: next.params });
        k++;
        continue;
      }
      await family.apply(params, target, rng);
      applied.push({ name: family.name, kind: family.kind, params });
    }
  };
  const notes: PixelTarget["notes"] = [];
  const paperTarget: PixelTarget = {
    image: page.image,
    pxPerMm: gt.px_per_mm,
    pageAlpha: null,
    textMask: page.masks?.[7] ?? null,
    notes,
    textures: context.textures,
    workspace: context.workspace,
  };
  await applyPixelFamilies("paper", paperTarget);
  let image = page.image, masks = page.masks, clean = page.clean;
  let truth: GroundTruth = {
    ...gt,
    handwriting: notes.map((n) => ({
      text: n.text,
      text_bounding_box: corners(n.box),
      text_bounding_box_envelope: corners(n.box),
    })),
  };
  let pageAlpha: Float32Array | null = null;
  const steps: GeometricStep[] = [];
  if (!context.rectify) {
    let input: Frame = frame;
    for (const { family, config, rng } of drawn("geometry")) {
      const params = family.sample(rng, config, input);
      const step = family.step(params, input);
      steps.push(step);
      applied.push({ name: family.name, kind: family.kind, params });
      input = { width: step.outWidth, height: step.outHeight, pxPerMm: input.pxPerMm };
    }
  }
  if (steps.length > 0) {
    const mapping = composeSteps(steps);
    const warped = warpImage(image, mapping, context.workspace);
    image = warped.image;
    pageAlpha = warped.alpha;
    // With a workspace the warped planes reuse its memory page after page (9 masks,
    // the trace-only image: ~80 MB of fresh buffers a page otherwise).
    const size = mapping.outWidth * mapping.outHeight, ws = context.workspace;
    masks = masks
      ? masks.map((m, c) => warpMask(m, mapping, undefined, takeZeroed(ws, `warp_mask${c}`, size)))
      : null;
    clean = clean
      ? whiteOutside(warpImage(clean, mapping, ws, "warp_clean").image, warped.alpha)
      : null;
    truth = mapGroundTruth(truth, mapping, steps);
  }
  const captureTarget: PixelTarget = {
    image,
    pxPerMm: gt.px_per_mm,
    pageAlpha,
    textMask: null,
    notes: [],
    textures: context.textures,
    workspace: context.workspace,
  };
  await applyPixelFamilies("capture", captureTarget);
  const jpeg = applied.find((a) => a.name === "jpeg")?.params.quality;
  const jpegQuality = typeof jpeg === "number" ? jpeg : null;
  const kit = imageKitDistortionFields(applied, settings);
  truth = {
    ...truth,
    ...kit,
    bw: truth.bw || kit.bw === true,
    augmentations: applied.map((a) => ({ name: a.name, params: a.params })),
  };
  return { image, masks, clean, groundTruth: truth, jpegQuality };
}

/** The trace-only image is white wherever the page is not. */
function whiteOutside(image: RasterImage, alpha: Float32Array): RasterImage {
  const d = image.data;
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]!;
    if (a >= 1) continue;
    for (let c = 0; c < 3; c++) {
      const k = i * 3 + c;
      d[k] = Math.round(d[k]! * a + 255 * (1 - a));
    }
  }
  return image;
}

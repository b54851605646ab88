/**
 * The geometric distortions: one family per kind of step (waves, elastic,
 * rotation, pad, perspective, lens, crop), the engine that composes steps
 * into one page-to-image mapping and resamples images and masks through
 * it, and the mapping of ground truth.
 *
 * @module
 */
export * from "./rotation.ts";
export * from "./perspective.ts";
export * from "./lens.ts";
export * from "./waves.ts";
export * from "./elastic.ts";
export * from "./crop.ts";
export * from "./pad.ts";
export * from "./mapping.ts";
export * from "./warp.ts";
export * from "./ground_truth.ts";

/**
 * Distortions: paper effects, geometric steps and capture effects that
 * turn a clean render into a scan or a photo, with ground truth that
 * follows every pixel. {@linkcode distortPage} runs the families a
 * preset or config turns on; each family is also usable on its own.
 *
 * @module
 */
export * from "./types.ts";
export * from "./settings.ts";
export * from "./families.ts";
export * from "./distort.ts";
export * from "./image_kit.ts";
export * from "./paper/mod.ts";
export * from "./geometry/mod.ts";
export * from "./capture/mod.ts";

/**
 * Raster images and anti-aliased drawing on flat typed arrays.
 *
 * @module
 */
export * from "./image.ts";
export * from "./draw.ts";
export * from "./workspace.ts";

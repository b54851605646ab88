/**
 * Rectification, stages 0 and 1 of the digitizer: orientation, deskew,
 * grid, page mesh and the rectified page at a known scale.
 *
 * @module
 */
export * from "./types.ts";
export * from "./options.ts";
export * from "./rectify.ts";
export * from "./figures.ts";
export type { RasterImage } from "../raster/image.ts";

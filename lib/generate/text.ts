/**
 * Text glyphs: kept here for older importers; the module lives in
 * `lib/raster/text.ts` (the generator and the distortions both use it).
 *
 * @module
 */
export * from "../raster/text.ts";

/**
 * ECG image toolkit: turn 12-lead ECG records into realistic synthetic
 * paper-ECG images (clean, scanned, photographed, damaged) with exact
 * ground truth, digitize ECG images back into 12 leads in millivolts, and
 * measure digitizers.
 *
 * The stages are pure async functions on in-memory data; file reading and
 * writing lives in the `lib/io` helpers re-exported here and in `tasks/`.
 *
 * @example
 * ```ts
 * import { generate, readRecord } from "./mod.ts";
 * const record = await readRecord("fixtures/records/E07500.hea");
 * const [page] = await generate(record, { seed: 1, dpi: 100 });
 * console.assert(page!.groundTruth.leads.length === 13);
 * ```
 *
 * @module
 */
export * from "./lib/generate/mod.ts";
export * from "./lib/generate/config.ts";
export * from "./lib/distort/mod.ts";
export * from "./lib/records/mod.ts";
export * from "./lib/raster/mod.ts";
export * from "./lib/random/rng.ts";
export * from "./lib/io/mod.ts";
export * from "./lib/evaluate/mod.ts";
export * from "./lib/rectify/mod.ts";
export * from "./lib/digitize/mod.ts";
export * from "./lib/segment/mod.ts";
export * from "./lib/style/mod.ts";
export * from "./lib/figures/mod.ts";
export { VERSION } from "./lib/version.ts";

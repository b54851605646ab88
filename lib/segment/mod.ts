/**
 * The learned trace segmenter (ONNX Runtime).
 *
 * @module
 */
export * from "./segment.ts";
export { axisTiles, type Tile } from "./tiles.ts";
export * from "./metrics.ts";

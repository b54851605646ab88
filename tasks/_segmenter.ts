/**
 * The trace segmenter for the digitize CLI and its workers, imported on
 * demand so that the classic path never loads onnxruntime.
 *
 * @module
 */
import type { Segmenter } from "../lib/segment/segment.ts";

/** `loadSegmenter` of `lib/io/segmenter.ts`: the shipped model, or `model`. */
export async function loadShipped(model: string | undefined): Promise<Segmenter> {
  const { loadSegmenter } = await import("../lib/io/segmenter.ts");
  return model === undefined ? loadSegmenter() : loadSegmenter(model);
}

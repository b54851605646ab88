/**
 * The trace segmenter and the learned trace reader for the digitize CLI and
 * its workers, imported on demand so that the classic ink and the dp reader
 * never load onnxruntime.
 *
 * @module
 */
import type { Segmenter } from "../lib/segment/segment.ts";
import type { TraceReader } from "../lib/digitize/reader/types.ts";

/** `loadSegmenter` of `lib/io/segmenter.ts`: the shipped model, or `model`. */
export async function loadShipped(model: string | undefined): Promise<Segmenter> {
  const { loadSegmenter } = await import("../lib/io/segmenter.ts");
  return model === undefined ? loadSegmenter() : loadSegmenter(model);
}

/** `loadTraceReader` of `lib/io/trace_reader.ts`: the shipped model, or `model`. */
export async function loadShippedReader(
  model: string | undefined,
): Promise<TraceReader & { release(): Promise<void> }> {
  const { loadTraceReader } = await import("../lib/io/trace_reader.ts");
  return model === undefined ? loadTraceReader() : loadTraceReader(model);
}

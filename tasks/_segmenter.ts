/**
 * The trace segmenter and the learned trace reader for the digitize CLI and
 * its workers, imported on demand so that the classic ink and the dp reader
 * never load onnxruntime.
 *
 * @module
 */
import type { Segmenter } from "../lib/segment/segment.ts";
import type { TraceReader } from "../lib/digitize/reader/types.ts";
import { escapeTerminal } from "./_cli.ts";
import { describe } from "../lib/io/read_record.ts";

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

/**
 * Load a model and release it. On failure: an error (`"failed"`) when the
 * user asked for it by name, else a warning saying what is used instead
 * (`"fallback"`).
 */
export async function probeModel(
  load: () => Promise<{ release(): Promise<void> }>,
  named: boolean,
  instead: string,
): Promise<"ok" | "failed" | "fallback"> {
  try {
    await (await load()).release();
    return "ok";
  } catch (error) {
    if (named) {
      console.error(`error: ${escapeTerminal(describe(error))}`);
      return "failed";
    }
    console.error(`warning: ${escapeTerminal(describe(error))}; ${instead}`);
    return "fallback";
  }
}

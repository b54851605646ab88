/**
 * Load the learned trace reader shipped in the repository (`models/`), or
 * another ONNX model file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { loadModel } from "./model_bytes.ts";
import type { TraceReader } from "../digitize/reader/types.ts";
import { createTraceReader, type TraceReaderOptions } from "../digitize/reader/learned.ts";

const MODEL = new URL("../../models/trace_reader.onnx", import.meta.url);

/**
 * Path of the shipped model, `models/trace_reader.onnx` (its URL when the
 * package is imported over the network).
 */
export const DEFAULT_TRACE_READER_PATH: string = MODEL.protocol === "file:"
  ? fileURLToPath(MODEL)
  : MODEL.href;

/**
 * Read an ONNX trace-reader model (by default the shipped one; a path, or an
 * http(s) URL) and load it. A missing or unreadable file throws an `Error`
 * naming the file.
 */
export async function loadTraceReader(
  path: string = DEFAULT_TRACE_READER_PATH,
  options: TraceReaderOptions = {},
): Promise<TraceReader & { release(): Promise<void> }> {
  return await loadModel(path, "trace reader", (bytes) => createTraceReader(bytes, options));
}

/**
 * Load the trace segmenter shipped in the repository (`models/`), or
 * another ONNX model file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { loadModel } from "./model_bytes.ts";
import { createSegmenter, type Segmenter, type SegmenterOptions } from "../segment/segment.ts";

const MODEL = new URL("../../models/trace_segmenter.onnx", import.meta.url);

/**
 * Path of the shipped model, `models/trace_segmenter.onnx` (its URL when
 * the package is imported over the network).
 */
export const DEFAULT_SEGMENTER_PATH: string = MODEL.protocol === "file:"
  ? fileURLToPath(MODEL)
  : MODEL.href;

/**
 * Read an ONNX segmenter model (by default the shipped one; a path, or an
 * http(s) URL) and load it. A missing or unreadable file throws an `Error`
 * naming the file.
 */
export async function loadSegmenter(
  path: string = DEFAULT_SEGMENTER_PATH,
  options: SegmenterOptions = {},
): Promise<Segmenter> {
  return await loadModel(path, "segmenter", (bytes) => createSegmenter(bytes, options));
}

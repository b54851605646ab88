/**
 * Load the trace segmenter shipped in the repository (`models/`), or
 * another ONNX model file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
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
  let bytes: Uint8Array;
  try {
    if (/^https?:\/\//.test(path)) {
      const response = await fetch(path);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } else {
      bytes = await Deno.readFile(path);
    }
  } catch (error) {
    throw new Error(
      `Cannot load segmenter "${path}": ${error instanceof Error ? error.message : error}`,
    );
  }
  try {
    return await createSegmenter(bytes, options);
  } catch (error) {
    throw new Error(
      `Cannot load segmenter "${path}": ${error instanceof Error ? error.message : error}`,
    );
  }
}

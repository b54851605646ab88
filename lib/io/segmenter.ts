/**
 * Load the trace segmenter shipped in the repository (`models/`), or
 * another ONNX model file.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { createSegmenter, type Segmenter, type SegmenterOptions } from "../segment/segment.ts";

/** Path of the shipped model, `models/trace_segmenter.onnx`. */
export const DEFAULT_SEGMENTER_PATH: string = fileURLToPath(
  new URL("../../models/trace_segmenter.onnx", import.meta.url),
);

/**
 * Read an ONNX segmenter model (by default the shipped one) and load it.
 * A missing or unreadable file throws an `Error` naming the file.
 */
export async function loadSegmenter(
  path: string = DEFAULT_SEGMENTER_PATH,
  options: SegmenterOptions = {},
): Promise<Segmenter> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
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

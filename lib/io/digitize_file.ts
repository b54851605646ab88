/**
 * Digitize an image file in one call, with the command line's defaults:
 * the learned segmenter's gated ink (the shipped model) and the dp reader.
 *
 * @module
 */
import { digitize, type DigitizeImageOptions } from "../digitize/digitize.ts";
import type { DigitizeResult } from "../digitize/types.ts";
import type { RasterImage } from "../raster/image.ts";
import type { Segmenter } from "../segment/segment.ts";
import { decodeImage } from "./image.ts";
import { describe } from "./read_record.ts";

/** Where the trace ink comes from, as `deno task digitize --segmenter` names it. */
export type InkKind = "classic" | "onnx" | "onnx-probability";

/**
 * The trace ink `deno task digitize` and {@linkcode digitizeFile} use unless
 * told otherwise: the shipped segmenter gating the classic ink
 * (BENCHMARKS.md, "Trace ink"). `digitize()` on an image in memory does no
 * file I/O, so it uses the classic ink unless given a `segmenter`; pass it
 * {@linkcode inkOptions}`(DEFAULT_INK)` to read as the command line does.
 */
export const DEFAULT_INK: InkKind = "onnx";

/** Options of {@linkcode digitizeFile}: those of `digitize()`, plus where the ink comes from. */
export interface DigitizeFileOptions extends DigitizeImageOptions {
  /**
   * The trace ink when no `segmenter` is given: `"onnx"` (the segmenter
   * gating the classic ink), `"onnx-probability"` (its probability as is)
   * or `"classic"`. Left out (and no `segmenterModel`), a segmenter that cannot be loaded falls back
   * to the classic ink with a warning in the result, as the command line
   * does; named, it throws. @default DEFAULT_INK
   */
  ink?: InkKind;
  /** The ONNX segmenter model for `ink: "onnx*"`. @default the shipped one */
  segmenterModel?: string;
}

const loaded = new Map<string, Promise<Segmenter>>();

/**
 * The `digitize()` options that give the trace ink `kind`: `{}` for the
 * classic ink, else the segmenter (loaded once per model and process,
 * then kept) and how its probability is used.
 *
 * @example
 * ```ts ignore
 * import { decodeImage, digitize, inkOptions, DEFAULT_INK } from "./mod.ts";
 * const image = await decodeImage(await Deno.readFile("page.png"));
 * const result = await digitize(image, await inkOptions(DEFAULT_INK)); // as the CLI reads it
 * ```
 */
export async function inkOptions(
  kind: InkKind,
  model?: string,
): Promise<Pick<DigitizeImageOptions, "segmenter" | "segmenterInk">> {
  if (kind === "classic") return {};
  const key = model ?? "";
  let segmenter = loaded.get(key);
  if (segmenter === undefined) {
    // Imported on demand: the classic ink never loads onnxruntime.
    segmenter = import("./segmenter.ts").then((m) =>
      model === undefined ? m.loadSegmenter() : m.loadSegmenter(model)
    );
    loaded.set(key, segmenter);
    segmenter.catch(() => loaded.delete(key));
  }
  return { segmenter: await segmenter, segmenterInk: kind === "onnx" ? "gated" : "probability" };
}

/**
 * Read and decode an image file; throws an `Error` "Cannot read image …"
 * or "Cannot decode image …" naming the file.
 */
export async function readImageFile(path: string): Promise<RasterImage> {
  const bytes = await Deno.readFile(path).catch((error) => {
    throw new Error(`Cannot read image "${path}": ${describe(error)}`);
  });
  return await decodeImage(bytes).catch((error) => {
    throw new Error(`Cannot decode image "${path}": ${describe(error)}`);
  });
}

/**
 * Digitize the ECG image in the file `path` (PNG, JPEG, BMP, TIFF, WebP)
 * as `deno task digitize` does with the same options: the same defaults
 * (the learned segmenter's gated ink, the dp reader), the same signals.
 * An unreadable file throws an `Error` naming it; an image that shows no
 * ECG gives `ok: false` with the reason.
 *
 * @example
 * ```ts ignore
 * import { digitizeFile } from "./mod.ts";
 * const result = await digitizeFile("scan.png", { sampleRateHz: 500 });
 * if (result.ok) console.log(result.layout, result.record.signals[1]![0]);
 * ```
 */
export async function digitizeFile(
  path: string,
  options: DigitizeFileOptions = {},
): Promise<DigitizeResult> {
  const { ink, segmenterModel, ...rest } = options;
  const image = await readImageFile(path);
  if (rest.segmenter !== undefined) return await digitize(image, rest);
  const kind = ink ?? DEFAULT_INK;
  let inkUsed: Awaited<ReturnType<typeof inkOptions>>;
  let warning: string | null = null;
  try {
    inkUsed = await inkOptions(kind, segmenterModel);
  } catch (error) {
    if (ink !== undefined || segmenterModel !== undefined) throw error;
    inkUsed = {};
    warning = `${describe(error)}; using the classic trace ink`;
  }
  const result = await digitize(image, { ...rest, ...inkUsed });
  return warning === null ? result : { ...result, warnings: [warning, ...result.warnings] };
}

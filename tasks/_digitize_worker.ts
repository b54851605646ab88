/**
 * Digitization worker: takes image files, writes `<stem>.csv` and
 * `<stem>.json` (and the stage figures), reports each image's outcome.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { join } from "node:path";
import { digitize } from "../lib/digitize/digitize.ts";
import { pixelOverlayFigure, seriesFigure } from "../lib/digitize/figures.ts";
import type { DigitizeOptions } from "../lib/digitize/options.ts";
import { digitizeReport } from "../lib/digitize/report.ts";
import type { DigitizeResult } from "../lib/digitize/types.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { decodeImage, encodeImage } from "../lib/io/image.ts";
import type { Segmenter } from "../lib/segment/segment.ts";
import { loadShipped, loadShippedReader } from "./_segmenter.ts";
import type { TraceReader } from "../lib/digitize/reader/types.ts";
import { describe } from "../lib/io/read_record.ts";
import type { RasterImage } from "../lib/raster/image.ts";
import * as rectifyModule from "../lib/rectify/mod.ts";
import { formatSignalCsv } from "../lib/records/signal_table.ts";

/** A job sent to the worker. */
export interface DigitizeJob {
  file: string;
  stem: string;
  out: string;
  figures?: string;
  options: DigitizeOptions;
  /**
   * Trace ink: the classic colour model, or the ONNX segmenter (`model`,
   * default the shipped one) gating the classic ink or as is.
   */
  ink: { kind: "classic" } | { kind: "onnx" | "onnx-probability"; model?: string };
  /** Trace reader: the dynamic-programming path, or the learned band reader (`model`, default the shipped one). */
  reader: { kind: "dp" } | { kind: "learned"; model?: string };
}

/** What the worker reports back. */
export type DigitizeReport =
  | { kind: "done"; file: string; stem: string; seconds: number; layout: string }
  | { kind: "failed"; file: string; stem: string; message: string };

/** Stage 0–1 figures, when lib/rectify provides them. */
type FigureMaker = (result: unknown, input: RasterImage) => Record<string, RasterImage>;
const rectifyFigures = (rectifyModule as Record<string, unknown>)["rectifyFigures"] as
  | FigureMaker
  | undefined;

/** `load(model)` once per worker and model path: the last model asked for is kept. */
function onePerModel<T>(load: (model: string | undefined) => Promise<T>) {
  let kept: { model: string | undefined; loaded: Promise<T> } | null = null;
  return (model: string | undefined): Promise<T> => {
    if (kept === null || kept.model !== model) kept = { model, loaded: load(model) };
    return kept.loaded;
  };
}

/** The segmenter and the learned reader, loaded on the first job that needs them. */
const segmenterFor = onePerModel<Segmenter>(loadShipped);
const readerFor = onePerModel<TraceReader>(loadShippedReader);

self.onmessage = async (event: MessageEvent<DigitizeJob>) => {
  const job = event.data;
  const started = performance.now();
  let image: RasterImage | null = null;
  let result: DigitizeResult | null = null;
  const context = () => ({
    file: job.file,
    stem: job.stem,
    ...(image ? { width: image.width, height: image.height } : {}),
    seconds: (performance.now() - started) / 1000,
    options: job.options as Record<string, unknown>,
    inkSource: { classic: "classic", onnx: "onnx-gated", "onnx-probability": "onnx-probability" }[
      job.ink.kind
    ],
    reader: job.reader.kind,
  });
  try {
    const bytes = await Deno.readFile(job.file).catch((error) => {
      throw new Error(`Cannot read image "${job.file}": ${describe(error)}`);
    });
    image = await decodeImage(bytes).catch((error) => {
      throw new Error(`Cannot decode image "${job.file}": ${describe(error)}`);
    });
    const ink = job.ink.kind === "classic" ? {} : {
      segmenter: await segmenterFor(job.ink.model),
      segmenterInk: job.ink.kind === "onnx" ? "gated" as const : "probability" as const,
    };
    const read = job.reader.kind === "learned" ? { reader: await readerFor(job.reader.model) } : {};
    result = await digitize(image, { ...job.options, ...ink, ...read });
    if (job.figures !== undefined) await writeFigures(job, image, result);
    if (!result.ok) {
      await writeJson(job, digitizeReport(result, context()));
      self.postMessage({ kind: "failed", file: job.file, stem: job.stem, message: result.reason });
      return;
    }
    await writeFileAtomic(join(job.out, `${job.stem}.csv`), formatSignalCsv(result.record));
    await writeJson(job, digitizeReport(result, context()));
    self.postMessage({
      kind: "done",
      file: job.file,
      stem: job.stem,
      seconds: (performance.now() - started) / 1000,
      layout: result.layout,
    });
  } catch (error) {
    const message = describe(error);
    await writeJson(job, digitizeReport(result, context(), message)).catch(() => {});
    self.postMessage({ kind: "failed", file: job.file, stem: job.stem, message });
  }
};

async function writeJson(job: DigitizeJob, report: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(join(job.out, `${job.stem}.json`), JSON.stringify(report, null, 1) + "\n");
}

async function writeFigures(
  job: DigitizeJob,
  input: RasterImage,
  result: DigitizeResult,
): Promise<void> {
  const dir = join(job.figures!, job.stem);
  await Deno.mkdir(dir, { recursive: true });
  const figures: Record<string, RasterImage> = {};
  if (result.rectified && rectifyFigures) {
    Object.assign(figures, rectifyFigures(result.rectified, input));
  }
  if (result.ok) {
    figures["fig_stage2_pixel_overlay"] = pixelOverlayFigure(input, result);
    figures["fig_stage2_series"] = seriesFigure(result.record);
  }
  for (const [name, figure] of Object.entries(figures)) {
    const png = await encodeImage(figure, { kind: "png", compressionLevel: 3 });
    await writeFileAtomic(join(dir, `${name}.png`), png);
  }
}

/**
 * Digitization worker: takes image files, writes `<stem>.csv` and
 * `<stem>.json` (and the stage figures), reports each image's outcome.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { basename, join } from "node:path";
import { digitize } from "../lib/digitize/digitize.ts";
import { pixelOverlayFigure, seriesFigure } from "../lib/digitize/figures.ts";
import type { DigitizeOptions } from "../lib/digitize/options.ts";
import { digitizeReport } from "../lib/digitize/report.ts";
import type { DigitizeResult } from "../lib/digitize/types.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { encodeImage } from "../lib/io/image.ts";
import { inkOptions, readImageFile } from "../lib/io/digitize_file.ts";
import { formatDigitizedWfdb } from "../lib/io/wfdb_write.ts";
import { reviewFigure } from "../lib/figures/review.ts";
import { loadShippedReader } from "./_segmenter.ts";
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
  /** Page of a multi-page input (PDF), 1-based. */
  page?: number;
  /** Resolution PDF pages are rendered at, dpi. */
  pdfDpi?: number;
  /** Also write `<stem>.hea` + `<stem>.dat` (WFDB, format 16). */
  wfdb?: boolean;
  /** Also write `<stem>.review.png` (the review sheet). */
  review?: boolean;
  /** What the run asked for, recorded in the JSON (`run_options`) for resume. */
  runOptions: Record<string, unknown>;
  /** Tag of the temporary files (`writeFileAtomic`), so a rerun can remove a killed run's. */
  tempTag: string;
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

/**
 * The learned reader, loaded on the first job that needs it. (The segmenter
 * comes from `inkOptions()`, which `digitizeFile()` in the library shares.)
 */
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
    image = job.page === undefined
      ? await readImageFile(job.file)
      : await (await import("../lib/io/pdf.ts")).renderPdfPage(job.file, job.page, {
        ...(job.pdfDpi !== undefined ? { dpi: job.pdfDpi } : {}),
      });
    // The same ink as digitizeFile() in the library: one code path for both.
    const ink = await inkOptions(job.ink.kind, "model" in job.ink ? job.ink.model : undefined);
    const read = job.reader.kind === "learned" ? { reader: await readerFor(job.reader.model) } : {};
    result = await digitize(image, { ...job.options, ...ink, ...read });
    if (job.figures !== undefined) await writeFigures(job, image, result);
    if (!result.ok) {
      await writeJson(job, digitizeReport(result, context()));
      self.postMessage({ kind: "failed", file: job.file, stem: job.stem, message: result.reason });
      return;
    }
    const tag = { tag: job.tempTag };
    await writeFileAtomic(join(job.out, `${job.stem}.csv`), formatSignalCsv(result.record), tag);
    if (job.wfdb) {
      const wfdb = formatDigitizedWfdb(result.record, job.stem, basename(job.file), job.page);
      await writeFileAtomic(join(job.out, `${job.stem}.dat`), wfdb.dat, tag);
      await writeFileAtomic(join(job.out, `${job.stem}.hea`), wfdb.header, tag);
    }
    if (job.review) {
      const title = basename(job.file) + (job.page !== undefined ? ` page ${job.page}` : "");
      const sheet = reviewFigure(image, result, { title });
      const png = await encodeImage(sheet, { kind: "png", compressionLevel: 3 });
      await writeFileAtomic(join(job.out, `${job.stem}.review.png`), png, tag);
    }
    // The JSON last: its presence (with ok) means every output of the image is there.
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
  const json = {
    ...report,
    ...(job.page !== undefined ? { page: job.page } : {}),
    run_options: job.runOptions,
  };
  await writeFileAtomic(
    join(job.out, `${job.stem}.json`),
    JSON.stringify(json, null, 1) + "\n",
    { tag: job.tempTag },
  );
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
    await writeFileAtomic(join(dir, `${name}.png`), png, { tag: job.tempTag });
  }
}

/**
 * PDF input: the pages of a PDF file (a scanned or exported ECG) as images,
 * rendered by pdf.js (`pdfjs-dist`) on the `@napi-rs/canvas` the toolkit
 * already uses for text. Loaded on demand: nothing else needs pdf.js.
 *
 * @module
 */
import { createCanvas } from "npm:@napi-rs/canvas@1.0.11";
import type { RasterImage } from "../raster/image.ts";
import { describe } from "./read_record.ts";

/** The resolution PDF pages are rendered at unless told, dots per inch. */
export const DEFAULT_PDF_DPI = 200;

/** Options of {@linkcode renderPdfPage}. */
export interface RenderPdfOptions {
  /** Resolution to render at, dots per inch (a page of 11 in at 200 dpi is 2200 px). @default DEFAULT_PDF_DPI */
  dpi?: number;
}

// deno-lint-ignore no-explicit-any
type PdfDocument = any;

async function open(path: string): Promise<PdfDocument> {
  let data: Uint8Array;
  try {
    data = await Deno.readFile(path);
  } catch (error) {
    throw new Error(`Cannot read PDF "${path}": ${describe(error)}`);
  }
  const pdfjs = await import("npm:pdfjs-dist@6.4.299/legacy/build/pdf.mjs");
  // pdf.js runs its worker code in this thread ("fake worker"); handing it the
  // module here, by a literal specifier, spares it a file URL lookup and puts
  // the module in a compiled binary's graph.
  const global = globalThis as { pdfjsWorker?: unknown };
  global.pdfjsWorker ??= await import("npm:pdfjs-dist@6.4.299/legacy/build/pdf.worker.mjs");
  try {
    const task = pdfjs.getDocument({
      data,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    });
    const doc = await task.promise;
    return Object.assign(doc, { close: () => task.destroy() });
  } catch (error) {
    throw new Error(`Cannot read PDF "${path}": ${describe(error)}`);
  }
}

/** The number of pages of the PDF file `path`; throws an `Error` naming the file when it is not a PDF. */
export async function pdfPageCount(path: string): Promise<number> {
  const doc = await open(path);
  try {
    return doc.numPages as number;
  } finally {
    await doc.close();
  }
}

/**
 * Page `page` (1-based) of the PDF file `path` as an RGB image at `dpi`
 * (on white: transparent parts of the page are paper).
 *
 * @example
 * ```ts ignore
 * import { renderPdfPage } from "./pdf.ts";
 * const image = await renderPdfPage("ecgs.pdf", 2, { dpi: 200 });
 * ```
 */
export async function renderPdfPage(
  path: string,
  page: number,
  options: RenderPdfOptions = {},
): Promise<RasterImage> {
  const { dpi = DEFAULT_PDF_DPI } = options;
  if (!(dpi >= 10 && dpi <= 1200)) {
    throw new RangeError(`Invalid option dpi = ${dpi}: must be between 10 and 1200`);
  }
  const doc = await open(path);
  try {
    if (!(Number.isInteger(page) && page >= 1 && page <= doc.numPages)) {
      throw new RangeError(`Cannot render page ${page} of PDF "${path}": it has ${doc.numPages}`);
    }
    const p = await doc.getPage(page);
    const viewport = p.getViewport({ scale: dpi / 72 });
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    if (width * height > 20000 * 20000) {
      throw new RangeError(`Cannot render page ${page} of PDF "${path}": ${width}×${height} px`);
    }
    const canvas = createCanvas(width, height);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    try {
      await p.render({ canvasContext: context, canvas, viewport }).promise;
    } catch (error) {
      throw new Error(`Cannot render page ${page} of PDF "${path}": ${describe(error)}`);
    }
    const rgba = context.getImageData(0, 0, width, height).data;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
      data[i] = rgba[j]!;
      data[i + 1] = rgba[j + 1]!;
      data[i + 2] = rgba[j + 2]!;
    }
    return { width, height, channels: 3, data };
  } finally {
    await doc.close();
  }
}

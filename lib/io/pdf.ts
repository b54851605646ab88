/**
 * PDF input: the page count of a PDF file and each page as an image.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";

/** The number of pages of the PDF file `path`. */
export function pdfPageCount(path: string): Promise<number> {
  return Promise.reject(new Error(`Cannot read PDF "${path}": no PDF renderer`));
}

/** Page `page` (1-based) of the PDF file `path` as an RGB image. */
export function renderPdfPage(path: string, page: number): Promise<RasterImage> {
  return Promise.reject(new Error(`Cannot render page ${page} of PDF "${path}": no PDF renderer`));
}

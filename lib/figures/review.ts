/**
 * A review sheet for one digitized page: the page with the traces read and
 * the lead names drawn over it, the 12 signals beneath, and every lead's
 * confidence, so a person can check a scan at a glance.
 *
 * @module
 */
import { meshToInput, pixelOverlayFigure, seriesFigure } from "../digitize/figures.ts";
import type { Digitized } from "../digitize/types.ts";
import { renderText, stampText } from "../raster/text.ts";
import {
  createCoverage,
  createRgbImage,
  paintCoverage,
  type RasterImage,
  type Rgb,
} from "../raster/image.ts";
import { thumbnail } from "./thumbnail.ts";

/** Options of {@linkcode reviewFigure}. */
export interface ReviewFigureOptions {
  /** Width of the sheet, px. @default 1600 */
  widthPx?: number;
  /** A title for the top line (e.g. the file name). @default "" */
  title?: string;
}

/** Colour of a confidence: green from 0.8, amber from 0.5, red below. */
export function confidenceColour(confidence: number): Rgb {
  return confidence >= 0.8 ? [0, 140, 40] : confidence >= 0.5 ? [210, 120, 0] : [210, 0, 0];
}

/** Height of one lead strip and the top margin of `seriesFigure`. */
const STRIP_PX = 110, SERIES_TOP_PX = 10;
const TITLE_PX = 34;

/**
 * The review sheet of a digitized page: a title line (layout, page
 * confidence, the least sure lead), the input image with every traced row
 * drawn over it and each panel's lead name and confidence at its start
 * (coloured by {@linkcode confidenceColour}), then the 12 leads as read,
 * each with its confidence. RGB, `widthPx` wide.
 *
 * @example
 * ```ts ignore
 * import { digitizeFile, encodeImage, reviewFigure } from "../../mod.ts";
 * const result = await digitizeFile("scan.png");
 * if (result.ok) {
 *   const sheet = reviewFigure(image, result, { title: "scan.png" });
 *   await Deno.writeFile("scan.review.png", await encodeImage(sheet, { kind: "png" }));
 * }
 * ```
 */
export function reviewFigure(
  input: RasterImage,
  result: Digitized,
  options: ReviewFigureOptions = {},
): RasterImage {
  const { widthPx = 1600, title = "" } = options;
  if (!(widthPx >= 200)) {
    throw new RangeError(`Cannot draw a review sheet: widthPx must be ≥ 200, got ${widthPx}`);
  }
  const scale = widthPx / input.width;
  const page = thumbnail(pixelOverlayFigure(input, result), widthPx);
  // Scale up small inputs so the sheet keeps one width.
  const top = page.width === widthPx ? page : resize(page, widthPx);
  for (const panel of result.panels) {
    const row = result.rows[panel.rowIndex];
    if (!row) continue;
    const [x, y] = meshToInput(
      result.mesh,
      panel.x0,
      row.centreY - (row.band[1] - row.band[0]) / 4,
    );
    const text = `${panel.lead} ${panel.confidence.toFixed(2)}`;
    label(top, text, x * scale + 4, y * scale, 16, confidenceColour(panel.confidence));
  }
  const series = seriesFigure(result.record, widthPx);
  result.record.leadNames.forEach((lead, k) => {
    const c = result.leadConfidence[lead];
    if (c === undefined) return;
    const mid = SERIES_TOP_PX + STRIP_PX * k + STRIP_PX / 2;
    label(series, c.toFixed(2), 8, mid + 28, 14, confidenceColour(c));
  });
  const sheet = createRgbImage(widthPx, TITLE_PX + top.height + series.height, [255, 255, 255]);
  let least = "", leastC = Infinity;
  for (const [lead, c] of Object.entries(result.leadConfidence)) {
    if (c < leastC) [least, leastC] = [lead, c];
  }
  const heading =
    `${title ? title + "  ·  " : ""}layout ${result.layout}  ·  confidence ${
      result.confidence.toFixed(2)
    }` + (least ? `  ·  least sure ${least} ${leastC.toFixed(2)}` : "");
  label(sheet, heading, 8, 24, 18, confidenceColour(result.confidence));
  sheet.data.set(top.data, TITLE_PX * widthPx * 3);
  sheet.data.set(series.data, (TITLE_PX + top.height) * widthPx * 3);
  return sheet;
}

/** Text on a white box at `(x, y)` (baseline), in `colour`. */
function label(image: RasterImage, text: string, x: number, y: number, size: number, colour: Rgb) {
  const bitmap = renderText(text, size);
  const box = createCoverage(image.width, image.height);
  const left = Math.round(x) - 2, top = Math.round(y) - bitmap.originY - 1;
  for (let j = Math.max(0, top); j < Math.min(image.height, top + bitmap.height + 2); j++) {
    for (let i = Math.max(0, left); i < Math.min(image.width, left + bitmap.width + 4); i++) {
      box.data[j * image.width + i] = 255;
    }
  }
  paintCoverage(image, box, [255, 255, 255]);
  const ink = createCoverage(image.width, image.height);
  stampText(ink, bitmap, x, y);
  paintCoverage(image, ink, colour);
}

/** Nearest-neighbour resize of an RGB image to `widthPx` wide. */
function resize(image: RasterImage, widthPx: number): RasterImage {
  const h = Math.max(1, Math.round(image.height * widthPx / image.width));
  const out = createRgbImage(widthPx, h, [255, 255, 255]);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.floor(y * image.height / h));
    for (let x = 0; x < widthPx; x++) {
      const sx = Math.min(image.width - 1, Math.floor(x * image.width / widthPx));
      const s = (sy * image.width + sx) * 3, t = (y * widthPx + x) * 3;
      out.data[t] = image.data[s]!;
      out.data[t + 1] = image.data[s + 1]!;
      out.data[t + 2] = image.data[s + 2]!;
    }
  }
  return out;
}

/**
 * A contact sheet: images shrunk to one cell width, each under a caption,
 * tiled in rows. Used for the preset and real-image sheets under `docs/`.
 *
 * @module
 */
import {
  createCoverage,
  createRgbImage,
  paintCoverage,
  type RasterImage,
} from "../raster/image.ts";
import { renderText, stampText } from "../raster/text.ts";
import { thumbnail } from "./thumbnail.ts";

/** One cell of a sheet. */
export interface SheetCell {
  /** RGB or grayscale image. */
  readonly image: RasterImage;
  /** Caption printed above it. */
  readonly label: string;
}

/** Options of {@linkcode contactSheet}. */
export interface ContactSheetOptions {
  /** Cells per row. @default 3 */
  columns?: number;
  /** Width of each cell's image, px. @default 480 */
  cellWidth?: number;
  /** Gap between cells, px. @default 12 */
  gap?: number;
  /** Caption size, px. @default 18 */
  captionPx?: number;
}

/**
 * Tile `cells` into one RGB image (white background, captions in black).
 *
 * @example
 * ```ts
 * import { contactSheet } from "./contact_sheet.ts";
 * import { createRgbImage } from "../raster/image.ts";
 * const image = createRgbImage(200, 100, [200, 0, 0]);
 * const sheet = contactSheet([{ image, label: "a" }, { image, label: "b" }], { columns: 2, cellWidth: 100 });
 * console.assert(sheet.width === 100 * 2 + 12 * 3);
 * ```
 */
export function contactSheet(
  cells: readonly SheetCell[],
  options: ContactSheetOptions = {},
): RasterImage {
  const { columns = 3, cellWidth = 480, gap = 12, captionPx = 18 } = options;
  if (cells.length === 0) throw new RangeError("Cannot make a contact sheet: no images");
  const thumbs = cells.map((c) => thumbnail(c.image, cellWidth));
  const rows = Math.ceil(cells.length / columns);
  const caption = Math.ceil(captionPx * 1.5);
  const rowHeights = Array.from(
    { length: rows },
    (_, r) => Math.max(...thumbs.slice(r * columns, r * columns + columns).map((t) => t.height)),
  );
  const width = columns * cellWidth + (columns + 1) * gap;
  const height = rowHeights.reduce((sum, h) => sum + h + caption + gap, gap);
  const sheet = createRgbImage(width, height, [255, 255, 255]);
  const ink = createCoverage(width, height);
  let top = gap;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const k = r * columns + c;
      const thumb = thumbs[k];
      if (!thumb) continue;
      const left = gap + c * (cellWidth + gap);
      stampText(ink, renderText(cells[k]!.label, captionPx), left, top + captionPx);
      for (let y = 0; y < thumb.height; y++) {
        const row = ((top + caption + y) * width + left) * 3;
        sheet.data.set(thumb.data.subarray(y * thumb.width * 3, (y + 1) * thumb.width * 3), row);
      }
    }
    top += rowHeights[r]! + caption + gap;
  }
  paintCoverage(sheet, ink, [0, 0, 0]);
  return sheet;
}

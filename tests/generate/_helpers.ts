/** Shared helpers of the generation tests: fixture records and decoded pages. */
import { type GeneratedPage, generatePage, planPages } from "../../lib/generate/generate.ts";
import type { GenerateOptions } from "../../lib/generate/options.ts";
import { decodeImage, encodeImage } from "../../lib/io/image.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import type { RasterImage } from "../../lib/raster/image.ts";
import type { EcgRecord } from "../../lib/records/types.ts";

/** Path of a file under fixtures/. */
export function fixture(path: string): string {
  return new URL(`../../fixtures/${path}`, import.meta.url).pathname;
}

/** A fixture record by name (`E07500`, `ludb/1`, …). */
export function fixtureRecord(name: string): Promise<EcgRecord> {
  return readWfdbRecord(fixture(`records/${name}.hea`));
}

/** The first page of a record, and its image as written to PNG and read back. */
export async function firstPage(
  record: EcgRecord,
  options: GenerateOptions,
): Promise<{ page: GeneratedPage; decoded: RasterImage }> {
  const [plan] = planPages(record, options);
  const page = await generatePage(record, plan!, options);
  const decoded = await decodeImage(await encodeImage(page.image, { kind: "png" }));
  return { page, decoded };
}

/**
 * Whether pixel (x, y) holds trace ink: at least a quarter coverage of the
 * black trace, which no red grid line (red channel >= 228) reaches alone.
 */
export function isInk(image: RasterImage, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
  return image.data[(y * image.width + x) * image.channels]! < 170;
}

/** Whether some pixel within `radius` (Chebyshev) of the point `[row, col]` is ink. */
export function inkNear(image: RasterImage, row: number, col: number, radius: number): boolean {
  const r0 = Math.round(row), c0 = Math.round(col);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) if (isInk(image, c0 + dx, r0 + dy)) return true;
  }
  return false;
}

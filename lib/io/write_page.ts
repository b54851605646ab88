/**
 * Write a generated page as the files of docs/FORMATS.md: `<stem>.png|jpg`,
 * `<stem>.json`, `<stem>.csv`, and with masks `<stem>.mask-<c>.png` (or
 * `<stem>.masks.json` as COCO RLE), with `--clean` `<stem>.clean.png`,
 * with `--wfdb` `<stem>.hea` + `<stem>.dat`.
 * Everything is encoded first, then each file is written atomically.
 *
 * @module
 */
import { join } from "node:path";
import type { GeneratedPage } from "../generate/generate.ts";
import { panelAnnotations } from "../generate/coco.ts";
import { MASK_CHANNELS } from "../generate/masks.ts";
import { encodeCocoRle } from "../generate/rle.ts";
import { formatSignalCsv } from "../records/signal_table.ts";
import { formatWfdbRecord } from "../records/wfdb/write.ts";
import { writeFileAtomic } from "./atomic.ts";
import { decodeImage, encodeImage } from "./image.ts";
import { encodeMaskPng1 } from "./png.ts";

/** How to write a page. */
export interface WritePageOptions {
  /** Image format. @default "png" */
  format?: "png" | "jpg";
  /** JPEG quality, 1..100. @default 92 */
  jpegQuality?: number;
  /** PNG zlib level, 0..9. @default 6 */
  pngCompression?: number;
  /** Masks as one PNG per channel or as COCO RLE in one JSON. @default "png" */
  maskFormat?: "png" | "coco";
  /** Also write the plotted signals as a WFDB record: `<stem>.hea` + `<stem>.dat`, format 16. @default false */
  wfdb?: boolean;
  /** Tag of the temporary files (see `writeFileAtomic`). @default "w" */
  tempTag?: string;
}

/** One encoded file of a page: its name (no folder) and contents. */
export type PageFile = readonly [name: string, data: Uint8Array | string];

/**
 * Encode and write one page into `dir` (created, with its parents, when it
 * does not exist); returns the paths written.
 */
export async function writePage(
  dir: string,
  page: GeneratedPage,
  options: WritePageOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  const files = await encodePage(page, options);
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, data] of files) {
    const path = join(dir, name);
    await writeFileAtomic(path, data, options.tempTag ? { tag: options.tempTag } : {});
    written.push(path);
  }
  return written;
}

/**
 * Encode a page's files in memory, in the order {@linkcode writePage}
 * writes them (the image last, so that its presence means the rest is there).
 */
export async function encodePage(
  page: GeneratedPage,
  options: WritePageOptions = {},
): Promise<PageFile[]> {
  const {
    format = "png",
    jpegQuality = 92,
    pngCompression = 6,
    maskFormat = "png",
    wfdb = false,
  } = options;
  const { width, height } = page.image;
  const files: PageFile[] = [];
  // A `jpeg` distortion sets the quality; a PNG of such a page keeps its JPEG artefacts.
  const quality = page.jpegQuality ?? jpegQuality;
  let pixels = page.image;
  if (format === "png" && page.jpegQuality !== null) {
    pixels = await decodeImage(await encodeImage(pixels, { kind: "jpg", quality }));
  }
  const image = await encodeImage(
    pixels,
    format === "png" ? { kind: "png", compressionLevel: pngCompression } : { kind: "jpg", quality },
  );
  const extra: Record<string, unknown> = {
    image_file: `${page.stem}.${format}`,
    output: { format, jpeg_quality: quality, png_compression: pngCompression },
  };
  if (page.masks) {
    if (maskFormat === "coco") {
      const masks = page.masks.map((m) => encodeCocoRle(m, width, height));
      const annotations = panelAnnotations(page.masks, page.groundTruth);
      files.push([
        `${page.stem}.masks.json`,
        JSON.stringify({ channels: MASK_CHANNELS, masks, annotations }),
      ]);
      extra.masks = { format: "coco", channels: MASK_CHANNELS, file: `${page.stem}.masks.json` };
    } else {
      const names: string[] = [];
      for (let c = 0; c < page.masks.length; c++) {
        const name = `${page.stem}.mask-${c}.png`;
        files.push([name, encodeMaskPng1(page.masks[c]!, width, height)]);
        names.push(name);
      }
      extra.masks = { format: "png", channels: MASK_CHANNELS, files: names };
    }
  }
  if (page.clean) {
    files.push([`${page.stem}.clean.png`, await encodeImage(page.clean, { kind: "png" })]);
    extra.clean_file = `${page.stem}.clean.png`;
  }
  files.push([`${page.stem}.csv`, formatSignalCsv(page.signals)]);
  if (wfdb) {
    // The record's own comments (age, sex, diagnoses) as ecg-image-kit keeps them, and the
    // image as the PhysioNet 2024 challenge data names it ("#Image: <file>").
    const comments = [
      ...page.signals.comments.filter((c) => !/^Image:/.test(c.trim())),
      `Image: ${page.stem}.${format}`,
    ];
    const record = formatWfdbRecord({ ...page.signals, name: page.stem, comments });
    files.push([`${page.stem}.dat`, record.dat]);
    files.push([`${page.stem}.hea`, record.header]);
    extra.wfdb_file = `${page.stem}.hea`;
  }
  files.push([`${page.stem}.json`, JSON.stringify({ ...page.groundTruth, ...extra })]);
  files.push([`${page.stem}.${format}`, image]);
  return files;
}

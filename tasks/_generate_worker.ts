/**
 * Generation worker: takes record files, writes their pages, reports each
 * page and each failure. One Workspace per worker keeps page buffers warm.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { generatePage, planPages } from "../lib/generate/generate.ts";
import type { GenerateOptions } from "../lib/generate/options.ts";
import { decodeImage } from "../lib/io/image.ts";
import { readRecord } from "../lib/io/read_record.ts";
import type { RasterImage } from "../lib/raster/image.ts";
import { writePage, type WritePageOptions } from "../lib/io/write_page.ts";
import { Workspace } from "../lib/raster/workspace.ts";

/** A job sent to the worker. */
export interface WorkerJob {
  file: string;
  out: string;
  generate: GenerateOptions;
  write: WritePageOptions;
  sampleRateHz?: number;
  /** Texture image files for the wrinkles distortion (decoded once per worker). */
  textures: string[];
}

/** What the worker reports back. */
export type WorkerReport =
  | { kind: "planned"; file: string; pages: number }
  | { kind: "page"; file: string; stem: string }
  | { kind: "failed"; file: string; stem?: string; message: string }
  | { kind: "done"; file: string };

const workspace = new Workspace();
const textureCache = new Map<string, RasterImage>();

/** Decode the texture files once per worker; a file that cannot be read fails the job. */
async function loadTextures(files: readonly string[]): Promise<RasterImage[]> {
  const out: RasterImage[] = [];
  for (const file of files) {
    let image = textureCache.get(file);
    if (!image) {
      try {
        image = await decodeImage(await Deno.readFile(file));
      } catch (error) {
        throw new Error(`Cannot read texture "${file}": ${message(error)}`);
      }
      textureCache.set(file, image);
    }
    out.push(image);
  }
  return out;
}

self.onmessage = async (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  const report = (r: WorkerReport): void => self.postMessage(r);
  try {
    const record = await readRecord(
      job.file,
      job.sampleRateHz === undefined ? {} : { sampleRateHz: job.sampleRateHz },
    );
    const textures = await loadTextures(job.textures);
    const pages = planPages(record, job.generate);
    report({ kind: "planned", file: job.file, pages: pages.length });
    for (const plan of pages) {
      try {
        const page = await generatePage(record, plan, job.generate, workspace, { textures });
        await writePage(job.out, page, job.write);
        report({ kind: "page", file: job.file, stem: plan.stem });
      } catch (error) {
        report({ kind: "failed", file: job.file, stem: plan.stem, message: message(error) });
      }
    }
  } catch (error) {
    report({ kind: "failed", file: job.file, message: message(error) });
  }
  report({ kind: "done", file: job.file });
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

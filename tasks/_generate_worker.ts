/**
 * Generation worker: takes record files, writes their pages, reports each
 * page and each failure. One Workspace per worker keeps page buffers warm.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { generatePage, planPages } from "../lib/generate/generate.ts";
import type { GenerateOptions } from "../lib/generate/options.ts";
import { readRecord } from "../lib/io/read_record.ts";
import { writePage, type WritePageOptions } from "../lib/io/write_page.ts";
import { Workspace } from "../lib/raster/workspace.ts";

/** A job sent to the worker. */
export interface WorkerJob {
  file: string;
  out: string;
  generate: GenerateOptions;
  write: WritePageOptions;
  sampleRateHz?: number;
}

/** What the worker reports back. */
export type WorkerReport =
  | { kind: "planned"; file: string; pages: number }
  | { kind: "page"; file: string; stem: string }
  | { kind: "failed"; file: string; stem?: string; message: string }
  | { kind: "done"; file: string };

const workspace = new Workspace();

self.onmessage = async (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  const report = (r: WorkerReport): void => self.postMessage(r);
  try {
    const record = await readRecord(
      job.file,
      job.sampleRateHz === undefined ? {} : { sampleRateHz: job.sampleRateHz },
    );
    const pages = planPages(record, job.generate);
    report({ kind: "planned", file: job.file, pages: pages.length });
    for (const plan of pages) {
      try {
        const page = await generatePage(record, plan, job.generate, workspace);
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

/**
 * Generation worker. A `plan` job reads a record and reports how many
 * pages it gives; a `pages` job makes the chosen pages of a record, writes
 * their files atomically and reports each page (with its files' sizes and
 * SHA-256 for the manifest) and each failure. One Workspace per worker
 * keeps page buffers warm; the last record read is kept for the next job.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { join } from "node:path";
import {
  type GeneratedPage,
  generatePage,
  type PagePlan,
  planPages,
} from "../lib/generate/generate.ts";
import type { GenerateOptions } from "../lib/generate/options.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { decodeImage } from "../lib/io/image.ts";
import { readRecord } from "../lib/io/read_record.ts";
import type { RasterImage } from "../lib/raster/image.ts";
import { encodePage, type WritePageOptions } from "../lib/io/write_page.ts";
import { Workspace } from "../lib/raster/workspace.ts";
import type { EcgRecord } from "../lib/records/types.ts";
import type { ManifestEntry } from "./_manifest.ts";

/** Read a record and count its pages. */
export interface PlanJob {
  kind: "plan";
  file: string;
  generate: GenerateOptions;
  sampleRateHz?: number;
}

/** Make some pages of a record. */
export interface PagesJob {
  kind: "pages";
  file: string;
  /** The file relative to the input root, for the manifest. */
  source: string;
  /** Absolute output folder of this record's pages. */
  dir: string;
  /** That folder relative to `--out` (`""` or `a/b/`), for the manifest. */
  prefix: string;
  generate: GenerateOptions;
  write: WritePageOptions;
  sampleRateHz?: number;
  /** Texture image files for the wrinkles distortion (decoded once per worker). */
  textures: string[];
  /** Plan position of the record's first page in the whole batch. */
  first: number;
  /** Which of the record's planned pages to make (indices into its plan). */
  pages: number[];
  /**
   * Draw the next page while this one is encoded and written (faster when a
   * core would otherwise idle; more memory per worker). @default false
   */
  overlap?: boolean;
}

/** A job sent to the worker. */
export type WorkerJob = PlanJob | PagesJob;

/** What the worker reports back. */
export type WorkerReport =
  | { kind: "planned"; file: string; record: string; pages: number }
  | { kind: "page"; file: string; entry: ManifestEntry; problems: readonly string[] }
  | { kind: "failed"; file: string; stem?: string; message: string }
  | { kind: "done"; file: string };

/**
 * Page buffers. Page n is drawn while page n − 1 is still being encoded and
 * written (libvips and the file system work off this thread), so drawing and
 * encoding overlap; page n − 1 holds its image, masks and trace-only image
 * meanwhile, and the workspace hands page n second buffers for those alone.
 */
const workspace = new Workspace();
const textureCache = new Map<string, RasterImage>();
let lastRecord: { key: string; record: EcgRecord } | null = null;

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

async function loadRecord(file: string, sampleRateHz?: number): Promise<EcgRecord> {
  const key = `${file}\0${sampleRateHz ?? ""}`;
  if (lastRecord?.key === key) return lastRecord.record;
  lastRecord = null;
  const record = await readRecord(file, sampleRateHz === undefined ? {} : { sampleRateHz });
  lastRecord = { key, record };
  return record;
}

async function sha256(data: Uint8Array | string): Promise<[number, string]> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return [bytes.length, Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("")];
}

async function makePages(job: PagesJob, report: (r: WorkerReport) => void): Promise<void> {
  const record = await loadRecord(job.file, job.sampleRateHz);
  const textures = await loadTextures(job.textures);
  const plans = planPages(record, job.generate);
  const tag = job.write.tempTag ? { tag: job.write.tempTag } : {};
  /** Encode, write and report one drawn page (never throws: a failure is reported). */
  const finish = async (page: GeneratedPage, plan: PagePlan, j: number): Promise<void> => {
    try {
      const files: [string, number, string][] = [];
      for (const [name, data] of await encodePage(page, job.write)) {
        await writeFileAtomic(join(job.dir, name), data, tag);
        files.push([job.prefix + name, ...await sha256(data)]);
      }
      const gt = page.groundTruth;
      const entry: ManifestEntry = {
        i: job.first + j,
        source: job.source,
        j,
        stem: plan.stem,
        record: record.name,
        window: plan.window,
        variant: plan.variant,
        start_sample: plan.startSample,
        preset: gt.preset,
        layout: gt.layout,
        dpi: gt.resolution,
        width: page.image.width,
        height: page.image.height,
        grid_colour: gt.grid?.minor_colour ?? "none",
        augmentations: gt.augmentations.map((a) => a.name).join(" "),
        files,
      };
      report({ kind: "page", file: job.file, entry, problems: page.problems });
    } catch (error) {
      report({ kind: "failed", file: job.file, stem: plan.stem, message: message(error) });
    }
  };
  // At most one page in flight, holding its buffers while the next page is drawn.
  let inFlight: Promise<void> = Promise.resolve();
  try {
    for (const j of job.pages) {
      const plan = plans[j];
      if (plan === undefined) {
        await inFlight;
        report({
          kind: "failed",
          file: job.file,
          message: `page ${j} is not in the record's plan`,
        });
        continue;
      }
      let page: GeneratedPage;
      try {
        page = await generatePage(record, plan, job.generate, workspace, { textures });
      } catch (error) {
        await inFlight;
        report({ kind: "failed", file: job.file, stem: plan.stem, message: message(error) });
        continue;
      }
      await inFlight;
      if (!job.overlap) {
        await finish(page, plan, j);
        continue;
      }
      const held = [
        page.image.data,
        ...(page.masks ?? []),
        ...(page.clean ? [page.clean.data] : []),
      ];
      workspace.hold(held);
      inFlight = finish(page, plan, j).finally(() => workspace.release(held));
    }
  } finally {
    await inFlight;
  }
}

self.onmessage = async (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  const report = (r: WorkerReport): void => self.postMessage(r);
  try {
    if (job.kind === "plan") {
      const record = await loadRecord(job.file, job.sampleRateHz);
      const pages = planPages(record, job.generate).length;
      report({ kind: "planned", file: job.file, record: record.name, pages });
    } else await makePages(job, report);
  } catch (error) {
    report({ kind: "failed", file: job.file, message: message(error) });
  }
  report({ kind: "done", file: job.file });
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

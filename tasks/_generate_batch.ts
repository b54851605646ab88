/**
 * The generation batch behind `deno task generate`: plan every record,
 * take this shard's share of the plan, skip the pages the shard's manifest
 * already holds intact, make the rest in workers, and keep the manifest
 * and the dataset index.
 *
 * @module
 */
import { dirname, join, relative, sep } from "node:path";
import type { GenerateOptions } from "../lib/generate/options.ts";
import type { WritePageOptions } from "../lib/io/write_page.ts";
import { recordStem } from "../lib/generate/stem.ts";
import { VERSION } from "../lib/version.ts";
import { escapeTerminal } from "./_cli.ts";
import type { PagesJob, PlanJob, WorkerJob, WorkerReport } from "./_generate_worker.ts";
import {
  entryIsIntact,
  finishedEntries,
  type ManifestEntry,
  manifestPath,
  ManifestWriter,
  readManifest,
  removeStaleTemps,
  writeIndex,
} from "./_manifest.ts";
import { COCO_FILE, writeCocoDataset } from "./_coco.ts";
import { KAGGLE_TABLE, writeKaggleLayout } from "./_kaggle_layout.ts";
import { assignSplits, type SplitPart } from "../lib/generate/split.ts";
import { WorkerPool } from "./_pool.ts";
import { Progress } from "./_progress.ts";
import { type BatchLock, takeLock } from "./_lock.ts";
import { inShard, type Shard, shardTag } from "./_shard.ts";

/** Pages of one record sent to a worker at a time (records with many variants are split). */
const PAGES_PER_JOB = 32;

/** Everything a batch needs. */
export interface BatchSpec {
  /** Record files, sorted (the plan order). */
  files: readonly string[];
  /** The `--input` folder (or the file's folder) that `source` paths are relative to. */
  inputRoot: string;
  /** The `--out` folder, absolute. */
  out: string;
  generate: GenerateOptions;
  write: WritePageOptions;
  sampleRateHz?: number;
  textures: readonly string[];
  shard: Shard;
  /** Mirror the input's sub-folders under `out`. */
  keepFolders: boolean;
  /** Redo every page, ignoring the manifest. */
  force: boolean;
  workers: number;
  quiet: boolean;
  /** Make only the first this many pages of the whole plan (all shards). */
  maxImages?: number;
  /** Give every record a split, seeded by the generation seed, in `index.csv`'s `split` column. */
  split?: readonly SplitPart[];
  /** Also lay the folder out as the Kaggle 2025 training data (`train.csv`, `train/<id>/`). */
  kaggleLayout?: boolean;
  /** The sampling rate of each CSV record file (absolute path), from a `--rates` table. */
  rates?: ReadonlyMap<string, number>;
}

/** How a batch ended. */
export interface BatchResult {
  /** Exit code: 0, 1 (some pages or records failed) or 2 (the batch was refused). */
  code: number;
}

/** The fingerprint of everything that decides a page's bytes. */
export async function fingerprint(spec: BatchSpec): Promise<string> {
  const text = stableJson({
    version: VERSION,
    generate: spec.generate,
    write: { ...spec.write, tempTag: undefined },
    sampleRateHz: spec.sampleRateHz ?? null,
    textures: spec.textures.map((t) => relative(spec.inputRoot, t)),
    keepFolders: spec.keepFolders,
    ...(spec.rates ? { rates: Object.fromEntries(spec.rates) } : {}),
  });
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(hash.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );
}

/** Run the batch; messages go to stderr. */
export async function runBatch(spec: BatchSpec): Promise<BatchResult> {
  const { files, shard, out } = spec;
  const rateOf = (file: string): number | undefined => spec.rates?.get(file) ?? spec.sampleRateHz;
  const rate = (file: string): { sampleRateHz?: number } => {
    const hz = rateOf(file);
    return hz ? { sampleRateHz: hz } : {};
  };
  const limit = spec.maxImages ?? Infinity;
  const tag = shardTag(shard);
  const progress = new Progress("generate", 0, { quiet: spec.quiet, unit: "images" });
  const failures: string[] = [];
  const fail = (what: string, message: string): void => {
    failures.push(`${what}: ${message}`);
    progress.log(`error: ${escapeTerminal(`${what}: ${message}`)}`);
  };
  let lock: BatchLock | null = null;
  const pool = new WorkerPool<WorkerJob, WorkerReport>(
    new URL("./_generate_worker.ts", import.meta.url),
    spec.workers,
    (r) => r.kind === "done",
  );
  try {
    // 0. One run per folder and shard: a second one is refused before any work.
    const taken = await takeLock(out, shard.index, shard.count);
    if (typeof taken === "string") {
      console.error(`error: ${escapeTerminal(taken)}`);
      return { code: 2 };
    }
    lock = taken;
    // 1. The plan: every record's page count, in file order (all shards agree on it).
    const sources = files.map((f) => relative(spec.inputRoot, f).split(sep).join("/"));
    const planned: ({ record: string; pages: number } | null)[] = files.map(() => null);
    const planJobs: PlanJob[] = files.map((file) => ({
      kind: "plan",
      file,
      generate: spec.generate,
      ...rate(file),
    }));
    const fileIndex = new Map(files.map((f, k) => [f, k]));
    progress.detail = "planning";
    await pool.run(planJobs, (r) => {
      const k = fileIndex.get(r.file)!;
      if (r.kind === "planned") planned[k] = { record: r.record, pages: r.pages };
      else if (r.kind === "failed" && k % shard.count === shard.index) fail(r.file, r.message);
    }, (job, message) => {
      if (fileIndex.get(job.file)! % shard.count === shard.index) fail(job.file, message);
    });
    const folderOf = (k: number): string =>
      spec.keepFolders && dirname(sources[k]!) !== "." ? dirname(sources[k]!) + "/" : "";
    const refusal = duplicateNames(files, planned, folderOf, spec.keepFolders);
    if (refusal) {
      console.error(`error: ${escapeTerminal(refusal)}`);
      return { code: 2 };
    }
    const first: number[] = [];
    let total = 0;
    for (const p of planned) {
      first.push(total);
      total += p?.pages ?? 0;
    }

    // 2. Resume: the pages this shard's manifest holds with their files intact.
    const fp = await fingerprint(spec);
    const path = manifestPath(out, shard.index, shard.count);
    const recorded = await readManifest(path, null);
    const previous = spec.force || recorded === null ? null : await readManifest(path, fp);
    // The files each stem had before (whatever the settings), so that a redone page's
    // side files that the new settings no longer write (masks, --clean, --wfdb) go.
    const before = new Map<string, readonly string[]>();
    for (const e of recorded?.entries ?? []) before.set(pageKey(e), e.files.map((f) => f[0]));
    const sourceIndex = new Map(sources.map((s, k) => [s, k]));
    const kept: ManifestEntry[] = [];
    for (const e of previous?.entries ?? []) {
      const k = sourceIndex.get(e.source);
      if (k === undefined || planned[k] === null || first[k]! + e.j !== e.i) continue;
      if (e.i >= limit || !inShard(e.i, shard) || !(await entryIsIntact(out, e))) continue;
      kept.push(e);
    }
    const done = new Set(kept.map((e) => e.i));
    await removeStaleTemps(out, tag, new Set(kept.flatMap((e) => e.files.map((f) => f[0]))));
    const manifest = await ManifestWriter.open(
      path,
      fp,
      `${shard.index}/${shard.count}`,
      kept,
      tag,
    );

    // 3. This shard's pages that are still to make.
    const jobs: PagesJob[] = [];
    let owned = 0;
    for (let k = 0; k < files.length; k++) {
      const p = planned[k];
      if (!p) continue;
      const pages: number[] = [];
      for (
        let j = (((shard.index - first[k]!) % shard.count) + shard.count) % shard.count;
        j < p.pages && first[k]! + j < limit;
        j += shard.count
      ) {
        owned++;
        if (!done.has(first[k]! + j)) pages.push(j);
      }
      const dir = join(out, folderOf(k));
      if (pages.length > 0) await Deno.mkdir(dir, { recursive: true });
      for (let s = 0; s < pages.length; s += PAGES_PER_JOB) {
        jobs.push({
          kind: "pages",
          file: files[k]!,
          source: sources[k]!,
          dir,
          prefix: folderOf(k),
          generate: spec.generate,
          write: { ...spec.write, tempTag: tag },
          ...rate(files[k]!),
          textures: [...spec.textures],
          first: first[k]!,
          pages: pages.slice(s, s + PAGES_PER_JOB),
          // Fewer workers than cores: a worker overlaps drawing with encoding.
          overlap: spec.workers < navigator.hardwareConcurrency,
        });
      }
    }
    const todo = owned - done.size;
    progress.total = todo;
    progress.detail = done.size > 0 ? `${done.size} already done` : "";
    let images = 0;
    let removals = Promise.resolve();
    // A failed page counts as finished (and failed), so the bar ends at n/n: each
    // job's pages that got no report of their own (a job that failed as a whole,
    // a crashed worker) are counted when the job ends.
    const reported = new Map<WorkerJob, number>();
    const settle = (job: WorkerJob): void => {
      const left = (job.kind === "pages" ? job.pages.length : 0) - (reported.get(job) ?? 0);
      if (left > 0) progress.tick(left, left);
      reported.delete(job);
    };
    await pool.run(jobs, (r, job) => {
      if (r.kind === "page") {
        images++;
        reported.set(job, (reported.get(job) ?? 0) + 1);
        manifest.add(r.entry);
        const gone = staleFiles(before, r.entry);
        if (gone.length > 0) removals = removals.then(() => removeFiles(out, gone));
        for (const p of r.problems) {
          progress.log(`warning: ${escapeTerminal(`${r.entry.stem}: ${p}`)}`);
        }
        progress.tick();
      } else if (r.kind === "failed") {
        fail(r.stem ? `${r.file} (${r.stem})` : r.file, r.message);
        if (r.stem) {
          reported.set(job, (reported.get(job) ?? 0) + 1);
          progress.tick(1, 1);
        }
      } else if (r.kind === "done") settle(job);
    }, (job, message) => {
      fail(job.file, message);
      settle(job);
    });
    await manifest.finish({ pages: images + done.size, failed: failures.length });
    await removals;
    // The last shard to finish writes the folder's index (and COCO dataset).
    const all = await finishedEntries(out, shard.count, fp);
    const coco = all !== null && spec.write.maskFormat === "coco" && spec.generate.masks === true;
    // A batch with no page at all (every record failed) gets no index of nothing.
    const indexed = all !== null && all.length > 0;
    if (indexed && spec.split) {
      const splits = assignSplits(sources, spec.split, spec.generate.seed ?? 0);
      await writeIndex(out, all, { split: (e) => splits.get(e.source) ?? "" }, tag);
    } else if (indexed) await writeIndex(out, all, {}, tag);
    if (indexed && coco) await writeCocoDataset(out, all, tag);
    const kaggle = indexed && spec.kaggleLayout === true;
    if (kaggle) {
      const layout = await writeKaggleLayout(out, all, {
        inputRoot: spec.inputRoot,
        rateOf,
        tag,
      });
      for (const w of layout.warnings) progress.log(`warning: ${escapeTerminal(w)}`);
    }
    progress.finish();

    const seconds = progress.elapsedS;
    const where = shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : "";
    console.error(
      `generated ${images} images${
        done.size > 0 ? ` (${done.size} already done)` : ""
      } from ${files.length} record files in ${seconds.toFixed(1)} s ` +
        `(${(images / seconds).toFixed(1)} images/s, ${spec.workers} worker${
          spec.workers > 1 ? "s" : ""
        }${where}) → ${escapeTerminal(out)}` +
        (indexed
          ? `; index.csv${coco ? ` and ${COCO_FILE}` : ""}${
            kaggle ? ` and ${KAGGLE_TABLE}` : ""
          } written`
          : "") +
        (failures.length > 0 ? `; ${failures.length} failed (errors above)` : ""),
    );
    return { code: failures.length > 0 ? 1 : 0 };
  } finally {
    pool.close();
    await lock?.release();
  }
}

/** A refusal naming two records whose pages would land on the same paths, or null. */
function duplicateNames(
  files: readonly string[],
  planned: readonly ({ record: string } | null)[],
  folderOf: (k: number) => string,
  keepFolders: boolean,
): string | null {
  const seen = new Map<string, number>();
  for (let k = 0; k < files.length; k++) {
    const p = planned[k];
    if (!p) continue;
    const key = folderOf(k) + recordStem(p.record);
    const other = seen.get(key);
    if (other !== undefined) {
      const otherName = planned[other]!.record;
      const same = otherName === p.record
        ? `are both named "${p.record}"`
        : `are named "${otherName}" and "${p.record}", both giving pages "${
          recordStem(p.record)
        }-…"`;
      return `Records "${files[other]}" and "${files[k]}" ${same}: ` +
        `their pages would overwrite each other; ` +
        (keepFolders ? "rename one" : "pass --keep-folders to mirror the input sub-folders");
    }
    seen.set(key, k);
  }
  return null;
}

/** A page's image path without its extension: the same under any --format. */
function pageKey(entry: ManifestEntry): string {
  const image = entry.files[entry.files.length - 1]?.[0] ?? entry.stem;
  const dot = image.lastIndexOf(".");
  return dot > image.lastIndexOf("/") ? image.slice(0, dot) : image;
}

/**
 * The files a page had under earlier settings (found by its image path,
 * less the extension) that its new files do not include.
 */
function staleFiles(
  before: ReadonlyMap<string, readonly string[]>,
  entry: ManifestEntry,
): string[] {
  const keep = new Set(entry.files.map((f) => f[0]));
  return (before.get(pageKey(entry)) ?? []).filter((f) => !keep.has(f));
}

/** Remove `files` (relative to `out`), once the page that replaces them is written. */
async function removeFiles(out: string, files: readonly string[]): Promise<void> {
  for (const f of files) {
    if (f.split("/").includes("..")) continue;
    await Deno.remove(join(out, f)).catch(() => {});
  }
}

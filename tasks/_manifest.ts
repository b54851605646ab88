/**
 * Per-shard manifests and the dataset index of a generation batch.
 *
 * Each shard keeps `<out>/.shards/shard-<i>-of-<n>.jsonl`: a header line
 * (the settings fingerprint), then one line per finished page (its files
 * with sizes and SHA-256), then a `finished` line. A page's line is appended
 * only after all its files are renamed into place, so a killed run loses at
 * most the pages in flight; a torn last line does not parse and is
 * dropped. On a rerun the manifest is read back, every page's files are
 * checked against the recorded sizes and SHA-256, and the survivors are rewritten
 * atomically before appending resumes. When every shard of `n` has
 * finished, `index.csv` lists all pages in plan order.
 *
 * @module
 */
import { join } from "node:path";
import { isTempFileName, writeFileAtomic } from "../lib/io/atomic.ts";
import { INDEX_FILE, MANIFEST_DIR } from "../lib/io/discover.ts";

export { INDEX_FILE, MANIFEST_DIR };

/** One finished page, as a manifest line records it. */
export interface ManifestEntry {
  /** Position in the whole batch's plan (all shards), 0-based. */
  readonly i: number;
  /** The input record file, relative to `--input` (`/`-separated). */
  readonly source: string;
  /** Position in that record's own page plan. */
  readonly j: number;
  readonly stem: string;
  readonly record: string;
  readonly window: number;
  readonly variant: number;
  readonly start_sample: number;
  readonly preset: string;
  readonly layout: string;
  readonly dpi: number;
  readonly width: number;
  readonly height: number;
  readonly grid_colour: string;
  readonly augmentations: string;
  /** `[path relative to --out, bytes, sha256 hex]` of every file, the image last. */
  readonly files: readonly (readonly [string, number, string])[];
}

/** The manifest of shard `index` of `count`. */
export function manifestPath(out: string, index: number, count: number): string {
  return join(out, MANIFEST_DIR, `shard-${index}-of-${count}.jsonl`);
}

/** What a manifest file holds, when its fingerprint matches. */
export interface ManifestContents {
  readonly entries: ManifestEntry[];
  readonly finished: boolean;
}

/**
 * Read a manifest; `null` when it is missing or was written with other
 * settings (a `null` fingerprint reads it whatever its settings). Lines
 * that do not parse (a torn last line) are skipped.
 */
export async function readManifest(
  path: string,
  fingerprint: string | null,
): Promise<ManifestContents | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const lines = text.split("\n");
  const head = parseLine(lines[0] ?? "");
  if (head === null || (fingerprint !== null && head.fingerprint !== fingerprint)) return null;
  const entries: ManifestEntry[] = [];
  let finished = false;
  for (const line of lines.slice(1)) {
    const value = parseLine(line);
    if (value === null) continue;
    if (value.finished === true) finished = true;
    else if (isEntry(value)) entries.push(value);
  }
  return { entries, finished };
}

function parseLine(line: string): Record<string, unknown> | null {
  if (line.trim() === "") return null;
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function isEntry(v: Record<string, unknown>): v is ManifestEntry & Record<string, unknown> {
  return typeof v.i === "number" && typeof v.j === "number" && typeof v.stem === "string" &&
    typeof v.source === "string" && Array.isArray(v.files) &&
    v.files.every((f) =>
      Array.isArray(f) && typeof f[0] === "string" && typeof f[1] === "number" &&
      typeof f[2] === "string"
    );
}

/**
 * Whether every file of `entry` is in `out` with the size and SHA-256
 * recorded (sizes are checked first, so a missing or truncated file costs
 * no read).
 */
export async function entryIsIntact(out: string, entry: ManifestEntry): Promise<boolean> {
  try {
    for (const [name, size] of entry.files) {
      const info = await Deno.stat(join(out, name));
      if (!info.isFile || info.size !== size) return false;
    }
    for (const [name, , hash] of entry.files) {
      if (await sha256Hex(await Deno.readFile(join(out, name))) !== hash) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** SHA-256 of `bytes`, lower-case hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Appends to one shard's manifest; every write goes through one queue. */
export class ManifestWriter {
  readonly #file: Deno.FsFile;
  #queue: Promise<void> = Promise.resolve();
  #error: unknown = null;

  private constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  /**
   * Start (or restart) a manifest: write the header and the `kept` entries
   * atomically, then open it for appending.
   */
  static async open(
    path: string,
    fingerprint: string,
    shard: string,
    kept: readonly ManifestEntry[],
    tag: string,
  ): Promise<ManifestWriter> {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    const lines = [JSON.stringify({ manifest: 1, shard, fingerprint })];
    for (const e of kept) lines.push(JSON.stringify(e));
    await writeFileAtomic(path, lines.join("\n") + "\n", { tag });
    return new ManifestWriter(await Deno.open(path, { append: true }));
  }

  /** Record a finished page (queued; a write error surfaces from `finish`/`close`). */
  add(entry: ManifestEntry): void {
    this.#write(JSON.stringify(entry) + "\n");
  }

  /** Record that the shard ran to its end, and close the file. */
  async finish(summary: { pages: number; failed: number }): Promise<void> {
    if (this.#error === null) {
      await this.#write(JSON.stringify({ finished: true, ...summary }) + "\n");
    }
    await this.close();
  }

  /** Close without finishing (the run was cut short). */
  async close(): Promise<void> {
    await this.#queue;
    this.#file.close();
    if (this.#error !== null) throw this.#error;
  }

  #write(line: string): Promise<void> {
    const bytes = new TextEncoder().encode(line);
    this.#queue = this.#queue.then(async () => {
      if (this.#error !== null) return;
      try {
        // One line per write call: a kill leaves at most one torn line, which readers skip.
        let done = 0;
        while (done < bytes.length) done += await this.#file.write(bytes.subarray(done));
      } catch (error) {
        this.#error = error;
      }
    });
    return this.#queue;
  }
}

const INDEX_COLUMNS = [
  "stem",
  "record",
  "source",
  "window",
  "variant",
  "start_sample",
  "preset",
  "layout",
  "dpi",
  "width",
  "height",
  "grid_colour",
  "augmentations",
  "image",
  "files",
] as const;

/**
 * Every page of the batch, in plan order, when all `count` shard manifests
 * (with this fingerprint) have finished; otherwise null.
 */
export async function finishedEntries(
  out: string,
  count: number,
  fingerprint: string,
): Promise<ManifestEntry[] | null> {
  const all: ManifestEntry[] = [];
  for (let k = 0; k < count; k++) {
    const m = await readManifest(manifestPath(out, k, count), fingerprint);
    if (m === null || !m.finished) return null;
    all.push(...m.entries);
  }
  return all.sort((a, b) => a.i - b.i);
}

/**
 * Write `<out>/index.csv` listing `entries` (every page, in plan order);
 * `extra` columns (e.g. `split`) follow the standard ones. `tag`: the
 * writing shard's temp tag, so that its rerun removes a temp file a kill
 * left behind.
 */
export async function writeIndex(
  out: string,
  entries: readonly ManifestEntry[],
  extra: Readonly<Record<string, (entry: ManifestEntry) => string>> = {},
  tag?: string,
): Promise<void> {
  const rows = [[...INDEX_COLUMNS, ...Object.keys(extra)].join(",")];
  for (const e of entries) {
    const image = e.files[e.files.length - 1]?.[0] ?? "";
    const cells = INDEX_COLUMNS.map((c) =>
      c === "image" ? image : c === "files" ? e.files.map((f) => f[0]).join(";") : String(e[c])
    );
    for (const valueOf of Object.values(extra)) cells.push(valueOf(e));
    rows.push(cells.map(csvCell).join(","));
  }
  await writeFileAtomic(join(out, INDEX_FILE), rows.join("\n") + "\n", tag ? { tag } : {});
}

/**
 * Write `<out>/index.csv` when all `count` shard manifests (with this
 * fingerprint) have finished; returns whether it was written. Each shard
 * calls this after finishing, so the last one to finish writes it.
 */
export async function writeIndexIfComplete(
  out: string,
  count: number,
  fingerprint: string,
): Promise<boolean> {
  const all = await finishedEntries(out, count, fingerprint);
  if (all === null) return false;
  await writeIndex(out, all);
  return true;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Remove the temporary files a killed run of shard `tag` left under `dir`
 * (recursively); returns how many. Only names of exactly the shape the
 * atomic writer makes for `tag` (`.tmp-<name>.<tag>.<uuid>`) are touched,
 * never a path in `keep` (relative to `dir`, `/`-separated: the files of
 * pages already done), and no output name can have that shape, since
 * page stems never start with a dot.
 */
export async function removeStaleTemps(
  dir: string,
  tag: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  let removed = 0;
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for await (const e of Deno.readDir(folder)) {
      const path = join(folder, e.name);
      if (e.isDirectory) await walk(path, `${prefix}${e.name}/`);
      else if (e.isFile && isTempFileName(e.name, tag) && !keep.has(prefix + e.name)) {
        await Deno.remove(path).catch(() => {});
        removed++;
      }
    }
  };
  await walk(dir, "");
  return removed;
}

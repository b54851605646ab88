/**
 * Find input files: a file as given, or a folder searched recursively.
 *
 * @module
 */
import { extname, join, resolve } from "node:path";

/** The folder of per-shard manifests a generation batch keeps in its output folder. */
export const MANIFEST_DIR = ".shards";
/** The dataset index a generation batch writes beside {@linkcode MANIFEST_DIR}. */
export const INDEX_FILE = "index.csv";

/**
 * Whether the entry `name` of a folder with `entries` is a generation
 * batch's dataset index (an `index.csv` beside a `.shards` folder), which
 * is not a record or a signal table.
 */
export function isDatasetIndex(name: string, entries: readonly Deno.DirEntry[]): boolean {
  return name === INDEX_FILE && entries.some((e) => e.isDirectory && e.name === MANIFEST_DIR);
}

/** Options of {@linkcode findFiles}. */
export interface FindFilesOptions {
  /**
   * Folders not to enter (compared as resolved paths): a batch's own output
   * folders inside its input, so a rerun does not read its outputs back.
   * @default []
   */
  skip?: readonly string[];
}

/**
 * Every file under `input` (or `input` itself) whose extension is one of
 * `extensions` (lower case, with the dot), sorted, skipping hidden files
 * and folders, the `skip` folders and dataset indexes ({@linkcode isDatasetIndex}). Throws `Deno.errors.NotFound` when
 * `input` does not exist.
 */
export async function findFiles(
  input: string,
  extensions: readonly string[],
  options: FindFilesOptions = {},
): Promise<string[]> {
  const info = await Deno.stat(input);
  if (info.isFile) return [input];
  const skip = new Set((options.skip ?? []).map((s) => resolve(s)));
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (skip.has(resolve(dir))) return;
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || isDatasetIndex(entry.name, entries)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (extensions.includes(extname(entry.name).toLowerCase())) found.push(path);
    }
  };
  await walk(input);
  return found;
}

/**
 * Find input files: a file as given, or a folder searched recursively.
 *
 * @module
 */
import { extname, join, resolve } from "node:path";

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
 * and folders and the `skip` folders. Throws `Deno.errors.NotFound` when
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
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (extensions.includes(extname(entry.name).toLowerCase())) found.push(path);
    }
  };
  await walk(input);
  return found;
}

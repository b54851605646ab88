/**
 * Find input files: a file as given, or a folder searched recursively.
 *
 * @module
 */
import { extname, join } from "node:path";

/**
 * Every file under `input` (or `input` itself) whose extension is one of
 * `extensions` (lower case, with the dot), sorted, skipping hidden files
 * and folders. Throws `Deno.errors.NotFound` when `input` does not exist.
 */
export async function findFiles(input: string, extensions: readonly string[]): Promise<string[]> {
  const info = await Deno.stat(input);
  if (info.isFile) return [input];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
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

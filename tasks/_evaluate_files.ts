/**
 * The evaluate CLI's file reading: the files of an input folder (hidden
 * files, the output folder and dataset index files left out) and text or
 * JSON files, each error naming the option or the path.
 *
 * @module
 */
import { join } from "node:path";
import { describe } from "../lib/io/read_record.ts";
import { readRegularTextFile } from "../lib/io/regular_file.ts";
import { isDatasetIndex } from "../lib/io/discover.ts";

export async function listFiles(dir: string, skip: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await Array.fromAsync(Deno.readDir(d));
    for (const entry of entries) {
      const path = join(d, entry.name);
      if (entry.name.startsWith(".") || path === skip || isDatasetIndex(entry.name, entries)) {
        continue;
      }
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) out.push(path);
    }
  };
  await walk(dir);
  return out.sort();
}

/** The files of an input folder; errors name the option and the path. */
export async function listInput(dir: string, option: string, skip: string): Promise<string[]> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (error) {
    throw new Error(`Cannot read ${option} "${dir}": ${describe(error)}`);
  }
  if (!info.isDirectory) throw new Error(`Cannot read ${option} "${dir}": not a folder`);
  try {
    return await listFiles(dir, skip);
  } catch (error) {
    throw new Error(`Cannot read ${option} "${dir}": ${describe(error)}`);
  }
}

export async function readText(path: string): Promise<string> {
  try {
    return await readRegularTextFile(path);
  } catch (error) {
    throw new Error(`Cannot read "${path}": ${describe(error)}`);
  }
}

export async function readJson(path: string | undefined): Promise<unknown> {
  if (path === undefined) return undefined;
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read "${path}": invalid JSON: ${describe(error)}`);
  }
}

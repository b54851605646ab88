/**
 * Atomic file writes: data goes to a temporary file beside the target and
 * is renamed over it, so a reader never sees a half-written file and a
 * failed run leaves no partial output.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Options of {@linkcode writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * A tag in the temporary file's name (`.tmp-<name>.<tag>.<random>`), so a
   * later run can find and remove the temporary files a killed run of the
   * same batch shard left behind. Letters, digits, `-` and `_` only.
   * @default "w"
   */
  tag?: string;
}

/** The prefix of every temporary file {@linkcode writeFileAtomic} makes. */
export const TEMP_PREFIX = ".tmp-";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * Whether `name` (a file name, no folder) is exactly the shape of the
 * temporary names {@linkcode writeFileAtomic} makes with `tag`:
 * `.tmp-<name>.<tag>.<uuid>`. Output files that do not start with `.`
 * can never match.
 *
 * @example
 * ```ts
 * import { isTempFileName } from "./atomic.ts";
 * console.assert(isTempFileName(".tmp-a.png.s0of1.0b4f3a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "s0of1"));
 * console.assert(!isTempFileName(".tmp-x.s0of1.y-0.png", "s0of1"));
 * ```
 */
export function isTempFileName(name: string, tag: string): boolean {
  if (!name.startsWith(TEMP_PREFIX)) return false;
  const end = new RegExp(`\\.${tag.replace(/[^A-Za-z0-9_-]/g, "")}\\.${UUID}$`);
  return end.test(name) && name.length > TEMP_PREFIX.length + tag.length + 38;
}

/** A fresh temporary name beside `path` (checks the tag). */
function tempPath(path: string, options: WriteFileAtomicOptions): string {
  const { tag = "w" } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(tag)) {
    throw new RangeError(`Cannot write "${path}": temp tag "${tag}" must be [A-Za-z0-9_-]+`);
  }
  return join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${tag}.${crypto.randomUUID()}`);
}

/**
 * Write `data` to `path` atomically (temp file in the same folder, then
 * rename). The temporary name carries a random UUID, so workers, threads
 * and processes writing into one folder never share one.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const tmp = tempPath(path, options);
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/**
 * Like {@linkcode writeFileAtomic}, for output too large to hold in memory
 * at once: `chunks` are written one after another to the temporary file,
 * which is renamed over `path` only when all were written.
 *
 * @example
 * ```ts
 * import { writeChunksAtomic } from "./atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeChunksAtomic(`${dir}/a.txt`, (function* () { yield "a"; yield "b"; })());
 * console.assert(await Deno.readTextFile(`${dir}/a.txt`) === "ab");
 * ```
 */
export async function writeChunksAtomic(
  path: string,
  chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const tmp = tempPath(path, options);
  const encoder = new TextEncoder();
  const file = await Deno.open(tmp, { write: true, createNew: true });
  try {
    try {
      for await (const chunk of chunks) {
        const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
        let done = 0;
        while (done < bytes.length) done += await file.write(bytes.subarray(done));
      }
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/**
 * Atomic file writes: data goes to a temporary file beside the target and
 * is renamed over it, so a reader never sees a half-written file and a
 * failed run leaves no partial output.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

let counter = 0;

/** Write `data` to `path` atomically (temp file in the same folder, then rename). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.tmp-${basename(path)}.${Deno.pid}.${counter++}`);
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

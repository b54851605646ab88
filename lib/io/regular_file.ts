/**
 * Read input files that must be regular files: a FIFO, a socket or a
 * device would block a reader forever or never end.
 *
 * @module
 */

/** A path that is not a regular file: `reason` says what it is ("a FIFO, not a regular file"). */
export class NotRegularFileError extends TypeError {
  /** The path as given. */
  readonly path: string;
  /** What the path is, e.g. `a FIFO, not a regular file`. */
  readonly reason: string;
  /**
   * Build the error; its message reads `Cannot read "<path>": <reason>`.
   *
   * @example
   * ```ts
   * import { NotRegularFileError } from "./regular_file.ts";
   * const e = new NotRegularFileError("a.dat", "a FIFO, not a regular file");
   * console.assert(e.message === 'Cannot read "a.dat": a FIFO, not a regular file');
   * ```
   */
  constructor(path: string, reason: string) {
    super(`Cannot read "${path}": ${reason}`);
    this.name = "NotRegularFileError";
    this.path = path;
    this.reason = reason;
  }
}

/**
 * The bytes of `path`, which must be a regular file (after following
 * links). Throws a `TypeError` naming the file and what it is otherwise,
 * and the file system's error (`Deno.errors.NotFound`, …) when it cannot
 * be looked at.
 *
 * @example
 * ```ts
 * import { readRegularFile } from "./regular_file.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "x");
 * console.assert((await readRegularFile(`${dir}/a.txt`)).length === 1);
 * let refused = false;
 * try { await readRegularFile(dir); } catch (e) { refused = e instanceof NotRegularFileError; }
 * console.assert(refused);
 * ```
 */
export async function readRegularFile(path: string): Promise<Uint8Array> {
  const info = await Deno.stat(path);
  if (!info.isFile) {
    const what = info.isDirectory
      ? "a folder"
      : info.isFifo
      ? "a FIFO"
      : info.isCharDevice || info.isBlockDevice
      ? "a device"
      : info.isSocket
      ? "a socket"
      : "something else";
    throw new NotRegularFileError(path, `${what}, not a regular file`);
  }
  return await Deno.readFile(path);
}

/** {@linkcode readRegularFile} as UTF-8 text. */
export async function readRegularTextFile(path: string): Promise<string> {
  return new TextDecoder().decode(await readRegularFile(path));
}

/**
 * Read an ONNX model's bytes from a path or an http(s) URL.
 *
 * @module
 */

/**
 * The bytes of `path` (a file path, or an http(s) URL). A missing or
 * unreadable file throws an `Error` saying `Cannot load <what> "<path>"` and why.
 */
export async function readModelBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    if (/^https?:\/\//.test(path)) {
      const response = await fetch(path);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    }
    return await Deno.readFile(path);
  } catch (error) {
    throw new Error(`Cannot load ${what} "${path}": ${describe(error)}`);
  }
}

/** Run `load`, prefixing any error with the model named as in {@linkcode readModelBytes}. */
export async function loadModel<T>(
  path: string,
  what: string,
  load: (bytes: Uint8Array) => Promise<T>,
): Promise<T> {
  const bytes = await readModelBytes(path, what);
  try {
    return await load(bytes);
  } catch (error) {
    throw new Error(`Cannot load ${what} "${path}": ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

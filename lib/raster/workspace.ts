/**
 * Reusable pixel buffers. Allocating a fresh 10 MB buffer costs several
 * milliseconds of page faults, more than drawing a page; a batch that
 * renders page after page passes one {@linkcode Workspace} so that every
 * page reuses the same memory.
 *
 * @module
 */

/**
 * A set of named buffers reused from call to call. An image made with a
 * workspace is valid only until the next page is made with it.
 *
 * @example
 * ```ts
 * import { Workspace } from "./workspace.ts";
 * const ws = new Workspace();
 * const a = ws.buffer("image", 12);
 * console.assert(ws.buffer("image", 12) === a);
 * ```
 */
export class Workspace {
  #buffers = new Map<string, Uint8Array>();

  /**
   * The buffer named `name` with `size` bytes; its contents are whatever
   * was left in it. A buffer keeps its memory when later sizes are smaller
   * (distorted pages vary in size), and grows with some headroom.
   */
  buffer(name: string, size: number): Uint8Array {
    const hit = this.#buffers.get(name);
    if (hit && hit.length >= size) return hit.length === size ? hit : hit.subarray(0, size);
    const fresh = new Uint8Array(hit ? Math.ceil(size * 1.15) : size);
    this.#buffers.set(name, fresh);
    return fresh.length === size ? fresh : fresh.subarray(0, size);
  }

  /** The buffer named `name`, zero-filled. */
  zeroed(name: string, size: number): Uint8Array {
    return this.buffer(name, size).fill(0);
  }
}

/** A fresh buffer, or the workspace's when one is given. */
export function takeBuffer(
  workspace: Workspace | undefined,
  name: string,
  size: number,
): Uint8Array {
  return workspace ? workspace.buffer(name, size) : new Uint8Array(size);
}

/** A zero-filled fresh buffer, or the workspace's when one is given. */
export function takeZeroed(
  workspace: Workspace | undefined,
  name: string,
  size: number,
): Uint8Array {
  return workspace ? workspace.zeroed(name, size) : new Uint8Array(size);
}

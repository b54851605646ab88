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
 * ws.hold([a]);
 * console.assert(ws.buffer("image", 12) !== a);
 * ws.release([a]);
 * console.assert(ws.buffer("image", 12) === a);
 * ```
 */
export class Workspace {
  #buffers = new Map<string, Uint8Array>();
  /** Memory that {@linkcode Workspace.hold} keeps from being handed out again. */
  #held = new Set<ArrayBufferLike>();

  /**
   * The buffer named `name` with `size` bytes; its contents are whatever
   * was left in it. A buffer keeps its memory when later sizes are smaller
   * (distorted pages vary in size), and grows with some headroom. While the
   * buffer of that name is held, a second one of the same name is used.
   */
  buffer(name: string, size: number): Uint8Array {
    const key = this.#isHeld(name) ? `${name}\0second` : name;
    if (this.#isHeld(key)) {
      throw new RangeError(`Cannot take buffer "${name}": both of its buffers are held`);
    }
    const hit = this.#buffers.get(key);
    if (hit && hit.length >= size) return hit.length === size ? hit : hit.subarray(0, size);
    const fresh = new Uint8Array(hit ? Math.ceil(size * 1.15) : size);
    this.#buffers.set(key, fresh);
    return fresh.length === size ? fresh : fresh.subarray(0, size);
  }

  /**
   * Keep the memory under `arrays` (views of this workspace's buffers; others
   * are ignored) from being handed out until {@linkcode Workspace.release}:
   * a page still being encoded holds its image and masks while the next page
   * is drawn with the same workspace.
   */
  hold(arrays: readonly ArrayBufferView[]): void {
    for (const a of arrays) this.#held.add(a.buffer);
  }

  /** Hand the memory under `arrays` out again. */
  release(arrays: readonly ArrayBufferView[]): void {
    for (const a of arrays) this.#held.delete(a.buffer);
  }

  #isHeld(key: string): boolean {
    const b = this.#buffers.get(key);
    return b !== undefined && this.#held.has(b.buffer);
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

/**
 * Cap the number of glibc malloc arenas, as `MALLOC_ARENA_MAX=2` in the
 * environment would, before a batch starts its threads. Every worker and
 * every libvips thread otherwise gets an arena of its own, and freed image
 * buffers stay mapped in them: `--preset mix --masks` with 2 workers peaked
 * at 1.1–1.2 GB with the default arenas and about 0.86 GB with 2.
 *
 * @module
 */

/** glibc's `M_ARENA_MAX` and `M_MMAP_THRESHOLD` (malloc.h). */
const M_ARENA_MAX = -8, M_MMAP_THRESHOLD = -3;

let done = false;

/**
 * Call glibc's `mallopt(M_ARENA_MAX, max)` through FFI, once per process.
 * Does nothing (and returns false) off Linux, without the FFI permission,
 * without glibc (musl), or when `MALLOC_ARENA_MAX` is already set.
 */
export function capMallocArenas(max = 2): boolean {
  if (done) return false;
  done = true;
  if (Deno.build.os !== "linux") return false;
  try {
    if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return false;
    const env = Deno.permissions.querySync({ name: "env", variable: "MALLOC_ARENA_MAX" });
    if (env.state === "granted" && Deno.env.get("MALLOC_ARENA_MAX") !== undefined) return false;
    const libc = Deno.dlopen("libc.so.6", {
      mallopt: { parameters: ["i32", "i32"], result: "i32" },
    });
    try {
      const arenas = libc.symbols.mallopt(M_ARENA_MAX, max) === 1;
      // A fixed threshold: blocks from 4 MB up are mapped on their own and go back to the
      // system when freed (glibc otherwise raises the threshold up to 32 MB after the first
      // large free, and page-sized buffers then fragment the heap).
      libc.symbols.mallopt(M_MMAP_THRESHOLD, 4 << 20);
      return arenas;
    } finally {
      libc.close();
    }
  } catch {
    return false;
  }
}

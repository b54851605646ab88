/**
 * Cap the number of glibc malloc arenas, as `MALLOC_ARENA_MAX=2` in the
 * environment would, before a batch starts its threads. Every worker and
 * every libvips thread otherwise gets an arena of its own, and freed image
 * buffers stay mapped in them: `--preset mix --masks` with 2 workers peaked
 * at 1.1–1.26 GB with the default arenas and 0.86–1.0 GB with 2. (A fixed
 * 4 MB `M_MMAP_THRESHOLD` as well brought it to 0.82 GB and a one-worker
 * photo run from 0.6 to 0.41 GB, but cost 10–20 % more CPU per page in page
 * faults, so it is not set.)
 *
 * @module
 */

/** glibc's `M_ARENA_MAX` (malloc.h). */
const M_ARENA_MAX = -8;

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
      return libc.symbols.mallopt(M_ARENA_MAX, max) === 1;
    } finally {
      libc.close();
    }
  } catch {
    return false;
  }
}

/**
 * The permission check every CLI entry point imports first, before any
 * module that loads a native library. sharp, @napi-rs/canvas and
 * onnxruntime-node read environment variables, ask the system about the
 * machine and open native code while they are being imported, so a missing
 * `--allow-env`, `--allow-sys` or `--allow-ffi` would otherwise end in an
 * uncaught stack trace before `main` runs. Here it ends in one line naming
 * the missing flags, with exit code 2.
 *
 * The check is synchronous on purpose: ES modules evaluate in import order,
 * and a module that awaited would let the next import (sharp) run before it
 * finished. It applies only when the process's main module is one of the
 * entry points in this folder (a test that imports a CLI's `main` with its
 * own permissions is left alone). `--allow-read` and `--allow-write` may be
 * scoped to folders, so they are not required here: a path the process may
 * not touch is reported as one line by `runMain` when it is reached.
 *
 * @module
 */

/** The permissions the native libraries need before anything runs, with their flags. */
export const NATIVE_PERMISSIONS = [
  ["env", "--allow-env"],
  ["sys", "--allow-sys=hostname,homedir,osRelease,cpus"],
  ["ffi", "--allow-ffi=node_modules"],
] as const;

/** The flags every CLI runs with (README.md#permissions). */
export const CLI_FLAGS =
  "--allow-read --allow-write --allow-env --allow-sys=hostname,homedir,osRelease,cpus --allow-ffi=node_modules";

/** The system information the native libraries ask for (`--allow-sys` may be scoped to it). */
const SYS_KINDS = ["hostname", "homedir", "osRelease", "cpus"] as const;

/** Where the native libraries load from (`--allow-ffi` may be scoped to it). */
const NODE_MODULES = decodeURIComponent(new URL("../node_modules", import.meta.url).pathname);

function granted(name: (typeof NATIVE_PERMISSIONS)[number][0]): boolean {
  if (name === "sys") {
    return SYS_KINDS.every((kind) =>
      Deno.permissions.querySync({ name: "sys", kind }).state === "granted"
    );
  }
  if (name === "ffi") {
    return Deno.permissions.querySync({ name: "ffi", path: NODE_MODULES }).state === "granted";
  }
  return Deno.permissions.querySync({ name }).state === "granted";
}

/**
 * The flags of {@linkcode NATIVE_PERMISSIONS} this process was not given
 * (scoped grants count when they cover what the libraries use).
 *
 * @example
 * ```ts
 * import { missingNativePermissions } from "./_permissions.ts";
 * console.assert(Array.isArray(missingNativePermissions()));
 * ```
 */
export function missingNativePermissions(): string[] {
  return NATIVE_PERMISSIONS.filter(([name]) => !granted(name)).map(([, flag]) => flag);
}

/** Whether the main module is a CLI entry point of this folder (not a test importing one). */
function isEntryPoint(): boolean {
  const here = new URL(".", import.meta.url).href;
  const main = Deno.mainModule;
  return main.startsWith(here) && !main.slice(here.length).includes("/") &&
    !main.slice(here.length).startsWith("_");
}

if (isEntryPoint()) {
  const missing = missingNativePermissions();
  if (missing.length > 0) {
    const program = Deno.mainModule.slice(Deno.mainModule.lastIndexOf("/") + 1);
    console.error(
      `error: ${program} needs ${missing.join(", ")} (for the native image, canvas and ` +
        `onnxruntime libraries); run it with ${CLI_FLAGS}, or use deno task (README.md#permissions)`,
    );
    Deno.exit(2);
  }
}

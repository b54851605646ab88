/** Helpers of the CLI tests: run a task as a user does, hash an output folder, copy records. */
import { join, relative } from "node:path";

/** The repository root. */
export const ROOT = new URL("../../", import.meta.url).pathname;
/** The bundled records. */
export const RECORDS = join(ROOT, "fixtures/records");

/** What a finished CLI run gave. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `tasks/<task>.ts` with `args` (all permissions unless `permissions` is given). */
export async function runTask(
  task: string,
  args: readonly string[],
  options: { permissions?: readonly string[]; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...(options.permissions ?? ["-A"]), join(ROOT, `tasks/${task}.ts`), ...args],
    stdout: "piped",
    stderr: "piped",
    // deno task test sets INIT_CWD; the CLIs would move there (see useCallerFolder).
    env: { INIT_CWD: "", ...options.env },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** `deno task generate` with `args`. */
export function generate(...args: string[]): Promise<RunResult> {
  return runTask("generate", args);
}

/**
 * SHA-256 of every file under `dir` by path relative to it, recursively,
 * leaving out the shard manifests (`.shards/`), which differ by shard.
 */
export async function digests(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for await (const e of Deno.readDir(folder)) {
      const path = join(folder, e.name);
      if (e.isDirectory) {
        if (e.name !== ".shards") await walk(path);
        continue;
      }
      const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(path)));
      map.set(
        relative(dir, path),
        Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join(""),
      );
    }
  };
  await walk(dir);
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A temporary folder holding copies of the named WFDB records (`.hea` + `.mat`). */
export async function inputOf(names: readonly string[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const n of names) {
    for (const ext of [".hea", ".mat"]) {
      await Deno.copyFile(join(RECORDS, n + ext), join(dir, n + ext));
    }
  }
  return dir;
}

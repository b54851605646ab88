/**
 * One run at a time per output folder and shard: a lock file
 * `<out>/.shards/shard-<i>-of-<n>.lock` made with `createNew` (atomic on
 * local and NFSv3+ file systems), holding the owner's pid, host and start
 * time, and touched every 30 s while the run lasts. A second run into the
 * same folder and shard is refused with a message naming the owner. A
 * lock is stale, and is taken over, when its process is gone (same host,
 * no `/proc/<pid>`) or it has not been touched for 2 minutes (a run on
 * another host that died).
 *
 * @module
 */
import { join } from "node:path";
import { MANIFEST_DIR } from "./_manifest.ts";

/** A lock not touched for this long is stale. */
export const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 30_000;

/** What a lock file holds. */
interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** A held lock; `release()` removes it. */
export interface BatchLock {
  readonly path: string;
  release(): Promise<void>;
}

/** The lock file of shard `index` of `count` in `out`. */
export function lockPath(out: string, index: number, count: number): string {
  return join(out, MANIFEST_DIR, `shard-${index}-of-${count}.lock`);
}

/**
 * Take the lock of shard `index` of `count` in `out`, or return the reason
 * it is held (a message for the user).
 */
export async function takeLock(
  out: string,
  index: number,
  count: number,
): Promise<BatchLock | string> {
  const path = lockPath(out, index, count);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  const me: LockOwner = { pid: Deno.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await Deno.writeTextFile(path, JSON.stringify(me) + "\n", { createNew: true });
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      const owner = await readOwner(path);
      if (owner !== null && !(await isStale(path, owner))) {
        return `Cannot write into "${out}": shard ${index}/${count} is being made by process ` +
          `${owner.pid} on ${owner.host} since ${owner.started} (lock ${path}); ` +
          `wait for it to finish, or remove the lock if that run is gone`;
      }
      // Stale (or torn while being written by a run that died): take it over.
      await Deno.remove(path).catch(() => {});
      continue;
    }
    const timer = setInterval(() => {
      const now = new Date();
      Deno.utime(path, now, now).catch(() => {});
    }, HEARTBEAT_MS);
    Deno.unrefTimer(timer);
    return {
      path,
      async release() {
        clearInterval(timer);
        const owner = await readOwner(path);
        if (owner?.pid === me.pid && owner.host === me.host) {
          await Deno.remove(path).catch(() => {});
        }
      },
    };
  }
  return `Cannot write into "${out}": could not take the lock ${path}`;
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const v = JSON.parse(await Deno.readTextFile(path));
    return typeof v?.pid === "number" && typeof v?.host === "string"
      ? { pid: v.pid, host: v.host, started: String(v.started ?? "?") }
      : null;
  } catch {
    return null;
  }
}

async function isStale(path: string, owner: LockOwner): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    const touched = info.mtime?.getTime() ?? 0;
    if (Date.now() - touched > LOCK_STALE_MS) return true;
  } catch {
    return true; // gone meanwhile
  }
  if (owner.host !== hostname()) return false;
  if (owner.pid === Deno.pid) return true; // not ours yet: a dead run that had our pid
  try {
    await Deno.stat(`/proc/${owner.pid}`);
    return false;
  } catch (error) {
    // No /proc (macOS, or not readable): trust the heartbeat alone.
    if (!(error instanceof Deno.errors.NotFound)) return false;
    try {
      await Deno.stat("/proc/self");
      return true; // /proc works and the pid is not in it: the process is gone
    } catch {
      return false;
    }
  }
}

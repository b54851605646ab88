/**
 * `--shard i/n`: which share of a sorted batch plan this process makes.
 * Item k of the plan (0-based, in plan order) belongs to shard k mod n, so
 * the shards are disjoint, cover the plan, and each gets an even share of
 * every record's pages with no coordination between them.
 *
 * @module
 */

/** One shard of a batch: `index` in `0..count-1`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole batch as one shard. */
export const WHOLE: Shard = Object.freeze({ index: 0, count: 1 });

/** The most shards a batch may be split into. */
export const MAX_SHARDS = 1_000_000;

/**
 * Read a `--shard` value: `i/n` (0-based `i`), or `env`, which takes the
 * index from `JOB_COMPLETION_INDEX` (a Kubernetes Indexed Job) or
 * `SLURM_ARRAY_TASK_ID` minus `SLURM_ARRAY_TASK_MIN` (a Slurm array), and
 * the count from `SHARD_COUNT`, `JOB_COMPLETION_COUNT` or
 * `SLURM_ARRAY_TASK_COUNT`. Throws a `RangeError` naming what is wrong.
 *
 * @example
 * ```ts
 * import { parseShard } from "./_shard.ts";
 * console.assert(parseShard("2/7").index === 2);
 * console.assert(parseShard("env", { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1",
 *   SLURM_ARRAY_TASK_COUNT: "4" }).index === 2);
 * ```
 */
export function parseShard(
  value: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Shard {
  if (value === "env") return shardFromEnv(env);
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new RangeError(`Invalid option --shard = "${value}": expected i/n or env`);
  return checked(Number(m[1]), Number(m[2]), `--shard ${value}`);
}

function shardFromEnv(env: Readonly<Record<string, string | undefined>>): Shard {
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    if (!/^\d+$/.test(raw.trim())) {
      throw new RangeError(`Invalid ${name} = "${raw}" for --shard env: not an integer >= 0`);
    }
    return Number(raw);
  };
  let index = int("JOB_COMPLETION_INDEX");
  let from = "JOB_COMPLETION_INDEX";
  if (index === undefined) {
    const id = int("SLURM_ARRAY_TASK_ID");
    if (id !== undefined) {
      index = id - (int("SLURM_ARRAY_TASK_MIN") ?? 0);
      from = "SLURM_ARRAY_TASK_ID";
    }
  }
  const count = int("SHARD_COUNT") ?? int("JOB_COMPLETION_COUNT") ??
    int("SLURM_ARRAY_TASK_COUNT");
  if (index === undefined) {
    throw new RangeError(
      "Cannot read --shard env: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set",
    );
  }
  if (count === undefined) {
    throw new RangeError(
      "Cannot read --shard env: set SHARD_COUNT (or JOB_COMPLETION_COUNT, " +
        "SLURM_ARRAY_TASK_COUNT) to the number of shards",
    );
  }
  return checked(index, count, `--shard env (${from})`);
}

function checked(index: number, count: number, what: string): Shard {
  if (!(count >= 1 && count <= MAX_SHARDS)) {
    throw new RangeError(`Invalid ${what}: the shard count must be 1 to ${MAX_SHARDS}`);
  }
  if (!(index >= 0 && index < count)) {
    throw new RangeError(`Invalid ${what}: the index must be 0 to ${count - 1} (0-based)`);
  }
  return { index, count };
}

/** Whether plan item `k` belongs to `shard`. */
export function inShard(k: number, shard: Shard): boolean {
  return k % shard.count === shard.index;
}

/** A short tag for file names: `s0of1`, `s3of7`. */
export function shardTag(shard: Shard): string {
  return `s${shard.index}of${shard.count}`;
}

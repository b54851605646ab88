/**
 * What every CLI shares: terminal-safe messages, one-line errors for a
 * missing permission or an unusable output folder, and the `main` runner.
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../lib/version.ts";

const REPOSITORY = import.meta.url.startsWith("file:")
  ? resolve(fileURLToPath(new URL("..", import.meta.url)))
  : "";

/**
 * `text` with control characters (ESC and the other C0/C1 codes, DEL,
 * line breaks) written as `\x1b`-style escapes, so that a file name or a
 * header field cannot drive the terminal.
 *
 * @example
 * ```ts
 * import { escapeTerminal } from "./_cli.ts";
 * console.assert(escapeTerminal("a\x1b[2Jb\n") === "a\\x1b[2Jb\\x0a");
 * ```
 */
export function escapeTerminal(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Whether `error` is Deno's refusal for a permission the process was not given. */
export function isPermissionError(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied;
}

/**
 * Create the output folder `dir` (and its parents); throws an `Error` with a
 * one-line message naming the folder when it is a file or cannot be made.
 */
export async function prepareOutDir(dir: string, option = "--out"): Promise<void> {
  try {
    const info = await Deno.stat(dir);
    if (!info.isDirectory) {
      throw new Error(`Cannot use ${option} "${dir}": it is a file, not a folder`);
    }
    return;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw wrapIo(error, option, dir);
  }
  try {
    await Deno.mkdir(dir, { recursive: true });
  } catch (error) {
    throw wrapIo(error, option, dir);
  }
}

function wrapIo(error: unknown, option: string, dir: string): Error {
  if (error instanceof Error && error.message.startsWith("Cannot use")) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new Error(`Cannot use ${option} "${dir}": ${why}`);
}

/**
 * Run a CLI's `main` and exit with its code. An uncaught permission refusal
 * or I/O error becomes one escaped line on stderr (exit 2 or 1) instead of
 * a stack trace.
 */
export async function runMain(main: (args: string[]) => Promise<number>): Promise<never> {
  let code: number;
  try {
    useCallerFolder();
    code = await main(Deno.args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isPermissionError(error)) {
      console.error(
        `error: ${escapeTerminal(message)}\n` +
          `The deno tasks grant read access to the repository and your inputs and write ` +
          `access to your outputs; run \`deno run\` with the flags in README.md#permissions.`,
      );
      code = 2;
    } else {
      console.error(`error: ${escapeTerminal(message)}`);
      code = 1;
    }
  }
  Deno.exit(code);
}

/** `path` resolved, for comparing folders. */
export function absolute(path: string): string {
  return resolve(path);
}

/**
 * Work in the folder the user ran `deno task` from. `deno task` runs every
 * command in the repository root and says where the user was in
 * `INIT_CWD`; relative paths on the command line mean that folder. (A
 * task that names repository files itself sets `INIT_CWD=$PWD`.)
 */
export function useCallerFolder(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): void {
  const init = env.INIT_CWD;
  // Only a process that deno task started in the repository root moves: a
  // CLI started elsewhere (a binary, a script in its own folder) stays.
  if (!init || resolve(Deno.cwd()) !== REPOSITORY || resolve(init) === REPOSITORY) return;
  try {
    Deno.chdir(init);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot work in the folder deno task was run from (INIT_CWD "${init}"): ${why}`,
    );
  }
}

/** The line `--version` prints. */
export function versionLine(program: string): string {
  return `${program} (ecg-image toolkit) ${VERSION}`;
}

/** The options every CLI takes besides its own: `-h`/`--help` and `--version`. */
export const COMMON_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/**
 * A parse error from `node:util` `parseArgs` as one line for the user, with
 * a "did you mean" for a mistyped option (the closest of `known`, when it is
 * close enough to be a likely typo).
 *
 * @example
 * ```ts
 * import { explainParseError } from "./_cli.ts";
 * const error = new TypeError("Unknown option '--ouy'. To specify a positional argument…");
 * console.assert(explainParseError(error, ["out", "input"]).endsWith("did you mean --out?"));
 * ```
 */
export function explainParseError(error: unknown, known: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '(-{1,2})([^'=]+)'/.exec(message);
  if (!unknown) return message;
  const given = unknown[2]!;
  const head = `Unknown option '${unknown[1]}${given}'`;
  if (unknown[1] === "-" && given.length === 1) {
    // A short option: offer the long options that start with its letter, never a fuzzy match
    // (-i is not a typo of --dpi).
    const starts = known.filter((name) => name.startsWith(given) && name.length > 1);
    return starts.length === 0 || starts.length > 3
      ? `${head}; this command's options are long (--help lists them)`
      : `${head}; did you mean ${starts.map((name) => `--${name}`).join(" or ")}?`;
  }
  const guess = closest(given.replace(/^no-/, ""), known);
  return guess === null ? head : `${head}; did you mean --${guess}?`;
}

/** The name in `names` nearest to `word` in edit distance, if within a third of its length (at least 2). */
export function closest(word: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = name.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = row;
  }
  return previous[b.length]!;
}

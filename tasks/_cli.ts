/**
 * What every CLI shares: terminal-safe messages, one-line errors for a
 * missing permission or an unusable output folder, and the `main` runner.
 *
 * @module
 */
import { resolve } from "node:path";

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

/**
 * `ecg`: the three commands in one program, as `deno task compile` builds
 * it into a single binary: `ecg generate|digitize|evaluate [options]`.
 *
 * @module
 */
// First: refuses with one line when a native library would lack its permissions.
import "./_permissions.ts";
import { escapeTerminal, runMain, versionLine } from "./_cli.ts";
import { main as digitize } from "./digitize.ts";
import { main as evaluate } from "./evaluate.ts";
import { main as generate } from "./generate.ts";

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  generate,
  digitize,
  evaluate,
};

const USAGE = `Usage: ecg <command> [options]

Commands:
  generate   records to synthetic paper-ECG images with ground truth
  digitize   ECG images to 12-lead signal tables
  evaluate   score digitizer output against ground truth

Run "ecg <command> --help" for a command's options; "ecg --version" for the version.
Paths are relative to the folder you run ecg from.`;

/** Run `ecg` with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    console.log(versionLine("ecg"));
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(
      `error: unknown command "${escapeTerminal(command)}" (generate, digitize or evaluate)\n` +
        `Run "ecg --help" for usage.`,
    );
    return 2;
  }
  return await run(rest);
}

if (import.meta.main) await runMain(main);

/**
 * What the front ends for other tools' command lines (`deno task kit`,
 * `deno task synthesize`) share: they turn their flags into our settings
 * and run the same batch as `deno task generate`, with its atomic writes,
 * workers, manifest and index.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import type { Settings } from "../lib/generate/config.ts";
import { RECORD_RATE_RANGE_HZ } from "../lib/generate/generate.ts";
import { resolveGenerateOptions } from "../lib/generate/options.ts";
import { describe } from "../lib/io/read_record.ts";
import { escapeTerminal, prepareOutDir } from "./_cli.ts";
import { runBatch } from "./_generate_batch.ts";
import { WHOLE } from "./_shard.ts";

/** One batch to run. */
export interface FrontEndRun {
  /** Record files to draw (absolute or relative), in plan order. */
  files: readonly string[];
  /** The input folder (or the single file's folder) that sub-folders are mirrored from. */
  inputRoot: string;
  /** The output folder. */
  out: string;
  /** The settings the flags gave. */
  settings: Settings;
  /** Mirror the input's sub-folders under `out`. */
  keepFolders: boolean;
  /** Paper photo textures for the wrinkles family. */
  textures?: readonly string[];
  /** Worker threads; default all cores (at most one per record). */
  workers?: number;
  /** No progress bar. */
  quiet: boolean;
}

/**
 * Check the settings and run the batch; returns the exit code (2, with
 * one line on stderr, when the settings are impossible or the output
 * folder cannot be made; nothing is written then).
 */
export async function runFrontEnd(run: FrontEndRun, usageError: (m: string) => number) {
  const { settings } = run;
  try {
    resolveGenerateOptions(settings.generate);
    const r = settings.output.sampleRateHz;
    const [minHz, maxHz] = RECORD_RATE_RANGE_HZ;
    if (r !== undefined && !(r >= minHz && r <= maxHz)) {
      throw new RangeError(`sampling rate ${r} Hz must be between ${minHz} and ${maxHz} Hz`);
    }
  } catch (error) {
    return usageError(describe(error));
  }
  try {
    await prepareOutDir(run.out, "the output folder");
  } catch (error) {
    return usageError(describe(error));
  }
  const o = settings.output;
  const workers = Math.max(
    1,
    Math.min(run.workers ?? o.workers ?? navigator.hardwareConcurrency, run.files.length),
  );
  const { code } = await runBatch({
    files: run.files.map((f) => resolve(f)),
    inputRoot: resolve(run.inputRoot),
    out: resolve(run.out),
    generate: settings.generate,
    write: {
      ...(o.format ? { format: o.format } : {}),
      ...(o.jpegQuality ? { jpegQuality: o.jpegQuality } : {}),
      ...(o.maskFormat ? { maskFormat: o.maskFormat } : {}),
      ...(o.wfdb ? { wfdb: true } : {}),
    },
    ...(o.sampleRateHz ? { sampleRateHz: o.sampleRateHz } : {}),
    textures: (run.textures ?? []).map((t) => resolve(t)),
    shard: WHOLE,
    keepFolders: run.keepFolders,
    force: false,
    workers,
    quiet: run.quiet,
  });
  return code;
}

/** The folder sub-folders are mirrored from: `input` itself, or its folder when it is a file. */
export async function inputRootOf(input: string): Promise<string> {
  const info = await Deno.stat(input);
  return info.isFile ? dirname(input) : input;
}

/** A one-line usage error for `tool` on stderr; returns exit code 2. */
export function usageErrorFor(tool: string): (message: string) => number {
  return (message) => {
    console.error(`error: ${escapeTerminal(message)}\nRun deno task ${tool} --help for usage.`);
    return 2;
  };
}

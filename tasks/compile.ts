/**
 * `deno task compile`: build the single `ecg` binary (`ecg generate`,
 * `ecg digitize`, `ecg evaluate`) with every asset it needs embedded: the
 * worker modules, the segmenter model and the npm packages (fonts, sharp,
 * the canvas, onnxruntime) for the target platform only.
 *
 * `deno compile` appends the program to Deno's `denort` runtime, which it
 * downloads from dl.deno.land unless `DENORT_BIN` names a local copy (from
 * the release archive `denort-<target>.zip`, same version as this Deno).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeTerminal, explainParseError, runMain } from "./_cli.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const USAGE = `Usage: deno task compile [--out <dir>] [--target <triple>]

Builds <out>/ecg (default out: dist/), one binary with the generate, digitize
and evaluate commands ("ecg generate --help"). It runs from any folder, with
paths relative to where it is run, and needs no Deno or npm on the machine.

  --out <dir>         where to write the binary [default: dist]
  --target <triple>   another platform (x86_64-unknown-linux-gnu,
                      aarch64-unknown-linux-gnu, x86_64-apple-darwin,
                      aarch64-apple-darwin, x86_64-pc-windows-msvc)
  -h, --help          this text

deno compile downloads its runtime (denort) from dl.deno.land. Offline, or
behind a proxy that blocks it, set DENORT_BIN to a denort binary of Deno
${Deno.version.deno} (from denort-<target>.zip of the Deno release).`;

/** The files each binary embeds besides the module graph. */
export const INCLUDE = [
  "tasks/_generate_worker.ts",
  "tasks/_digitize_worker.ts",
  "models/trace_segmenter.onnx",
  "models/trace_reader.onnx",
  "schemas/ground_truth.schema.json",
  "config/default.yaml",
];

/** Native-code folders of npm packages that a build for `target` does not need. */
export function excludesFor(target: string): string[] {
  const ort =
    "node_modules/.deno/onnxruntime-node@1.23.0/node_modules/onnxruntime-node/bin/napi-v6";
  const os = target.includes("windows") ? "win32" : target.includes("darwin") ? "darwin" : "linux";
  const out = ["win32", "darwin", "linux"].filter((o) => o !== os).map((o) => `${ort}/${o}`);
  if (os === "linux") {
    // glibc builds do not load the musl variants.
    out.push("node_modules/.deno/@napi-rs+canvas-linux-x64-musl@1.0.11");
    out.push("node_modules/.deno/@img+sharp-libvips-linuxmusl-x64@1.3.0");
    out.push("node_modules/.deno/@img+sharp-linuxmusl-x64@0.35.0");
  }
  // Test-only packages.
  out.push("node_modules/.deno/fast-check@4.3.0", "node_modules/.deno/ajv@8.17.1");
  return out.filter((p) => exists(join(ROOT, p)));
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The `deno compile` arguments for `target`, writing `output`. */
export function compileArgs(output: string, target: string | undefined): string[] {
  const host = Deno.build.target;
  return [
    "compile",
    "--quiet",
    "--allow-read",
    "--allow-write",
    "--allow-env",
    "--allow-sys",
    "--allow-ffi",
    ...INCLUDE.flatMap((f) => ["--include", f]),
    ...excludesFor(target ?? host).flatMap((f) => ["--exclude", f]),
    ...(target ? ["--target", target] : []),
    "--output",
    output,
    "tasks/ecg.ts",
  ];
}

/** Run the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        target: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`error: ${explainParseError(error, ["out", "target", "help"])}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = resolve(values.out ?? join(ROOT, "dist"));
  await Deno.mkdir(outDir, { recursive: true });
  const windows = (values.target ?? Deno.build.target).includes("windows");
  const output = join(outDir, windows ? "ecg.exe" : "ecg");
  const runtime = Deno.env.get("DENORT_BIN");
  if (runtime) {
    const info = await Deno.stat(runtime).catch(() => null);
    if (!info?.isFile) {
      console.error(
        `error: DENORT_BIN "${escapeTerminal(runtime)}" is not a file: set it to a denort ` +
          `binary of Deno ${Deno.version.deno} (README.md#single-binary)`,
      );
      return 2;
    }
  }
  console.error(
    `Building ${output} (${values.target ?? Deno.build.target}) with the runtime ` +
      (runtime ? `DENORT_BIN=${runtime}` : "deno compile downloads (set DENORT_BIN offline)"),
  );
  const result = await new Deno.Command(Deno.execPath(), {
    args: compileArgs(output, values.target),
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  if (result.code !== 0) {
    const hint = !runtime && /dl\.deno\.land|download|denort/i.test(stderr)
      ? `; the denort runtime could not be downloaded: set DENORT_BIN to a denort binary of ` +
        `Deno ${Deno.version.deno} (README.md#single-binary)`
      : "";
    console.error(`error: deno compile failed: ${escapeTerminal(compileFailure(stderr))}${hint}`);
    return 1;
  }
  const size = Deno.statSync(output).size / 2 ** 20;
  console.error(`Wrote ${output} (${size.toFixed(0)} MiB). Try: ${output} generate --help`);
  return 0;
}

/**
 * The cause of a failed `deno compile` in one line, from its stderr: the
 * `error:` line and the causes under it, without colours or Deno's Rust
 * backtrace.
 *
 * @example
 * ```ts
 * import { compileFailure } from "./compile.ts";
 * const stderr = "\x1b[31merror\x1b[0m: Writing executable\n\nCaused by:\n" +
 *   "    0: Could not find denort at '/x'\n\nStack backtrace:\n   0: <unknown>\n";
 * console.assert(compileFailure(stderr) === "Writing executable: Could not find denort at '/x'");
 * ```
 */
export function compileFailure(stderr: string): string {
  // deno-lint-ignore no-control-regex
  const plain = stderr.replace(/\x1b\[[0-9;]*m/g, "").split("Stack backtrace:")[0]!;
  const lines = plain.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const first = lines.findIndex((l) => l.startsWith("error:"));
  if (first < 0) return lines.at(-1) ?? "no message";
  const parts = [lines[first]!.slice("error:".length).trim()];
  for (const line of lines.slice(first + 1)) {
    const cause = /^\d+: (.*)$/.exec(line);
    if (cause) parts.push(cause[1]!);
    else if (line !== "Caused by:") break;
  }
  return parts.join(": ");
}

if (import.meta.main) await runMain(main);

/**
 * Command lines written for Python's argparse, read as argparse reads
 * them: single-dash long names (`-se 10`, `-rot 5`), `--name=value`, an
 * option whose value is optional (`--store_config` alone or
 * `--store_config 2`), and unambiguous prefixes of `--` names
 * (`--random_print` for `--random_print_header`). The front ends for
 * other tools' command lines (`tasks/kit.ts`, `tasks/synthesize.ts`) use
 * it.
 *
 * @module
 */
import { closest } from "./_cli.ts";

/** One flag: its spellings, and what its value is. */
export interface FlagSpec {
  /** Every spelling, with its dashes (`-se`, `--seed`). The first names the flag in messages. */
  readonly names: readonly string[];
  /** Where the value goes. */
  readonly dest: string;
  /** `bool`: no value (true when given); `int`, `float`, `string`: one value; `optional-int`: a whole number or nothing (then `optionalValue`). */
  readonly kind: "bool" | "int" | "float" | "string" | "optional-int";
  /** The value of an `optional-int` flag given without one. */
  readonly optionalValue?: number;
}

/** Parsed values by `dest`, and which flag spelling set each. */
export interface Parsed {
  /** Values of the flags given. */
  readonly values: Record<string, string | number | boolean>;
  /** The spelling the user wrote for each `dest` given. */
  readonly spelled: Record<string, string>;
}

/**
 * Parse `args` by `specs`; with `spacedEquals`, a lone `=` token between
 * a flag and its value is skipped. Throws an `Error` with one line naming the
 * flag (`Unknown option '-sd'; did you mean -se?`, `-r needs a
 * whole number, got "abc"`).
 *
 * @example
 * ```ts
 * import { parseArgparse } from "./_argparse.ts";
 * const { values } = parseArgparse(["-se", "10", "--random_print", "0.5", "--store_config"], [
 *   { names: ["-se", "--seed"], dest: "seed", kind: "int" },
 *   { names: ["--random_print_header"], dest: "header", kind: "float" },
 *   { names: ["--store_config"], dest: "store", kind: "optional-int", optionalValue: 1 },
 * ], "kit");
 * console.assert(values.seed === 10 && values.header === 0.5 && values.store === 1);
 * ```
 */
export function parseArgparse(
  args: readonly string[],
  specs: readonly FlagSpec[],
  tool: string,
  options: { spacedEquals?: boolean } = {},
): Parsed {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const values: Record<string, string | number | boolean> = {};
  const spelled: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    if (!token.startsWith("-") || token === "-" || isNumber(token)) {
      throw new Error(`Unexpected argument "${token}" for ${tool}: every value follows its flag`);
    }
    const eq = token.startsWith("--") ? token.indexOf("=") : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const spec = lookUp(name, byName, tool);
    spelled[spec.dest] = name;
    if (spec.kind === "bool") {
      if (inline !== undefined) throw new Error(`${name} takes no value, got "${inline}"`);
      values[spec.dest] = true;
      continue;
    }
    let raw = inline;
    // `--flag = value`, as some READMEs write it (a separate "=" token), when asked for.
    if (raw === undefined && options.spacedEquals && args[i + 1] === "=") i++;
    if (raw === undefined) {
      const next = args[i + 1];
      const takes = next !== undefined &&
        (spec.kind === "optional-int"
          ? /^-?\d+$/.test(next)
          : !next.startsWith("-") || isNumber(next));
      if (takes) {
        raw = next;
        i++;
      }
    }
    if (raw === undefined) {
      if (spec.kind === "optional-int") {
        values[spec.dest] = spec.optionalValue ?? 1;
        continue;
      }
      throw new Error(`${name} needs a value`);
    }
    values[spec.dest] = convert(name, spec.kind, raw);
  }
  return { values, spelled };
}

function lookUp(name: string, byName: Map<string, FlagSpec>, tool: string): FlagSpec {
  const exact = byName.get(name);
  if (exact) return exact;
  if (name.startsWith("--") && name.length > 2) {
    const matches = [...byName.keys()].filter((n) => n.startsWith("--") && n.startsWith(name));
    const specs = new Set(matches.map((n) => byName.get(n)!));
    if (specs.size === 1) return [...specs][0]!;
    if (specs.size > 1) {
      throw new Error(`Ambiguous option '${name}' for ${tool}: could be ${matches.join(", ")}`);
    }
  }
  const bare = name.replace(/^-+/, "");
  const names = [...byName.keys()];
  const guess = closest(bare, names.map((n) => n.replace(/^-+/, "")));
  const full = guess === null ? null : names.find((n) => n.replace(/^-+/, "") === guess);
  const head = `Unknown option '${name}'`;
  return fail(full ? `${head}; did you mean ${full}?` : `${head} (${tool} takes no such flag)`);
}

function fail(message: string): never {
  throw new Error(message);
}

function isNumber(token: string): boolean {
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(token);
}

function convert(name: string, kind: FlagSpec["kind"], raw: string): string | number {
  if (kind === "string") return raw;
  if (kind === "int" || kind === "optional-int") {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`${name} needs a whole number, got "${raw}"`);
    return Number(raw);
  }
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) {
    throw new Error(`${name} needs a number, got "${raw}"`);
  }
  return v;
}

/**
 * File stems of generated pages: visible, safe file names whatever the
 * record is called.
 *
 * @module
 */

/**
 * The part of a page's file stem that names its record: the record name
 * with control characters and path separators replaced by `_`, and `_`
 * put before a leading `.` (a hidden file, which folder walks skip, or a
 * name that could collide with the `.tmp-` names of atomic writes) or `-`
 * (read as an option by command-line tools). An empty name gives `_`.
 * Pages are `<recordStem>-<window>[-<variant>]`, so no output file name
 * starts with `.` or `-`.
 *
 * @example
 * ```ts
 * import { recordStem } from "./stem.ts";
 * console.assert(recordStem("00001_lr") === "00001_lr");
 * console.assert(recordStem(".hidden") === "_.hidden");
 * console.assert(recordStem("") === "_");
 * ```
 */
export function recordStem(name: string): string {
  // deno-lint-ignore no-control-regex
  const cleaned = name.replace(/[\x00-\x1f\x7f/\\]/g, "_");
  if (cleaned === "") return "_";
  return cleaned.startsWith(".") || cleaned.startsWith("-") ? `_${cleaned}` : cleaned;
}

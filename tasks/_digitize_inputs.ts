/**
 * Which files `deno task digitize` reads: images found in folders, less the
 * side files our generator writes beside each page (masks, clean traces)
 * and whatever `--exclude` names.
 *
 * @module
 */
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { findFiles } from "../lib/io/discover.ts";

/** Extensions the digitizer reads in folders: images, and PDFs (each page an image). */
export const INPUT_EXTENSIONS = [
  ".png",
  ".jpg",
  ".jpeg",
  ".bmp",
  ".tif",
  ".tiff",
  ".webp",
  ".pdf",
] as const;

/**
 * The page a generator side file belongs to: `<stem>.mask-<c>.png` (a
 * segmentation mask) or `<stem>.clean.png` (the trace-only image) give
 * `<stem>`; any other name gives `null`.
 *
 * @example
 * ```ts
 * import { sideFileStem } from "./_digitize_inputs.ts";
 * console.assert(sideFileStem("out/E1-0.mask-3.png") === "E1-0");
 * console.assert(sideFileStem("out/E1-0.png") === null);
 * ```
 */
export function sideFileStem(path: string): string | null {
  const m = /^(.+)\.(?:mask-\d+|clean)\.png$/i.exec(basename(path));
  return m ? m[1]! : null;
}

/**
 * A glob as a regular expression over `/`-separated paths: `**` any run of
 * folders, `*` any run of characters within a name, `?` one character,
 * `{a,b}` either; the rest literal.
 *
 * @example
 * ```ts
 * import { globToRegExp } from "./_digitize_inputs.ts";
 * console.assert(globToRegExp("**\/*.mask-*.png").test("a/b/x.mask-1.png"));
 * console.assert(!globToRegExp("*.jpg").test("a/x.jpg"));
 * ```
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) re += "\\{";
      else {
        re += `(?:${glob.slice(i + 1, end).split(",").map(escapeRegExp).join("|")})`;
        i = end;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What {@linkcode gatherInputs} found. */
export interface GatheredInputs {
  /** The files to digitize, in order: each input's files sorted. */
  files: string[];
  /** Generator side files left out (masks, clean traces). */
  sideFiles: string[];
  /** Files left out by `--exclude`. */
  excluded: string[];
}

/**
 * The files to digitize from `inputs` (files as given, folders searched
 * recursively for {@linkcode INPUT_EXTENSIONS}), skipping the `skip`
 * folders. In folders, a generator side file ({@linkcode sideFileStem})
 * is left out when its page (`<stem>` with an image extension, or
 * `<stem>.json`) lies beside it. A file matching one of `exclude` (as its
 * path relative to the input folder, its name, or its path as given) is
 * left out, named explicitly or not. Throws when an input cannot be read.
 */
export async function gatherInputs(
  inputs: readonly string[],
  options: { skip?: readonly string[]; exclude?: readonly string[] } = {},
): Promise<GatheredInputs> {
  const patterns = (options.exclude ?? []).map((g) => globToRegExp(g.replaceAll("\\", "/")));
  const excludedBy = (path: string, root: string): boolean => {
    const slash = (p: string) => p.split(sep).join("/");
    const names = [slash(relative(root, path)), basename(path), slash(path)];
    return patterns.some((p) => names.some((n) => p.test(n)));
  };
  const result: GatheredInputs = { files: [], sideFiles: [], excluded: [] };
  for (const input of inputs) {
    const info = await Deno.stat(input);
    if (info.isFile) {
      if (excludedBy(input, dirname(input))) result.excluded.push(input);
      else result.files.push(input); // named explicitly: tried whatever its extension
      continue;
    }
    const found = await findFiles(input, INPUT_EXTENSIONS, { skip: options.skip ?? [] });
    const present = new Set(found.map((f) => resolve(f)));
    for (const file of found) {
      if (excludedBy(file, input)) {
        result.excluded.push(file);
        continue;
      }
      const page = sideFileStem(file);
      if (page !== null && await hasPage(dirname(file), page, present)) {
        result.sideFiles.push(file);
        continue;
      }
      result.files.push(file);
    }
  }
  return result;
}

async function hasPage(dir: string, stem: string, present: Set<string>): Promise<boolean> {
  for (const ext of [".png", ".jpg", ".jpeg"]) {
    if (present.has(resolve(join(dir, stem + ext)))) return true;
  }
  try {
    return (await Deno.stat(join(dir, `${stem}.json`))).isFile;
  } catch {
    return false;
  }
}

/** `file`'s name without folder and extension. */
export function stemOf(file: string): string {
  return basename(file, extname(file));
}

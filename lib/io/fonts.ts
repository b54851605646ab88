/**
 * The font files the toolkit draws with, all from npm packages, and one way
 * to register them with @napi-rs/canvas that works wherever the package is
 * used: in this repository, from another project that imports `mod.ts`
 * (its own import map knows nothing of ours) and inside a `deno compile`
 * binary (whose files are not on the real file system, so fonts are read as
 * bytes rather than handed to the native code as paths).
 *
 * @module
 */
// The packages hold only font files, so nothing would make Deno fetch them;
// importing their package.json puts them in the module graph.
import "npm:dejavu-fonts-ttf@2.37.3/package.json" with { type: "json" };
import "npm:@expo-google-fonts/noto-serif@0.4.2/package.json" with { type: "json" };
import "npm:@expo-google-fonts/courier-prime@0.4.1/package.json" with { type: "json" };
import "npm:@expo-google-fonts/roboto-condensed@0.4.2/package.json" with { type: "json" };
import "npm:@expo-google-fonts/caveat@0.4.2/package.json" with { type: "json" };
import { GlobalFonts } from "npm:@napi-rs/canvas@1.0.11";
import { fileURLToPath } from "node:url";

const DEJAVU = "npm:dejavu-fonts-ttf@2.37.3/ttf/";

/** Every font file, by a short name, as a fully qualified npm specifier. */
export const FONT_FILES = {
  "DejaVuSans": `${DEJAVU}DejaVuSans.ttf`,
  "DejaVuSans-Bold": `${DEJAVU}DejaVuSans-Bold.ttf`,
  "DejaVuSansCondensed": `${DEJAVU}DejaVuSansCondensed.ttf`,
  "DejaVuSerif": `${DEJAVU}DejaVuSerif.ttf`,
  "DejaVuSansMono": `${DEJAVU}DejaVuSansMono.ttf`,
  "NotoSerif": "npm:@expo-google-fonts/noto-serif@0.4.2/400Regular/NotoSerif_400Regular.ttf",
  "CourierPrime":
    "npm:@expo-google-fonts/courier-prime@0.4.1/400Regular/CourierPrime_400Regular.ttf",
  "RobotoCondensed":
    "npm:@expo-google-fonts/roboto-condensed@0.4.2/400Regular/RobotoCondensed_400Regular.ttf",
  "Caveat": "npm:@expo-google-fonts/caveat@0.4.2/400Regular/Caveat_400Regular.ttf",
} as const;

/** A font file's short name. */
export type FontFile = keyof typeof FONT_FILES;

/**
 * The bytes of a font file; throws an `Error` naming the font and the
 * package when it cannot be found or read.
 *
 * @example
 * ```ts
 * import { readFont } from "./fonts.ts";
 * const ttf = readFont("DejaVuSans");
 * console.assert(ttf[0] === 0 && ttf[1] === 1); // a TrueType file starts 00 01 00 00
 * ```
 */
export function readFont(name: FontFile): Uint8Array {
  const spec = FONT_FILES[name];
  try {
    return Deno.readFileSync(fileURLToPath(import.meta.resolve(spec)));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot load the font ${name} (${spec}): ${why}`);
  }
}

const registered = new Map<string, boolean>();

/**
 * Register a font file with the canvas under `family`; whether it worked
 * (the outcome is cached, so each file is read once).
 */
export function registerFont(name: FontFile, family: string): boolean {
  const key = `${name}\u0000${family}`;
  const known = registered.get(key);
  if (known !== undefined) return known;
  let ok = false;
  try {
    ok =
      GlobalFonts.register(readFont(name) as Parameters<typeof GlobalFonts.register>[0], family) !==
        null;
  } catch {
    ok = false;
  }
  registered.set(key, ok);
  return ok;
}

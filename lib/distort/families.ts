/**
 * Every distortion family, in the order the pipeline applies them: paper
 * effects on the flat page, then geometric steps, then what the camera or
 * scanner does.
 *
 * @module
 */
import * as capture from "./capture/mod.ts";
import * as geometry from "./geometry/mod.ts";
import * as paper from "./paper/mod.ts";
import type { Family } from "./types.ts";

/** Pipeline order by family name; any family not listed runs after the listed ones of its kind. */
const ORDER = [
  // paper, on the flat page
  "wrinkles",
  "creases",
  "stains",
  "mould",
  "handwriting",
  // geometry: the paper bends, lies turned on a surface, the camera looks at it
  "waves",
  "elastic",
  "rotation",
  "pad",
  "perspective",
  "lens",
  "crop",
  // capture
  "background",
  "lighting",
  "screen",
  "colour",
  "blur",
  "noise",
  "scan",
  "channel_swap",
  "qr_code",
  "jpeg",
];

const KINDS = ["paper", "geometry", "capture"] as const;

function isFamily(value: unknown): value is Family {
  if (value === null || typeof value !== "object") return false;
  const v = value as Partial<Family>;
  return typeof v.name === "string" && typeof v.sample === "function" &&
    typeof v.validate === "function" && (KINDS as readonly string[]).includes(v.kind as string);
}

function ordered(): readonly Family[] {
  const found = new Map<string, Family>();
  for (const ns of [paper, geometry, capture]) {
    for (const value of Object.values(ns)) if (isFamily(value)) found.set(value.name, value);
  }
  const rank = (f: Family): number => {
    const i = ORDER.indexOf(f.name);
    return KINDS.indexOf(f.kind) * 1000 + (i < 0 ? 999 : i);
  };
  return Object.freeze([...found.values()].sort((a, b) => rank(a) - rank(b)));
}

/** Every family, in pipeline order. */
export const FAMILIES: readonly Family[] = ordered();

/** The family names, in pipeline order. */
export function familyNames(): string[] {
  return FAMILIES.map((f) => f.name);
}

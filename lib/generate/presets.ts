/**
 * Named presets: bundles of options named after the Kaggle image types.
 * Explicit options always override the preset's.
 *
 * @module
 */
import type { GenerateOptions } from "./options.ts";

/** The presets, by name. */
export const PRESETS: Readonly<Record<string, Readonly<GenerateOptions>>> = Object.freeze({
  /** A clean render: the defaults, nothing added. */
  "0001": Object.freeze({}),
});

/** The names of the presets. */
export function presetNames(): string[] {
  return Object.keys(PRESETS);
}

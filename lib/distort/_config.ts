/**
 * Checking paper and capture family settings, drawing from their ranges and reading
 * drawn parameters back.
 *
 * @module
 */
import type { Rng } from "../random/rng.ts";
import type { FamilyConfig, Params } from "./types.ts";

/** What a setting may hold: a number or `[min, max]` range within bounds, or choices from a list. */
export type SettingSpec =
  | { readonly type: "range"; readonly lo: number; readonly hi: number; readonly whole?: boolean }
  | { readonly type: "choices"; readonly values: readonly string[] };

function fail(family: string, key: string, value: unknown, why: string): never {
  throw new RangeError(
    `Invalid option distortions.${family}.${key} = ${JSON.stringify(value)}: ${why}`,
  );
}

/**
 * Check every setting of `config` that `specs` names. Throws a `RangeError`
 * like `Invalid option distortions.noise.gaussian_sigma = [5,1]: min must
 * not exceed max`.
 */
export function checkSettings(
  family: string,
  config: Readonly<FamilyConfig>,
  specs: Readonly<Record<string, SettingSpec>>,
): void {
  for (const [key, spec] of Object.entries(specs)) {
    const value = config[key];
    if (value === undefined) continue;
    if (spec.type === "choices") {
      const list = typeof value === "string" ? [value] : value;
      const ok = Array.isArray(list) && list.length > 0 &&
        list.every((v) => typeof v === "string" && spec.values.includes(v));
      if (!ok) fail(family, key, value, `must be one or more of ${spec.values.join(", ")}`);
      continue;
    }
    const what = spec.whole ? "a whole number" : "a number";
    const check = (v: unknown): void => {
      if (typeof v !== "number" || !Number.isFinite(v) || (spec.whole && !Number.isInteger(v))) {
        fail(family, key, value, `must be ${what} or a range [min, max] of them`);
      }
      if (v < spec.lo || v > spec.hi) {
        fail(family, key, value, `must be ${what} from ${spec.lo} to ${spec.hi}`);
      }
    };
    if (Array.isArray(value)) {
      if (value.length !== 2) fail(family, key, value, "a range must be [min, max]");
      check(value[0]);
      check(value[1]);
      if ((value[0] as number) > (value[1] as number)) {
        fail(family, key, value, "min must not exceed max");
      }
    } else check(value);
  }
}

/** The `[min, max]` of a range setting (a fixed number gives `[v, v]`), falling back to `defaults`. */
export function rangeOf(
  config: Readonly<FamilyConfig>,
  defaults: Readonly<FamilyConfig>,
  key: string,
): [number, number] {
  const value = config[key] ?? defaults[key];
  if (typeof value === "number") return [value, value];
  if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "number") {
    return [value[0], value[1]];
  }
  throw new RangeError(`Cannot draw distortion parameter: ${key} is not a number or range`);
}

/** The list of choices of a choice setting (a string or a list), falling back to `defaults`. */
export function choicesOf(
  config: Readonly<FamilyConfig>,
  defaults: Readonly<FamilyConfig>,
  key: string,
): readonly string[] {
  const value = config[key] ?? defaults[key];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0) return value as readonly string[];
  throw new RangeError(`Cannot draw distortion parameter: ${key} is not a list of choices`);
}

/** A sub-seed for regenerating a big random field in `apply`. */
export function drawSeed(rng: Rng): number {
  return Math.floor(rng.next() * 2147483647);
}

/** Draw one of the choices of a choice setting (a string or a list), falling back to `defaults`. */
export function pickChoice(
  rng: Rng,
  config: Readonly<FamilyConfig>,
  defaults: Readonly<FamilyConfig>,
  key: string,
): string {
  const value = config[key] ?? defaults[key];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === "string") {
    return rng.pick(value as readonly string[]);
  }
  throw new RangeError(`Cannot draw distortion parameter: ${key} is not a list of choices`);
}

/** Uniform draw from a range, rounded to 4 decimals (what is recorded is what is used). */
export function drawIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return round4(lo === hi ? lo : rng.uniform(lo, hi));
}

/** Integer draw from a whole-number range (both ends inclusive). */
export function drawInt(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return rng.int(Math.ceil(lo), Math.floor(hi));
}

/** Round to 4 decimals. */
export function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** The number parameter `key`, or a `RangeError` naming the family. */
export function num(params: Params, family: string, key: string): number {
  const v = params[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(
      `Cannot apply ${family}: parameter ${key} must be a finite number, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** The string parameter `key`, or a `RangeError` naming the family. */
export function str(params: Params, family: string, key: string): string {
  const v = params[key];
  if (typeof v !== "string") {
    throw new RangeError(
      `Cannot apply ${family}: parameter ${key} must be a string, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** Throw unless the image is interleaved RGB (what every capture family works on). */
export function requireRgb(family: string, channels: number): void {
  if (channels !== 3) {
    throw new RangeError(`Cannot apply ${family}: the image has ${channels} channels, not 3`);
  }
}

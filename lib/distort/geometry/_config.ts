/**
 * Reading and checking geometry family settings, and drawing from ranges.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import type { FamilyConfig, Params } from "../types.ts";

/** A setting as given: a fixed number or an inclusive `[min, max]` range. */
export type RangeSetting = number | readonly [number, number];

function invalid(family: string, key: string, value: unknown, why: string): RangeError {
  return new RangeError(
    `Invalid option distortions.${family}.${key} = ${JSON.stringify(value)}: ${why}`,
  );
}

/**
 * The setting `key` as `[min, max]`, checked to lie within `[lo, hi]`.
 * Throws a `RangeError` naming `distortions.<family>.<key>` otherwise.
 */
export function readRange(
  family: string,
  config: Readonly<FamilyConfig>,
  defaults: Readonly<FamilyConfig>,
  key: string,
  lo: number,
  hi: number,
): [number, number] {
  const value = config[key] ?? defaults[key];
  let pair: [number, number];
  if (typeof value === "number") pair = [value, value];
  else if (
    Array.isArray(value) && value.length === 2 && typeof value[0] === "number" &&
    typeof value[1] === "number"
  ) {
    pair = [value[0], value[1]];
  } else throw invalid(family, key, value, "must be a number or a range [min, max]");
  if (!(pair[0] >= lo && pair[1] <= hi && pair[0] <= hi && pair[1] >= lo)) {
    throw invalid(family, key, value, `must be between ${lo} and ${hi}`);
  }
  if (!(pair[0] <= pair[1])) throw invalid(family, key, value, "must be a range with min <= max");
  return pair;
}

/** The number setting `key`, checked to lie within `[lo, hi]`. */
export function readNumber(
  family: string,
  config: Readonly<FamilyConfig>,
  defaults: Readonly<FamilyConfig>,
  key: string,
  lo: number,
  hi: number,
): number {
  const value = config[key] ?? defaults[key];
  if (typeof value !== "number" || !(value >= lo && value <= hi)) {
    throw invalid(family, key, value, `must be between ${lo} and ${hi}`);
  }
  return value;
}

/** Throw the standard `RangeError` for a setting that breaks a rule between settings. */
export function invalidSetting(family: string, key: string, value: unknown, why: string): never {
  throw invalid(family, key, value, why);
}

/** Uniform draw from `[min, max]`, rounded to 6 decimals so the recorded value rebuilds the step exactly. */
export function drawIn(rng: Rng, [min, max]: readonly [number, number]): number {
  return round6(min === max ? min : rng.uniform(min, max));
}

/** Round to 6 decimals. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The number parameter `key`, or a `RangeError` naming the step when it is missing. */
export function param(params: Params, kind: string, key: string): number {
  const v = params[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(
      `Cannot build ${kind} step: parameter ${key} must be a finite number, got ${
        JSON.stringify(v)
      }`,
    );
  }
  return v;
}

/**
 * Digitizer options: defaults and validation.
 *
 * @module
 */
import type { LayoutKind } from "./types.ts";

/** Options of `digitize` and {@linkcode digitizeRectified}. Every field is optional. */
export interface DigitizeOptions {
  /** Output sampling rate, Hz. @default 500 */
  sampleRateHz?: number;
  /** Duration of the output table, s. @default 10 */
  durationS?: number;
  /** Layout, or `"auto"` to find it from the image. @default "auto" */
  layout?: LayoutKind | "auto";
  /** Paper speed in mm/s, or `"auto"` (25 unless the pulse is 0.2 s wide at 50). @default "auto" */
  paperSpeedMmPerS?: number | "auto";
  /** Gain in mm/mV, or `"auto"` (from the calibration pulse, else 10). @default "auto" */
  gainMmPerMv?: number | "auto";
  /** Name for the output record. @default "" */
  name?: string;
}

/** {@linkcode DigitizeOptions} with every default applied. */
export type ResolvedDigitizeOptions = Required<DigitizeOptions>;

/** The defaults of {@linkcode DigitizeOptions}. */
export const DIGITIZE_DEFAULTS: Readonly<ResolvedDigitizeOptions> = Object.freeze({
  sampleRateHz: 500,
  durationS: 10,
  layout: "auto",
  paperSpeedMmPerS: "auto",
  gainMmPerMv: "auto",
  name: "",
});

const LAYOUTS: readonly string[] = ["auto", "3x4", "6x2", "12x1", "rows"];

/**
 * Apply the defaults and validate; an impossible value throws a
 * `RangeError` naming the option.
 *
 * @example
 * ```ts
 * import { resolveDigitizeOptions } from "./options.ts";
 * console.assert(resolveDigitizeOptions({ sampleRateHz: 250 }).durationS === 10);
 * ```
 */
export function resolveDigitizeOptions(options: DigitizeOptions = {}): ResolvedDigitizeOptions {
  const o: ResolvedDigitizeOptions = { ...DIGITIZE_DEFAULTS, ...definedOnly(options) };
  const bad = (name: string, value: unknown, expected: string): never => {
    throw new RangeError(`Invalid option ${name} = ${JSON.stringify(value)}: must be ${expected}`);
  };
  if (!(o.sampleRateHz >= 1 && o.sampleRateHz <= 100_000)) {
    bad("sampleRateHz", o.sampleRateHz, "between 1 and 100000");
  }
  if (!(o.durationS > 0 && o.durationS <= 600)) bad("durationS", o.durationS, "in (0, 600]");
  if (!LAYOUTS.includes(o.layout)) bad("layout", o.layout, LAYOUTS.join(" | "));
  if (o.paperSpeedMmPerS !== "auto" && !(o.paperSpeedMmPerS > 0)) {
    bad("paperSpeedMmPerS", o.paperSpeedMmPerS, '"auto" or > 0');
  }
  if (o.gainMmPerMv !== "auto" && !(o.gainMmPerMv > 0)) {
    bad("gainMmPerMv", o.gainMmPerMv, '"auto" or > 0');
  }
  return o;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

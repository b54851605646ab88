/**
 * The sample rate of a prediction table that states none, read from its
 * row count (pure: takes numbers). A signal table covers the page's
 * seconds (FORMATS.md: 10 s, so 5000 rows at 500 Hz); a digitizer that
 * wrote 250 Hz without saying so would otherwise be read at the default
 * 500 Hz, squeezed to half the page and scored as garbage.
 *
 * @module
 */

/** Rates that are plausible for an ECG signal table besides the multiples of 50 Hz. */
const OTHER_RATES: readonly number[] = [125, 128, 256, 360, 512, 1024, 2048];

/** Lowest and highest rate taken from a row count (Hz). */
export const PLAUSIBLE_RATE_RANGE_HZ: readonly [number, number] = [50, 10_000];

/**
 * Whether `hz` is a rate a digitizer plausibly writes: a whole number in
 * {@linkcode PLAUSIBLE_RATE_RANGE_HZ} that is a multiple of 50 Hz or one of
 * 125, 128, 256, 360, 512, 1024, 2048 Hz.
 *
 * @example
 * ```ts
 * import { isPlausibleRate } from "./prediction_rate.ts";
 * console.assert(isPlausibleRate(250) && isPlausibleRate(360) && !isPlausibleRate(473));
 * ```
 */
export function isPlausibleRate(hz: number): boolean {
  const [lo, hi] = PLAUSIBLE_RATE_RANGE_HZ;
  return Number.isInteger(hz) && hz >= lo && hz <= hi &&
    (hz % 50 === 0 || OTHER_RATES.includes(hz));
}

/** Options of {@linkcode inferSampleRate}. */
export interface InferSampleRateOptions {
  /**
   * Seconds the truth covers (its rows / its rate). The row count is read
   * against this first, then against 10 s (the page). @default 10
   */
  truthDurationS?: number;
  /** The rate to keep when the rows agree with it or give no rate. @default 500 */
  fallbackHz?: number;
}

/** Result of {@linkcode inferSampleRate}. */
export interface InferredSampleRate {
  /** The rate to read the table at (Hz). */
  readonly sampleRateHz: number;
  /**
   * `"assumed"`: the fallback (the rows agree with it, or give no plausible
   * rate); `"inferred"`: rows / duration, a plausible rate other than the
   * fallback.
   */
  readonly source: "assumed" | "inferred";
  /**
   * Why the fallback is doubtful or was not used, as a sentence; `null`
   * when the rows agree with the fallback.
   */
  readonly warning: string | null;
  /** Whether the rows fit two different plausible rates (truth duration vs 10 s). */
  readonly ambiguous: boolean;
}

/** Whether `rows` samples are `durationS` seconds at `hz` (± 1 row, ± 0.2 %). */
const fits = (rows: number, hz: number, durationS: number): boolean =>
  Math.abs(rows - hz * durationS) <= Math.max(1, 0.002 * hz * durationS);

function nearestPlausible(hz: number): number | null {
  const [lo, hi] = PLAUSIBLE_RATE_RANGE_HZ;
  if (!(hz >= lo * 0.99 && hz <= hi * 1.01)) return null;
  const candidates = [
    Math.round(hz / 50) * 50,
    ...OTHER_RATES,
  ].filter(isPlausibleRate);
  let best: number | null = null;
  for (const c of candidates) if (best === null || Math.abs(c - hz) < Math.abs(best - hz)) best = c;
  return best;
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * The rate of a signal table with `rows` rows whose own metadata states
 * none. The fallback is kept when the rows are its duration's worth (± 1
 * row or 0.2 %) over the truth's duration or over 10 s. Otherwise the rows
 * are divided by the truth's duration, then by 10 s, and the first quotient
 * that is (within that tolerance) a plausible rate
 * ({@linkcode isPlausibleRate}) is taken, with a warning; when both give
 * different plausible rates the truth's duration wins and the warning says
 * the rate is ambiguous. When neither does, the fallback is kept with a
 * warning.
 *
 * @param rows Samples per lead in the table (≥ 0).
 *
 * @example
 * ```ts
 * import { inferSampleRate } from "./prediction_rate.ts";
 * console.assert(inferSampleRate(5000).source === "assumed");
 * const r = inferSampleRate(2500, { truthDurationS: 10, fallbackHz: 500 });
 * console.assert(r.sampleRateHz === 250 && r.source === "inferred" && r.warning !== null);
 * console.assert(inferSampleRate(4730).sampleRateHz === 500); // 473 Hz is not plausible
 * ```
 */
export function inferSampleRate(
  rows: number,
  options: InferSampleRateOptions = {},
): InferredSampleRate {
  const { truthDurationS = 10, fallbackHz = 500 } = options;
  if (!Number.isInteger(rows) || rows < 0) {
    throw new RangeError(`Cannot infer a sample rate: rows must be an integer ≥ 0, got ${rows}`);
  }
  if (!(truthDurationS > 0) || !Number.isFinite(truthDurationS)) {
    throw new RangeError(
      `Cannot infer a sample rate: truthDurationS must be > 0, got ${truthDurationS}`,
    );
  }
  if (!(fallbackHz > 0) || !Number.isFinite(fallbackHz)) {
    throw new RangeError(`Cannot infer a sample rate: fallbackHz must be > 0, got ${fallbackHz}`);
  }
  const durations = [...new Set([truthDurationS, 10])];
  if (durations.some((d) => fits(rows, fallbackHz, d))) {
    return { sampleRateHz: fallbackHz, source: "assumed", warning: null, ambiguous: false };
  }
  const found: { hz: number; durationS: number }[] = [];
  for (const durationS of durations) {
    const hz = nearestPlausible(rows / durationS);
    if (hz !== null && fits(rows, hz, durationS) && !found.some((f) => f.hz === hz)) {
      found.push({ hz, durationS });
    }
  }
  const dur = `${round(truthDurationS)} s`;
  const first = found[0];
  if (first === undefined) {
    return {
      sampleRateHz: fallbackHz,
      source: "assumed",
      ambiguous: false,
      warning: `${rows} rows are not ${fallbackHz} Hz over the truth's ${dur}${
        truthDurationS === 10 ? "" : " or 10 s"
      }, and ${round(rows / truthDurationS)} Hz is no common rate: kept ${fallbackHz} Hz`,
    };
  }
  const of = (f: { hz: number; durationS: number }) =>
    `${f.hz} Hz (${rows} rows over ${
      f.durationS === truthDurationS ? `the truth's ${dur}` : "10 s"
    })`;
  const ambiguous = found.length > 1;
  return {
    sampleRateHz: first.hz,
    source: "inferred",
    ambiguous,
    warning: `rate inferred as ${of(first)}, not ${fallbackHz} Hz${
      ambiguous ? `; ambiguous: ${of(found[1]!)} would also fit` : ""
    }`,
  };
}

/**
 * The record model shared by every stage: a multi-lead recording in
 * physical units (millivolts), whatever file it came from.
 *
 * @module
 */

/** A multi-lead ECG recording in millivolts. */
export interface EcgRecord {
  /** Record name: the file stem, used to name generated pages. */
  readonly name: string;
  /** Samples per second of every lead. */
  readonly sampleRateHz: number;
  /**
   * Lead names, normalised with {@linkcode normaliseLeadName} (`"I"`,
   * `"aVR"`, `"V1"`…); names that are not one of the 12 standard leads are
   * kept as written (`"MLII"`).
   */
  readonly leadNames: readonly string[];
  /** One array per lead, all the same length, in millivolts; NaN = no sample. */
  readonly signals: readonly Float64Array[];
  /** Free-text comments (WFDB header comments such as `Age: 54`). */
  readonly comments: readonly string[];
  /** Where the record was read from, for messages; empty when built in memory. */
  readonly source: string;
  /** What the reader found suspect (an infinite gain…); pages carry these in their JSON. */
  readonly warnings?: readonly string[];
}

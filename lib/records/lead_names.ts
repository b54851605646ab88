/** The 12 standard leads, in the order used by every table and layout. */
export const STANDARD_LEADS = [
  "I",
  "II",
  "III",
  "aVR",
  "aVL",
  "aVF",
  "V1",
  "V2",
  "V3",
  "V4",
  "V5",
  "V6",
] as const;

/** One of the 12 standard lead names. */
export type StandardLead = typeof STANDARD_LEADS[number];

const BY_UPPER: ReadonlyMap<string, StandardLead> = new Map(
  STANDARD_LEADS.map((lead) => [lead.toUpperCase(), lead]),
);

/**
 * Normalise a lead name case-insensitively to its standard spelling
 * (`"i"` → `"I"`, `"AVR"` → `"aVR"`, `"v1"` → `"V1"`). Names that are not
 * standard leads come back trimmed but otherwise as written.
 *
 * @example
 * ```ts
 * import { normaliseLeadName } from "./lead_names.ts";
 * console.assert(normaliseLeadName("avr") === "aVR");
 * console.assert(normaliseLeadName(" MLII ") === "MLII");
 * ```
 */
export function normaliseLeadName(name: string): string {
  const trimmed = name.trim();
  return BY_UPPER.get(trimmed.toUpperCase()) ?? trimmed;
}

/** Whether `name` (already normalised) is one of the 12 standard leads. */
export function isStandardLead(name: string): name is StandardLead {
  return BY_UPPER.get(name.toUpperCase()) === name;
}

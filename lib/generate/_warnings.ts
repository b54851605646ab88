/**
 * Warnings about what a page cannot show faithfully: samples whose
 * amplitude puts them off the page (or that are not finite).
 *
 * @module
 */
import type { EcgRecord } from "../records/types.ts";
import type { GroundTruth } from "./ground_truth.ts";

/**
 * One warning per lead panel with samples off the page (before any
 * distortion): how many, and the largest amplitude in millivolts.
 */
export function offPageWarnings(
  groundTruth: GroundTruth,
  record: EcgRecord,
): string[] {
  const warnings: string[] = [];
  const { height, width } = groundTruth;
  for (const lead of groundTruth.leads) {
    let off = 0;
    for (const p of lead.plotted_pixels) {
      if (p === null) continue;
      const [row, col] = p;
      if (!(row >= 0 && row <= height - 1 && col >= 0 && col <= width - 1)) off++;
    }
    if (off === 0) continue;
    const k = record.leadNames.indexOf(lead.lead_name);
    const values = record.signals[k];
    let peak = 0;
    if (values) {
      for (let s = lead.start_sample; s < lead.end_sample; s++) {
        const v = Math.abs(values[s]!);
        if (!(v <= peak)) peak = v; // NaN-safe: Infinity wins, NaN is skipped below
      }
    }
    const shown = Number.isFinite(peak) ? `${peak.toPrecision(3)} mV` : "a non-finite value";
    warnings.push(
      `lead ${lead.lead_name} (row ${lead.row_index}, column ${lead.column_index}): ` +
        `${off} of ${lead.plotted_pixels.length} samples lie off the page (amplitude up to ${shown})`,
    );
  }
  return warnings;
}

/**
 * A warning when no panel of the page has a single finite sample (an
 * all-NaN record or window): the page shows no trace at all.
 */
export function blankPageWarnings(groundTruth: GroundTruth): string[] {
  const drawn = groundTruth.leads.some((lead) => lead.plotted_pixels.some((p) => p !== null));
  return drawn ? [] : ["no lead has a finite sample on this page: it shows no trace"];
}

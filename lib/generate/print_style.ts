/**
 * A drawn printing style (`lib/style`) applied to the generation options:
 * the options it replaces for one page.
 *
 * @module
 */
import { STANDARD_LEADS } from "../records/lead_names.ts";
import type { PrintStyle } from "../style/family.ts";
import type { LayoutName, ResolvedGenerateOptions } from "./options.ts";

/**
 * The options of a page drawn in `print`, for a record with `leadNames`
 * (a record without the 12 standard leads keeps its layout; rhythm strips
 * of leads it lacks are left out).
 */
export function applyPrintStyle(
  o: ResolvedGenerateOptions,
  print: PrintStyle,
  leadNames: readonly string[],
): ResolvedGenerateOptions {
  const all12 = STANDARD_LEADS.every((lead) => leadNames.includes(lead));
  return {
    ...o,
    layout: all12 ? print.layout as LayoutName : o.layout,
    rhythmLeads: print.rhythm_leads.filter((lead) => leadNames.includes(lead)),
    traceColour: print.trace_colour,
    traceWidthMm: print.trace_width_mm,
    showGrid: print.grid !== "none",
    gridColour: print.grid_colour === "bw"
      ? "grey"
      : print.grid_colour as ResolvedGenerateOptions["gridColour"],
    minorLineWidthMm: print.minor_width_mm,
    majorLineWidthMm: print.major_width_mm,
    labelSizeMm: print.label_size_mm,
    calibrationPulse: print.pulse !== "none",
    separators: print.separator !== "none",
    header: print.header !== "none",
  };
}

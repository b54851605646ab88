/**
 * The drawing style of one page: the resolved options plus the page's own
 * random draws (grid colour when `random`, synthetic header ID and date).
 *
 * @module
 */
import { parseHexColour, type Rgb } from "../raster/image.ts";
import type { Rng } from "../random/rng.ts";
import type { ResolvedGenerateOptions } from "./options.ts";
import {
  GRID_COLOUR_PRESETS,
  type GridColourName,
  type GridColours,
  randomGridColours,
} from "./paper.ts";

/** Everything the renderer needs to know about how a page looks. */
export interface PageStyle {
  readonly dpi: number;
  readonly paper: Rgb;
  readonly ink: Rgb;
  readonly grid: { colours: GridColours; minorWidthMm: number; majorWidthMm: number } | null;
  readonly traceWidthMm: number;
  readonly paperSpeedMmPerS: number;
  readonly gainMmPerMv: number;
  readonly calibrationPulse: boolean;
  readonly separators: boolean;
  readonly leadLabels: boolean;
  readonly labelSizeMm: number;
  /** Printed header lines (empty when the header is off). */
  readonly headerLines: readonly string[];
}

/** Draw the style of a page from the options and the page's random stream. */
export function drawPageStyle(
  o: ResolvedGenerateOptions,
  rng: Rng,
  sampleRateHz: number,
): PageStyle {
  const colours: GridColours = o.gridColour === "random"
    ? randomGridColours(rng.next)
    : o.gridColour in GRID_COLOUR_PRESETS
    ? GRID_COLOUR_PRESETS[o.gridColour as GridColourName]
    : gridFromHex(parseHexColour(o.gridColour)!);
  // Drawn even when the header is off, so that toggling it changes no other draw.
  const id = rng.int(1000000, 9999999);
  const date = new Date(Date.UTC(2000, 0, 1) + rng.int(0, 26 * 365 * 86400) * 1000);
  const stamp = date.toISOString().slice(0, 19).replace("T", " ");
  const headerLines = o.header
    ? [
      `ID: ${id}    ${stamp}`,
      `${o.paperSpeedMmPerS} mm/s    ${o.gainMmPerMv} mm/mV    ${sampleRateHz} Hz`,
    ]
    : [];
  return {
    dpi: o.dpi,
    paper: parseHexColour(o.paperColour)!,
    ink: parseHexColour(o.traceColour)!,
    grid: o.showGrid
      ? { colours, minorWidthMm: o.minorLineWidthMm, majorWidthMm: o.majorLineWidthMm }
      : null,
    traceWidthMm: o.traceWidthMm,
    paperSpeedMmPerS: o.paperSpeedMmPerS,
    gainMmPerMv: o.gainMmPerMv,
    calibrationPulse: o.calibrationPulse,
    separators: o.separators,
    leadLabels: o.leadLabels,
    labelSizeMm: o.labelSizeMm,
    headerLines,
  };
}

/** Minor lines are the given colour lightened halfway to white; major lines the colour itself. */
function gridFromHex(major: Rgb): GridColours {
  return {
    major,
    minor: [0, 1, 2].map((c) => Math.round((major[c]! + 255) / 2)) as unknown as Rgb,
  };
}

/**
 * The drawing style of one page: the resolved options plus the page's own
 * random draws (grid colour when `random`, synthetic header ID and date).
 *
 * @module
 */
import { parseHexColour, type Rgb } from "../raster/image.ts";
import type { Rng } from "../random/rng.ts";
import type { FontName } from "../raster/text.ts";
import type { PrintStyle } from "../style/family.ts";
import type { ResolvedGenerateOptions } from "./options.ts";
import type { GridPattern } from "./grid.ts";
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
  /** Where the header lines go: `standard`, `vendor`, `title` (top) or `footer` (bottom). */
  readonly headerKind: string;
  /** Text font. */
  readonly font: FontName;
  /** Label placement: `right_of_pulse`, `above`, `below`, `left`. */
  readonly labelPosition: string;
  /** Label spelling: `standard`, `upper`, `lower`. */
  readonly labelCase: string;
  /** Whether rhythm strips read "<lead> rhythm". */
  readonly rhythmLabelSuffix: boolean;
  /** Grid pattern (minor lines solid, dotted, dots at crossings, or none). */
  readonly gridPattern: GridPattern;
  /** Whether the grid fills only the layout's box. */
  readonly gridBox: boolean;
  /** Whether a frame is printed around the layout's box. */
  readonly frame: boolean;
  /** Separators: `tick`, `thick_tick`, `line`. */
  readonly separatorKind: string;
  /** Calibration pulse: `standard`, `bare`. */
  readonly pulseKind: string;
  /** Gap between pulse and trace start, mm. */
  readonly pulseGapMm: number;
}

/**
 * Draw the style of a page from the options, the page's random stream and
 * the printing style drawn for it (null: the options' own look).
 */
export function drawPageStyle(
  o: ResolvedGenerateOptions,
  rng: Rng,
  sampleRateHz: number,
  print: PrintStyle | null = null,
): PageStyle {
  const colours: GridColours = print?.grid_colour === "bw"
    ? blackAndWhite(rng.int(40, 110))
    : o.gridColour === "random"
    ? randomGridColours(rng.next)
    : o.gridColour in GRID_COLOUR_PRESETS
    ? GRID_COLOUR_PRESETS[o.gridColour as GridColourName]
    : gridFromHex(parseHexColour(o.gridColour)!);
  // Drawn even when the header is off, so that toggling it changes no other draw.
  const id = rng.int(1000000, 9999999);
  const date = new Date(Date.UTC(2000, 0, 1) + rng.int(0, 26 * 365 * 86400) * 1000);
  const stamp = date.toISOString().slice(0, 19).replace("T", " ");
  const headerKind = print ? print.header : o.header ? "standard" : "none";
  const settings = `${o.paperSpeedMmPerS} mm/s    ${o.gainMmPerMv} mm/mV    ${sampleRateHz} Hz`;
  const headerLines = headerKind === "standard"
    ? [`ID: ${id}    ${stamp}`, settings]
    : headerKind === "vendor"
    ? vendorLines(rng, id, stamp, settings)
    : headerKind === "title"
    ? [`12-lead ECG    ID ${id}    ${stamp}`]
    : headerKind === "footer"
    ? [`${settings}    0.05-150 Hz    ID ${id}`]
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
    headerKind,
    font: (print?.font ?? "sans") as FontName,
    labelPosition: print?.label_position ?? "right_of_pulse",
    labelCase: print?.label_case ?? "standard",
    rhythmLabelSuffix: print?.rhythm_label_suffix ?? false,
    gridPattern: (print?.grid === "none" ? "solid" : print?.grid ?? "solid") as GridPattern,
    gridBox: print?.grid_box ?? false,
    frame: print?.frame ?? false,
    separatorKind: print?.separator ?? "tick",
    pulseKind: print?.pulse ?? "standard",
    pulseGapMm: print?.pulse_gap_mm ?? 2.5,
  };
}

/** A black-and-white print: light grey minor lines, dark grey major lines of level `major`. */
function blackAndWhite(major: number): GridColours {
  return { minor: [205, 205, 205], major: [major, major, major] };
}

/** Vendor-style rows of (synthetic) measurements. */
function vendorLines(rng: Rng, id: number, stamp: string, settings: string): string[] {
  const rate = rng.int(48, 120), pr = rng.int(120, 210), qrs = rng.int(70, 120);
  const qt = rng.int(320, 440), qtc = qt + rng.int(0, 40);
  const axes = [rng.int(-30, 90), rng.int(-30, 100), rng.int(-30, 90)].join(" ");
  return [
    `ID: ${id}    ${stamp}    Vent. rate ${rate} BPM    PR interval ${pr} ms`,
    `QRS duration ${qrs} ms    QT/QTc ${qt}/${qtc} ms    P-R-T axes ${axes}`,
    `${settings}    Filter 0.05-150 Hz    Unconfirmed`,
  ];
}

/** Minor lines are the given colour lightened halfway to white; major lines the colour itself. */
function gridFromHex(major: Rgb): GridColours {
  return {
    major,
    minor: [0, 1, 2].map((c) => Math.round((major[c]! + 255) / 2)) as unknown as Rgb,
  };
}

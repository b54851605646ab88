/**
 * Draw one page: grid, calibration pulses, separators, labels, header and
 * traces, each into the coverage plane of its segmentation channel, then
 * composite. Returns the image and the exact pixel geometry of everything
 * drawn, from which the ground truth is written.
 *
 * @module
 */
import { drawPolyline, drawSegment } from "../raster/draw.ts";
import { type Coverage, fillRgb, paintCoverage, type RasterImage } from "../raster/image.ts";
import { takeBuffer, takeZeroed, type Workspace } from "../raster/workspace.ts";
import type { EcgRecord } from "../records/types.ts";
import { gridPaper, type GridProfiles, gridProfiles } from "./grid.ts";
import type { PageLayout, Panel } from "./layout.ts";
import type { PageStyle } from "./style.ts";
import { renderText, stampText } from "../raster/text.ts";

import type { Box } from "../truth/ground_truth.ts";

export type { Box };

/** What was drawn for one panel. */
export interface DrawnPanel {
  readonly panel: Panel;
  /** Pixel x and y of every sample of the panel (NaN where the sample is NaN). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly labelBox: Box | null;
}

/** A rendered page and the geometry of its ink. */
export interface RenderedPage {
  readonly image: RasterImage;
  readonly width: number;
  readonly height: number;
  readonly pxPerMm: number;
  readonly panels: readonly DrawnPanel[];
  readonly pulses: readonly { row: number; xs: number[]; ys: number[] }[];
  readonly header: readonly { text: string; box: Box }[];
  /** Coverage planes by segmentation channel (3..8), when masks were asked for. */
  readonly planes: ReadonlyMap<number, Coverage> | null;
  readonly grid: GridProfiles | null;
  /** The trace-only image, when asked for. */
  readonly clean: RasterImage | null;
}

/** Segmentation channels with their own coverage plane. */
const TEXT_CHANNEL = 7, SEPARATOR_CHANNEL = 8;

/** Render a page of `record` starting at sample `start`. */
export function renderPage(
  record: EcgRecord,
  start: number,
  layout: PageLayout,
  style: PageStyle,
  want: { masks: boolean; clean: boolean },
  workspace?: Workspace,
): RenderedPage {
  const ppm = style.dpi / 25.4;
  const width = Math.round(layout.widthMm * ppm), height = Math.round(layout.heightMm * ppm);
  const px = (mm: number): number => mm * ppm - 0.5;
  const image: RasterImage = {
    width,
    height,
    channels: 3,
    data: takeBuffer(workspace, "image", width * height * 3),
  };
  let grid: GridProfiles | null = null;
  if (style.grid) {
    const geometry = {
      width,
      height,
      pxPerMm: ppm,
      originX: px(layout.gridOriginMm.x),
      originY: px(layout.gridOriginMm.y),
      minorWidthPx: style.grid.minorWidthMm * ppm * (style.gridPattern === "dots" ? 2.5 : 1),
      majorWidthPx: style.grid.majorWidthMm * ppm,
      pattern: style.gridPattern,
      ...(style.gridBox ? { box: pixelBox(layout.boxMm, ppm) } : {}),
    };
    grid = gridProfiles(geometry);
    image.data.set(gridPaper(geometry, grid, style.grid.colours, style.paper));
  } else fillRgb(image.data, style.paper);
  const coverage = (name: string): Coverage => ({
    width,
    height,
    data: takeZeroed(workspace, name, width * height),
  });
  const shared = want.masks ? null : coverage("ink");
  const planes = new Map<number, Coverage>();
  const plane = (channel: number): Coverage => {
    if (shared) return shared;
    let p = planes.get(channel);
    if (!p) planes.set(channel, p = coverage(`plane${channel}`));
    return p;
  };
  const traceHalf = (style.traceWidthMm * ppm) / 2;
  const speed = style.paperSpeedMmPerS, gain = style.gainMmPerMv;
  const fs = record.sampleRateHz;

  // Calibration pulses, one per row, in the channel of the row's first panel.
  const pulses: { row: number; xs: number[]; ys: number[] }[] = [];
  if (style.calibrationPulse) {
    const pulseW = 0.2 * speed, x1 = layout.originXMm - style.pulseGapMm;
    const bare = style.pulseKind === "bare";
    for (let r = 0; r < layout.rows; r++) {
      const b = layout.rowBaselinesMm[r]!, top = b - gain;
      const xsMm = bare
        ? [x1 - pulseW, x1 - pulseW, x1, x1]
        : [x1 - pulseW - 2, x1 - pulseW, x1 - pulseW, x1, x1, x1 + Math.min(1.5, style.pulseGapMm)];
      const ysMm = bare ? [b, top, top, b] : [b, b, top, top, b, b];
      const xs = xsMm.map(px), ys = ysMm.map(px);
      const channel = layout.panels.find((p) => p.row === r && p.column === 0)?.maskChannel ?? 3;
      drawPolyline(plane(channel), xs, ys, traceHalf);
      pulses.push({ row: r, xs, ys });
    }
  }

  // Separators between columns: short ticks across each grid row's baseline.
  if (style.separators) {
    const gridRows = new Set(layout.panels.filter((p) => !p.rhythm).map((p) => p.row));
    const kind = style.separatorKind;
    const half = kind === "thick_tick" ? traceHalf * 2.5 : traceHalf;
    const above = kind === "line" ? layout.rowPitchMm * 0.6 : 2.5;
    const below = kind === "line" ? layout.rowPitchMm * 0.4 : 2.5;
    for (const xMm of layout.separatorsXMm) {
      for (const r of gridRows) {
        const b = layout.rowBaselinesMm[r]!;
        const x = px(xMm);
        drawSegment(plane(SEPARATOR_CHANNEL), x, px(b - above), x, px(b + below), half);
      }
    }
  }

  // A frame around the layout's box, with the separators' ink.
  if (style.frame) {
    const [l, t, r, b] = layout.boxMm.map(px) as [number, number, number, number];
    const half = Math.max(traceHalf, ((style.grid?.majorWidthMm ?? 0.2) * ppm) / 2);
    drawPolyline(plane(SEPARATOR_CHANNEL), [l, r, r, l, l], [t, t, b, b, t], half);
  }

  // Traces.
  const drawn: DrawnPanel[] = [];
  const labelSizePx = style.labelSizeMm * ppm;
  for (const panel of layout.panels) {
    const signal = record.signals[record.leadNames.indexOf(panel.lead)]!;
    const n = panel.endSample - panel.startSample;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = panel.startSample + i;
      const v = signal[start + s]!;
      xs[i] = px(panel.xMm + (i / fs) * speed);
      ys[i] = Number.isNaN(v) ? NaN : px(panel.baselineMm - v * gain);
    }
    drawPolyline(plane(panel.maskChannel), xs, ys, traceHalf);
    let labelBox: Box | null = null;
    if (style.leadLabels) {
      const bitmap = renderText(labelText(panel, style), labelSizePx, style.font);
      const [xMm, yMm] = labelOrigin(panel, layout, style, bitmap.ink, ppm);
      labelBox = stampText(plane(TEXT_CHANNEL), bitmap, px(xMm), px(yMm));
    }
    drawn.push({ panel, xs, ys, labelBox });
  }

  // Header lines.
  const header: { text: string; box: Box }[] = [];
  if (style.headerLines.length > 0) {
    const sizeMm = style.headerKind === "title" ? 4 : style.headerKind === "footer" ? 2.8 : 3;
    const leftMm = layout.pulseLeftMm;
    style.headerLines.forEach((text, k) => {
      const yMm = style.headerKind === "footer"
        ? layout.heightMm - 4
        : layout.headerTopMm + sizeMm + k * 4.5;
      const bitmap = renderText(text, sizeMm * ppm, style.font);
      header.push({ text, box: stampText(plane(TEXT_CHANNEL), bitmap, px(leftMm), px(yMm)) });
    });
  }

  if (shared) paintCoverage(image, shared, style.ink);
  else for (const p of planes.values()) paintCoverage(image, p, style.ink);

  let clean: RasterImage | null = null;
  if (want.clean) {
    clean = {
      width,
      height,
      channels: 3,
      data: takeBuffer(workspace, "clean", width * height * 3),
    };
    fillRgb(clean.data, [255, 255, 255]);
    const traces = coverage("clean");
    for (const d of drawn) drawPolyline(traces, d.xs, d.ys, traceHalf);
    paintCoverage(clean, traces, style.ink);
  }
  return {
    image,
    width,
    height,
    pxPerMm: ppm,
    panels: drawn,
    pulses,
    header,
    planes: want.masks ? planes : null,
    grid,
    clean,
  };
}

/** A panel's label as printed: its spelling, and "rhythm" after a rhythm strip's lead when asked. */
function labelText(panel: Panel, style: PageStyle): string {
  const name = style.labelCase === "upper"
    ? panel.lead.toUpperCase()
    : style.labelCase === "lower"
    ? panel.lead.toLowerCase()
    : panel.lead;
  return panel.rhythm && style.rhythmLabelSuffix ? `${name} rhythm` : name;
}

/**
 * Where a label's text origin (left end of the baseline) goes, mm:
 * right of the pulse by the baseline (the default), higher up in the row,
 * under the baseline, or left of the row's pulse (first column only; the
 * others, and a label that would leave the page, go right of the pulse).
 */
function labelOrigin(
  panel: Panel,
  layout: PageLayout,
  style: PageStyle,
  ink: { left: number; top: number; right: number; bottom: number },
  ppm: number,
): [number, number] {
  const x = panel.xMm + 1;
  const heightMm = (ink.bottom - ink.top) / ppm, widthMm = (ink.right - ink.left) / ppm;
  switch (style.labelPosition) {
    case "above":
      return [x, panel.baselineMm - Math.max(4, layout.rowPitchMm * 0.4)];
    case "below":
      return [x, panel.baselineMm + 1.5 + heightMm];
    case "left": {
      const pulseLeft = layout.originXMm - style.pulseGapMm - 0.2 * style.paperSpeedMmPerS -
        (style.pulseKind === "bare" ? 0 : 2);
      const right = (style.calibrationPulse ? pulseLeft : panel.xMm) - 1;
      const left = right - widthMm - ink.left / ppm;
      if (panel.column === 0 && left > 1) return [left, panel.baselineMm - 1];
      return [x, panel.baselineMm - 2];
    }
    default:
      return [x, panel.baselineMm - 2];
  }
}

/** A box in mm to an inclusive pixel box, within the page. */
function pixelBox(
  [l, t, r, b]: readonly [number, number, number, number],
  ppm: number,
): [number, number, number, number] {
  return [
    Math.max(0, Math.round(l * ppm - 0.5)),
    Math.max(0, Math.round(t * ppm - 0.5)),
    Math.round(r * ppm - 0.5),
    Math.round(b * ppm - 0.5),
  ];
}

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
import { renderText, stampText } from "./text.ts";

/** Box as `[left, top, right, bottom]` in pixel coordinates. */
export type Box = [number, number, number, number];

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
      minorWidthPx: style.grid.minorWidthMm * ppm,
      majorWidthPx: style.grid.majorWidthMm * ppm,
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
    const pulseW = 0.2 * speed, x1 = layout.originXMm - 2.5;
    for (let r = 0; r < layout.rows; r++) {
      const b = layout.rowBaselinesMm[r]!, top = b - gain;
      const xsMm = [x1 - pulseW - 2, x1 - pulseW, x1 - pulseW, x1, x1, x1 + 1.5];
      const ysMm = [b, b, top, top, b, b];
      const xs = xsMm.map(px), ys = ysMm.map(px);
      const channel = layout.panels.find((p) => p.row === r && p.column === 0)?.maskChannel ?? 3;
      drawPolyline(plane(channel), xs, ys, traceHalf);
      pulses.push({ row: r, xs, ys });
    }
  }

  // Separators between columns: short ticks across each grid row's baseline.
  if (style.separators) {
    const gridRows = new Set(layout.panels.filter((p) => !p.rhythm).map((p) => p.row));
    for (const xMm of layout.separatorsXMm) {
      for (const r of gridRows) {
        const b = layout.rowBaselinesMm[r]!;
        const x = px(xMm);
        drawSegment(plane(SEPARATOR_CHANNEL), x, px(b - 2.5), x, px(b + 2.5), traceHalf);
      }
    }
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
      xs[i] = px(layout.originXMm + (s / fs) * speed);
      ys[i] = Number.isNaN(v) ? NaN : px(panel.baselineMm - v * gain);
    }
    drawPolyline(plane(panel.maskChannel), xs, ys, traceHalf);
    let labelBox: Box | null = null;
    if (style.leadLabels) {
      const xMm = layout.originXMm + (panel.startSample / fs) * speed + 1;
      const yMm = panel.baselineMm - 2;
      labelBox = stampText(
        plane(TEXT_CHANNEL),
        renderText(panel.lead, labelSizePx),
        px(xMm),
        px(yMm),
      );
    }
    drawn.push({ panel, xs, ys, labelBox });
  }

  // Header lines.
  const header: { text: string; box: Box }[] = [];
  if (style.headerLines.length > 0) {
    const sizePx = 3 * ppm;
    const leftMm = layout.originXMm - (0.2 * speed + 5);
    style.headerLines.forEach((text, k) => {
      const yMm = layout.headerTopMm + 3 + k * 4.5;
      header.push({
        text,
        box: stampText(plane(TEXT_CHANNEL), renderText(text, sizePx), px(leftMm), px(yMm)),
      });
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

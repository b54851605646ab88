/**
 * A generated page with its ground truth drawn over it: the segmentation
 * masks as colour tints, every box outlined and every plotted sample's
 * pixel joined into a line, so one can see that the truth sits on the ink.
 *
 * @module
 */
import { drawPolyline } from "../raster/draw.ts";
import {
  type Coverage,
  createCoverage,
  paintCoverage,
  type RasterImage,
  type Rgb,
  toRgb,
} from "../raster/image.ts";
import type { Corners, GroundTruth } from "../truth/ground_truth.ts";

/**
 * Tint of each mask channel (in the order of `MASK_CHANNELS`: grid
 * horizontal, grid vertical, crossings, signal rows 1–4, text, separators).
 */
export const MASK_OVERLAY_COLOURS: readonly Rgb[] = Object.freeze(
  [
    [0, 150, 255],
    [0, 190, 110],
    [255, 210, 0],
    [255, 0, 200],
    [255, 120, 0],
    [140, 60, 255],
    [0, 160, 160],
    [220, 0, 0],
    [130, 80, 0],
  ] as const,
);

/** Colours of the other layers of {@linkcode groundTruthOverlay}. */
export const TRUTH_OVERLAY_COLOURS: Readonly<
  Record<"plottedPixels" | "leadBox" | "textBox" | "headerBox", Rgb>
> = Object.freeze({
  plottedPixels: [0, 230, 255],
  leadBox: [0, 60, 255],
  textBox: [0, 160, 0],
  headerBox: [200, 0, 0],
});

/** Options of {@linkcode groundTruthOverlay}. */
export interface GroundTruthOverlayOptions {
  /** Mask channels to tint (indices into `MASK_CHANNELS`); `[]` for none. @default all nine */
  maskChannels?: readonly number[];
  /** Opacity of the mask tints, 0 to 1. @default 0.55 */
  maskOpacity?: number;
  /** Outline the lead, label, header and handwriting boxes. @default true */
  boxes?: boolean;
  /** Join every plotted sample's pixel (and the calibration pulses) into lines. @default true */
  plottedPixels?: boolean;
  /** Half width of the drawn lines, px. @default max(0.6, width / 2000) */
  lineHalfWidthPx?: number;
}

/** What {@linkcode groundTruthOverlay} draws on: a `GeneratedPage` fits. */
export interface TruthPage {
  /** The page image, `width × height`, 1, 3 or 4 channels. */
  readonly image: RasterImage;
  /** Its ground truth (positions in the image's pixels, `[row, col]`). */
  readonly groundTruth: GroundTruth;
  /** The 9 masks (0/1, row-major, `width × height`), or null when not made. */
  readonly masks?: readonly Uint8Array[] | null;
}

/**
 * Draw a page's ground truth over a copy of its image: mask channels as
 * tints ({@linkcode MASK_OVERLAY_COLOURS}), then boxes and plotted pixels
 * ({@linkcode TRUTH_OVERLAY_COLOURS}). RGB out; the page is not changed.
 *
 * @example
 * ```ts
 * import { generate, groundTruthOverlay, readRecord } from "../../mod.ts";
 * const record = await readRecord("fixtures/records/E07500.hea");
 * const [page] = await generate(record, { seed: 1, dpi: 50, masks: true });
 * const overlay = groundTruthOverlay(page!, { maskChannels: [3] });
 * console.assert(overlay.width === page!.image.width && overlay.channels === 3);
 * ```
 */
export function groundTruthOverlay(
  page: TruthPage,
  options: GroundTruthOverlayOptions = {},
): RasterImage {
  const { image, groundTruth: truth, masks = null } = page;
  const {
    maskChannels = MASK_OVERLAY_COLOURS.map((_, c) => c),
    maskOpacity = 0.55,
    boxes = true,
    plottedPixels = true,
    lineHalfWidthPx = Math.max(0.6, image.width / 2000),
  } = options;
  if (!(maskOpacity >= 0 && maskOpacity <= 1)) {
    throw new RangeError(
      `Cannot draw the overlay: maskOpacity must be in [0, 1], got ${maskOpacity}`,
    );
  }
  if (!(lineHalfWidthPx > 0)) {
    throw new RangeError(
      `Cannot draw the overlay: lineHalfWidthPx must be > 0, got ${lineHalfWidthPx}`,
    );
  }
  const out = toRgb(image);
  const { width, height } = out;
  const alpha = Math.round(maskOpacity * 255);
  for (const c of masks ? maskChannels : []) {
    const mask = masks![c];
    const colour = MASK_OVERLAY_COLOURS[c];
    if (!mask || !colour) {
      throw new RangeError(`Cannot draw the overlay: no mask channel ${c}`);
    }
    const cov = createCoverage(width, height);
    for (let i = 0; i < mask.length; i++) if (mask[i]) cov.data[i] = alpha;
    paintCoverage(out, cov, colour);
  }
  const line = (draw: (cov: Coverage) => void, colour: Rgb) => {
    const cov = createCoverage(width, height);
    draw(cov);
    paintCoverage(out, cov, colour);
  };
  const outline = (cov: Coverage, box: Corners | undefined) => {
    if (!box) return;
    const pts = [box["0"], box["1"], box["2"], box["3"], box["0"]];
    drawPolyline(cov, pts.map((p) => p[1]), pts.map((p) => p[0]), lineHalfWidthPx);
  };
  const colours = TRUTH_OVERLAY_COLOURS;
  if (boxes) {
    line((cov) => truth.leads.forEach((l) => outline(cov, l.lead_bounding_box)), colours.leadBox);
    line((cov) => truth.leads.forEach((l) => outline(cov, l.text_bounding_box)), colours.textBox);
    line((cov) => {
      for (const h of [...truth.header, ...truth.handwriting]) outline(cov, h.text_bounding_box);
    }, colours.headerBox);
  }
  if (plottedPixels) {
    line((cov) => {
      for (const lead of truth.leads) {
        const xs = lead.plotted_pixels.map((p) => (p ? p[1] : NaN));
        const ys = lead.plotted_pixels.map((p) => (p ? p[0] : NaN));
        drawPolyline(cov, xs, ys, lineHalfWidthPx);
      }
      for (const pulse of truth.calibration_pulses) {
        const xs = pulse.polyline.map((p) => p[1]), ys = pulse.polyline.map((p) => p[0]);
        drawPolyline(cov, xs, ys, lineHalfWidthPx);
      }
    }, colours.plottedPixels);
  }
  return out;
}

/**
 * COCO instance annotations of a page: one per plotted panel, its
 * segmentation the pixels of its row's mask that belong to its trace (and,
 * for a row's first panel, the calibration pulse, as `lead_bounding_box`
 * holds it), as a compressed RLE that pycocotools, detectron2 (mask format
 * `bitmask`) and mmdetection decode.
 *
 * @module
 */
import { STANDARD_LEADS } from "../records/lead_names.ts";
import type { GroundTruth } from "../truth/ground_truth.ts";
import { type CocoRle, encodeCocoRle } from "./rle.ts";

/** One panel's instance on one page (ids are given by the dataset writer). */
export interface PanelAnnotation {
  /** The panel's lead (its COCO category by name). */
  readonly lead_name: string;
  /** Index of the panel in the ground truth's `leads`. */
  readonly lead_index: number;
  /** Whether the panel is a rhythm strip. */
  readonly is_rhythm: boolean;
  /** The panel's mask, COCO compressed RLE (`size` = `[height, width]`). */
  readonly segmentation: CocoRle;
  /** Pixels in the mask. */
  readonly area: number;
  /** `[x, y, width, height]` of the mask's pixels (pycocotools' `toBbox`). */
  readonly bbox: [number, number, number, number];
  /** Always 0: each annotation is one object. */
  readonly iscrowd: 0;
}

/** The 12 standard leads: COCO category ids 1..12 in this order. */
export const COCO_LEAD_CATEGORIES: typeof STANDARD_LEADS = STANDARD_LEADS;

/**
 * Split each row channel of the page's masks (FORMATS.md channels 3..6)
 * into its panels: every mask pixel goes to the panel whose plotted
 * samples (and, for a row's first panel, pulse vertices) it is nearest to
 * through the mask (a breadth-first search from all panels at once, 8-connected).
 * Mask pixels connected to no panel's trace belong to none. Panels with no
 * pixel (a trace wholly outside the image) get no annotation.
 *
 * @example
 * ```ts
 * import { panelAnnotations } from "./coco.ts";
 * // panelAnnotations(page.masks, page.groundTruth) — see tests/generate/coco.test.ts
 * console.assert(typeof panelAnnotations === "function");
 * ```
 */
export function panelAnnotations(
  masks: readonly Uint8Array[],
  gt: Pick<GroundTruth, "width" | "height" | "leads" | "calibration_pulses">,
): PanelAnnotation[] {
  const { width: W, height: H } = gt;
  const size = W * H;
  const label = new Int16Array(size).fill(-1);
  const queue = new Int32Array(size);
  const pixels: number[][] = gt.leads.map(() => []);
  const channels = [...new Set(gt.leads.map((l) => l.mask_channel))];
  for (const channel of channels) {
    const mask = masks[channel];
    if (!mask || mask.length !== size) continue;
    let head = 0, tail = 0;
    const seed = (k: number, row: number, col: number): void => {
      const x0 = Math.round(col), y0 = Math.round(row);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = x0 + dx, y = y0 + dy;
          if (x < 0 || y < 0 || x >= W || y >= H) continue;
          const p = y * W + x;
          if (!mask[p] || label[p] !== -1) continue;
          label[p] = k;
          queue[tail++] = p;
        }
      }
    };
    gt.leads.forEach((lead, k) => {
      if (lead.mask_channel !== channel) return;
      for (const q of lead.plotted_pixels) if (q) seed(k, q[0], q[1]);
      if (lead.column_index !== 0) return;
      const pulse = gt.calibration_pulses.find((c) => c.row_index === lead.row_index);
      if (!pulse) return;
      // Seed along the pulse's edges, not only at its vertices.
      const line = pulse.polyline;
      for (let i = 0; i + 1 < line.length; i++) {
        const [r0, c0] = line[i]!, [r1, c1] = line[i + 1]!;
        const steps = Math.max(1, Math.ceil(Math.hypot(r1 - r0, c1 - c0)));
        for (let s = 0; s <= steps; s++) {
          seed(k, r0 + ((r1 - r0) * s) / steps, c0 + ((c1 - c0) * s) / steps);
        }
      }
    });
    while (head < tail) {
      const p = queue[head++]!;
      const k = label[p]!;
      pixels[k]!.push(p);
      const x = p % W, y = (p - x) / W;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= W) continue;
          const n = yy * W + xx;
          if (mask[n] && label[n] === -1) {
            label[n] = k;
            queue[tail++] = n;
          }
        }
      }
    }
    // Reset only what this channel touched, for the next one.
    for (let i = 0; i < tail; i++) label[queue[i]!] = -1;
  }
  const plane = new Uint8Array(size);
  const out: PanelAnnotation[] = [];
  gt.leads.forEach((lead, k) => {
    const own = pixels[k]!;
    if (own.length === 0) return;
    let minX = W, minY = H, maxX = -1, maxY = -1;
    for (const p of own) {
      plane[p] = 1;
      const x = p % W, y = (p - x) / W;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const segmentation = encodeCocoRle(plane, W, H);
    for (const p of own) plane[p] = 0;
    out.push({
      lead_name: lead.lead_name,
      lead_index: k,
      is_rhythm: lead.is_rhythm,
      segmentation,
      area: own.length,
      bbox: [minX, minY, maxX - minX + 1, maxY - minY + 1],
      iscrowd: 0,
    });
  });
  return out;
}

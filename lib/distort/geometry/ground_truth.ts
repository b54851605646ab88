/**
 * Push a page's ground truth through a geometric mapping, so that every
 * coordinate describes the final image.
 *
 * @module
 */
import {
  type Corners,
  corners,
  type GroundTruth,
  type GroundTruthLead,
  type MappingStep as RecordedStep,
  type TextBox,
} from "../../truth/ground_truth.ts";
import type { GeometricStep } from "../types.ts";
import type { Mapping } from "./mapping.ts";

/** Outline samples per pixel of box edge (at least 8 per edge). */
const OUTLINE_SAMPLES_PER_PX = 1;

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/**
 * The axis-aligned box around the mapped outline of a box: its edges are
 * sampled densely, so the result encloses the box's contents under curved
 * warps too.
 *
 * @example
 * ```ts
 * import { composeSteps } from "./mapping.ts";
 * import { mapBox } from "./ground_truth.ts";
 * import { rotation } from "./rotation.ts";
 * const step = rotation.step({ angle_deg: 0, quarter_turns: 1 }, { width: 30, height: 20, pxPerMm: 1 });
 * const box = mapBox({ "0": [0, 0], "1": [0, 10], "2": [5, 10], "3": [5, 0] }, composeSteps([step]));
 * console.assert(box["2"][0] - box["0"][0] === 10 && box["2"][1] - box["0"][1] === 5);
 * ```
 */
export function mapBox(box: Corners, mapping: Mapping): Corners {
  const [top, left] = box["0"], [bottom, right] = box["2"];
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const p = new Float64Array(2);
  const visit = (x: number, y: number) => {
    mapping.forward(x, y, p);
    if (p[0]! < minX) minX = p[0]!;
    if (p[0]! > maxX) maxX = p[0]!;
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  };
  const nx = Math.max(8, Math.ceil((right - left) * OUTLINE_SAMPLES_PER_PX));
  const ny = Math.max(8, Math.ceil((bottom - top) * OUTLINE_SAMPLES_PER_PX));
  for (let i = 0; i <= nx; i++) {
    const x = left + ((right - left) * i) / nx;
    visit(x, top);
    visit(x, bottom);
  }
  for (let j = 1; j < ny; j++) {
    const y = top + ((bottom - top) * j) / ny;
    visit(left, y);
    visit(right, y);
  }
  // Round outwards so that rounding never cuts into the box.
  return corners([
    Math.floor(minX * 1000) / 1000,
    Math.floor(minY * 1000) / 1000,
    Math.ceil(maxX * 1000) / 1000,
    Math.ceil(maxY * 1000) / 1000,
  ]);
}

/**
 * The four corners of a box moved one by one through `mapping`, keeping
 * their order (`"0"` = the page's top-left corner, …): on a rotated page
 * `"0"` is still the corner that was top-left, wherever it went.
 *
 * @example
 * ```ts
 * import { composeSteps } from "./mapping.ts";
 * import { mapCorners } from "./ground_truth.ts";
 * import { rotation } from "./rotation.ts";
 * const step = rotation.step({ angle_deg: 0, quarter_turns: 1 }, { width: 30, height: 20, pxPerMm: 1 });
 * const c = mapCorners({ "0": [0, 0], "1": [0, 10], "2": [5, 10], "3": [5, 0] }, composeSteps([step]));
 * console.assert(c["1"][0] < c["0"][0]); // a quarter turn counter-clockwise: the top edge points up
 * ```
 */
export function mapCorners(box: Corners, mapping: Mapping): Corners {
  const p = new Float64Array(2);
  const at = ([row, col]: readonly [number, number]): [number, number] => {
    mapping.forward(col, row, p);
    return [round3(p[1]!), round3(p[0]!)];
  };
  return { "0": at(box["0"]), "1": at(box["1"]), "2": at(box["2"]), "3": at(box["3"]) };
}

/**
 * A new ground truth for the warped image: `plotted_pixels` (`[row, col]`)
 * and calibration-pulse vertices mapped forward; the lead, trace, label,
 * header and handwriting boxes' corners moved by {@linkcode mapCorners}
 * and their `*_envelope` boxes replaced by {@linkcode mapBox} of the
 * page box; `width`/`height` set to
 * the final image; `steps` appended to `page_mapping.steps` as
 * `{ kind, ...params }`. Points may fall outside the image when a step
 * crops it; a warning then says how many. The page-space fields
 * (`time_origin_px`, `px_per_second`, `px_per_mv`, `baseline_px`,
 * `grid.origin_px`, `x_grid`, `y_grid`, `px_per_mm`) are left as they are:
 * they describe the undistorted page, which `page_mapping` maps to the
 * final image. The input is not changed.
 *
 * @example
 * ```ts
 * import { composeSteps, mapGroundTruth } from "./mod.ts";
 * // mapGroundTruth(page.groundTruth, composeSteps(steps)) — see tests/distort/geometry.test.ts
 * console.assert(typeof mapGroundTruth === "function" && typeof composeSteps === "function");
 * ```
 */
export function mapGroundTruth<T extends GroundTruth>(
  gt: T,
  mapping: Mapping,
  steps: readonly GeometricStep[] = mapping.steps,
): T {
  if (gt.width !== mapping.inWidth || gt.height !== mapping.inHeight) {
    throw new RangeError(
      `Cannot map ground truth: the page is ${gt.width}×${gt.height}, the mapping takes ${mapping.inWidth}×${mapping.inHeight}`,
    );
  }
  const W = mapping.outWidth, H = mapping.outHeight;
  const p = new Float64Array(2);
  let outside = 0;
  const point = ([row, col]: readonly [number, number]): [number, number] => {
    mapping.forward(col, row, p);
    if (p[0]! < -0.5 || p[1]! < -0.5 || p[0]! >= W - 0.5 || p[1]! >= H - 0.5) outside++;
    return [round3(p[1]!), round3(p[0]!)];
  };
  const leads = gt.leads.map((lead): GroundTruthLead => {
    const mapped: GroundTruthLead = {
      ...lead,
      plotted_pixels: lead.plotted_pixels.map((q) => (q ? point(q) : null)),
      lead_bounding_box: mapCorners(lead.lead_bounding_box, mapping),
      lead_bounding_box_envelope: mapBox(lead.lead_bounding_box, mapping),
      trace_bounding_box: mapCorners(lead.trace_bounding_box, mapping),
    };
    if (lead.text_bounding_box) {
      mapped.text_bounding_box = mapCorners(lead.text_bounding_box, mapping);
      mapped.text_bounding_box_envelope = mapBox(lead.text_bounding_box, mapping);
    }
    return mapped;
  });
  const text = (t: TextBox): TextBox => ({
    ...t,
    text_bounding_box: mapCorners(t.text_bounding_box, mapping),
    text_bounding_box_envelope: mapBox(t.text_bounding_box, mapping),
  });
  const plottedOutside = outside;
  const out: T = {
    ...gt,
    width: W,
    height: H,
    leads,
    calibration_pulses: gt.calibration_pulses.map((c) => ({
      ...c,
      polyline: c.polyline.map(point),
    })),
    header: gt.header.map(text),
    handwriting: gt.handwriting.map(text),
    page_mapping: {
      ...gt.page_mapping,
      steps: [
        ...gt.page_mapping.steps,
        ...steps.map((s): RecordedStep => ({ ...s.params, kind: s.kind })),
      ],
    },
    warnings: plottedOutside > 0
      ? [...gt.warnings, `${plottedOutside} plotted samples lie outside the distorted image`]
      : [...gt.warnings],
  };
  return out;
}

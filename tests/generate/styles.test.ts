/**
 * Printing styles (`--style`): every value of every style option keeps the
 * ground truth exact — each plotted sample on trace ink and in its mask,
 * every ink pixel in some mask, the grid masks covering the grid as
 * printed — and the JSON records the style drawn.
 */
import assert from "node:assert/strict";
import { firstPage, fixtureRecord } from "./_helpers.ts";
import type { GeneratedPage } from "../../lib/generate/generate.ts";
import { parseHexColour, type Rgb } from "../../lib/raster/image.ts";
import {
  FONT_NAMES,
  GRID_COLOUR_NAMES,
  GRID_KINDS,
  HEADER_KINDS,
  LABEL_CASES,
  LABEL_POSITIONS,
  PULSE_KINDS,
  ROW_ORDERS,
  SEPARATOR_KINDS,
  STYLE_LAYOUTS,
  type StyleSettings,
} from "../../lib/style/mod.ts";

const record = await fixtureRecord("E07504");

/** One fixed look; each case below changes one option. */
const BASE: Partial<StyleSettings> = {
  probability: 1,
  fonts: ["sans"],
  label_size_mm: [3.5, 3.5],
  label_positions: ["right_of_pulse"],
  label_cases: ["standard"],
  rhythm_label_probability: 0,
  trace_colours: ["#000000"],
  trace_width_mm: [0.25, 0.25],
  grids: ["solid"],
  grid_colours: ["pink"],
  minor_width_mm: [0.1, 0.1],
  major_width_mm: [0.2, 0.2],
  grid_box_probability: 0,
  frame_probability: 0,
  offset_x_mm: [0, 0],
  offset_y_mm: [0, 0],
  headers: ["standard"],
  separators: ["tick"],
  pulses: ["standard"],
  pulse_gap_mm: [2.5, 2.5],
  layouts: ["3x4"],
  row_orders: ["clinical"],
  same_window_probability: 0,
  rhythm_count: [1, 1],
  rhythm_pool: ["II"],
};

type Case = [string, Partial<StyleSettings>];
const one = (key: keyof StyleSettings, values: readonly string[]): Case[] =>
  values.map((v) => [`${key}=${v}`, { [key]: [v] }]);
const CASES: Case[] = [
  ...one("fonts", FONT_NAMES),
  ...one("label_positions", LABEL_POSITIONS),
  ...one("label_cases", LABEL_CASES),
  ...one("trace_colours", ["#3a3a3a", "#1a2a8c", "#0d5c1e"]),
  ...one("grids", GRID_KINDS),
  ...one("grid_colours", GRID_COLOUR_NAMES),
  ...one("headers", HEADER_KINDS),
  ...one("separators", SEPARATOR_KINDS),
  ...one("pulses", PULSE_KINDS),
  ...one("layouts", STYLE_LAYOUTS),
  ...ROW_ORDERS.map((v): Case => [`6x2 row_orders=${v}`, { layouts: ["6x2"], row_orders: [v] }]),
  ["6x2 same window", { layouts: ["6x2"], same_window_probability: 1 }],
  ["rhythm label suffix", { rhythm_label_probability: 1 }],
  ["thin trace", { trace_width_mm: [0.15, 0.15] }],
  ["thick trace", { trace_width_mm: [0.45, 0.45] }],
  ["heavy grid", { minor_width_mm: [0.15, 0.15], major_width_mm: [0.35, 0.35] }],
  ["grid box", { grid_box_probability: 1 }],
  ["frame", { frame_probability: 1 }],
  ["frame around a grid box", { grid_box_probability: 1, frame_probability: 1 }],
  ["offset", { offset_x_mm: [-3, -3], offset_y_mm: [3, 3] }],
  ["pulse touching the trace", { pulse_gap_mm: [0, 0] }],
  ["no rhythm strip", { rhythm_count: [0, 0] }],
  ["3 rhythm strips in any order", {
    rhythm_count: [3, 3],
    rhythm_pool: ["V5", "II", "V1", "aVF"],
  }],
  ["all random", {}],
];

/** How far a colour lies from `ink` towards `paper` (0 = ink, 1 = paper). */
function towardPaper(data: Uint8Array, i: number, ink: Rgb, paper: Rgb): number {
  let dot = 0, norm = 0;
  for (let c = 0; c < 3; c++) {
    const d = paper[c]! - ink[c]!;
    dot += (data[i + c]! - ink[c]!) * d;
    norm += d * d;
  }
  return dot / norm;
}

function gridWithin1(masks: Uint8Array[], width: number, height: number, x: number, y: number) {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx, yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      const k = yy * width + xx;
      if (masks[0]![k] === 1 || masks[1]![k] === 1) return true;
    }
  }
  return false;
}

function checkPage(page: GeneratedPage, name: string): void {
  const gt = page.groundTruth;
  const style = gt.style!;
  const { width, height, data } = page.image;
  const masks = page.masks!;
  const ink = parseHexColour(style.trace_colour as string)!;
  const paper: Rgb = [255, 255, 255];
  const inkAt = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < width && y < height &&
    towardPaper(data, (y * width + x) * 3, ink, paper) < 0.6;
  const inkNear = (row: number, col: number): boolean => {
    const r = Math.round(row), c = Math.round(col);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) if (inkAt(c + dx, r + dy)) return true;
    }
    return false;
  };
  // Every plotted sample on ink and in its own mask channel; points 3 mm below are mostly not.
  let points = 0, off = 0, control = 0;
  for (const lead of gt.leads) {
    for (const p of lead.plotted_pixels) {
      if (!p) continue;
      points++;
      if (!inkNear(p[0], p[1])) off++;
      const k = Math.round(p[0]) * width + Math.round(p[1]);
      assert.equal(
        masks[lead.mask_channel]![k],
        1,
        `${name}: ${lead.lead_name} point ${p} not in mask ${lead.mask_channel}`,
      );
      if (inkNear(p[0] + 3 * gt.px_per_mm, p[1])) control++;
    }
  }
  assert.ok(points > 10000, `${name}: ${points} points`);
  assert.equal(off, 0, `${name}: ${off} of ${points} plotted samples off the ink`);
  assert.ok(control < 0.5 * points, `${name}: control points on ink ${control}/${points}`);
  // Every ink-dark pixel is in a trace, text or separator mask (the grid is lighter than ink here,
  // except for the dark major lines of bw pages, which must then be in the grid masks).
  // On a grid line, "dark" is relative to the line's own colour (its major colour at most).
  const major = parseHexColour(gt.grid?.major_colour ?? "#ffffff")!;
  const onLine = towardPaper(Uint8Array.from(major), 0, ink, paper);
  let dark = 0, unmasked = 0;
  for (let i = 0; i < width * height; i++) {
    const line = masks[0]![i] === 1 || masks[1]![i] === 1;
    if (towardPaper(data, i * 3, ink, paper) >= 0.35 * (line ? onLine : 1)) continue;
    dark++;
    let inMask = false;
    for (let c = 3; c < 9 && !inMask; c++) inMask = masks[c]![i] === 1;
    if (!inMask) unmasked++;
  }
  assert.ok(dark > 5000, `${name}: ${dark} dark pixels`);
  assert.equal(unmasked, 0, `${name}: ${unmasked} of ${dark} ink pixels outside every mask`);
  // The grid masks cover the printed grid, and hold little else.
  // A pixel counts as printed grid when it is at least 30% of the way from paper to the minor colour.
  const minor = parseHexColour(gt.grid?.minor_colour ?? "#ffffff")!;
  const minorDepth = Math.max(...minor.map((v) => 255 - v));
  let gridInk = 0, gridMissed = 0, gridMask = 0, gridMaskPaper = 0;
  for (let i = 0; i < width * height; i++) {
    let ofInk = false;
    for (let c = 3; c < 9 && !ofInk; c++) ofInk = masks[c]![i] === 1;
    const j = i * 3;
    const depth = 255 - Math.min(data[j]!, data[j + 1]!, data[j + 2]!);
    const printed = depth >= 0.3 * minorDepth && depth >= 5;
    const inGrid = masks[0]![i] === 1 || masks[1]![i] === 1;
    if (inGrid) {
      gridMask++;
      if (depth < 0.2 * minorDepth || depth < 3) gridMaskPaper++;
    }
    if (ofInk || !printed) continue;
    // Anti-aliased edges next to ink count as ink.
    const x = i % width, y = (i - x) / width;
    let nearInk = false;
    for (let dy = -2; dy <= 2 && !nearInk; dy++) {
      for (let dx = -2; dx <= 2 && !nearInk; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        for (let c = 3; c < 9 && !nearInk; c++) nearInk = masks[c]![yy * width + xx] === 1;
      }
    }
    if (nearInk) continue;
    gridInk++;
    // An unmasked pixel may only be the anti-aliased fringe of a masked line.
    if (!inGrid && !gridWithin1(masks, width, height, x, y)) gridMissed++;
  }
  if (style.grid === "none") assert.equal(gridMask, 0, `${name}: grid mask without a grid`);
  else {
    assert.ok(gridInk > 1000, `${name}: ${gridInk} grid pixels`);
    assert.equal(gridMissed, 0, `${name}: ${gridMissed}/${gridInk} grid pixels far from the mask`);
    assert.ok(
      gridMaskPaper <= 0.05 * gridMask,
      `${name}: ${gridMaskPaper}/${gridMask} grid mask on paper`,
    );
  }
  // Labels hold text ink.
  for (const lead of gt.leads) {
    const b = lead.text_bounding_box!;
    let hits = 0;
    for (let y = Math.ceil(b["0"][0]); y <= b["2"][0]; y++) {
      for (let x = Math.ceil(b["0"][1]); x <= b["2"][1]; x++) hits += masks[7]![y * width + x] ?? 0;
    }
    assert.ok(hits > 5, `${name}: ${lead.lead_name} label box holds ${hits} text pixels`);
  }
}

for (const [name, settings] of CASES) {
  Deno.test(`generatePage() with style ${name} keeps the ground truth exact`, async () => {
    const style = name === "all random" ? "random" : { ...BASE, ...settings };
    const { page } = await firstPage(record, { dpi: 150, masks: true, seed: 5, style });
    assert.ok(page.groundTruth.style, "style recorded");
    checkPage(page, name);
  });
}

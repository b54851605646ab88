/**
 * Fixed printing styles that show what the style family can draw.
 *
 * @module
 */
import type { StyleSettings } from "./family.ts";

/**
 * The styles of `docs/styles.jpg` (`deno task contact-sheet styles`) and of
 * the generation notebook: what each shows, and the style settings that
 * fix it (the last four are `random`, i.e. the defaults).
 *
 * @example
 * ```ts
 * import { SHOWCASE_STYLES } from "./showcase.ts";
 * const [label, settings] = SHOWCASE_STYLES[0]!;
 * console.assert(label.startsWith("serif") && settings.fonts![0] === "serif");
 * ```
 */
export const SHOWCASE_STYLES: readonly (readonly [string, Readonly<Partial<StyleSettings>>])[] = [
  ["serif, labels below, 3 rhythm strips", {
    fonts: ["serif"],
    label_positions: ["below"],
    layouts: ["3x4"],
    rhythm_count: [3, 3],
    rhythm_pool: ["V1", "II", "V5"],
    grid_colours: ["red"],
    grids: ["solid"],
  }],
  ["mono, 6x2 kit order, same 5 s, B&W, frame", {
    fonts: ["mono"],
    layouts: ["6x2"],
    row_orders: ["kit"],
    same_window_probability: 1,
    grid_colours: ["bw"],
    grids: ["solid"],
    frame_probability: 1,
    trace_colours: ["#000000"],
  }],
  ["condensed, 6x2 interleaved, dotted, AVR", {
    fonts: ["condensed"],
    layouts: ["6x2"],
    row_orders: ["interleaved"],
    same_window_probability: 0,
    grids: ["dotted_minor"],
    grid_colours: ["blue"],
    label_positions: ["above"],
    label_cases: ["upper"],
  }],
  ["12x1, dots, vendor header, boxed grid", {
    fonts: ["sans"],
    layouts: ["12x1"],
    grids: ["dots"],
    grid_colours: ["green"],
    headers: ["vendor"],
    grid_box_probability: 1,
    frame_probability: 1,
  }],
  ["major lines only, footer, avr, thick ticks", {
    fonts: ["dejavu_serif"],
    layouts: ["3x4"],
    rhythm_count: [0, 0],
    grids: ["major_only"],
    grid_colours: ["grey"],
    headers: ["footer"],
    label_cases: ["lower"],
    separators: ["thick_tick"],
  }],
  ["3 rhythm strips, labels left, bare pulse", {
    fonts: ["dejavu_mono"],
    layouts: ["3x4"],
    rhythm_count: [3, 3],
    rhythm_pool: ["aVF", "V5", "II"],
    grid_colours: ["pink"],
    grids: ["solid"],
    label_positions: ["left"],
    headers: ["title"],
    separators: ["line"],
    pulses: ["bare"],
  }],
  ["6x2 + II, no grid, blue ink, no pulse", {
    layouts: ["6x2"],
    row_orders: ["clinical"],
    rhythm_count: [1, 1],
    rhythm_pool: ["II"],
    rhythm_label_probability: 1,
    grids: ["none"],
    trace_colours: ["#1a2a8c"],
    pulses: ["none"],
  }],
  ["boxed grid and frame, green ink, heavy lines", {
    layouts: ["3x4"],
    grid_box_probability: 1,
    frame_probability: 1,
    grid_colours: ["brown"],
    grids: ["solid"],
    trace_colours: ["#0d5c1e"],
    trace_width_mm: [0.45, 0.45],
    major_width_mm: [0.35, 0.35],
  }],
  ["random", {}],
  ["random", {}],
  ["random", {}],
  ["random", {}],
];

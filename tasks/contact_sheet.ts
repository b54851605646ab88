/**
 * `deno task contact-sheet`: tile images into one JPEG for the docs.
 *
 *     deno task contact-sheet presets --record <file.hea> --out docs/presets.jpg [--seed n]
 *     deno task contact-sheet styles --record <file.hea> --out docs/styles.jpg [--seed n]
 *     deno task contact-sheet images <image>... --out <sheet.jpg> [--columns n]
 *
 * `presets` renders the same record once per preset (`0001` … `0012`, seeds
 * `seed`, `seed + 1`, …);
 * `images` tiles existing images, each captioned with its file name.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runMain } from "./_cli.ts";
import { basename } from "node:path";
import { contactSheet, type SheetCell } from "../lib/figures/contact_sheet.ts";
import { generatePage, planPages } from "../lib/generate/generate.ts";
import { PRESETS } from "../lib/generate/presets.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { decodeImage, encodeImage } from "../lib/io/image.ts";
import { readRecord } from "../lib/io/read_record.ts";
import type { StyleSettings } from "../lib/style/family.ts";

/** The styles of `docs/styles.jpg`: what each shows, and the settings that fix it. */
export const SHOWCASE_STYLES: readonly [string, Partial<StyleSettings>][] = [
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

const USAGE = `Usage:
  deno task contact-sheet presets --record <file.hea|csv> --out <sheet.jpg> [--seed n] [--dpi n]
  deno task contact-sheet styles --record <file.hea|csv> --out <sheet.jpg> [--seed n] [--dpi n]
  deno task contact-sheet images <image>... --out <sheet.jpg> [--columns n]`;

/** Run the CLI; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      record: { type: "string" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      dpi: { type: "string", default: "200" },
      columns: { type: "string", default: "3" },
      "cell-width": { type: "string", default: "640" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [mode, ...files] = positionals;
  if (values.help || !mode) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!values.out) return fail("--out <sheet.jpg> is required");
  const cells: SheetCell[] = [];
  if (mode === "presets") {
    if (!values.record) return fail("--record <file> is required");
    const record = await readRecord(values.record);
    for (const [k, preset] of Object.keys(PRESETS).entries()) {
      // One seed per preset, so that the sheet shows different draws of shared families.
      const options = { seed: Number(values.seed) + k, dpi: Number(values.dpi), preset };
      const [plan] = planPages(record, options);
      const page = await generatePage(record, plan!, options);
      cells.push({ image: page.image, label: `preset ${preset}` });
    }
  } else if (mode === "styles") {
    if (!values.record) return fail("--record <file> is required");
    const record = await readRecord(values.record);
    for (const [k, [label, style]] of SHOWCASE_STYLES.entries()) {
      const options = { seed: Number(values.seed) + k, dpi: Number(values.dpi), style };
      const [plan] = planPages(record, options);
      const page = await generatePage(record, plan!, options);
      cells.push({ image: page.image, label });
    }
  } else if (mode === "images") {
    for (const file of files) {
      try {
        cells.push({ image: await decodeImage(await Deno.readFile(file)), label: basename(file) });
      } catch (error) {
        return fail(`Cannot read image "${file}": ${(error as Error).message}`);
      }
    }
  } else return fail(`unknown mode "${mode}" (presets, styles or images)`);
  const sheet = contactSheet(cells, {
    columns: Number(values.columns),
    cellWidth: Number(values["cell-width"]),
  });
  await writeFileAtomic(values.out, await encodeImage(sheet, { kind: "jpg", quality: 85 }));
  console.error(`wrote ${values.out} (${cells.length} images, ${sheet.width}x${sheet.height})`);
  return 0;
}

function fail(message: string): number {
  console.error(`error: ${message}\n${USAGE}`);
  return 2;
}

if (import.meta.main) await runMain(main);

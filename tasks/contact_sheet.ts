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
// First: refuses with one line when a native library would lack its permissions.
import "./_permissions.ts";
import { parseArgs } from "node:util";
import { runMain } from "./_cli.ts";
import { basename } from "node:path";
import { contactSheet, type SheetCell } from "../lib/figures/contact_sheet.ts";
import { generatePage, planPages } from "../lib/generate/generate.ts";
import { PRESETS } from "../lib/generate/presets.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { decodeImage, encodeImage } from "../lib/io/image.ts";
import { readRecord } from "../lib/io/read_record.ts";
import { SHOWCASE_STYLES } from "../lib/style/showcase.ts";

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

/** Helpers of the front-end CLI tests (`deno task kit`, `deno task synthesize`): read pages back and check their ground truth on the ink. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeImage } from "../../lib/io/image.ts";
import type { RasterImage } from "../../lib/raster/image.ts";
import { inkNear } from "../generate/_helpers.ts";

/** The ground-truth JSON of a page, loosely typed. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** `<dir>/<stem>.json`, parsed. */
export async function truthOf(dir: string, stem: string): Promise<Json> {
  return JSON.parse(await Deno.readTextFile(join(dir, `${stem}.json`)));
}

/** The names of the families applied to a page. */
export function familiesOf(gt: Json): string[] {
  return gt.augmentations.map((a: { name: string }) => a.name);
}

/** The drawn parameters of family `name` on a page. */
export function paramsOf(gt: Json, name: string): Record<string, number | string | boolean> {
  const a = gt.augmentations.find((x: { name: string }) => x.name === name);
  assert.ok(a, `${name} was not applied (applied: ${familiesOf(gt).join(", ")})`);
  return a.params;
}

/** A page's image, decoded. */
export async function imageOf(path: string): Promise<RasterImage> {
  return await decodeImage(await Deno.readFile(path));
}

/**
 * Every plotted sample lies on trace ink (within 1 px), and points 3 mm
 * above the samples mostly do not: the ground truth is exact, not merely
 * somewhere on a dark page.
 */
export function checkOnInk(gt: Json, image: RasterImage): void {
  assert.equal(gt.width, image.width);
  assert.equal(gt.height, image.height);
  const off = 3 * (gt.resolution / 25.4);
  let checked = 0, control = 0;
  for (const lead of gt.leads) {
    lead.plotted_pixels.forEach((p: [number, number] | null, i: number) => {
      if (!p) return;
      const [row, col] = p;
      if (row < 1 || row > image.height - 2 || col < 1 || col > image.width - 2) return;
      assert.ok(inkNear(image, row, col, 1), `${lead.lead_name} sample ${i} at [${row}, ${col}]`);
      checked++;
      if (inkNear(image, row - off, col, 0)) control++;
    });
  }
  assert.ok(checked > 1000, `only ${checked} points checked`);
  assert.ok(control < 0.5 * checked, `control points on ink: ${control} of ${checked}`);
}

/** The files of a folder, sorted (no sub-folders). */
export async function filesOf(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isFile) names.push(e.name);
  return names.sort();
}

/**
 * Lead labels printed in fonts the label templates do not contain (Noto
 * Serif, Courier Prime, Roboto Condensed: the generator's printing styles)
 * are still read, and a panel named from its label has the right name.
 */
import assert from "node:assert/strict";
import { digitize } from "../../lib/digitize/mod.ts";
import type { GenerateOptions } from "../../lib/generate/mod.ts";
import { page } from "./_helpers.ts";

const GRID = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];

for (const font of ["serif", "mono", "condensed"]) {
  Deno.test(`digitize() names panels from labels printed in the ${font} font`, async () => {
    const options: GenerateOptions = {
      seed: 2,
      dpi: 150,
      style: { probability: 1, fonts: [font], layouts: ["3x4"] },
    };
    const p = await page("JS20001", options);
    const r = await digitize(p.image);
    assert.ok(r.ok, r.ok ? "" : r.reason);
    assert.equal(r.layout, "3x4");
    const read = r.panels.filter((q) => q.rowIndex < 3 && q.nameSource === "label");
    assert.ok(read.length >= 5, `${read.length} of 12 panels named from labels`);
    for (const q of read) assert.equal(q.lead, GRID[q.rowIndex]![q.columnIndex], font);
  });
}

Deno.test("digitize() says ok: false for a photo of crumpled paper, never ok with low confidence", async () => {
  const { decodeImage } = await import("../../lib/io/image.ts");
  const { fixture } = await import("./_helpers.ts");
  const image = await decodeImage(await Deno.readFile(fixture("rectify", "texture-1.jpg")));
  const r = await digitize(image);
  assert.equal(r.ok, false);
});

/**
 * The background around a photographed sheet is not ink: offPageMask()
 * marks the dark, wide regions that touch the image border, and leaves the
 * sheet, its shadows and its thin ink alone.
 */
import assert from "node:assert/strict";
import { offPageMask } from "../../lib/digitize/paper_mask.ts";

/** A 400x300 RGB image: dark table, a light sheet inset by `inset` px with a shadow and a trace. */
function photo(
  inset: number,
  table: "dark" | "wood" = "dark",
): { width: number; height: number; channels: 3; data: Uint8Array } {
  const width = 400, height = 300, data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sheet = x >= inset && x < width - inset && y >= inset && y < height - inset;
      // Paper 235, a shadow band at 55 % of it across the middle, the table at 45.
      let v = sheet ? (y > 120 && y < 160 ? 130 : 235) : 45 + ((x * 7 + y * 3) % 11);
      // A 2 px trace from the sheet's left edge to its right, and a pulse near its start.
      if (sheet && Math.abs(y - 100 - Math.round(8 * Math.sin(x / 9))) <= 1) v = 20;
      const o = (y * width + x) * 3;
      if (!sheet && table === "wood") {
        // A light wooden table: as bright as the shadowed paper, but brown.
        const grain = (x * 5 + y) % 13;
        data[o] = 190 + grain, data[o + 1] = 120 + grain, data[o + 2] = 70;
      } else data[o] = v, data[o + 1] = v, data[o + 2] = v;
    }
  }
  return { width, height, channels: 3, data };
}

for (const table of ["dark", "wood"] as const) {
  Deno.test(`offPageMask() marks a ${table} table around a sheet, not the sheet, its shadow or its trace`, () => {
    const pxPerMm = 4;
    const img = photo(30, table);
    const m = offPageMask(img, pxPerMm);
    assert.ok(m !== null);
    const at = (x: number, y: number): number => m![y * img.width + x]!;
    // The table, and the sheet's edge within about 1.8 mm, are off the page.
    assert.equal(at(5, 150), 1);
    assert.equal(at(200, 10), 1);
    assert.equal(at(32, 150), 1);
    // The sheet, its shadow band and its trace (which runs to the sheet's edge) are kept.
    for (const [x, y] of [[200, 60], [200, 140], [200, 100 + Math.round(8 * Math.sin(200 / 9))]]) {
      assert.equal(at(x!, y!), 0, `(${x}, ${y})`);
    }
    let kept = 0;
    for (let x = 45; x < 355; x++) kept += 1 - at(x, 100 + Math.round(8 * Math.sin(x / 9)));
    assert.ok(kept >= 305, `${kept} of 310 trace columns kept`);
  });
}

Deno.test("offPageMask() gives null for a page with no background around it", () => {
  assert.equal(offPageMask(photo(0), 4), null);
});

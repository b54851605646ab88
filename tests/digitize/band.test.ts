/**
 * The learned reader's band (lib/digitize/reader/band.ts): centred on the
 * row, area-averaged at the canonical scale, ink and darkness channels, and
 * the page ↔ band row mapping the reader's output goes back through.
 */
import assert from "node:assert/strict";
import {
  BAND_HEIGHT,
  BAND_PX_PER_MM_X,
  bandRowToPageY,
  cutBand,
  pageYToBandRow,
} from "../../lib/digitize/reader/band.ts";
import { inkMap } from "../../lib/digitize/ink.ts";

/** A white page `w × h` with a black horizontal line of `thick` rows from `y0`, and a tick at `tickX`. */
function page(w: number, h: number, y0: number, thick: number, tickX: number) {
  const data = new Uint8Array(w * h * 3).fill(255);
  for (let y = y0; y < y0 + thick; y++) {
    for (let x = 10; x < w - 10; x++) data.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  }
  for (let y = y0 - 40; y < y0; y++) data.fill(0, (y * w + tickX) * 3, (y * w + tickX) * 3 + 3);
  return { width: w, height: h, channels: 3 as const, data };
}

Deno.test("cutBand centres the row, averages a finer page down and maps rows back exactly", () => {
  const pxPerMm = 8; // 2 page rows per band row
  const image = page(400, 600, 300, 2, 200); // line over rows 300-301: centre 300.5
  const ink = inkMap(image, { localPaper: false });
  const band = cutBand(image, ink, pxPerMm, 300.5, 20, 380);
  assert.equal(band.dx, pxPerMm / BAND_PX_PER_MM_X);
  assert.equal(band.width, Math.floor(360 / band.dx) + 1);
  assert.equal(band.data.length, 2 * BAND_HEIGHT * band.width);
  // The darkness channel of a column away from the tick: the line sits at the band's centre.
  const plane = BAND_HEIGHT * band.width;
  const col = 40;
  let mass = 0, moment = 0;
  for (let j = 0; j < BAND_HEIGHT; j++) {
    const v = band.data[plane + j * band.width + col]!;
    mass += v;
    moment += v * j;
  }
  const row = moment / mass;
  assert.ok(Math.abs(bandRowToPageY(band, row) - 300.5) < 0.05, `line read at ${row}`);
  // A 2 px black line in 2 px band rows: one full-dark band row, not two half ones.
  assert.ok(mass / 255 > 0.9 && mass / 255 < 1.1, `ink mass ${mass / 255}`);
  // The ink channel sees the same line.
  const inkAt = band.data[Math.round(row) * band.width + col]!;
  assert.ok(inkAt > 100, `ink ${inkAt}`);
  for (const y of [0, 123.25, 300.5, 599]) {
    assert.ok(Math.abs(bandRowToPageY(band, pageYToBandRow(band, y)) - y) < 1e-9);
  }
});

Deno.test("cutBand reads outside the page as paper", () => {
  const image = page(100, 120, 60, 1, 50);
  const ink = inkMap(image, { localPaper: false });
  const band = cutBand(image, ink, 4, 60, 0, 99);
  // Band rows far above the page (y < 0) are paper in both channels.
  assert.equal(bandRowToPageY(band, 0) < 0, true);
  for (let c = 0; c < 2; c++) {
    for (let x = 0; x < band.width; x++) {
      assert.equal(band.data[c * BAND_HEIGHT * band.width + x], 0);
    }
  }
});

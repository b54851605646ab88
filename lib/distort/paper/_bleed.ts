/**
 * Ink bleeding into wet paper: dark ink spreads a few pixels, in
 * proportion to how wet the paper is.
 *
 * @module
 */
import type { RasterImage } from "../../raster/image.ts";
import type { Field } from "./_field.ts";

/**
 * Spread dark ink by a box blur of radius `radiusPx` where `wet` (a field
 * over part of the page, 0..1) is above 0.01. Only darkens: a pixel takes
 * the blurred darkness where it exceeds its own, scaled by wetness.
 */
export function bleedInk(image: RasterImage, wet: Field, radiusPx: number): void {
  if (radiusPx < 1) return;
  const { width, height, channels, data } = image;
  const x0 = Math.max(0, Math.ceil(wet.x0)), y0 = Math.max(0, Math.ceil(wet.y0));
  const x1 = Math.min(width - 1, Math.floor(wet.x0 + (wet.width - 1) * wet.cell));
  const y1 = Math.min(height - 1, Math.floor(wet.y0 + (wet.height - 1) * wet.cell));
  if (x1 < x0 || y1 < y0) return;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1, r = radiusPx, span = 2 * r + 1;
  // Darkness of each pixel of the box: 255 - its darkest channel.
  const dark = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const p = ((y + y0) * width + x + x0) * channels;
      const m = channels >= 3 ? Math.min(data[p]!, data[p + 1]!, data[p + 2]!) : data[p]!;
      dark[y * bw + x] = m < 165 ? 255 - m : 0; // ink only, not grid lines
    }
  }
  // Separable box blur (clamped at the box edges): row sums, then a running sum of rows.
  const across = new Uint16Array(bw * bh);
  for (let y = 0; y < bh; y++) rowSums(dark, across, y * bw, bw, r);
  const column = new Uint32Array(bw);
  for (let y = -r; y <= r; y++) addRow(column, across, Math.min(bh - 1, Math.max(0, y)) * bw, 1);
  const area = span * span, colour = channels >= 3 ? 3 : 1;
  for (let y = 0; y < bh; y++) {
    const wy = Math.round((y + y0 - wet.y0) / wet.cell) * wet.width;
    for (let x = 0; x < bw; x++) {
      const spread = column[x]! / area - dark[y * bw + x]!;
      if (spread <= 1) continue;
      const w = wet.data[wy + Math.round((x + x0 - wet.x0) / wet.cell)] ?? 0;
      if (w <= 0.01) continue;
      const k = spread * Math.min(1, 3 * w);
      const p = ((y + y0) * width + x + x0) * channels;
      for (let c = 0; c < colour; c++) data[p + c] = Math.max(0, data[p + c]! - k);
    }
    addRow(column, across, Math.min(bh - 1, y + r + 1) * bw, 1);
    addRow(column, across, Math.max(0, y - r) * bw, -1);
  }
}

function rowSums(dark: Uint8Array, out: Uint16Array, row: number, bw: number, r: number): void {
  let sum = 0;
  for (let x = -r; x <= r; x++) sum += dark[row + Math.min(bw - 1, Math.max(0, x))]!;
  for (let x = 0; x < bw; x++) {
    out[row + x] = sum;
    sum += dark[row + Math.min(bw - 1, x + r + 1)]! - dark[row + Math.max(0, x - r)]!;
  }
}

function addRow(column: Uint32Array, across: Uint16Array, row: number, sign: number): void {
  for (let x = 0; x < column.length; x++) column[x] = column[x]! + sign * across[row + x]!;
}

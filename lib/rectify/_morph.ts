/**
 * Directional line heatmaps: the line evidence averaged over a segment of
 * `length` px along one axis (running sums, one pass). Lines along that
 * axis keep their strength; lines across it fall to their width over the
 * segment length.
 *
 * @module
 */

/** Mean of `map` over a centred segment of `length` px along `axis` ("x": along rows). */
export function lineMean(
  map: Float32Array,
  width: number,
  height: number,
  axis: "x" | "y",
  length: number,
): Float32Array {
  const r = Math.max(1, length >> 1), norm = 1 / (2 * r + 1);
  const out = new Float32Array(map.length);
  if (axis === "x") {
    for (let y = 0; y < height; y++) {
      const o = y * width;
      let acc = 0;
      for (let x = -r; x < width + r; x++) {
        if (x + r < width) acc += map[o + x + r]!;
        if (x - r - 1 >= 0) acc -= map[o + x - r - 1]!;
        if (x >= 0 && x < width) out[o + x] = acc * norm;
      }
    }
    return out;
  }
  const col = new Float64Array(width);
  for (let y = -r; y < height + r; y++) {
    const add = y + r, sub = y - r - 1;
    if (add < height) { for (let x = 0, i = add * width; x < width; x++, i++) col[x]! += map[i]!; }
    if (sub >= 0) { for (let x = 0, i = sub * width; x < width; x++, i++) col[x]! -= map[i]!; }
    if (y >= 0 && y < height) {
      for (let x = 0, i = y * width; x < width; x++, i++) out[i] = col[x]! * norm;
    }
  }
  return out;
}

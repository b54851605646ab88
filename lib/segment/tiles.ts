/**
 * Overlapping tiles over a plane, for inference on any page size.
 *
 * @module
 */

/** One tile: where it reads (`x0..x0+size`), and the part of its output that is kept. */
export interface Tile {
  /** First input column/row the tile covers (may be cut by the edge; the rest is padded). */
  readonly start: number;
  /** Tile size, a multiple of `multiple`. */
  readonly size: number;
  /** Kept output range `[keepFrom, keepTo)`, in plane coordinates. */
  readonly keepFrom: number;
  /** End of the kept range (exclusive). */
  readonly keepTo: number;
}

/**
 * Tiles along one axis of `length` samples: as few as fit in `maxSize`
 * with `overlap` between neighbours, each a multiple of `multiple`; each
 * keeps its part up to the middle of the overlaps, so every sample is kept
 * from exactly one tile.
 *
 * @example
 * ```ts
 * import { axisTiles } from "./tiles.ts";
 * const tiles = axisTiles(1104, 1024, 64, 8);
 * console.assert(tiles.length === 2 && tiles[0]!.keepTo === tiles[1]!.keepFrom);
 * ```
 */
export function axisTiles(
  length: number,
  maxSize: number,
  overlap: number,
  multiple: number,
): Tile[] {
  const n = length <= maxSize ? 1 : Math.ceil((length - overlap) / (maxSize - overlap));
  const size = Math.ceil((length + (n - 1) * overlap) / n / multiple) * multiple;
  const tiles: Tile[] = [];
  for (let k = 0; k < n; k++) {
    const start = n === 1 ? 0 : Math.round((k * (length - size)) / (n - 1));
    tiles.push({ start, size, keepFrom: 0, keepTo: length });
  }
  return tiles.map((t, k) => ({
    ...t,
    keepFrom: k === 0 ? 0 : Math.round((tiles[k - 1]!.start + tiles[k - 1]!.size + t.start) / 2),
    keepTo: k === n - 1 ? length : Math.round((t.start + t.size + tiles[k + 1]!.start) / 2),
  }));
}

/**
 * Procedural desk surfaces for the background family: per-pixel texture
 * multipliers (about 1) for wood grain, woven fabric and flat surfaces.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";
import { valueNoise } from "./_pixels.ts";

/**
 * Multiply `row[x]` by the texture of row `y`, for `x` in `[from, to)`;
 * `warp[2x + 1]` is the smooth displacement of the grain at each pixel.
 */
export type Texture = (
  y: number,
  warp: Float32Array,
  row: Float32Array,
  from: number,
  to: number,
) => void;

/** Fine grain: multipliers `1 + amp·z` from a table of deviates, per row at a random offset. */
function fineNoise(
  rng: Rng,
  amp: number,
  height: number,
): { table: Float32Array; offsets: Int32Array } {
  // A shorter table than noise's: surface grain only has to look random.
  const table = new Float32Array(SURFACE_TABLE_SIZE);
  for (let i = 0; i < table.length; i++) table[i] = 1 + rng.normal() * amp;
  const offsets = new Int32Array(height);
  for (let y = 0; y < height; y++) offsets[y] = rng.int(0, MASK);
  return { table, offsets };
}

const SURFACE_TABLE_SIZE = 1 << 13, MASK = SURFACE_TABLE_SIZE - 1;

/** A flat surface with fine grain of relative amplitude `grain`. */
export function flatTexture(rng: Rng, height: number, grain: number): Texture {
  const { table, offsets } = fineNoise(rng, grain, height);
  return (y, _warp, row, from, to) => {
    const o = offsets[y]!;
    for (let x = from; x < to; x++) row[x] = row[x]! * table[(o + x) & MASK]!;
  };
}

/**
 * Wood: grain lines across direction `angleDeg`, irregular ring spacing
 * around `ringPx`, dark late-wood lines, broad bands and fine fibres, all
 * tabulated at half-pixel steps across the grain; `warp` bends the grain.
 */
export function woodTexture(
  rng: Rng,
  width: number,
  height: number,
  angleDeg: number,
  ringPx: number,
  warpPx: number,
): Texture {
  const a = (angleDeg * Math.PI) / 180, ca = Math.cos(a), sa = Math.sin(a);
  const corners = [0, width * ca, height * sa, width * ca + height * sa];
  const uMin = Math.min(...corners) - warpPx - 2, uMax = Math.max(...corners) + warpPx + 2;
  const n = Math.ceil((uMax - uMin) * 2) + 2;
  const profile = new Float32Array(n);
  const bands = valueNoise(rng, 120), fibres = valueNoise(rng, 3), fibres2 = valueNoise(rng, 1);
  let next = rng.uniform(0, ringPx);
  for (let i = 0; i < n; i++) profile[i] = 1;
  while (next < n / 2) {
    // A ring: early wood lightens slowly, late wood darkens sharply at its end.
    const spacing = ringPx * rng.uniform(0.5, 1.6), depth = rng.uniform(0.05, 0.16);
    const line = rng.uniform(1, 3.5);
    for (let i = Math.floor(next * 2); i < Math.min(n, (next + spacing) * 2); i++) {
      const s = i / 2 - next; // distance into the ring, px
      const toEnd = spacing - s;
      profile[i] = profile[i]! - depth * (s / spacing) ** 2 * 0.6 -
        depth * Math.exp(-((toEnd / line) ** 2));
    }
    next += spacing;
  }
  for (let i = 0; i < n; i++) {
    const s = i / 2;
    profile[i] = profile[i]! * (1 + 0.07 * bands(s, 0)) + 0.035 * fibres(s, 0) +
      0.02 * fibres2(s, 0);
  }
  const { table, offsets } = fineNoise(rng, 0.015, height);
  return (y, warp, row, from, to) => {
    const o = offsets[y]!, base = (y * sa - uMin) * 2 + 0.5, step = ca * 2;
    for (let x = from; x < to; x++) {
      const k = (base + x * step + warp[2 * x + 1]! * 2) | 0;
      row[x] = row[x]! * profile[k]! * table[(o + x) & MASK]!;
    }
  };
}

/**
 * Woven fabric: a plain weave of threads `threadPx` wide, each thread a
 * little lighter in its middle and a little different from its neighbours.
 */
export function fabricTexture(
  rng: Rng,
  width: number,
  height: number,
  threadPx: number,
): Texture {
  const p = Math.max(1.5, threadPx);
  const colTex = new Float32Array(width), rowTex = new Float32Array(height);
  const colCell = new Int32Array(width), rowCell = new Int32Array(height);
  const fill = (tex: Float32Array, cell: Int32Array, length: number): void => {
    const threads = Math.ceil(length / p) + 1;
    const tone = Float32Array.from({ length: threads }, () => 1 + 0.05 * rng.normal());
    const slub = valueNoise(rng, 25);
    for (let i = 0; i < length; i++) {
      const t = i / p, k = Math.floor(t), f = t - k;
      cell[i] = k;
      tex[i] = tone[k]! * (1 + 0.04 * slub(i, 0)) * (1 - 0.3 * (2 * f - 1) ** 2);
    }
  };
  fill(colTex, colCell, width);
  fill(rowTex, rowCell, height);
  const { table, offsets } = fineNoise(rng, 0.03, height);
  return (y, _warp, row, from, to) => {
    const o = offsets[y]!, cy = rowCell[y]!, ty = rowTex[y]! * 1.08;
    for (let x = from; x < to; x++) {
      const t = (colCell[x]! + cy) & 1 ? colTex[x]! * 1.08 : ty;
      row[x] = row[x]! * t * table[(o + x) & MASK]!;
    }
  };
}

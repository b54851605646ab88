/**
 * Connected components (8-connected) of a binary mask, with their boxes and
 * pixel counts, by union-find over row runs.
 *
 * @module
 */

/** One connected component. */
export interface Component {
  /** Leftmost, topmost, rightmost, bottommost pixel (inclusive). */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** Pixel count. */
  readonly area: number;
}

/** Components of `mask` (non-zero = set), `width × height`. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): Component[] {
  const runY: number[] = [], runX0: number[] = [], runX1: number[] = [];
  const rowStart = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowStart[y] = runY.length;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      const x0 = x;
      while (x + 1 < width && mask[row + x + 1]) x++;
      runY.push(y), runX0.push(x0), runX1.push(x);
    }
  }
  rowStart[height] = runY.length;
  const n = runY.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let y = 1; y < height; y++) {
    let p = rowStart[y - 1]!;
    const pEnd = rowStart[y]!;
    for (let r = rowStart[y]!; r < rowStart[y + 1]!; r++) {
      while (p < pEnd && runX1[p]! < runX0[r]! - 1) p++;
      for (let q = p; q < pEnd && runX0[q]! <= runX1[r]! + 1; q++) {
        const a = find(r), b = find(q);
        if (a !== b) parent[a > b ? a : b] = a > b ? b : a;
      }
    }
  }
  const index = new Map<number, number>();
  const boxes: { left: number; top: number; right: number; bottom: number; area: number }[] = [];
  for (let r = 0; r < n; r++) {
    const root = find(r);
    let k = index.get(root);
    if (k === undefined) {
      k = boxes.length;
      index.set(root, k);
      boxes.push({ left: runX0[r]!, top: runY[r]!, right: runX1[r]!, bottom: runY[r]!, area: 0 });
    }
    const b = boxes[k]!;
    b.left = Math.min(b.left, runX0[r]!), b.right = Math.max(b.right, runX1[r]!);
    b.top = Math.min(b.top, runY[r]!), b.bottom = Math.max(b.bottom, runY[r]!);
    b.area += runX1[r]! - runX0[r]! + 1;
  }
  return boxes;
}

/**
 * The 20-byte header of a MAT v4 matrix, as PhysioNet's `.mat` records
 * (written by `wfdb2mat`) carry before their samples.
 *
 * @module
 */

/** Rows and columns of a MAT v4 numeric matrix. */
export interface MatV4Dimensions {
  readonly rows: number;
  readonly cols: number;
}

/**
 * Read the dimensions of the MAT v4 matrix at the start of `bytes`, or
 * `null` when the bytes do not start with a real, full numeric matrix
 * header whose name ends exactly at `dataOffset`.
 */
export function matV4Dimensions(bytes: Uint8Array, dataOffset: number): MatV4Dimensions | null {
  if (bytes.length < 20 || dataOffset < 20) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const littleEndian of [true, false]) {
    const type = view.getInt32(0, littleEndian);
    // type = M*1000 + O*100 + P*10 + T: M 0 (little-endian) or 1 (big-endian),
    // O 0, P 0..5 (double … uint8), T 0 (full numeric matrix).
    if (type < 0 || type > 1050 || type % 10 !== 0 || Math.floor(type / 100) % 10 !== 0) continue;
    if ((type >= 1000) === littleEndian || Math.floor(type / 10) % 10 > 5) continue;
    const rows = view.getInt32(4, littleEndian);
    const cols = view.getInt32(8, littleEndian);
    const imagf = view.getInt32(12, littleEndian);
    const nameLength = view.getInt32(16, littleEndian);
    if (imagf !== 0 || rows < 0 || cols < 0 || 20 + nameLength !== dataOffset) continue;
    return { rows, cols };
  }
  return null;
}

/**
 * The learned trace reader: a small CNN (trained by
 * `training/trace_reader/`, shipped as `models/trace_reader.onnx`) run with
 * onnxruntime-node on the CPU. For each row it reads a band centred on the
 * row's level (`cutBand`: trace ink and darkness at 4 px/mm high, 8
 * columns per mm) and gives, per band column, logits over the band's rows:
 * where *this* row's trace is. The neighbouring rows' ink is in the band so
 * that the model can leave it alone, and a wave of this row that reaches
 * into the next row is still read. The read-out is the argmax (or, with a
 * `moveCost`, the most probable path over the columns) refined by a
 * soft-argmax over ±4 band rows (sub-pixel); the probability mass there is
 * the per-column confidence. All rows of a page run as one batch.
 *
 * @module
 */
import * as ort from "npm:onnxruntime-node@1.23.0";
import { openOrtSession } from "../../segment/ort_session.ts";
import { type Band, BAND_CHANNELS, BAND_HEIGHT, bandRowToPageY, cutBand } from "./band.ts";
import type { TraceReader, TraceReaderPage, TraceReading } from "./types.ts";

/** Options of {@linkcode createTraceReader}. */
export interface TraceReaderOptions {
  /** Threads of onnxruntime (intra-op). @default 1 */
  threads?: number;
  /** Rows per model run (memory: about 4 MB per row of 250 mm). @default 16 */
  batch?: number;
  /** Read-out path cost per band row moved between columns, nats (see {@linkcode MOVE_COST}). @default 0 */
  moveCost?: number;
}

/** Context read before the row's time origin (the pulse) and after its end, mm. */
const BEFORE_MM = 6, AFTER_MM = 3;
/** Band rows either side of the argmax that the soft-argmax weighs. */
const REACH = 4;
/** Band widths are padded to a multiple of this (the model's total stride). */
const MULTIPLE = 8;

/**
 * Load the learned reader from the bytes of its ONNX model (see
 * `loadTraceReader` in `lib/io/trace_reader.ts` for the shipped one).
 * Deterministic: the same page gives the same readings.
 */
export async function createTraceReader(
  model: Uint8Array,
  options: TraceReaderOptions = {},
): Promise<TraceReader & { release(): Promise<void> }> {
  const { threads = 1, batch = 16, moveCost = MOVE_COST } = options;
  if (!(moveCost >= 0)) throw new RangeError(`Invalid option moveCost = ${moveCost}: must be >= 0`);
  if (!(Number.isInteger(batch) && batch >= 1)) {
    throw new RangeError(`Invalid option batch = ${batch}: must be an integer >= 1`);
  }
  const { session, input, output } = await openOrtSession(model, threads);
  return {
    kind: "learned",
    async read(page: TraceReaderPage): Promise<TraceReading[]> {
      const { image, pxPerMm, ink } = page;
      const bands = page.rows.map((r) =>
        cutBand(
          image,
          ink.trace,
          pxPerMm,
          r.centreY,
          Math.max(0, r.originX - BEFORE_MM * pxPerMm),
          Math.min(image.width - 1, r.x1 + AFTER_MM * pxPerMm),
        )
      );
      const out: TraceReading[] = [];
      for (let b0 = 0; b0 < bands.length; b0 += batch) {
        const group = bands.slice(b0, b0 + batch);
        const W = Math.ceil(Math.max(...group.map((b) => b.width)) / MULTIPLE) * MULTIPLE;
        const plane = BAND_HEIGHT * W;
        const data = new Float32Array(group.length * BAND_CHANNELS * plane);
        group.forEach((band, k) => {
          for (let c = 0; c < BAND_CHANNELS; c++) {
            for (let y = 0; y < BAND_HEIGHT; y++) {
              const src = (c * BAND_HEIGHT + y) * band.width;
              const dst = (k * BAND_CHANNELS + c) * plane + y * W;
              for (let x = 0; x < band.width; x++) data[dst + x] = band.data[src + x]!;
            }
          }
        });
        const tensor = new ort.Tensor("float32", data, [
          group.length,
          BAND_CHANNELS,
          BAND_HEIGHT,
          W,
        ]);
        const result = await session.run({ [input]: tensor });
        const logits = result[output]!.data as Float32Array;
        group.forEach((band, k) =>
          out.push(decode(logits.subarray(k * plane, (k + 1) * plane), W, band, moveCost))
        );
      }
      return out;
    },
    async release() {
      await session.release();
    },
  };
}

/**
 * Default cost of moving the read-out by one band row between neighbouring
 * columns, in nats (`TraceReaderOptions.moveCost`): 0, the plain per-column
 * argmax. A path cost keeps the read-out off short jumps to a neighbouring
 * row's trace, but it also cuts tall narrow R waves (a QRS stroke moves
 * 10–20 rows a column): 0.05 scored 9.9 dB against 14.8 with 0 on an
 * ecg-image-kit page (BENCHMARKS.md, "Trace readers").
 */
export const MOVE_COST = 0;

/**
 * The read-out of one band: per column, the row on the most probable path
 * (Viterbi over the columns with an L1 cost per row moved, computed in
 * O(rows) per column with two distance-transform passes), refined by a
 * soft-argmax over ±4 rows around it; the probability mass there is the
 * confidence. `moveCost` 0 gives the plain per-column argmax.
 */
export function decode(
  logits: Float32Array,
  stride: number,
  band: Band,
  moveCost: number = MOVE_COST,
): TraceReading {
  const n = band.width, H = BAND_HEIGHT;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  const confidence = new Float32Array(n);
  // Per column: log-softmax (as a cost), and its normaliser for the soft-argmax.
  const cost = new Float32Array(n * H);
  const maxOf = new Float32Array(n), sumOf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let y = 0; y < H; y++) max = Math.max(max, logits[y * stride + i]!);
    let total = 0;
    for (let y = 0; y < H; y++) total += Math.exp(logits[y * stride + i]! - max);
    const lse = max + Math.log(total);
    for (let y = 0; y < H; y++) cost[i * H + y] = lse - logits[y * stride + i]!;
    maxOf[i] = max;
    sumOf[i] = total;
  }
  const rows = new Int32Array(n);
  if (moveCost > 0 && n > 0) {
    const back = new Int16Array(n * H);
    let prev = Float64Array.from(cost.subarray(0, H));
    const m = new Float64Array(H), arg = new Int16Array(H);
    for (let i = 1; i < n; i++) {
      for (let y = 0; y < H; y++) {
        m[y] = prev[y]!;
        arg[y] = y;
      }
      for (let y = 1; y < H; y++) {
        if (m[y - 1]! + moveCost < m[y]!) {
          m[y] = m[y - 1]! + moveCost;
          arg[y] = arg[y - 1]!;
        }
      }
      for (let y = H - 2; y >= 0; y--) {
        if (m[y + 1]! + moveCost < m[y]!) {
          m[y] = m[y + 1]! + moveCost;
          arg[y] = arg[y + 1]!;
        }
      }
      const next = new Float64Array(H);
      for (let y = 0; y < H; y++) {
        next[y] = m[y]! + cost[i * H + y]!;
        back[i * H + y] = arg[y]!;
      }
      prev = next;
    }
    let best = 0;
    for (let y = 1; y < H; y++) if (prev[y]! < prev[best]!) best = y;
    for (let i = n - 1; i >= 0; i--) {
      rows[i] = best;
      best = back[i * H + best]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let y = 1; y < H; y++) if (cost[i * H + y]! < cost[i * H + best]!) best = y;
      rows[i] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    const best = rows[i]!;
    let near = 0, moment = 0;
    for (let y = Math.max(0, best - REACH); y <= Math.min(H - 1, best + REACH); y++) {
      const e = Math.exp(logits[y * stride + i]! - maxOf[i]!);
      near += e;
      moment += e * y;
    }
    xs[i] = band.x0 + i * band.dx;
    ys[i] = bandRowToPageY(band, near > 0 ? moment / near : best);
    confidence[i] = near / sumOf[i]!;
  }
  return { xs, ys, confidence };
}

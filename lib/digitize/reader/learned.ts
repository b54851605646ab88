/**
 * The learned trace reader: a small CNN (trained by
 * `training/trace_reader/`, shipped as `models/trace_reader.onnx`) run with
 * onnxruntime-node on the CPU. For each row it reads a band centred on the
 * row's level (`cutBand`: trace ink and darkness at 4 px/mm high, 8
 * columns per mm) and gives, per band column, logits over the band's rows:
 * where *this* row's trace is. The neighbouring rows' ink is in the band so
 * that the model can leave it alone, and a wave of this row that reaches
 * into the next row is still read. The read-out is the argmax refined by a
 * soft-argmax over ±4 band rows (sub-pixel); the probability mass there is
 * the per-column confidence. All rows of a page run as one batch.
 *
 * @module
 */
import * as ort from "npm:onnxruntime-node@1.23.0";
import { type Band, BAND_CHANNELS, BAND_HEIGHT, bandRowToPageY, cutBand } from "./band.ts";
import type { TraceReader, TraceReaderPage, TraceReading } from "./types.ts";

/** Options of {@linkcode createTraceReader}. */
export interface TraceReaderOptions {
  /** Threads of onnxruntime (intra-op). @default 1 */
  threads?: number;
  /** Rows per model run (memory: about 4 MB per row of 250 mm). @default 16 */
  batch?: number;
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
  const { threads = 1, batch = 16 } = options;
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new RangeError(`Invalid option threads = ${threads}: must be an integer >= 1`);
  }
  if (!(Number.isInteger(batch) && batch >= 1)) {
    throw new RangeError(`Invalid option batch = ${batch}: must be an integer >= 1`);
  }
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  const input = session.inputNames[0]!, output = session.outputNames[0]!;
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
          out.push(decode(logits.subarray(k * plane, (k + 1) * plane), W, band))
        );
      }
      return out;
    },
    async release() {
      await session.release();
    },
  };
}

/** Per column: argmax, soft-argmax around it, and the probability mass there. */
export function decode(logits: Float32Array, stride: number, band: Band): TraceReading {
  const n = band.width;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0, max = -Infinity;
    for (let y = 0; y < BAND_HEIGHT; y++) {
      const v = logits[y * stride + i]!;
      if (v > max) {
        max = v;
        best = y;
      }
    }
    let total = 0, near = 0, moment = 0;
    for (let y = 0; y < BAND_HEIGHT; y++) {
      const e = Math.exp(logits[y * stride + i]! - max);
      total += e;
      if (Math.abs(y - best) <= REACH) {
        near += e;
        moment += e * y;
      }
    }
    xs[i] = band.x0 + i * band.dx;
    ys[i] = bandRowToPageY(band, moment / near);
    confidence[i] = near / total;
  }
  return { xs, ys, confidence };
}

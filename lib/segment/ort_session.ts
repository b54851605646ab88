/**
 * One onnxruntime-node CPU session, as the segmenter and the learned trace
 * reader both open theirs: `threads` intra-op threads, sequential, every
 * graph optimisation; the model's first input and output names.
 *
 * @module
 */
import * as ort from "npm:onnxruntime-node@1.23.0";

/** An open session and the names of its first input and output. */
export interface OrtSession {
  /** The session. */
  readonly session: ort.InferenceSession;
  /** Its first input's name. */
  readonly input: string;
  /** Its first output's name. */
  readonly output: string;
}

/** Open `model` (ONNX bytes); `threads` must be an integer ≥ 1 (else a `RangeError`). */
export async function openOrtSession(model: Uint8Array, threads: number): Promise<OrtSession> {
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new RangeError(`Invalid option threads = ${threads}: must be an integer >= 1`);
  }
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  return { session, input: session.inputNames[0]!, output: session.outputNames[0]! };
}

/**
 * What the evaluation reads from a ground-truth JSON (`<stem>.json` of the
 * generator, a superset of ecg-image-kit's) and from a digitizer's
 * `<stem>.json`: sample rates, group fields and distortion parameters.
 * Pure: takes the parsed JSON value.
 *
 * @module
 */

/** Group fields and distortion parameters of one image. */
export interface GroundTruthMeta {
  /** `sampling_frequency` (Hz), or `null` when absent or not a positive number. */
  readonly sampleRateHz: number | null;
  /** `preset`, `layout` and `imageType` when known (strings). */
  readonly groups: Record<string, string>;
  /**
   * One entry per augmentation name (how many times it was applied) and one
   * per numeric or boolean parameter, `<name>.<param>` (first application;
   * booleans as 0/1). Empty for a clean image.
   */
  readonly distortions: Record<string, number>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const positive = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;

const text = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== ""
    ? v.trim()
    : typeof v === "number" && Number.isFinite(v)
    ? String(v)
    : null;

/**
 * Read the metadata of a ground-truth JSON. The image type is the JSON's
 * `image_type`, `output.format`, `format` or `options.format` when
 * present, else `imageExtension` (e.g. `"png"` from the image file found
 * beside it).
 *
 * @param json The parsed `<stem>.json`.
 * @param imageExtension Extension of the image file, lower case, no dot.
 *
 * @example
 * ```ts
 * import { groundTruthMeta } from "./ground_truth.ts";
 * const meta = groundTruthMeta({
 *   sampling_frequency: 500, layout: "3x4", preset: "0001",
 *   augmentations: [{ name: "rotate", params: { angle_deg: 4.5, expand: true } }],
 * }, "png");
 * console.assert(meta.groups.imageType === "png" && meta.distortions["rotate.angle_deg"] === 4.5);
 * console.assert(meta.distortions["rotate"] === 1 && meta.distortions["rotate.expand"] === 1);
 * ```
 */
export function groundTruthMeta(json: unknown, imageExtension?: string): GroundTruthMeta {
  const root = isRecord(json) ? json : {};
  const options = isRecord(root.options) ? root.options : {};
  const groups: Record<string, string> = {};
  const preset = text(root.preset) ?? text(options.preset);
  if (preset !== null) groups.preset = preset;
  const layout = text(root.layout) ?? text(options.layout);
  if (layout !== null) groups.layout = layout;
  const output = isRecord(root.output) ? root.output : {};
  const imageType = text(root.image_type) ?? text(output.format) ?? text(root.format) ??
    text(options.format) ??
    (imageExtension ? imageExtension.toLowerCase().replace(/^jpeg$/, "jpg") : null);
  if (imageType !== null) groups.imageType = imageType;
  return {
    sampleRateHz: positive(root.sampling_frequency),
    groups,
    distortions: distortionsOf(root.augmentations),
  };
}

function distortionsOf(list: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = text(item.name);
    if (name === null) continue;
    const first = out[name] === undefined;
    out[name] = (out[name] ?? 0) + 1;
    if (!first || !isRecord(item.params)) continue;
    for (const [key, value] of Object.entries(item.params)) {
      if (typeof value === "number" && Number.isFinite(value)) out[`${name}.${key}`] = value;
      else if (typeof value === "boolean") out[`${name}.${key}`] = value ? 1 : 0;
    }
  }
  return out;
}

/**
 * The sample rate a digitizer's `<stem>.json` states: `fs`, else
 * `sampling_frequency`, else `sample_rate_hz`; `null` when it states none
 * (absent or `null`). A stated rate that is not a positive finite number
 * (`-5`, `0`, `"500"`) is a `RangeError` naming the field: it must not
 * pass for a JSON that states no rate.
 *
 * @example
 * ```ts
 * import { predictionSampleRate } from "./ground_truth.ts";
 * console.assert(predictionSampleRate({ fs: 250 }) === 250);
 * console.assert(predictionSampleRate({ warnings: [] }) === null);
 * ```
 */
export function predictionSampleRate(json: unknown): number | null {
  const root = isRecord(json) ? json : {};
  for (const key of ["fs", "sampling_frequency", "sample_rate_hz"]) {
    const v = root[key];
    if (v === undefined || v === null) continue;
    const hz = positive(v);
    if (hz === null) {
      throw new RangeError(
        `Cannot read the prediction's rate: ${key} = ${
          JSON.stringify(v)
        } is not a positive number of Hz`,
      );
    }
    return hz;
  }
  return null;
}

/**
 * The contracts of the distortion stage: what a family of distortions is,
 * what it draws, and what it works on. Three kinds of family run in this
 * order on a rendered page:
 *
 * 1. `paper` families (creases, wrinkles, stains, mould, handwriting) draw
 *    on the flat page, in page pixels, so they later warp with the paper;
 * 2. `geometry` families (rotation, perspective, lens, waves, elastic, crop,
 *    padding) each give one {@linkcode GeometricStep}; the steps compose
 *    into one mapping from page pixels to final-image pixels that moves the
 *    image, the masks, and every ground-truth coordinate alike;
 * 3. `capture` families (background, lighting, colour, blur, noise, screen
 *    look, grayscale/threshold, channel swap, JPEG quality) act on the final
 *    image, like the camera or scanner would.
 *
 * Coordinates: origin top-left, `x` = column, `y` = row, pixel centres at
 * integers (a pixel covers `[x - 0.5, x + 0.5)`).
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { Workspace } from "../raster/workspace.ts";
import type { Rng } from "../random/rng.ts";

/** A drawn parameter, as recorded in the ground-truth JSON. */
export type ParamValue = number | string | boolean;
/** The drawn parameters of one applied family. */
export type Params = Record<string, ParamValue>;

/**
 * A family's configuration from a preset or the YAML config: how likely it
 * is, and the ranges its parameters are drawn from. A range is `[min, max]`
 * (both inclusive); a fixed value is a number. Keys are snake_case, as in
 * the YAML.
 */
export interface FamilyConfig {
  /** Chance (0 to 1) that the family is applied to a page. */
  probability: number;
  /** The family's own settings. */
  [key: string]: number | readonly [number, number] | string | boolean | readonly string[];
}

/** Size and scale of the image a family works on. */
export interface Frame {
  /** Width, px. */
  readonly width: number;
  /** Height, px. */
  readonly height: number;
  /** Pixels per millimetre of paper (before any geometric step). */
  readonly pxPerMm: number;
  /** The page's record name (given to `capture` families; `qr_code` encodes it). */
  readonly record?: string;
}

/** A point transform: writes the transformed point into `out` (`[x, y]`). */
export type PointTransform = (x: number, y: number, out: Float64Array) => void;

/**
 * One geometric step: a smooth invertible map from its input image
 * (`inWidth × inHeight`) to its output image (`outWidth × outHeight`).
 * `forward(inverse(p)) ≈ p` to well under 0.01 px on the output image.
 */
export interface GeometricStep {
  /** The family that made it. */
  readonly kind: string;
  /** Everything needed to rebuild the step (recorded in `page_mapping.steps`). */
  readonly params: Params;
  /** Input width, px. */
  readonly inWidth: number;
  /** Input height, px. */
  readonly inHeight: number;
  /** Output width, px. */
  readonly outWidth: number;
  /** Output height, px. */
  readonly outHeight: number;
  /** Input pixel → output pixel. */
  readonly forward: PointTransform;
  /** Output pixel → input pixel (used to resample images). */
  readonly inverse: PointTransform;
}

/** What a `paper` or `capture` family draws on. Mutated in place. */
export interface PixelTarget {
  /** The RGB image (page pixels for `paper`, final pixels for `capture`). */
  readonly image: RasterImage;
  /** Pixels per millimetre of paper (approximate after geometry). */
  readonly pxPerMm: number;
  /**
   * Capture stage only: how much of each pixel is page (1) rather than
   * background (0), row-major, or null when the page fills the image.
   */
  readonly pageAlpha: Float32Array | null;
  /**
   * Paper stage only: the text mask (channel 7, 0/1, page pixels) to add
   * handwriting to, or null when masks were not asked for.
   */
  readonly textMask: Uint8Array | null;
  /** Paper stage only: handwritten notes added, each with its ink box `[left, top, right, bottom]`. */
  readonly notes: { text: string; box: [number, number, number, number] }[];
  /** Decoded photo textures (`--textures`), possibly empty. */
  readonly textures: readonly RasterImage[];
  /** Reusable buffers, when the caller has a workspace. */
  readonly workspace: Workspace | undefined;
}

/** A family of pixel effects (`paper` or `capture`). */
export interface PixelFamily {
  /** snake_case name, as in the YAML and the JSON. */
  readonly name: string;
  /** `paper`: on the flat page before the geometric steps; `capture`: on the final image. */
  readonly kind: "paper" | "capture";
  /** One line for `--help` and the docs. */
  readonly description: string;
  /** The configuration used when a preset or config turns the family on without settings. */
  readonly defaults: Readonly<FamilyConfig>;
  /** Throws a `RangeError` naming `distortions.<name>.<key>` and the value when a setting is impossible. */
  validate(config: Readonly<FamilyConfig>): void;
  /** Draw the parameters for one page (all randomness that shapes the result is drawn here or from `rng` in apply). */
  sample(rng: Rng, config: Readonly<FamilyConfig>, frame: Frame): Params;
  /** Apply drawn parameters. `rng` is the family's own stream, for per-pixel noise. */
  apply(params: Params, target: PixelTarget, rng: Rng): void | Promise<void>;
  /**
   * Optional, for a family that is nothing but a per-channel lookup
   * (value → value): its three tables (R, G, B) for drawn parameters. The
   * pipeline may then fold it into the pass of the family just before it,
   * when that one has {@linkcode PixelFamily.applyThenLookup}.
   */
  lookupTables?(params: Params): readonly [Uint8Array, Uint8Array, Uint8Array];
  /**
   * Optional: as `apply`, then map every channel value through `tables`, in
   * the same pass over the image; the bytes equal `apply` followed by the lookup.
   */
  applyThenLookup?(
    params: Params,
    target: PixelTarget,
    rng: Rng,
    tables: readonly [Uint8Array, Uint8Array, Uint8Array],
  ): void | Promise<void>;
}

/** A family of geometric steps. */
export interface GeometryFamily {
  /** snake_case name, as in the YAML and the JSON. */
  readonly name: string;
  /** Always `geometry`. */
  readonly kind: "geometry";
  /** One line for `--help` and the docs. */
  readonly description: string;
  /** The configuration used when a preset or config turns the family on without settings. */
  readonly defaults: Readonly<FamilyConfig>;
  /** Throws a `RangeError` naming `distortions.<name>.<key>` and the value when a setting is impossible. */
  validate(config: Readonly<FamilyConfig>): void;
  /** Draw the parameters of one step for an input of the given size. */
  sample(rng: Rng, config: Readonly<FamilyConfig>, frame: Frame): Params;
  /** The step for drawn parameters, on an input of the given size. */
  step(params: Params, input: Frame): GeometricStep;
}

/** Any family. */
export type Family = PixelFamily | GeometryFamily;

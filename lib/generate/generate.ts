/**
 * The generation stage: a record in, synthetic paper-ECG pages out, each
 * with its exact ground truth.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { Workspace } from "../raster/workspace.ts";
import { distortPage } from "../distort/distort.ts";
import { createRng, type Rng } from "../random/rng.ts";
import { drawPageOptions } from "./page_draws.ts";
import { RecordError } from "../records/errors.ts";
import { MAX_LEADS } from "../records/limits.ts";
import type { EcgRecord } from "../records/types.ts";
import { buildGroundTruth, type GroundTruth } from "./ground_truth.ts";
import { blankPageWarnings, offPageWarnings } from "./_warnings.ts";
import { layoutPage, type PageLayout } from "./layout.ts";
import { pageMasks } from "./masks.ts";
import {
  type GenerateOptions,
  type ResolvedGenerateOptions,
  resolveGenerateOptions,
} from "./options.ts";
import { PRESET_MIX_WEIGHTS } from "./presets.ts";
import { sampleStyle } from "../style/family.ts";
import { applyPrintStyle } from "./print_style.ts";
import { renderPage } from "./render.ts";
import { recordStem } from "./stem.ts";
import { drawPageStyle } from "./style.ts";

/** One page to make: which window and variant of a record. */
export interface PagePlan {
  /**
   * `<record>-<window>` or `<record>-<window>-<variant>` when count > 1, the
   * record part made a visible, safe file name by `recordStem`.
   */
  readonly stem: string;
  /** Which page-long window of the record, 0-based. */
  readonly window: number;
  /** Which variant of that window, 0-based. */
  readonly variant: number;
  /** First sample of the page in the record. */
  readonly startSample: number;
}

/** The sampling rates a record may have to be drawn, in Hz. */
export const RECORD_RATE_RANGE_HZ = [1, 100_000] as const;

/** A generated page, in memory. */
export interface GeneratedPage {
  /** File stem: `<record>-<window>[-<variant>]`. */
  readonly stem: string;
  /** The page image (RGB). */
  readonly image: RasterImage;
  /** The ground truth (docs/FORMATS.md JSON). */
  readonly groundTruth: GroundTruth;
  /** The signals exactly as plotted: page-length leads, NaN where not shown. */
  readonly signals: EcgRecord;
  /** The 9 segmentation channels (0/1, row-major), when `masks` was set. */
  readonly masks: Uint8Array[] | null;
  /** The trace-only image, when `clean` was set. */
  readonly clean: RasterImage | null;
  /** JPEG quality the `jpeg` distortion drew (the writer encodes at it), or null. */
  readonly jpegQuality: number | null;
  /**
   * What the page cannot show faithfully (an infinite gain, samples off the
   * page); also in the ground truth's `warnings`. The CLI prints these.
   */
  readonly problems: readonly string[];
}

/** Inputs that come from files, loaded by the caller (the stage does no I/O). */
export interface GenerateAssets {
  /** Decoded photo textures for the `wrinkles` family (`--textures <dir>`). */
  readonly textures?: readonly RasterImage[];
}

/**
 * The pages a record gives: every whole window of the page duration (or
 * the one at `startSample`), times `count` variants. Throws a
 * `RecordError` when the record is shorter than one page or has more
 * than `MAX_LEADS` (64) leads.
 */
export function planPages(record: EcgRecord, options: GenerateOptions = {}): PagePlan[] {
  const o = resolveGenerateOptions(options);
  const [minHz, maxHz] = RECORD_RATE_RANGE_HZ;
  if (!(record.sampleRateHz >= minHz && record.sampleRateHz <= maxHz)) {
    throw new RecordError(
      record.source || record.name,
      `sampling rate ${record.sampleRateHz} Hz is outside ${minHz}..${maxHz} Hz`,
    );
  }
  if (record.leadNames.length > MAX_LEADS) {
    throw new RecordError(
      record.source || record.name,
      `${record.leadNames.length} leads; at most ${MAX_LEADS} can be drawn`,
    );
  }
  const layout = layoutPage(record.leadNames, record.sampleRateHz, o);
  return plan(record, layout, o);
}

function plan(record: EcgRecord, layout: PageLayout, o: ResolvedGenerateOptions): PagePlan[] {
  const total = record.signals[0]?.length ?? 0;
  const need = layout.pageSamples;
  const starts: number[] = [];
  if (o.startSample !== null) {
    if (o.startSample + need > total) {
      throw new RecordError(
        record.source || record.name,
        `a page from sample ${o.startSample} needs ${need} samples, the record has ${total}`,
      );
    }
    starts.push(o.startSample);
  } else {
    for (let s = 0; s + need <= total; s += need) starts.push(s);
    if (starts.length === 0) {
      throw new RecordError(
        record.source || record.name,
        `record is shorter than one page: ${total} samples (${
          (total / record.sampleRateHz).toFixed(2)
        } s), a page needs ${need} (${layout.pageDurationS} s)`,
      );
    }
  }
  const pages: PagePlan[] = [];
  const base = recordStem(record.name);
  starts.forEach((startSample, k) => {
    const window = o.startSample !== null ? Math.floor(startSample / need) : k;
    for (let v = 0; v < o.count; v++) {
      const stem = o.count > 1 ? `${base}-${window}-${v}` : `${base}-${window}`;
      pages.push({ stem, window, variant: v, startSample });
    }
  });
  return pages;
}

/**
 * Make one planned page. Its random stream depends only on
 * (seed, record name, window, variant), so the same inputs give the same
 * pixels whatever else is generated alongside. With a `workspace`, the
 * page's images live in the workspace's buffers and stay valid only until
 * the next page made with it (fast for batches).
 *
 * @example
 * ```ts
 * import { generatePage, planPages } from "./generate.ts";
 * const fs = 500, n = 5000;
 * const leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];
 * const record = {
 *   name: "sine", sampleRateHz: fs, leadNames: leads, comments: [], source: "",
 *   signals: leads.map(() => Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50))),
 * };
 * const [first] = planPages(record, { dpi: 100 });
 * const page = await generatePage(record, first!, { dpi: 100 });
 * console.assert(page.groundTruth.leads.length === 13 && page.image.width === 1100);
 * ```
 */
export async function generatePage(
  record: EcgRecord,
  page: PagePlan,
  options: GenerateOptions = {},
  workspace?: Workspace,
  assets: GenerateAssets = {},
): Promise<GeneratedPage> {
  const ids = [record.name, page.window, page.variant] as const;
  let o = resolveGenerateOptions(options);
  let base = options;
  if (o.preset === "mix") {
    base = { ...options, preset: drawPreset(createRng(o.seed, ...ids, "preset")) };
    o = resolveGenerateOptions(base);
  }
  if (o.pageDraws) {
    const drawn = drawPageOptions(o.pageDraws, createRng(o.seed, ...ids, "page_draws"));
    const distortions = { ...base.distortions };
    for (const [name, off] of Object.entries(drawn.distortions ?? {})) {
      distortions[name] = { ...distortions[name], ...off };
    }
    o = resolveGenerateOptions({ ...base, ...drawn, distortions });
  }
  const print = o.style ? sampleStyle(createRng(o.seed, ...ids, "print_style"), o.style) : null;
  if (print) o = applyPrintStyle(o, print, record.leadNames);
  const layout = layoutPage(record.leadNames, record.sampleRateHz, o, print);
  const rng = createRng(o.seed, ...ids, "style");
  const style = drawPageStyle(o, rng, record.sampleRateHz, print);
  const rendered = renderPage(record, page.startSample, layout, style, {
    masks: o.masks,
    clean: o.clean,
  }, workspace);
  const groundTruth = buildGroundTruth(
    {
      stem: page.stem,
      record: record.name,
      window: page.window,
      variant: page.variant,
      startSample: page.startSample,
    },
    record.sampleRateHz,
    layout,
    style,
    rendered,
    o,
    print,
  );
  if (options.preset === "mix") groundTruth.warnings.push(`preset ${o.preset} drawn by mix`);
  const problems = [
    ...(record.warnings ?? []),
    ...offPageWarnings(groundTruth, record),
    ...blankPageWarnings(groundTruth),
  ];
  groundTruth.warnings.push(...problems);
  const distorted = await distortPage(
    {
      image: rendered.image,
      masks: o.masks ? pageMasks(rendered, workspace) : null,
      clean: rendered.clean,
      groundTruth,
    },
    o.distortions,
    {
      seed: o.seed,
      ids,
      rectify: o.rectify,
      textures: assets.textures ?? [],
      workspace,
    },
  );
  return {
    stem: page.stem,
    image: distorted.image,
    groundTruth: distorted.groundTruth,
    signals: plottedSignals(record, page, layout),
    masks: distorted.masks,
    clean: distorted.clean,
    jpegQuality: distorted.jpegQuality,
    problems,
  };
}

/** Draw a preset for `--preset mix`, by {@linkcode PRESET_MIX_WEIGHTS}. */
function drawPreset(rng: Rng): string {
  const entries = Object.entries(PRESET_MIX_WEIGHTS);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let u = rng.next() * total;
  for (const [name, weight] of entries) {
    u -= weight;
    if (u < 0) return name;
  }
  return entries[entries.length - 1]![0];
}

/** Generate every planned page of a record (see {@linkcode planPages}). */
export async function generate(
  record: EcgRecord,
  options: GenerateOptions = {},
): Promise<GeneratedPage[]> {
  const pages: GeneratedPage[] = [];
  for (const page of planPages(record, options)) {
    pages.push(await generatePage(record, page, options));
  }
  return pages;
}

function plottedSignals(record: EcgRecord, page: PagePlan, layout: PageLayout): EcgRecord {
  const n = layout.pageSamples;
  const signals = record.leadNames.map(() => new Float64Array(n).fill(NaN));
  for (const panel of layout.panels) {
    const k = record.leadNames.indexOf(panel.lead);
    const source = record.signals[k]!, target = signals[k]!;
    for (let s = panel.startSample; s < panel.endSample; s++) {
      target[s] = source[page.startSample + s]!;
    }
  }
  return {
    name: page.stem,
    sampleRateHz: record.sampleRateHz,
    leadNames: record.leadNames,
    signals,
    comments: record.comments,
    source: record.source,
  };
}

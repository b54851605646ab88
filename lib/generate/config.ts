/**
 * The generation settings as named on the command line and in YAML config
 * files (the same kebab-case names in both), mapped onto
 * {@linkcode GenerateOptions} and the output options.
 *
 * @module
 */
import { parse as parseYaml } from "npm:yaml@2.8.1";
import type { GenerateOptions } from "./options.ts";

/** Output settings that are not part of the pure stage. */
export interface OutputSettings {
  /** Image format. */
  format?: "png" | "jpg";
  /** JPEG quality, 1..100. */
  jpegQuality?: number;
  /** PNG zlib level, 0..9. */
  pngCompression?: number;
  /** Mask files: one PNG per channel, or COCO RLE JSON (and a COCO dataset for the folder). */
  maskFormat?: "png" | "coco";
  /** Also write the plotted signals as a WFDB record (`<stem>.hea` + `<stem>.dat`). */
  wfdb?: boolean;
  /** Worker threads. */
  workers?: number;
  /** Sampling rate of input CSVs without a sidecar. */
  sampleRateHz?: number;
  /** A folder of photo textures for the `wrinkles` distortion. */
  textures?: string;
}

/** One setting: its name, type, where it goes, and its help line. */
export interface SettingSpec {
  /** Name on the command line (`--<name>`) and in YAML. */
  readonly name: string;
  /** Value type. */
  readonly type: "int" | "number" | "string" | "boolean" | "list" | "mapping" | "style";
  /** Field of GenerateOptions (`generate`) or OutputSettings (`output`) it sets. */
  readonly target: "generate" | "output";
  /** Field it sets. */
  readonly key: string;
  /** One-line help. */
  readonly help: string;
  /** Default shown in help; `undefined` = none. */
  readonly default?: string;
}

/** Every setting of `deno task generate`, in help order. */
export const GENERATE_SETTINGS: readonly SettingSpec[] = [
  s("seed", "int", "generate", "seed", "seed of every random draw", "0"),
  s(
    "preset",
    "string",
    "generate",
    "preset",
    "0001 clean | 0003 colour scan | 0004 B&W scan | 0005 photo of a print | 0006 photo of a screen | 0009 stained | 0010 damaged | 0011 scan+mould | 0012 B&W scan+mould | mix",
    "0001",
  ),
  s(
    "rectify",
    "boolean",
    "generate",
    "rectify",
    "apply every distortion but the geometric ones (pages aligned with the page grid)",
    "false",
  ),
  s(
    "distortions",
    "mapping",
    "generate",
    "distortions",
    "per-family distortion settings laid over the preset's (YAML mapping, or JSON on the command line)",
  ),
  s(
    "style",
    "style",
    "generate",
    "style",
    "printing style per page: none | random | style settings laid over the defaults (YAML mapping, or JSON on the command line)",
    "none",
  ),
  s(
    "textures",
    "string",
    "output",
    "textures",
    "folder of paper photos (jpg/png) blended by the wrinkles distortion instead of procedural shading",
  ),
  s("layout", "string", "generate", "layout", "auto | 3x4 | 6x2 | 12x1 | rows", "auto"),
  s(
    "rhythm",
    "list",
    "generate",
    "rhythmLeads",
    "rhythm strip leads for 3x4 (0-3, comma-separated, or none)",
    "II",
  ),
  s(
    "whole-window-columns",
    "boolean",
    "generate",
    "wholeWindowColumns",
    "every column of 3x4/6x2 shows the whole window, side by side (a wider page, no rhythm strips)",
    "false",
  ),
  s(
    "paper-speed",
    "number",
    "generate",
    "paperSpeedMmPerS",
    "25 or 50 mm/s (10 s or 5 s per page)",
    "25",
  ),
  s("gain", "number", "generate", "gainMmPerMv", "5, 10 or 20 mm/mV", "10"),
  s("paper", "string", "generate", "paperSize", "letter | a4 (landscape)", "letter"),
  s("dpi", "number", "generate", "dpi", "resolution, 50 to 600", "200"),
  s("grid", "boolean", "generate", "showGrid", "draw the mm grid (--no-grid to hide)", "true"),
  s(
    "grid-colour",
    "string",
    "generate",
    "gridColour",
    "red | pink | blue | green | brown | grey | random | #rrggbb",
    "red",
  ),
  s(
    "minor-line-width",
    "number",
    "generate",
    "minorLineWidthMm",
    "minor grid line width, mm",
    "0.1",
  ),
  s(
    "major-line-width",
    "number",
    "generate",
    "majorLineWidthMm",
    "major grid line width, mm",
    "0.2",
  ),
  s("paper-colour", "string", "generate", "paperColour", "paper colour #rrggbb", "#ffffff"),
  s(
    "trace-colour",
    "string",
    "generate",
    "traceColour",
    "trace and text colour #rrggbb",
    "#000000",
  ),
  s("trace-width", "number", "generate", "traceWidthMm", "trace line width, mm", "0.25"),
  s(
    "calibration-pulse",
    "boolean",
    "generate",
    "calibrationPulse",
    "1 mV x 0.2 s pulse per row",
    "true",
  ),
  s("lead-labels", "boolean", "generate", "leadLabels", "print lead names", "true"),
  s("label-size", "number", "generate", "labelSizeMm", "lead label font size, mm", "3.5"),
  s("separators", "boolean", "generate", "separators", "ticks between columns", "true"),
  s(
    "header",
    "boolean",
    "generate",
    "header",
    "de-identified header (synthetic ID and date)",
    "true",
  ),
  s("start", "int", "generate", "startSample", "one page from this sample instead of every window"),
  s(
    "count",
    "int",
    "generate",
    "count",
    "variants of every page, each with its own random stream",
    "1",
  ),
  s("masks", "boolean", "generate", "masks", "write the 9 segmentation masks", "false"),
  s("clean", "boolean", "generate", "clean", "write a trace-only image <stem>.clean.png", "false"),
  s("format", "string", "output", "format", "png | jpg (jpeg)", "png"),
  s("jpeg-quality", "int", "output", "jpegQuality", "JPEG quality 1-100", "92"),
  s("png-compression", "int", "output", "pngCompression", "PNG zlib level 0-9", "6"),
  s(
    "mask-format",
    "string",
    "output",
    "maskFormat",
    "png (one file per channel) | coco (RLE JSON per image, and <out>/coco.json for the folder; turns --masks on)",
    "png",
  ),
  s(
    "wfdb",
    "boolean",
    "output",
    "wfdb",
    "also write the plotted signals as a WFDB record <stem>.hea + <stem>.dat (format 16, mV)",
    "false",
  ),
  s("workers", "int", "output", "workers", "worker threads (default: all cores)"),
  s(
    "sample-rate",
    "number",
    "output",
    "sampleRateHz",
    "sampling rate of input CSVs without a sidecar JSON",
  ),
];

function s(
  name: string,
  type: SettingSpec["type"],
  target: SettingSpec["target"],
  key: string,
  help: string,
  defaultValue?: string,
): SettingSpec {
  return defaultValue === undefined
    ? { name, type, target, key, help }
    : { name, type, target, key, help, default: defaultValue };
}

/** Settings split by where they go. */
export interface Settings {
  /** Options of the pure stage. */
  generate: GenerateOptions;
  /** Options of the writer and the CLI. */
  output: OutputSettings;
}

/**
 * Turn raw values (strings from the command line, or YAML values) into
 * typed settings. `where` names the source for messages. Unknown names
 * and values of the wrong type throw a `RangeError`.
 *
 * @example
 * ```ts
 * import { settingsFromValues } from "./config.ts";
 * const s = settingsFromValues({ dpi: "300", rhythm: "II,V1", masks: true }, "command line");
 * console.assert(s.generate.dpi === 300 && s.generate.rhythmLeads?.length === 2);
 * ```
 */
export function settingsFromValues(values: Record<string, unknown>, where: string): Settings {
  const out: Settings = { generate: {}, output: {} };
  for (const [name, raw] of Object.entries(values)) {
    if (raw === undefined || raw === null) continue;
    const spec = GENERATE_SETTINGS.find((x) => x.name === name);
    if (!spec) throw new RangeError(`Unknown setting "${name}" in ${where}`);
    (out[spec.target] as Record<string, unknown>)[spec.key] = convert(spec, raw, where);
  }
  return out;
}

function convert(spec: SettingSpec, raw: unknown, where: string): unknown {
  const fail = (): never => {
    throw new RangeError(
      `Invalid value ${JSON.stringify(raw)} for "${spec.name}" in ${where}: expected ${spec.type}`,
    );
  };
  switch (spec.type) {
    case "boolean":
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      return fail();
    case "int":
    case "number": {
      const v = typeof raw === "number"
        ? raw
        : typeof raw === "string" && raw.trim() !== ""
        ? Number(raw)
        : NaN;
      if (!Number.isFinite(v) || (spec.type === "int" && !Number.isInteger(v))) fail();
      return v;
    }
    case "list": {
      const items = Array.isArray(raw)
        ? raw.map(String)
        : typeof raw === "string"
        ? raw.split(",")
        : fail();
      const cleaned = items.map((x) => x.trim()).filter((x) => x !== "");
      return cleaned.length === 1 && cleaned[0]!.toLowerCase() === "none" ? [] : cleaned;
    }
    case "style":
      if (raw === "none" || raw === "random") return raw;
      return convert({ ...spec, type: "mapping" }, raw, where);
    case "mapping": {
      let value = raw;
      if (typeof raw === "string") {
        try {
          value = JSON.parse(raw);
        } catch {
          return fail();
        }
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) return fail();
      return value;
    }
    default:
      if (typeof raw === "string" || typeof raw === "number") return String(raw);
      return fail();
  }
}

/** Parse a YAML config file's text (a mapping of setting names to values). */
export function parseConfigYaml(text: string, file: string): Settings {
  let data: unknown;
  try {
    data = parseYaml(text, { logLevel: "error" }); // no stray warnings on stderr (keys that are lists)
  } catch (error) {
    throw new SyntaxError(
      `Cannot read config "${file}": ${error instanceof Error ? error.message : error}`,
    );
  }
  if (data === null || data === undefined) return { generate: {}, output: {} };
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new SyntaxError(
      `Cannot read config "${file}": expected a mapping of setting names to values`,
    );
  }
  return settingsFromValues(data as Record<string, unknown>, `config "${file}"`);
}

/** Lay `over` on top of `under` (later wins). */
export function mergeSettings(under: Settings, over: Settings): Settings {
  return {
    generate: { ...under.generate, ...over.generate },
    output: { ...under.output, ...over.output },
  };
}

/**
 * Render Vega-Lite specifications to SVG with Vega, headless (no DOM, no
 * canvas: text widths are estimated).
 *
 * @module
 */
import * as vega from "npm:vega@6.4.0";
import { compile } from "npm:vega-lite@6.5.0";
import type { VegaLiteSpec } from "./plots.ts";

/**
 * Render a Vega-Lite spec to an SVG document (a string).
 *
 * @example
 * ```ts
 * import { renderSvg } from "./render.ts";
 * const svg = await renderSvg({
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
 *   mark: "line",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * });
 * console.assert(svg.startsWith("<svg"));
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  // deno-lint-ignore no-explicit-any
  const { spec: vgSpec } = compile(spec as any);
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * An SVG document as a `data:` URI, for embedding in a self-contained page.
 *
 * @example
 * ```ts
 * import { svgDataUri } from "./render.ts";
 * console.assert(svgDataUri("<svg/>").startsWith("data:image/svg+xml;base64,"));
 * ```
 */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/**
 * Text markers (lead labels, header text): ink components of glyph size and
 * shape, grouped into words. Trace pieces are long or sparse; glyphs are
 * compact, 1–8 mm tall, and sit side by side on a line.
 *
 * @module
 */
import type { Marker } from "./types.ts";
import type { Component } from "./_components.ts";

function glyphLike(c: Component, s: number): boolean {
  const w = c.right - c.left + 1, h = c.bottom - c.top + 1;
  if (h < 1.0 * s || h > 8 * s || w > 6 * s) return false;
  if (w < 0.15 * s && h < 1.5 * s) return false;
  const fill = c.area / (w * h);
  return fill >= 0.08 && fill <= 0.9 && w / h <= 3 && c.area >= 0.2 * s * s;
}

/**
 * Markers from ink components of the normalised image at `s` px/mm: glyphs
 * grouped into words (gap ≤ 1.5 mm, vertically overlapping), each with a
 * confidence from how text-like it looks (several glyphs on one line score
 * highest; a lone thin bar lowest).
 */
export function findMarkers(components: readonly Component[], s: number): Marker[] {
  const glyphs = components.filter((c) => glyphLike(c, s)).sort((a, b) => a.left - b.left);
  const used = new Uint8Array(glyphs.length);
  const markers: Marker[] = [];
  for (let g = 0; g < glyphs.length; g++) {
    if (used[g]) continue;
    used[g] = 1;
    let { left, top, right, bottom } = glyphs[g]!;
    let count = 1;
    for (let k = g + 1; k < glyphs.length; k++) {
      const c = glyphs[k]!;
      if (c.left > right + 1.5 * s) break;
      if (used[k]) continue;
      const overlap = Math.min(bottom, c.bottom) - Math.max(top, c.top);
      const minH = Math.min(bottom - top, c.bottom - c.top);
      if (overlap < 0.5 * minH) continue;
      used[k] = 1, count++;
      left = Math.min(left, c.left), right = Math.max(right, c.right);
      top = Math.min(top, c.top), bottom = Math.max(bottom, c.bottom);
    }
    const w = right - left + 1, h = bottom - top + 1;
    const confidence = count >= 2 ? 0.8 : w / h >= 0.3 ? 0.5 : 0.25;
    markers.push({ label: "text", box: [left, top, right, bottom], confidence });
  }
  return markers;
}

/**
 * A rectified page turned half round (180°), with its mesh remapped so
 * that points found on the turned page still map to the input image.
 *
 * @module
 */
import type { RasterImage } from "../raster/image.ts";
import type { PageMesh, Rectified } from "../rectify/types.ts";
import { meshToInput } from "./figures.ts";

/** `rect` turned by 180°: image reversed, mesh re-sampled through the original. */
export function halfTurn(rect: Rectified): Rectified {
  const { image, mesh } = rect;
  const { width, height } = image;
  return { ...rect, image: turnImage(image), mesh: turnMesh(mesh, width, height) };
}

function turnImage(image: RasterImage): RasterImage {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(data.length);
  const n = width * height;
  for (let p = 0; p < n; p++) {
    const q = n - 1 - p;
    for (let c = 0; c < channels; c++) out[q * channels + c] = data[p * channels + c]!;
  }
  return { width, height, channels, data: out };
}

function turnMesh(mesh: PageMesh, width: number, height: number): PageMesh {
  const step = mesh.stepPx;
  const cols = Math.ceil((width - 1) / step) + 1, rows = Math.ceil((height - 1) / step) + 1;
  const srcX = new Float32Array(cols * rows), srcY = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const [x, y] = meshToInput(mesh, width - 1 - i * step, height - 1 - j * step);
      srcX[j * cols + i] = x;
      srcY[j * cols + i] = y;
    }
  }
  return { stepPx: step, cols, rows, srcX, srcY };
}

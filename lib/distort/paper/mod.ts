/**
 * The `paper` distortion families: effects drawn on the flat page, in page
 * pixels, before any geometric step, in the order the pipeline runs them.
 *
 * @module
 */
export { wrinkles } from "./wrinkles.ts";
export { creases } from "./creases.ts";
export { stains } from "./stains.ts";
export { mould } from "./mould.ts";
export { handwriting } from "./handwriting.ts";

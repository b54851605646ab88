/**
 * The `capture` distortion families: what the camera or scanner does to the
 * final image, in the order the pipeline runs them.
 *
 * @module
 */
export { background } from "./background.ts";
export { lighting } from "./lighting.ts";
export { screen } from "./screen.ts";
export { colour } from "./colour.ts";
export { blur } from "./blur.ts";
export { noise } from "./noise.ts";
export { scan } from "./scan.ts";
export { channelSwap } from "./channel_swap.ts";
export { qrCode } from "./qr_code.ts";
export { jpeg } from "./jpeg.ts";

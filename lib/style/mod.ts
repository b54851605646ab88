/**
 * The printing-style family (`--style`).
 *
 * @module
 */
export * from "./family.ts";
export * from "./kinds.ts";
export * from "./showcase.ts";

/**
 * Generation: 12-lead records to synthetic paper-ECG images with exact
 * ground truth.
 *
 * @module
 */
export * from "./generate.ts";
export * from "./options.ts";
export * from "./presets.ts";
export * from "./paper.ts";
export * from "./layout.ts";
export { checkPageDraws, drawPageOptions, type PageDraws, type PageGroup } from "./page_draws.ts";
export type {
  Corners,
  GroundTruth,
  GroundTruthLead,
  ImageKitFields,
  MappingStep,
  Rgb255,
  TextBox,
} from "./ground_truth.ts";
export { COCO_LEAD_CATEGORIES, type PanelAnnotation, panelAnnotations } from "./coco.ts";
export { MASK_CHANNELS } from "./masks.ts";
export * from "./rle.ts";
export type { PrintStyle, Range as StyleRange, StyleSettings } from "../style/mod.ts";

/**
 * Figures made from pages: thumbnails, contact sheets and the ground truth
 * drawn over a generated page.
 *
 * @module
 */
export * from "./thumbnail.ts";
export * from "./contact_sheet.ts";
export * from "./ground_truth_overlay.ts";
export * from "./review.ts";

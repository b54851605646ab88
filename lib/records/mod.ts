/**
 * Records: the in-memory model, lead names, signal tables and WFDB.
 *
 * @module
 */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./lead_names.ts";
export * from "./limits.ts";
export * from "./signal_table.ts";
export * from "./wfdb/mod.ts";

/**
 * File input and output at the edge of the pure stages.
 *
 * @module
 */
export * from "./atomic.ts";
export * from "./discover.ts";
export * from "./image.ts";
export * from "./png.ts";
export * from "./read_record.ts";
export * from "./wfdb.ts";
export * from "./write_page.ts";
export * from "./segmenter.ts";
export * from "./trace_reader.ts";
export * from "./model_bytes.ts";
export * from "./digitize_file.ts";
export * from "./wfdb_write.ts";

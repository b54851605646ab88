/** The toolkit's version, written into every output's provenance. Kept equal to deno.json's. */
export const VERSION = "0.1.0";

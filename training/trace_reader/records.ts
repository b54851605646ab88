/**
 * The records the trace reader trains on, and the ones it never sees.
 *
 * @module
 */

/** Records never used in training: the dev-set scores are also reported for them alone. */
export const HELD_OUT: ReadonlySet<string> = new Set(["E07518", "E07519", "JS20009", "muse-af"]);

/** Every `.hea` under `dir` (one level of folders), named as the digitizer's stems name them. */
export function recordFiles(dir: string): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.isFile && e.name.endsWith(".hea")) {
      out.push({ name: e.name.slice(0, -4), path: `${dir}/${e.name}` });
    } else if (e.isDirectory) {
      for (const f of Deno.readDirSync(`${dir}/${e.name}`)) {
        if (f.isFile && f.name.endsWith(".hea")) {
          out.push({
            name: `${e.name}-${f.name.slice(0, -4)}`,
            path: `${dir}/${e.name}/${f.name}`,
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

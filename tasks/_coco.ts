/**
 * The COCO dataset file of a generation folder, `<out>/coco.json`, made
 * from every page's `<stem>.masks.json` once the batch (every shard) has
 * finished, like `index.csv`: `images` (id = plan position + 1, file name
 * relative to `--out`), `annotations` (one per plotted panel, compressed
 * RLE, `iscrowd` 0, `bbox` `[x, y, w, h]`, `area` in pixels) and
 * `categories` (one per lead). It is streamed to disk, so a large batch
 * never holds it in memory.
 *
 * @module
 */
import { join } from "node:path";
import { COCO_LEAD_CATEGORIES, type PanelAnnotation } from "../lib/generate/coco.ts";
import { writeChunksAtomic } from "../lib/io/atomic.ts";
import { VERSION } from "../lib/version.ts";
import type { ManifestEntry } from "./_manifest.ts";

/** The dataset file's name in `--out`. */
export const COCO_FILE = "coco.json";

/** What a page's `<stem>.masks.json` holds (the part read here). */
interface MasksFile {
  annotations?: PanelAnnotation[];
}

async function readAnnotations(out: string, e: ManifestEntry): Promise<PanelAnnotation[]> {
  const name = e.files.find(([f]) => f.endsWith(".masks.json"))?.[0];
  if (!name) throw new Error(`Cannot write ${COCO_FILE}: page ${e.stem} has no .masks.json`);
  const data = JSON.parse(await Deno.readTextFile(join(out, name))) as MasksFile;
  if (!Array.isArray(data.annotations)) {
    throw new Error(`Cannot write ${COCO_FILE}: ${name} has no annotations`);
  }
  return data.annotations;
}

/**
 * Write `<out>/coco.json` for `entries` (every page of the batch, in plan
 * order). Two passes over the pages' mask files: the first collects lead
 * names outside the standard 12 (categories 13 on, sorted), the second
 * streams the annotations.
 */
export async function writeCocoDataset(
  out: string,
  entries: readonly ManifestEntry[],
  tag?: string,
): Promise<void> {
  const names: string[] = [...COCO_LEAD_CATEGORIES];
  const extra = new Set<string>();
  for (const e of entries) {
    for (const a of await readAnnotations(out, e)) {
      if (!names.includes(a.lead_name)) extra.add(a.lead_name);
    }
  }
  names.push(...[...extra].sort());
  const category = new Map(names.map((n, k) => [n, k + 1]));
  const categories = names.map((name, k) => ({ id: k + 1, name, supercategory: "lead" }));
  async function* chunks(): AsyncGenerator<string> {
    yield `{"info":${
      JSON.stringify({
        description: "ECG leads in synthetic paper-ECG images (ecg-image-toolkit generate)",
        version: VERSION,
      })
    },"licenses":[],"categories":${JSON.stringify(categories)},"images":[`;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const image = {
        id: e.i + 1,
        file_name: e.files[e.files.length - 1]![0],
        width: e.width,
        height: e.height,
        stem: e.stem,
      };
      yield (k > 0 ? "," : "") + JSON.stringify(image);
    }
    yield `],"annotations":[`;
    let id = 0;
    for (const e of entries) {
      const parts: string[] = [];
      for (const a of await readAnnotations(out, e)) {
        id++;
        parts.push(JSON.stringify({
          id,
          image_id: e.i + 1,
          category_id: category.get(a.lead_name)!,
          segmentation: a.segmentation,
          area: a.area,
          bbox: a.bbox,
          iscrowd: 0,
          lead_name: a.lead_name,
          lead_index: a.lead_index,
          is_rhythm: a.is_rhythm,
        }));
      }
      if (parts.length > 0) yield (id > parts.length ? "," : "") + parts.join(",");
    }
    yield "]}\n";
  }
  await writeChunksAtomic(join(out, COCO_FILE), chunks(), tag ? { tag } : {});
}

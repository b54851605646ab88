/**
 * `--kaggle-layout`: a generation folder also laid out as the PhysioNet
 * ECG Image Digitization competition (Kaggle 2025) training data, so a
 * model written for that competition trains on our pages unchanged:
 *
 * - `train.csv` with columns `id,fs,sig_len`;
 * - `train/<id>/<id>.csv`: the 12 leads (I, II, III, aVR, aVL, aVF,
 *   V1–V6) in mV, every lead over the whole window the page shows (not
 *   blanked where the page does not show it), as Kaggle's;
 * - `train/<id>/<id>-<type>.png`: the pages of that window, `<type>` being
 *   the preset's number (0001, 0003, …).
 *
 * The id is the record's name (`-` written as `_`, so that `<id>-<type>`
 * splits at its last `-`), with `_<window>` added when the batch draws
 * more than one window of the record. Kaggle holds one image per type and
 * id, so a second page of the same window and preset (another variant) is
 * left out of the layout, with a warning; it stays in the flat folder and
 * `index.csv`. Images are hard links to the flat folder's files where the
 * file system allows it (copies otherwise); every file is written
 * atomically and `train.csv` last.
 *
 * @module
 */
import { join } from "node:path";
import { TEMP_PREFIX, writeFileAtomic } from "../lib/io/atomic.ts";
import { readRecord } from "../lib/io/read_record.ts";
import { STANDARD_LEADS } from "../lib/records/lead_names.ts";
import { formatSignalCsv } from "../lib/records/signal_table.ts";
import type { EcgRecord } from "../lib/records/types.ts";
import type { ManifestEntry } from "./_manifest.ts";

/** The Kaggle layout's table of records. */
export const KAGGLE_TABLE = "train.csv";
/** The Kaggle layout's folder of records. */
export const KAGGLE_FOLDER = "train";

/** What the layout needs besides the pages. */
export interface KaggleLayoutOptions {
  /** The folder `source` paths are relative to. */
  inputRoot: string;
  /** The sampling rate to read a record file with (CSV records), if any. */
  rateOf: (file: string) => number | undefined;
  /** The writing shard's temp tag for the table in `out` (its rerun removes what a kill left). */
  tag?: string;
}

/** How the layout went: the ids written and the pages left out, as warnings. */
export interface KaggleLayoutResult {
  ids: number;
  warnings: string[];
}

/** Write the Kaggle layout of `entries` (every page of the batch, in plan order) into `out`. */
export async function writeKaggleLayout(
  out: string,
  entries: readonly ManifestEntry[],
  options: KaggleLayoutOptions,
): Promise<KaggleLayoutResult> {
  const windows = new Map<string, Set<number>>();
  for (const e of entries) {
    const set = windows.get(e.source) ?? new Set();
    set.add(e.window);
    windows.set(e.source, set);
  }
  const idOf = (e: ManifestEntry): string => {
    const base = e.record.replace(/-/g, "_");
    return windows.get(e.source)!.size > 1 ? `${base}_${e.window}` : base;
  };
  const warnings: string[] = [];
  const rows: string[] = ["id,fs,sig_len"];
  const done = new Map<string, Set<string>>();
  const owner = new Map<string, string>();
  let cached = null as { file: string; record: EcgRecord } | null;
  for (const e of entries) {
    const id = idOf(e);
    const key = `${e.source}\0${e.window}`;
    if (owner.has(id) && owner.get(id) !== key) {
      warnings.push(`${e.stem}: Kaggle id "${id}" is taken by another record; left out`);
      continue;
    }
    owner.set(id, key);
    const folder = join(out, KAGGLE_FOLDER, id);
    const image = e.files[e.files.length - 1]![0];
    const types = done.get(id);
    if (types === undefined) {
      const file = join(options.inputRoot, e.source);
      if (cached?.file !== file) {
        const rate = options.rateOf(file);
        cached = { file, record: await readRecord(file, rate ? { sampleRateHz: rate } : {}) };
      }
      const record = cached.record;
      const length = await rowsOf(join(out, image.replace(/\.[^.]+$/, ".csv")));
      const window = {
        ...record,
        signals: record.signals.map((s) => s.subarray(e.start_sample, e.start_sample + length)),
      };
      await Deno.mkdir(folder, { recursive: true });
      await writeFileAtomic(
        join(folder, `${id}.csv`),
        formatSignalCsv(window, { columns: STANDARD_LEADS }),
      );
      rows.push(`${id},${record.sampleRateHz},${length}`);
      done.set(id, new Set());
    }
    const type = e.preset;
    if (done.get(id)!.has(type)) {
      warnings.push(
        `${e.stem}: ${id}-${type}.png is another page of the same window and preset; ` +
          `Kaggle holds one image per type, so it is left out of ${KAGGLE_FOLDER}/`,
      );
      continue;
    }
    done.get(id)!.add(type);
    await linkAtomic(join(out, image), join(folder, `${id}-${type}.png`));
  }
  await writeFileAtomic(
    join(out, KAGGLE_TABLE),
    rows.join("\n") + "\n",
    options.tag ? { tag: options.tag } : {},
  );
  return { ids: done.size, warnings };
}

/** The data rows of a signal CSV (lines after the header). */
async function rowsOf(csv: string): Promise<number> {
  const text = await Deno.readTextFile(csv);
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return text.endsWith("\n") ? lines - 1 : lines;
}

/** `to` becomes a hard link to (or else a copy of) `from`, replacing any file there. */
async function linkAtomic(from: string, to: string): Promise<void> {
  const tmp = join(to, "..", `${TEMP_PREFIX}kaggle.${crypto.randomUUID()}`);
  try {
    try {
      await Deno.link(from, tmp);
    } catch {
      await Deno.copyFile(from, tmp);
    }
    await Deno.rename(tmp, to);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

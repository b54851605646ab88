/** generate --mask-format coco (the folder's coco.json) and --wfdb through the CLI, with shards and resume. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeCocoRle } from "../../lib/generate/rle.ts";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { parseSignalCsv } from "../../lib/records/signal_table.ts";
import { digests, generate, RECORDS } from "./_helpers.ts";

async function twoRecords(): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const name of ["E07500", "JS20001"]) {
    for (const ext of [".hea", ".mat"]) {
      await Deno.copyFile(join(RECORDS, name + ext), join(dir, name + ext));
    }
  }
  return dir;
}

interface Coco {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: {
    id: number;
    image_id: number;
    category_id: number;
    segmentation: { size: [number, number]; counts: string };
    area: number;
    bbox: [number, number, number, number];
    iscrowd: number;
  }[];
  categories: { id: number; name: string }[];
}

/** The checks pycocotools' COCO() and its users rely on, in TypeScript (pycocotools is not installable here). */
async function checkCoco(out: string, coco: Coco): Promise<void> {
  const images = new Map(coco.images.map((i) => [i.id, i]));
  assert.equal(images.size, coco.images.length, "image ids are unique");
  const cats = new Set(coco.categories.map((c) => c.id));
  const ids = new Set<number>();
  for (const a of coco.annotations) {
    assert.ok(!ids.has(a.id), "annotation ids are unique");
    ids.add(a.id);
    const image = images.get(a.image_id);
    assert.ok(image, `annotation ${a.id}: image ${a.image_id} missing`);
    assert.ok(cats.has(a.category_id), `annotation ${a.id}: category ${a.category_id} missing`);
    assert.equal(a.iscrowd, 0);
    assert.deepEqual(a.segmentation.size, [image.height, image.width]);
    const m = decodeCocoRle(a.segmentation);
    let area = 0;
    const [bx, by, bw, bh] = a.bbox;
    for (let p = 0; p < m.length; p++) {
      if (!m[p]) continue;
      area++;
      const x = p % image.width, y = Math.floor(p / image.width);
      assert.ok(
        x >= bx && x < bx + bw && y >= by && y < by + bh,
        `annotation ${a.id}: outside bbox`,
      );
    }
    assert.equal(area, a.area, `annotation ${a.id}: RLE holds ${area} pixels, area says ${a.area}`);
  }
  for (const image of coco.images) {
    await Deno.stat(join(out, image.file_name)); // the image exists
  }
}

Deno.test("generate --mask-format coco turns masks on and writes coco.json once every shard has finished", async () => {
  const input = await twoRecords();
  const out = await Deno.makeTempDir();
  const args = ["--input", input, "--out", out, "--mask-format", "coco", "--wfdb", "--dpi", "60"];
  const a = await generate(...args, "--count", "2", "--shard", "0/2", "--quiet");
  assert.equal(a.code, 0, a.stderr);
  await assert.rejects(Deno.stat(join(out, "coco.json")), Deno.errors.NotFound);
  const b = await generate(...args, "--count", "2", "--shard", "1/2", "--quiet");
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stderr, /index\.csv and coco\.json written/);
  const coco = JSON.parse(await Deno.readTextFile(join(out, "coco.json"))) as Coco;
  assert.equal(coco.images.length, 4);
  assert.deepEqual(coco.categories.slice(0, 12).map((c) => c.name), [
    "I",
    "II",
    "III",
    "aVR",
    "aVL",
    "aVF",
    "V1",
    "V2",
    "V3",
    "V4",
    "V5",
    "V6",
  ]);
  // 13 panels (3x4 + II) per image.
  assert.equal(coco.annotations.length, 4 * 13);
  await checkCoco(out, coco);

  // Every page has its WFDB record, listed in the index; it reads back as the CSV.
  const index = await Deno.readTextFile(join(out, "index.csv"));
  const stem = coco.images[0]!.file_name.replace(/\.png$/, "");
  assert.ok(index.includes(`${stem}.hea`) && index.includes(`${stem}.dat`));
  const wfdb = await readWfdbRecord(join(out, `${stem}.hea`));
  const csv = parseSignalCsv(await Deno.readTextFile(join(out, `${stem}.csv`)), {
    sampleRateHz: wfdb.sampleRateHz,
  });
  csv.signals.forEach((s, k) =>
    s.forEach((v, i) => {
      const w = wfdb.signals[k]![i]!;
      assert.ok(Number.isNaN(v) ? Number.isNaN(w) : Math.abs(v - w) <= 0.0005 + 1e-9);
    })
  );

  // A rerun makes nothing, and writes the same dataset; a lost .dat is made again.
  const before = await digests(out);
  await Deno.remove(join(out, `${stem}.dat`));
  const c = await generate(...args, "--count", "2", "--shard", "0/2", "--quiet");
  assert.equal(c.code, 0, c.stderr);
  const d = await generate(...args, "--count", "2", "--shard", "1/2", "--quiet");
  assert.match(d.stderr, /generated 0 images \(2 already done\)/);
  assert.deepEqual(await digests(out), before);
});

Deno.test("generate --mask-format coco --no-masks is refused, not a silent no-op", async () => {
  const out = await Deno.makeTempDir();
  const r = await generate(
    "--input",
    join(RECORDS, "E07500.hea"),
    "--out",
    out,
    "--mask-format",
    "coco",
    "--no-masks",
    "--quiet",
  );
  assert.equal(r.code, 2);
  assert.match(r.stderr, /mask-format coco.*no-masks/);
});

/**
 * Training bands for the learned trace reader, from the toolkit's own
 * generator: random printing style, presets mixed (scans, photos, stains,
 * damage), every page rectified by our own rectifier, each row cut with
 * `cutBand` exactly as the digitizer cuts it, and the exact target level
 * per band column from the ground truth's `plotted_pixels` (mapped from the
 * final image into the rectified page through the rectifier's mesh).
 *
 * Signals: the bundled records (minus the held-out ones), amplitude-scaled
 * so that waves cross into the neighbouring rows on a good share of pages,
 * with baseline wander, noise and pacing spikes; a share are synthetic
 * (sums of Gaussian waves per beat, McSharry-style). Seeded: the same
 * arguments give the same bytes.
 *
 *   deno run -A training/trace_reader/make_data.ts --out training/data/trace_reader \
 *     --pages 600 --seed 1 --shard 0/2
 *
 * Output: `<out>/<split>-<shard>.bin` (per band: uint8 band, then float32
 * targets, NaN where the row shows no trace) and `<out>/<split>-<shard>.json`
 * (offset, width, page and row of each band).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { generatePage, planPages } from "../../lib/generate/generate.ts";
import { readRecord } from "../../lib/io/read_record.ts";
import { decodeImage, encodeImage } from "../../lib/io/image.ts";
import { createRng, type Rng } from "../../lib/random/rng.ts";
import { rectify } from "../../lib/rectify/rectify.ts";
import type { PageMesh } from "../../lib/rectify/types.ts";
import { classicPageInk } from "../../lib/digitize/page_ink.ts";
import { BAND_HEIGHT, cutBand, pageYToBandRow } from "../../lib/digitize/reader/band.ts";
import type { EcgRecord } from "../../lib/records/types.ts";
import { HELD_OUT, recordFiles } from "./records.ts";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "training/data/trace_reader" },
    pages: { type: "string", default: "600" },
    seed: { type: "string", default: "1" },
    shard: { type: "string", default: "0/1" },
    split: { type: "string", default: "train" },
  },
});
const [shard, shards] = args.shard!.split("/").map(Number) as [number, number];
const seed = Number(args.seed);
const pages = Number(args.pages);
const split = args.split!;
const heldOut = split === "val";

const files = recordFiles("fixtures/records").filter((f) => HELD_OUT.has(f.name) === heldOut);
const records: EcgRecord[] = [];
for (const f of files) records.push(await readRecord(f.path));
console.error(`${split}: ${records.length} records (${records.map((r) => r.name).join(" ")})`);

await Deno.mkdir(args.out!, { recursive: true });
const binPath = `${args.out}/${split}-${shard}.bin`;
const bin = await Deno.open(binPath + ".tmp", { write: true, create: true, truncate: true });
const index: unknown[] = [];
let offset = 0;
const t0 = performance.now();

for (let p = shard; p < pages; p += shards) {
  const rng = createRng(seed, split, p, "page");
  const base = records[p % records.length]!;
  const record = augmentSignals(base, rng);
  const dpi = rng.pick([100, 130, 150, 200, 200, 200, 250, 300]);
  const options = {
    seed: seed * 100003 + p,
    preset: "mix",
    style: "random" as const,
    dpi,
  };
  let page;
  try {
    const plan = planPages(record, options)[0]!;
    page = await generatePage(record, plan, options);
  } catch (e) {
    console.error(`page ${p}: generate failed: ${e}`);
    continue;
  }
  let image = page.image;
  if (page.jpegQuality !== null) {
    image = await decodeImage(await encodeImage(image, { kind: "jpg", quality: page.jpegQuality }));
  }
  const rect = await rectify(image);
  if (!rect.ok) continue;
  const ink = classicPageInk(rect.image, rect.gridFound ? 5 * rect.pxPerMm : undefined).trace;
  const inverse = meshInverse(rect.mesh, rect.image.width, rect.image.height);
  const gt = page.groundTruth;
  const rows = new Map<number, [number, number][]>();
  for (const lead of gt.leads) {
    const pts = rows.get(lead.row_index) ?? [];
    for (const [y, x] of lead.plotted_pixels) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const q = inverse(x, y);
      if (q) pts.push(q);
    }
    rows.set(lead.row_index, pts);
  }
  const pxPerMm = rect.pxPerMm;
  for (const [rowIndex, pts] of rows) {
    if (pts.length < 100) continue;
    pts.sort((a, b) => a[0] - b[0]);
    const ys = pts.map((q) => q[1]).sort((a, b) => a - b);
    const level = ys[ys.length >> 1]!;
    const centreY = level + rng.normal() * 1.5 * pxPerMm;
    const xFrom = pts[0]![0] - rng.uniform(2, 15) * pxPerMm;
    const xTo = pts[pts.length - 1]![0] + rng.uniform(1, 8) * pxPerMm;
    const band = cutBand(rect.image, ink, pxPerMm, centreY, xFrom, xTo);
    const target = new Float32Array(band.width).fill(NaN);
    let k = 0;
    const maxStep = pxPerMm; // no line between points further apart than 1 mm
    for (let i = 0; i < band.width; i++) {
      const x = band.x0 + i * band.dx;
      while (k + 1 < pts.length && pts[k + 1]![0] < x) k++;
      const a = pts[k]!, b = pts[k + 1];
      if (!b || a[0] > x || b[0] < x || b[0] - a[0] > maxStep) continue;
      const t = b[0] > a[0] ? (x - a[0]) / (b[0] - a[0]) : 0;
      const row = pageYToBandRow(band, a[1] + t * (b[1] - a[1]));
      if (row >= 0 && row <= BAND_HEIGHT - 1) target[i] = row;
    }
    const bytes = new Uint8Array(band.data.length + target.byteLength);
    bytes.set(band.data, 0);
    bytes.set(new Uint8Array(target.buffer), band.data.length);
    await writeAll(bin, bytes);
    index.push({
      offset,
      width: band.width,
      page: p,
      stem: page.stem,
      row: rowIndex,
      record: base.name,
      px_per_mm: pxPerMm,
      dpi,
      preset: gt.preset,
    });
    offset += bytes.length;
  }
  if (((p - shard) / shards) % 20 === 0) {
    const s = (performance.now() - t0) / 1000;
    console.error(
      `${split} shard ${shard}: page ${p}/${pages}, ${index.length} bands, ${s.toFixed(0)} s`,
    );
  }
}
bin.close();
await Deno.rename(binPath + ".tmp", binPath);
await Deno.writeTextFile(`${args.out}/${split}-${shard}.json`, JSON.stringify(index));
console.error(`${split} shard ${shard}: ${index.length} bands, ${(offset / 1e6).toFixed(0)} MB`);

async function writeAll(f: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) done += await f.write(bytes.subarray(done));
}

/** Rectified page point of an input-image point: Newton steps on the bilinear mesh. */
function meshInverse(
  mesh: PageMesh,
  width: number,
  height: number,
): (u: number, v: number) => [number, number] | null {
  const { stepPx, cols, rows, srcX, srcY } = mesh;
  const fwd = (x: number, y: number): [number, number] => {
    const fi = Math.max(0, Math.min(cols - 1.000001, x / stepPx));
    const fj = Math.max(0, Math.min(rows - 1.000001, y / stepPx));
    const i = Math.floor(fi), j = Math.floor(fj), tx = fi - i, ty = fj - j;
    const at = (a: Float32Array, ii: number, jj: number): number => a[jj * cols + ii]!;
    const bil = (a: Float32Array): number =>
      (at(a, i, j) * (1 - tx) + at(a, i + 1, j) * tx) * (1 - ty) +
      (at(a, i, j + 1) * (1 - tx) + at(a, i + 1, j + 1) * tx) * ty;
    return [bil(srcX), bil(srcY)];
  };
  // Coarse lookup: nearest node as the start.
  return (u, v) => {
    let best = Infinity, x = 0, y = 0;
    for (let j = 0; j < rows; j += 1) {
      for (let i = 0; i < cols; i += 1) {
        const d = (srcX[j * cols + i]! - u) ** 2 + (srcY[j * cols + i]! - v) ** 2;
        if (d < best) {
          best = d;
          x = i * stepPx;
          y = j * stepPx;
        }
      }
    }
    for (let it = 0; it < 12; it++) {
      const [fu, fv] = fwd(x, y);
      const ru = fu - u, rv = fv - v;
      if (ru * ru + rv * rv < 1e-6) break;
      const h = 0.5;
      const [ux, vx] = fwd(x + h, y), [uy, vy] = fwd(x, y + h);
      const a = (ux - fu) / h, c = (vx - fv) / h, b = (uy - fu) / h, d = (vy - fv) / h;
      const det = a * d - b * c;
      if (Math.abs(det) < 1e-9) return null;
      x -= (d * ru - b * rv) / det;
      y -= (-c * ru + a * rv) / det;
    }
    const [fu, fv] = fwd(x, y);
    if ((fu - u) ** 2 + (fv - v) ** 2 > 0.01) return null;
    if (x < 0 || y < 0 || x > width - 1 || y > height - 1) return null;
    return [x, y];
  };
}

/** Amplitude, wander, noise, pacing; a share of synthetic beats. */
function augmentSignals(record: EcgRecord, rng: Rng): EcgRecord {
  const fs = record.sampleRateHz;
  const n = record.signals[0]!.length;
  let signals = record.signals.map((s) => Float64Array.from(s));
  if (rng.chance(0.25)) signals = synthetic(record.leadNames.length, n, fs, rng);
  const tall = rng.chance(0.35);
  for (const s of signals) {
    const g = tall ? rng.uniform(1.5, 3.0) : rng.uniform(0.6, 1.4);
    for (let i = 0; i < n; i++) s[i] = s[i]! * g;
  }
  if (rng.chance(0.3)) {
    const f1 = rng.uniform(0.05, 0.5), a1 = rng.uniform(0.05, 0.4), ph = rng.uniform(0, 6.3);
    for (const s of signals) {
      const w = rng.uniform(0.3, 1);
      for (let i = 0; i < n; i++) s[i] = s[i]! + w * a1 * Math.sin(2 * Math.PI * f1 * i / fs + ph);
    }
  }
  if (rng.chance(0.3)) {
    const sd = rng.uniform(0.005, 0.03);
    for (const s of signals) for (let i = 0; i < n; i++) s[i] = s[i]! + sd * rng.normal();
  }
  if (rng.chance(0.12)) {
    const period = rng.uniform(0.6, 1.1) * fs;
    const width = Math.max(1, Math.round(rng.uniform(0.001, 0.004) * fs));
    const signs = signals.map(() => rng.uniform(-1, 1));
    const amp = rng.uniform(1, 4);
    for (let t = rng.uniform(0, period); t < n; t += period) {
      const i0 = Math.round(t);
      signals.forEach((s, k) => {
        for (let i = i0; i < Math.min(n, i0 + width); i++) s[i] = s[i]! + amp * signs[k]!;
      });
    }
  }
  return { ...record, signals };
}

/** Beats as sums of Gaussian waves (P, Q, R, S, T), amplitudes drawn per lead. */
function synthetic(leads: number, n: number, fs: number, rng: Rng): Float64Array[] {
  const rr = rng.uniform(0.45, 1.3);
  const beats: number[] = [];
  for (let t = rng.uniform(-rr, 0); t < n / fs + rr; t += rr * (1 + 0.06 * rng.normal())) {
    beats.push(t);
  }
  const out: Float64Array[] = [];
  for (let k = 0; k < leads; k++) {
    const waves = [
      { at: -0.2, w: 0.025, a: rng.uniform(-0.15, 0.3) },
      { at: -0.03, w: 0.01, a: rng.uniform(-0.5, 0.1) },
      { at: 0, w: rng.uniform(0.008, 0.02), a: rng.uniform(-1.5, 2.5) },
      { at: 0.03, w: 0.012, a: rng.uniform(-2.5, 0.2) },
      { at: rng.uniform(0.22, 0.35), w: rng.uniform(0.03, 0.06), a: rng.uniform(-0.5, 0.8) },
    ];
    const s = new Float64Array(n);
    for (const b of beats) {
      for (const wv of waves) {
        const c = (b + wv.at) * fs, w = wv.w * fs;
        const i0 = Math.max(0, Math.floor(c - 4 * w)), i1 = Math.min(n - 1, Math.ceil(c + 4 * w));
        for (let i = i0; i <= i1; i++) s[i] = s[i]! + wv.a * Math.exp(-0.5 * ((i - c) / w) ** 2);
      }
    }
    out.push(s);
  }
  return out;
}

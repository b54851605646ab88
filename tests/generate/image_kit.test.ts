/**
 * Our ground-truth JSON read the way ecg-image-kit's own readers read
 * theirs: every key and type of its `--store_config 2` JSON (two real files
 * in fixtures/foreign), the same corner order, the same lead-box extent
 * rule, and boxes and pixels that agree with our own image.
 */
import assert from "node:assert/strict";
import { firstPage, fixture, fixtureRecord, inkNear } from "./_helpers.ts";
import type { Corners, GroundTruth } from "../../lib/generate/ground_truth.ts";
import type { GenerateOptions } from "../../lib/generate/options.ts";
import { imageKitDistortionFields } from "../../lib/distort/image_kit.ts";

type Json = Record<string, unknown>;
type Point = [number, number];

const theirs = {
  clean: JSON.parse(await Deno.readTextFile(fixture("foreign/clean_00001_lr.json"))) as Json,
  /** Rotated +2° counter-clockwise (the shared set's index.csv). */
  scan: JSON.parse(await Deno.readTextFile(fixture("foreign/scan_00001_lr.json"))) as Json,
};

/** Drawn like ecg-image-kit's defaults: 3x4 + II, letter, 200 dpi, pulse, red grid. */
const LIKE_THEIRS: GenerateOptions = { dpi: 200, layout: "3x4", rhythmLeads: ["II"] };
const ROTATED: GenerateOptions = {
  ...LIKE_THEIRS,
  seed: 3,
  distortions: { rotation: { probability: 1, max_deg: 3, quarter_turn_probability: 0 } },
};

const page = (options: GenerateOptions) =>
  fixtureRecord("00001_lr").then((record) => firstPage(record, options));
const asJson = (gt: GroundTruth): Json => JSON.parse(JSON.stringify(gt));

/** The JSON type of a value as a Python reader of the file would see it (int and float both "number"). */
function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** Every key of `ref` (recursively into objects, into the first item of arrays) with its type in `ours`. */
function sameShape(ref: unknown, ours: unknown, path: string, errors: string[]): void {
  if (typeOf(ref) !== typeOf(ours)) {
    errors.push(`${path}: theirs ${typeOf(ref)}, ours ${typeOf(ours)}`);
    return;
  }
  if (Array.isArray(ref) && Array.isArray(ours)) {
    if (ref.length > 0 && ours.length === 0) errors.push(`${path}: ours is empty`);
    // Fixed-length tuples (points, colours) must keep their length.
    if (ref.length <= 3 && ref.every((x) => typeof x === "number") && ref.length !== ours.length) {
      errors.push(`${path}: theirs has ${ref.length} items, ours ${ours.length}`);
    }
    if (ref.length > 0 && ours.length > 0) sameShape(ref[0], ours[0], `${path}[0]`, errors);
  } else if (typeOf(ref) === "object") {
    for (const [k, v] of Object.entries(ref as Json)) {
      if (!(k in (ours as Json))) errors.push(`${path}.${k}: missing in ours`);
      else sameShape(v, (ours as Json)[k], `${path}.${k}`, errors);
    }
  }
}

Deno.test("buildGroundTruth() has every key of ecg-image-kit's --store_config 2 JSON, with its type", async () => {
  const clean = asJson((await page(LIKE_THEIRS)).page.groundTruth);
  const rotated = asJson((await page(ROTATED)).page.groundTruth);
  for (const [name, ref] of Object.entries(theirs)) {
    for (const ours of [clean, rotated]) {
      const errors: string[] = [];
      sameShape(ref, ours, name, errors);
      // Every lead entry, not only the first.
      for (const lead of ours.leads as Json[]) {
        sameShape((ref.leads as Json[])[0], lead, `${name}.leads[${lead.lead_name}]`, errors);
      }
      assert.deepEqual(errors, []);
    }
  }
});

Deno.test("buildGroundTruth() gives ecg-image-kit's values for a page drawn like theirs", async () => {
  const ours = (await page(LIKE_THEIRS)).page.groundTruth;
  const ref = theirs.clean;
  for (
    const key of [
      "sampling_frequency",
      "width",
      "height",
      "resolution",
      "x_grid",
      "y_grid",
      "number_of_columns_in_image",
      "full_mode_lead",
      "dc_pulse",
      "gridlines",
      "bw",
      "pad_inches",
      "augment",
      "rotate",
      "noise",
      "crop",
      "temperature",
      "wrinkles",
      "handwritten_text",
      "num_words",
    ] as const
  ) {
    assert.deepEqual(ours[key], ref[key], key);
  }
  // The same panels, sample ranges and one pixel per sample.
  const panels = (leads: readonly Json[]) =>
    leads.map((l) =>
      `${l.lead_name} ${l.start_sample}-${l.end_sample} ${(l.plotted_pixels as unknown[]).length}`
    ).sort();
  assert.deepEqual(panels(asJson(ours).leads as Json[]), panels(ref.leads as Json[]));
});

const edge = (a: Point, b: Point): Point => [b[0] - a[0], b[1] - a[1]];
const cross = (u: Point, v: Point) => u[1] * v[0] - u[0] * v[1]; // (x, y) cross with y down

/**
 * ecg-image-kit's corner order as its readers assume it: `0` top-left,
 * `1` top-right, `2` bottom-right, `3` bottom-left of the page box, so
 * `0 → 1` runs with the trace (first sample to last) and `0 → 3` down the
 * page, clockwise as seen; returns the angle of `0 → 1`, degrees
 * counter-clockwise.
 */
function checkCornerOrder(box: Corners, pixels: readonly (Point | null)[], what: string): number {
  const along = edge(box["0"], box["1"]), down = edge(box["0"], box["3"]);
  const pts = pixels.filter((p): p is Point => p !== null);
  const trace = edge(pts[0]!, pts[pts.length - 1]!);
  const cosine = (along[0] * trace[0] + along[1] * trace[1]) /
    (Math.hypot(...along) * Math.hypot(...trace));
  assert.ok(cosine > 0.99, `${what}: edge 0→1 does not run with the trace (cos ${cosine})`);
  assert.ok(cross(along, down) > 0, `${what}: corners do not go clockwise from the top-left`);
  // Opposite edges are parallel and equal for a rotated box: 0→1 = 3→2, 0→3 = 1→2.
  const back = edge(box["3"], box["2"]), side = edge(box["1"], box["2"]);
  assert.ok(Math.hypot(along[0] - back[0], along[1] - back[1]) < 2.5, `${what}: 0→1 ≠ 3→2`);
  assert.ok(Math.hypot(down[0] - side[0], down[1] - side[1]) < 2.5, `${what}: 0→3 ≠ 1→2`);
  return (Math.atan2(-along[0], along[1]) * 180) / Math.PI;
}

Deno.test("lead and text boxes keep ecg-image-kit's corner order, on theirs and on ours, rotated or not", async () => {
  for (const [name, ref] of Object.entries(theirs)) {
    const angles = (ref.leads as Json[]).map((l) =>
      checkCornerOrder(
        l.lead_bounding_box as Corners,
        l.plotted_pixels as Point[],
        `${name} ${l.lead_name}`,
      )
    );
    const expected = name === "scan" ? 2 : 0;
    // The rhythm strip is long enough to measure the angle from its integer corners.
    assert.ok(Math.abs(angles[angles.length - 1]! - expected) < 0.2, `${name}: ${angles}`);
  }
  for (const options of [LIKE_THEIRS, ROTATED]) {
    const gt = (await page(options)).page.groundTruth;
    if (options === ROTATED) assert.ok(Math.abs(gt.rotation_angle_deg) > 0.5);
    for (const lead of gt.leads) {
      const angle = checkCornerOrder(lead.lead_bounding_box, lead.plotted_pixels, lead.lead_name);
      assert.ok(Math.abs(angle - gt.rotation_angle_deg) < 0.05, `${lead.lead_name}: ${angle}`);
      checkCornerOrder(lead.trace_bounding_box, lead.plotted_pixels, `${lead.lead_name} trace`);
      // A label box runs the same way as the page: its top edge at the page's angle.
      const t = lead.text_bounding_box!;
      const along = edge(t["0"], t["1"]);
      const labelAngle = (Math.atan2(-along[0], along[1]) * 180) / Math.PI;
      assert.ok(Math.abs(labelAngle - gt.rotation_angle_deg) < 0.5, `${lead.lead_name} label`);
    }
  }
});

/** Whether `[row, col]` lies in the convex quadrilateral `box` (corners clockwise as seen), within `tol` px. */
function inQuad(box: Corners, p: Point, tol: number): boolean {
  const c = [box["0"], box["1"], box["2"], box["3"]];
  for (let k = 0; k < 4; k++) {
    const a = c[k]!, b = c[(k + 1) % 4]!;
    const e = edge(a, b), v = edge(a, p);
    if (cross(e, v) < -tol * Math.hypot(...e)) return false;
  }
  return true;
}

Deno.test("lead_bounding_box holds the calibration pulse for a row's first panel, as ecg-image-kit's does", async () => {
  // Theirs: first-column and rhythm boxes start at the pulse (10 mm), 5 mm left of the trace.
  const ppm = 200 / 25.4;
  for (const lead of theirs.clean.leads as Json[]) {
    const box = lead.lead_bounding_box as Corners, first = (lead.plotted_pixels as Point[])[0]!;
    const gap = first[1] - box["0"][1];
    const firstColumn = first[1] < 200;
    assert.ok(firstColumn ? Math.abs(gap - 5 * ppm) < 2 : Math.abs(gap) < 1.5, `${lead.lead_name}`);
  }
  for (const options of [LIKE_THEIRS, ROTATED]) {
    const gt = (await page(options)).page.groundTruth;
    for (const lead of gt.leads) {
      const pulse = gt.calibration_pulses.find((p) => p.row_index === lead.row_index)!;
      const inBox = pulse.polyline.every((q) => inQuad(lead.lead_bounding_box, q, 0.01));
      assert.equal(inBox, lead.column_index === 0, `${lead.lead_name} column ${lead.column_index}`);
      if (lead.column_index !== 0) {
        assert.deepEqual(lead.lead_bounding_box, lead.trace_bounding_box, lead.lead_name);
      }
    }
  }
});

Deno.test("plotted_pixels lie on trace ink and inside both lead boxes, rotated or not", async () => {
  for (const options of [LIKE_THEIRS, ROTATED]) {
    const { page: p, decoded } = await page(options);
    const gt = p.groundTruth;
    let checked = 0, onInk = 0;
    for (const lead of gt.leads) {
      const env = lead.lead_bounding_box_envelope;
      for (const q of lead.plotted_pixels) {
        if (!q) continue;
        assert.ok(inQuad(lead.lead_bounding_box, q, 0.01), `${lead.lead_name} ${q} outside box`);
        assert.ok(
          inQuad(lead.trace_bounding_box, q, 0.01),
          `${lead.lead_name} ${q} outside trace box`,
        );
        assert.ok(
          q[0] >= env["0"][0] && q[0] <= env["2"][0] && q[1] >= env["0"][1] && q[1] <= env["2"][1],
          `${lead.lead_name} ${q} outside envelope`,
        );
        if (q[0] < 1 || q[1] < 1 || q[0] > gt.height - 2 || q[1] > gt.width - 2) continue;
        checked++;
        if (inkNear(decoded, q[0], q[1], 1)) onInk++;
      }
      // The envelope is axis-aligned and holds the four corners.
      for (const k of ["0", "1", "2", "3"] as const) {
        const [r, c] = lead.lead_bounding_box[k];
        assert.ok(r >= env["0"][0] - 1e-3 && r <= env["2"][0] + 1e-3);
        assert.ok(c >= env["0"][1] - 1e-3 && c <= env["2"][1] + 1e-3);
      }
    }
    assert.ok(checked > 900, `only ${checked} points checked`);
    assert.ok(onInk / checked > 0.995, `${onInk} of ${checked} points on ink`);
  }
});

Deno.test("imageKitDistortionFields() states the rotation bound as rotate and the angle used apart", async () => {
  const gt = (await page(ROTATED)).page.groundTruth;
  assert.equal(gt.rotate, 3);
  assert.equal(gt.augment, true);
  const rot = gt.augmentations.find((a) => a.name === "rotation")!;
  assert.equal(gt.rotation_angle_deg, Math.round(Number(rot.params.angle_deg) * 1000) / 1000);
});

Deno.test("mapGroundTruth() moves handwriting boxes with the page, and the kit keys count the words", async () => {
  const { page: p } = await page({
    ...ROTATED,
    masks: true,
    distortions: {
      rotation: { probability: 1, max_deg: 3, quarter_turn_probability: 0 },
      handwriting: { probability: 1, count: [2, 2] },
    },
  });
  const gt = p.groundTruth;
  assert.equal(gt.handwriting.length, 2);
  assert.equal(gt.handwritten_text, true);
  assert.equal(gt.num_words, gt.handwriting.reduce((n, h) => n + h.text.split(/\s+/).length, 0));
  const text = p.masks![7]!;
  for (const note of gt.handwriting) {
    const e = note.text_bounding_box_envelope;
    let ink = 0;
    for (let y = Math.max(0, Math.ceil(e["0"][0])); y <= Math.min(gt.height - 1, e["2"][0]); y++) {
      for (let x = Math.max(0, Math.ceil(e["0"][1])); x <= Math.min(gt.width - 1, e["2"][1]); x++) {
        ink += text[y * gt.width + x]!;
      }
    }
    assert.ok(ink > 20, `${note.text}: ${ink} text-mask pixels in its box`);
  }
});

Deno.test("bw, gridlines and the distortion keys follow ecg-image-kit's meanings", async () => {
  const grey = (await page({ ...LIKE_THEIRS, gridColour: "grey" })).page.groundTruth;
  assert.equal(grey.bw, true);
  const none = (await page({ ...LIKE_THEIRS, showGrid: false })).page.groundTruth;
  assert.deepEqual([none.bw, none.gridlines], [false, false]);
  assert.deepEqual(none.grid_line_color_major, [255, 255, 255]);
  const scanned = (await page({ dpi: 100, preset: "0004", seed: 2 })).page.groundTruth;
  assert.equal(scanned.bw, scanned.augmentations.some((a) => a.name === "scan"));
  assert.equal(scanned.augment, true);
});

Deno.test("imageKitDistortionFields() counts creases by axis and converts noise, colour, pad and crop", () => {
  const f = imageKitDistortionFields([
    {
      name: "creases",
      kind: "paper",
      params: {
        count: 3,
        fold_0_axis: "horizontal",
        fold_0_angle_deg: -1.4,
        fold_1_axis: "vertical",
        fold_1_angle_deg: 0.2,
        fold_2_axis: "vertical",
        fold_2_angle_deg: 0.6,
      },
    },
    { name: "pad", kind: "geometry", params: { left: 25.4, top: 25.4, right: 0, bottom: 0 } },
    { name: "crop", kind: "geometry", params: { left: 0.01, top: 0.05, right: 0, bottom: 0 } },
    { name: "colour", kind: "capture", params: { temperature: 1 } },
    { name: "noise", kind: "capture", params: { kind: "gaussian", sigma: 6.6 } },
  ], {});
  assert.deepEqual(
    [f.wrinkles, f.number_of_creases_horizontally, f.number_of_creases_vertically, f.crease_angle],
    [true, 1, 2, 1],
  );
  assert.deepEqual([f.pad_inches, f.crop, f.temperature, f.noise], [0.5, 0.05, 2500, 7]);
  assert.equal(
    imageKitDistortionFields([{ name: "colour", kind: "capture", params: { temperature: 0 } }], {})
      .temperature,
    6500,
  );
  assert.equal(
    imageKitDistortionFields([{ name: "colour", kind: "capture", params: { temperature: -1 } }], {})
      .temperature,
    15000,
  );
  assert.equal(f.augment, true);
  assert.equal(
    imageKitDistortionFields([{ name: "creases", kind: "paper", params: { count: 0 } }], {})
      .augment,
    false,
  );
});

/**
 * `deno task kit`: ecg-image-kit's README commands, run as its users run
 * them (with `-i`/`-o` on fixture records, and `-r` low for speed), make
 * their images, and the JSON records what the flags asked for.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import jsqrModule from "npm:jsqr@1.4.0";
import { inputOf, RECORDS, runTask } from "./_helpers.ts";
import { checkOnInk, familiesOf, filesOf, imageOf, paramsOf, truthOf } from "./_front_ends.ts";
import type { RasterImage } from "../../lib/raster/image.ts";

// jsqr is CommonJS: its default export is the function, which its typings do not say.
const jsQR = jsqrModule as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** What the QR code on a page says, or null when none is found. */
function readQr(image: RasterImage): string | null {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += image.channels) {
    rgba[i] = image.data[j]!;
    rgba[i + 1] = image.data[j + (image.channels > 1 ? 1 : 0)]!;
    rgba[i + 2] = image.data[j + (image.channels > 2 ? 2 : 0)]!;
    rgba[i + 3] = 255;
  }
  return jsQR(rgba, image.width, image.height)?.data ?? null;
}

const kit = (...args: string[]) => runTask("kit", args);

/** Run `deno task kit -i <E07500> -o <tmp> <args> -r 60` and return the page's JSON and the folder. */
async function page(args: string[], records = ["E07500"]) {
  const input = await inputOf(records);
  const out = await Deno.makeTempDir();
  const r = await kit("-i", input, "-o", out, ...args, "--quiet", "--workers", "1");
  assert.equal(r.code, 0, r.stderr);
  return { gt: await truthOf(out, `${records[0]}-0`), out };
}

Deno.test("kit: the plain README command (--print_header) makes the image, JSON, CSV and WFDB files", async () => {
  const { gt, out } = await page(["--print_header", "-r", "60"]);
  assert.deepEqual(await filesOf(out), [
    "E07500-0.csv",
    "E07500-0.dat",
    "E07500-0.hea",
    "E07500-0.json",
    "E07500-0.png",
    "index.csv",
  ]);
  assert.equal(gt.resolution, 60);
  assert.equal(gt.printed_text, true);
  assert.equal(gt.dc_pulse, true);
  assert.equal(gt.gridlines, true);
  assert.equal(gt.number_of_columns_in_image, 4);
  assert.equal(gt.full_mode_lead, "II");
  assert.deepEqual(gt.grid_line_color_major, [228, 105, 105]); // --standard_grid_color 5: red
  assert.deepEqual(
    [gt.augment, gt.wrinkles, gt.handwritten_text, gt.pad_inches],
    [false, false, false, 0],
  );
  assert.deepEqual(familiesOf(gt), []);
  assert.ok(gt.leads.every((l: { lead_bounding_box: unknown }) => l.lead_bounding_box));
});

Deno.test("kit: the bounding-box README command and --deterministic_lead keep the lead names and boxes", async () => {
  // README: -se 10 --lead_name_bbox --lead_bbox --random_add_header 0.8 --calibration_pulse 0.5 --store_config 1 --add_qr_code
  const { gt, out } = await page([
    "--add_qr_code",
    "-se",
    "10",
    "--lead_name_bbox",
    "--lead_bbox",
    "--random_add_header",
    "0.8",
    "--calibration_pulse",
    "0.5",
    "--store_config",
    "1",
    "--deterministic_lead",
    "-r",
    "60",
  ]);
  assert.equal(gt.seed, 10);
  assert.equal(readQr(await imageOf(join(out, "E07500-0.png"))), "E07500");
  assert.deepEqual(familiesOf(gt), ["qr_code"]);
  assert.equal(gt.augment, false);
  assert.equal(gt.options.leadLabels, true);
  assert.deepEqual(gt.options.pageDraws, { header: 0.8, calibrationPulse: 0.5 });
  assert.ok(gt.leads.every((l: { text_bounding_box: unknown }) => l.text_bounding_box));
  const { gt: bare } = await page(["--remove_lead_names", "-r", "60"]);
  assert.equal(bare.options.leadLabels, false);
});

Deno.test("kit: --hw_text -n 4 --x_offset 30 --y_offset 20 writes 2-4 words near the top-left corner", async () => {
  const { gt } = await page([
    "--hw_text",
    "-n",
    "4",
    "--x_offset",
    "30",
    "--y_offset",
    "20",
    "-se",
    "10",
    "--random_grid_color",
    "--add_qr_code",
    "-r",
    "60",
  ]);
  assert.equal(gt.handwritten_text, true);
  assert.ok(gt.num_words >= 2 && gt.num_words <= 4, `${gt.num_words} words`);
  assert.ok(gt.x_offset_for_handwritten_text >= 1 && gt.x_offset_for_handwritten_text <= 30);
  assert.ok(gt.y_offset_for_handwritten_text >= 1 && gt.y_offset_for_handwritten_text <= 20);
  assert.equal(gt.options.gridColour, "random");
  const { gt: fixed } = await page([
    "--hw_text",
    "-n",
    "4",
    "--x_offset",
    "30",
    "--y_offset",
    "20",
    "--deterministic_num_words",
    "--deterministic_offset",
    "--deterministic_hw_size",
    "-r",
    "60",
  ]);
  // --hws 0.3: the words span about 0.3 of the page width.
  const { gt: wide } = await page([
    "--hw_text",
    "-n",
    "4",
    "--deterministic_num_words",
    "--hws",
    "0.3",
    "-r",
    "60",
  ]);
  const [a, , c] = [0, 1, 2].map((k) => wide.handwriting[0].text_bounding_box[String(k)]);
  const share = (c[1] - a[1]) / wide.width;
  assert.ok(share > 0.22 && share < 0.4, `the words span ${share} of the page`);
  assert.deepEqual(
    [fixed.num_words, fixed.x_offset_for_handwritten_text, fixed.y_offset_for_handwritten_text],
    [4, 30, 20],
  );
  assert.equal(fixed.handwriting.length, 1);
  assert.equal(
    paramsOf(fixed, "handwriting").note_0_size_px,
    Math.round(7.5 * 60 / 25.4 * 1e4) / 1e4,
  );
});

Deno.test("kit: --wrinkles -ca 45 wrinkles and creases the page, at most 45° and 10 creases each way", async () => {
  const { gt } = await page(
    ["--wrinkles", "-ca", "45", "-se", "10", "--random_grid_color", "--add_qr_code", "-r", "60"],
  );
  assert.deepEqual(familiesOf(gt), ["wrinkles", "creases", "qr_code"]);
  assert.equal(gt.wrinkles, true);
  assert.ok(gt.crease_angle >= 0 && gt.crease_angle <= 45, `${gt.crease_angle}`);
  for (const n of [gt.number_of_creases_horizontally, gt.number_of_creases_vertically]) {
    assert.ok(n >= 1 && n <= 10, `${n} creases`);
  }
  const { gt: fixed } = await page([
    "--wrinkles",
    "-ca",
    "45",
    "-nh",
    "3",
    "-nv",
    "2",
    "--deterministic_angle",
    "--deterministic_horizontal",
    "--deterministic_vertical",
    "-r",
    "60",
  ]);
  assert.deepEqual(
    [fixed.crease_angle, fixed.number_of_creases_horizontally, fixed.number_of_creases_vertically],
    [45, 3, 2],
  );
});

Deno.test("kit: --augment -rot 5 -noise 40 --deterministic_rot --deterministic_noise turns by exactly 5° with noise 40", async () => {
  const { gt } = await page([
    "--augment",
    "-rot",
    "5",
    "-noise",
    "40",
    "--deterministic_rot",
    "--deterministic_noise",
    "-se",
    "10",
    "--random_grid_color",
    "-r",
    "60",
  ]);
  assert.equal(gt.augment, true);
  assert.deepEqual([gt.rotate, gt.rotation_angle_deg, gt.noise], [5, 5, 40]);
  assert.ok(gt.crop >= 0 && gt.crop <= 0.01, `crop ${gt.crop}`); // -c defaults to 0.01
  assert.ok(gt.temperature >= 2500 && gt.temperature <= 15000, `${gt.temperature} K`);
  assert.equal(gt.page_mapping.steps[0].kind, "rotation");
  // Without the deterministic flags: within ±5° and noise from 1 to 40.
  for (const seed of ["1", "2", "3"]) {
    const { gt: drawn } = await page([
      "--augment",
      "-rot",
      "5",
      "-noise",
      "40",
      "-se",
      seed,
      "-r",
      "50",
    ]);
    assert.ok(Math.abs(drawn.rotation_angle_deg) <= 5, `${drawn.rotation_angle_deg}°`);
    assert.equal(drawn.rotate, 5);
    assert.ok(drawn.noise >= 1 && drawn.noise <= 40, `noise ${drawn.noise}`);
  }
});

Deno.test("kit: --augment -rot 30 -c 0.1 (README) turns by 30° and crops at most 0.1; -c with --deterministic_crop exactly", async () => {
  const { gt } = await page([
    "--augment",
    "-rot",
    "30",
    "-c",
    "0.1",
    "--deterministic_rot",
    "--deterministic_noise",
    "-se",
    "10",
    "-r",
    "60",
  ]);
  assert.deepEqual([gt.rotate, gt.rotation_angle_deg, gt.noise], [30, 30, 50]);
  assert.ok(gt.crop > 0 && gt.crop <= 0.1, `crop ${gt.crop}`);
  const { gt: fixed } = await page([
    "--augment",
    "-c",
    "0.05",
    "--deterministic_crop",
    "-t",
    "4000",
    "--deterministic_temp",
    "-r",
    "60",
  ]);
  assert.equal(fixed.crop, 0.05);
  assert.ok(Math.abs(fixed.temperature - 4000) <= 5, `${fixed.temperature} K`);
  assert.ok(!familiesOf(fixed).includes("rotation")); // -rot defaults to 0
});

Deno.test("kit: all the README's distortions together, and the ground truth stays on the ink", async () => {
  // README: --augment -rot 5 -noise 40 --deterministic_rot --deterministic_noise --hw_text -n 4
  //   --x_offset 30 --y_offset 20 --wrinkles -ca 45 -se 10 --print_header --add_qr_code
  const all = [
    "--augment",
    "-rot",
    "5",
    "--deterministic_rot",
    "--hw_text",
    "-n",
    "4",
    "--x_offset",
    "30",
    "--y_offset",
    "20",
    "--wrinkles",
    "-ca",
    "45",
    "-se",
    "10",
    "--print_header",
  ];
  const { gt, out: noisy } = await page([
    ...all,
    "-noise",
    "40",
    "--deterministic_noise",
    "--add_qr_code",
    "-r",
    "60",
  ]);
  assert.deepEqual(familiesOf(gt), [
    "wrinkles",
    "creases",
    "handwriting",
    "rotation",
    "crop",
    "colour",
    "noise",
    "qr_code",
  ]);
  assert.equal(readQr(await imageOf(join(noisy, "E07500-0.png"))), "E07500");
  assert.deepEqual([gt.rotation_angle_deg, gt.noise, gt.printed_text], [5, 40, true]);
  assert.ok(gt.handwritten_text && gt.wrinkles && gt.augment);
  // The same without noise (which would put "ink" everywhere): every sample on the trace.
  const { gt: clean, out } = await page([...all, "-noise", "0", "-r", "100"]);
  checkOnInk(clean, await imageOf(join(out, "E07500-0.png")));
  // And the last README command: --resolution 300 --random_padding --pad_inches 1 (here -r 80).
  const { gt: padded, out: padOut } = await page([
    ...all,
    "-noise",
    "0",
    "--random_padding",
    "--pad_inches",
    "1",
    "--resolution",
    "100",
  ]);
  assert.ok(padded.pad_inches >= 0 && padded.pad_inches <= 1, `${padded.pad_inches} in`);
  checkOnInk(padded, await imageOf(join(padOut, "E07500-0.png")));
});

Deno.test("kit: per-image draws and --max_num_images over a folder of records", async () => {
  const records = ["E07500", "E07501", "E07502", "E07503", "JS20000"];
  const input = await inputOf(records);
  const out = await Deno.makeTempDir();
  const r = await kit(
    "-i",
    input,
    "-o",
    out,
    "-se",
    "3",
    "-r",
    "70",
    "--random_resolution",
    "--random_grid_present",
    "0.5",
    "--random_bw",
    "0.5",
    "--max_num_images",
    "4",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const pngs = (await filesOf(out)).filter((n) => n.endsWith(".png"));
  assert.equal(pngs.length, 4);
  const grids = new Set<boolean>();
  for (const png of pngs) {
    const gt = await truthOf(out, png.replace(/\.png$/, ""));
    assert.ok(gt.resolution >= 50 && gt.resolution <= 70, `${gt.resolution} dpi`);
    grids.add(gt.gridlines);
    if (gt.gridlines && gt.bw) assert.deepEqual(gt.grid_line_color_major, [160, 160, 160]);
  }
  assert.equal(grids.size, 2, "grid drawn on some pages and not on others");
});

Deno.test("kit: --fully_random gives each page handwriting, wrinkles and augmentation each or not, whole", async () => {
  const records = ["E07504", "E07505", "E07506", "E07507", "E07508", "E07509"];
  const input = await inputOf(records);
  const out = await Deno.makeTempDir();
  const r = await kit(
    "-i",
    input,
    "-o",
    out,
    "--fully_random",
    "-rot",
    "5",
    "-se",
    "1",
    "-r",
    "50",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const groups = [["handwriting"], ["wrinkles", "creases"], [
    "rotation",
    "crop",
    "colour",
    "noise",
  ]];
  const seen = groups.map(() => new Set<boolean>());
  for (const record of records) {
    const applied = new Set(familiesOf(await truthOf(out, `${record}-0`)));
    groups.forEach((g, k) => {
      const on = g.map((f) => applied.has(f));
      assert.ok(on.every((x) => x === on[0]), `${record}: ${g.join(",")} applied in part`);
      seen[k]!.add(on[0]!);
    });
  }
  assert.ok(seen.every((s) => s.size === 2), "each group on some pages and off others");
});

Deno.test("kit: the single-record form -i <data> -hea <header> -st <start> makes one page from that sample", async () => {
  const out = await Deno.makeTempDir();
  const r = await kit(
    "-i",
    join(RECORDS, "../wfdb-conformance/sample-data/100.dat"),
    "-hea",
    join(RECORDS, "../wfdb-conformance/sample-data/100.hea"),
    "-o",
    out,
    "-st",
    "3600",
    "-r",
    "60",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = (await filesOf(out)).filter((n) => n.endsWith(".json"));
  assert.equal(json.length, 1);
  const gt = await truthOf(out, json[0]!.replace(/\.json$/, ""));
  assert.equal(gt.start_sample, 3600);
  assert.equal(gt.leads.length, 2); // MIT-BIH 100: one row per lead, as ecg-image-kit draws 2 leads
});

Deno.test("kit: unknown, refused and impossible flags give one line naming the flag, exit 2 and write nothing", async () => {
  const input = await inputOf(["E07500"]);
  const out = join(await Deno.makeTempDir(), "never");
  const cases: [string[], RegExp][] = [
    [["--rotatee", "5"], /Unknown option '--rotatee'.*did you mean --rotate\?/],
    [["-x", "1"], /Unknown option '-x'/],
    [
      ["-l", "https://www.physionet.org/content/ptbdb/"],
      /-l\/--link .*our own words|toolkit's own words/,
    ],
    [["--hw_text", "--hws", "2"], /--hws 2/],
    [["--num_columns", "3"], /--num_columns 3/],
    [["--augment", "-rot", "60"], /-rot 60/],
    [["--augment", "-t", "40000", "--deterministic_temp"], /-t 40000/],
    [["-r", "abc"], /-r needs a whole number/],
    [["--random_bw", "2"], /--random_bw 2/],
    [["-hea", "x.hea"], /-hea and -st go together/],
  ];
  for (const [extra, message] of cases) {
    const r = await kit("-i", input, "-o", out, ...extra);
    assert.equal(r.code, 2, `${extra.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr.split("\n")[0]!, message);
    assert.equal(r.stderr.trim().split("\n").length, 2, r.stderr); // the line, then "Run ... --help"
  }
  await assert.rejects(Deno.stat(out));
});

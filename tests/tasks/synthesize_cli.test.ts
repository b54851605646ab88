/**
 * `deno task synthesize`: ECG-Synthesizer's README command, with a config
 * the test writes, on CSVs made from fixture records (at 60 dpi for speed).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readWfdbRecord } from "../../lib/io/wfdb.ts";
import { RECORDS, runTask } from "./_helpers.ts";
import { checkOnInk, familiesOf, filesOf, imageOf, truthOf } from "./_front_ends.ts";

const synthesize = (...args: string[]) => runTask("synthesize", args);

/** A folder of Kaggle-layout CSVs (a header of lead names, one row per sample, 10 s) of fixture records. */
async function csvFolder(names: readonly string[]): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const name of names) {
    const r = await readWfdbRecord(join(RECORDS, `${name}.hea`));
    const rows = [r.leadNames.join(",")];
    for (let i = 0; i < r.signals[0]!.length; i++) {
      rows.push(r.signals.map((s) => s[i]!.toFixed(4)).join(","));
    }
    await Deno.writeTextFile(join(dir, `${name}.csv`), rows.join("\n") + "\n");
  }
  return dir;
}

async function configFile(text: string): Promise<string> {
  const path = join(await Deno.makeTempDir(), "synthesizer_config.yaml");
  await Deno.writeTextFile(path, text);
  return path;
}

const CONFIG = `scale: 1
generator:
  default_p: 0
  signal_color_brange: [0.0, 0.3]
  crease_kwargs: { p: 1.0 }
  noise_kwargs: { p: 1.0, mean: 0 }
  stains_kwargs: { p: 0.0 }
  blur_kwargs: null
`;

Deno.test("synthesize: the README command (with its '--flag = value' spelling) makes <out>/<iiiii>/ samples as configured", async () => {
  const input = await csvFolder(["E07500", "E07501"]);
  const config = await configFile(CONFIG);
  const out = join(await Deno.makeTempDir(), "synthetic");
  // deno-fmt-ignore
  const r = await synthesize(
    "--config_path", "=", config, "--input_dir", "=", input, "--ext", "=", "jpg",
    "--output_dir", "=", out, "--sample_strat", "=", "circle", "--max_workers", "=", "1",
    "--nsamples", "=", "3", "--compress_rle", "--dpi", "60", "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /not mapped .*: scale, generator\.noise_kwargs\.mean, generator\.signal_color_brange/,
  );
  assert.deepEqual(await filesOf(out), []);
  const folders = [...Deno.readDirSync(out)].map((e) => e.name).sort();
  assert.deepEqual(folders, ["00000", "00001", "00002"]);
  // circle: E07500, E07501, E07500 again (another variant)
  const sources = ["E07500", "E07501", "E07500"];
  const stems = new Set<string>();
  for (const [k, folder] of folders.entries()) {
    const dir = join(out, folder);
    assert.deepEqual(await filesOf(dir), [
      `${sources[k]}.csv`,
      "ecg_img.csv",
      "ecg_img.jpg",
      "ecg_img.json",
      "ecg_img.masks.json",
    ]);
    const gt = await truthOf(dir, "ecg_img");
    assert.equal(gt.record, sources[k]);
    stems.add(gt.stem);
    assert.deepEqual(familiesOf(gt), ["creases", "noise"]);
    assert.equal(gt.options.distortions.noise.probability, 1);
    assert.equal(gt.options.distortions.blur, undefined); // null kwargs: default_p, here 0
    const masks = JSON.parse(await Deno.readTextFile(join(dir, "ecg_img.masks.json")));
    assert.deepEqual(masks.channels, [
      "grid_horizontal",
      "grid_vertical",
      "grid_crossings",
      "signal_row_1",
      "signal_row_2",
      "signal_row_3",
      "signal_row_4",
      "text",
      "separators",
    ]);
    assert.equal(masks.masks.length, 9);
    assert.equal(typeof masks.masks[3].counts, "string"); // compressed RLE
  }
  assert.equal(stems.size, 3);
});

Deno.test("synthesize: without --compress_rle the masks are 9 PNGs; --rectify keeps the page on the grid and the truth on the ink", async () => {
  const input = await csvFolder(["E07502"]);
  const config = await configFile(`generator:
  default_p: 0
  forshorten_distortion_kwargs: { p: 1 }
  sinusoidal_distortion_kwargs: { p: 1 }
  crease_kwargs: { p: 1 }
  wrinkle_kwargs: { p: 1 }
  contrast_kwargs: { p: 1 }
`);
  const warped = join(await Deno.makeTempDir(), "warped");
  const flat = join(await Deno.makeTempDir(), "flat");
  const common = ["--config_path", config, "--input_dir", input, "--nsamples", "1", "--dpi", "100"];
  for (const [out, extra] of [[warped, []], [flat, ["--rectify"]]] as const) {
    const r = await synthesize(...common, "--output_dir", out, "--ext", "png", ...extra, "--quiet");
    assert.equal(r.code, 0, r.stderr);
  }
  const dir = join(warped, "00000");
  const names = await filesOf(dir);
  for (let c = 0; c < 9; c++) assert.ok(names.includes(`ecg_img.mask-${c}.png`), names.join(","));
  const gt = await truthOf(dir, "ecg_img");
  assert.deepEqual(familiesOf(gt), ["wrinkles", "creases", "waves", "perspective", "colour"]);
  checkOnInk(gt, await imageOf(join(dir, "ecg_img.png")));
  const rectified = await truthOf(join(flat, "00000"), "ecg_img");
  assert.equal(rectified.page_mapping.steps.length, 0);
  assert.deepEqual(familiesOf(rectified), ["wrinkles", "creases", "colour"]);
  checkOnInk(rectified, await imageOf(join(flat, "00000", "ecg_img.png")));
});

Deno.test("synthesize: --sample_strat random draws CSVs from the seed, the same each run", async () => {
  const input = await csvFolder(["E07503", "E07504", "E07505"]);
  const config = await configFile("generator:\n  default_p: 0\n");
  const runs: string[][] = [];
  for (let k = 0; k < 2; k++) {
    const out = await Deno.makeTempDir();
    // deno-fmt-ignore
    const r = await synthesize(
      "--config_path", config, "--input_dir", input, "--output_dir", out, "--nsamples", "6",
      "--sample_strat", "random", "--seed", "5", "--dpi", "50", "--max_workers", "2", "--quiet",
    );
    assert.equal(r.code, 0, r.stderr);
    const records: string[] = [];
    for (let i = 0; i < 6; i++) {
      records.push((await truthOf(join(out, String(i).padStart(5, "0")), "ecg_img")).stem);
    }
    runs.push(records);
  }
  assert.deepEqual(runs[0], runs[1]);
  assert.equal(new Set(runs[0]).size, 6, runs[0]!.join(","));
});

Deno.test("synthesize: unknown or impossible flags and configs give one line, exit 2 and write nothing", async () => {
  const input = await csvFolder(["E07506"]);
  const good = await configFile("generator:\n  default_p: 0\n");
  const out = join(await Deno.makeTempDir(), "never");
  const cases: [string[], RegExp][] = [
    [
      ["--config_path", good, "--nsamplez", "3"],
      /Unknown option '--nsamplez'.*did you mean --nsamples\?/,
    ],
    [
      ["--config_path", good, "--samples", "3"],
      /Unknown option '--samples'.*did you mean --nsamples\?/,
    ],
    [["--config_path", good, "--sample_strat", "sequential"], /--sample_strat sequential/],
    [["--config_path", good, "--ext", "bmp"], /--ext bmp/],
    [["--config_path", join(out, "missing.yaml")], /Cannot read --config_path/],
    [
      ["--config_path", await configFile("generator:\n  noise_kwargs: { p: 2 }\n")],
      /noise_kwargs\.p = 2/,
    ],
    [["--config_path", await configFile("- a\n- b\n")], /expected a mapping/],
    [["--config_path", good, "--wrinkles_dir", join(out, "none")], /Cannot read --wrinkles_dir/],
  ];
  for (const [extra, message] of cases) {
    const r = await synthesize("--input_dir", input, "--output_dir", out, ...extra);
    assert.equal(r.code, 2, `${extra.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr.split("\n")[0]!, message);
    assert.equal(r.stderr.trim().split("\n").length, 2, r.stderr);
  }
  await assert.rejects(Deno.stat(out));
});

/** Short options and format names of the CLIs (#18 defect 8). */
import assert from "node:assert/strict";
import { join } from "node:path";
import { explainParseError } from "../../tasks/_cli.ts";
import { generate, RECORDS, runTask } from "./_helpers.ts";

Deno.test("generate takes -i/-o for --input/--out and --format jpeg as jpg", async () => {
  const out = await Deno.makeTempDir();
  const r = await generate(
    "-i",
    join(RECORDS, "E07500.hea"),
    "-o",
    out,
    "--format",
    "jpeg",
    "--dpi",
    "50",
    "--quiet",
  );
  assert.equal(r.code, 0, r.stderr);
  const names = [...Deno.readDirSync(out)].map((e) => e.name).sort();
  assert.ok(names.includes("E07500-0.jpg"), names.join(" "));
  const gt = JSON.parse(await Deno.readTextFile(join(out, "E07500-0.json")));
  assert.equal(gt.output.format, "jpg");
});

Deno.test("generate refuses --format gif naming the accepted formats", async () => {
  const r = await generate("-i", join(RECORDS, "E07500.hea"), "-o", "unused", "--format", "gif");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /format = "gif": must be png or jpg/);
});

Deno.test("explainParseError() answers an unknown short option with long options, not a typo", () => {
  const error = new TypeError("Unknown option '-i'. To specify a positional argument…");
  const message = explainParseError(error, ["input", "out", "dpi"]);
  assert.ok(message.endsWith("did you mean --input?"), message);
  const x = explainParseError(new TypeError("Unknown option '-x'."), ["input", "dpi"]);
  assert.doesNotMatch(x, /did you mean/);
});

Deno.test("evaluate takes -o for --out", async () => {
  const r = await runTask("evaluate", ["--pred", "nope", "--truth", "nope", "-o", "x"]);
  assert.doesNotMatch(r.stderr, /Unknown option/);
});

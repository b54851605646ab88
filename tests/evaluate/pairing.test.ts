import assert from "node:assert/strict";
import { pairByStem } from "../../lib/evaluate/pairing.ts";

Deno.test("pairByStem() pairs by stem across subfolders and lists the unpaired", () => {
  const p = pairByStem(
    ["t/a/a.csv", "t/a/a.json", "t/a/a.jpg", "t/b.csv", "t/c.csv", "t/notes.txt"],
    ["p/a.csv", "p/a.json", "p/c.json", "p/d.csv", "p/sub/a.csv"],
  );
  assert.deepEqual(p.pairs.map((x) => x.stem), ["a", "c"]);
  assert.deepEqual(p.pairs[0], {
    stem: "a",
    truth: { csv: "t/a/a.csv", json: "t/a/a.json", image: "t/a/a.jpg" },
    prediction: { csv: "p/a.csv", json: "p/a.json" },
  });
  // c: the digitizer wrote only its JSON (it failed): scored as missing.
  assert.deepEqual(p.pairs[1]!.prediction, { json: "p/c.json" });
  assert.deepEqual(p.truthOnly, [{ stem: "b", truth: { csv: "t/b.csv" } }]);
  assert.deepEqual(p.predictionOnly, ["d"]);
  assert.deepEqual(p.duplicates, ["p/sub/a.csv"]);
});

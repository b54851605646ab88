import assert from "node:assert/strict";
import { summarise, summariseGroups, worstCases } from "../../lib/evaluate/summary.ts";
import type { ImageResult, LeadResult } from "../../lib/evaluate/types.ts";

const lead = (name: string, snr: number, c2024: number, ps: number, pn: number): LeadResult => ({
  lead: name,
  status: Number.isNaN(snr) ? "missing" : "scored",
  snrDb: snr,
  nrmsePercent: 5,
  pearsonR: 0.9,
  comparedSamples: 10,
  coverage: 1,
  challenge2024: { snrDb: c2024, shiftSamples: 0, offsetMv: 0, applied: true },
  kaggle: { signalPower: ps, noisePower: pn, shiftSamples: 0, offsetMv: 0 },
});
const image = (
  id: string,
  leads: LeadResult[],
  groups: Record<string, string> = {},
): ImageResult => {
  const ps = leads.reduce((a, l) => a + l.kaggle!.signalPower, 0);
  const pn = leads.reduce((a, l) => a + l.kaggle!.noisePower, 0);
  const ratio = Math.min(ps / pn, 384);
  return {
    id,
    groups,
    distortions: null,
    leads,
    kaggleRatio: ratio,
    kaggleDb: 10 * Math.log10(ratio),
    challenge2024SnrDb: NaN,
    meanSnrDb: NaN,
    warnings: [],
  };
};

Deno.test("summarise() follows each official aggregation", () => {
  const a = image("a", [lead("I", 10, 12, 10, 1), lead("II", NaN, NaN, 10, 9)]);
  const b = image("b", [lead("I", 20, 30, 10, 0.1), lead("II", 30, Infinity, 10, 0.1)]);
  const s = summarise([a, b]);
  assert.equal(s.images, 2);
  assert.equal(s.leads, 4);
  assert.ok(Math.abs(s.kaggleScoreDb - 10 * Math.log10((2 + 100) / 2)) < 1e-12);
  assert.equal(s.challenge2024SnrDb, Infinity); // np.nanmean over leads
  assert.equal(s.meanSnrDb, 20);
  assert.equal(s.medianSnrDb, 20);
  assert.equal(s.missingLeads, 1);
  const lead1 = summarise([a, b], "I");
  assert.equal(lead1.challenge2024SnrDb, 21);
  assert.ok(Math.abs(lead1.kaggleScoreDb - 10 * Math.log10((10 + 100) / 2)) < 1e-12);
});

Deno.test("summariseGroups() and worstCases() group and rank images", () => {
  const images = [
    image("a", [lead("I", 10, 10, 10, 1)], { preset: "0001" }),
    image("b", [lead("I", 1, 1, 10, 10)], { preset: "0003" }),
    image("c", [lead("I", 5, 5, 10, 2)], { preset: "0001" }),
  ];
  const groups = summariseGroups(images);
  assert.deepEqual(Object.keys(groups.preset!), ["0001", "0003"]);
  assert.equal(groups.preset!["0001"]!.images, 2);
  assert.deepEqual(worstCases(images, 2).map((w) => [w.rank, w.id]), [[1, "b"], [2, "c"]]);
});

/**
 * Lead names against the page's labels: separator ticks read as "I" at
 * every panel boundary (ecg00001 of the real images) must not take the
 * panels from the printed names beside them, and a label that contradicts
 * the layout the page's other labels fit keeps its name without full
 * confidence.
 */
import assert from "node:assert/strict";
import { panelConfidence } from "../../lib/digitize/confidence.ts";
import type { LayoutPlan, RowLabel } from "../../lib/digitize/layout.ts";
import { namePanels, type NamingRow } from "../../lib/digitize/naming.ts";

const GRID = [["I", "aVR", "V1", "V4"], ["II", "aVL", "V2", "V5"], ["III", "aVF", "V3", "V6"]];
const plan: LayoutPlan = {
  kind: "3x4",
  columns: [4, 4, 4, 1],
  leads: [...GRID, ["II"]],
  evidence: { quarter: 1, half: 1, control: 0 },
};
const pxPerMm = 8;
const rows: NamingRow[] = [0, 1, 2, 3].map((i) => ({
  centreY: 200 + 300 * i,
  originX: 100,
  x1: 2100,
}));
const start = (k: number): number => 100 + 500 * k;

Deno.test("namePanels(): separator ticks read as I at every boundary do not displace the labels", () => {
  const labels: RowLabel[] = [{ lead: "I", row: 0, x0: start(0) + 20, score: 0.71 }];
  for (let i = 0; i < 3; i++) {
    for (let k = 1; k < 4; k++) {
      // The tick stands right at the boundary and reads as a clean "I"; the name follows it.
      labels.push({ lead: "I", row: i, x0: start(k) - 2, score: 0.95 });
      if (k < 3) labels.push({ lead: GRID[i]![k]!, row: i, x0: start(k) + 25, score: 0.88 });
    }
  }
  const names = namePanels(plan, rows, labels, pxPerMm);
  assert.deepEqual(names.slice(0, 3).map((r) => r.map((p) => p.lead)), GRID);
  assert.equal(names[0]![0]!.source, "label");
  // The last column's names were not read (only ticks there): template names, in doubt.
  for (let i = 0; i < 3; i++) {
    assert.equal(names[i]![3]!.source, "layout");
    assert.equal(names[i]![3]!.doubtful, true);
  }
});

Deno.test("namePanels(): a label against the layout the other labels fit is doubtful", () => {
  // Three labels fit the 3x4 template; two (at V1's and V3's places) read otherwise.
  const labels: RowLabel[] = [
    { lead: "aVR", row: 0, x0: start(1) + 20, score: 0.9 },
    { lead: "aVL", row: 1, x0: start(1) + 20, score: 0.9 },
    { lead: "V2", row: 1, x0: start(2) + 20, score: 0.9 },
    { lead: "V6", row: 0, x0: start(2) + 20, score: 0.9 },
    { lead: "V4", row: 2, x0: start(2) + 20, score: 0.9 },
  ];
  const names = namePanels(plan, rows, labels, pxPerMm);
  assert.equal(names[0]![2]!.lead, "V6");
  assert.equal(names[0]![2]!.doubtful, true);
  assert.equal(names[2]![2]!.lead, "V4");
  assert.equal(names[2]![2]!.doubtful, true);
  assert.equal(names[0]![1]!.doubtful, false);
});

Deno.test("panelConfidence(): a label in conflict with the page is never fully trusted", () => {
  const base = {
    nameSource: "label" as const,
    labelScore: 0.95,
    coverage: 1,
    scaleSource: "grid" as const,
    gainFromPulse: true,
    stdMv: 0.2,
    rangeMv: 1.5,
    reach: 0.3,
    pxPerMm: 8,
  };
  assert.equal(panelConfidence({ ...base, doubtful: false }).value, 1);
  const c = panelConfidence({ ...base, doubtful: true });
  assert.ok(c.value <= 0.5, `${c.value}`);
  assert.equal(c.reasons.length, 1);
});

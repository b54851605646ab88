/** panelAnnotations(): one COCO instance per panel, split exactly out of its row's mask. */
import assert from "node:assert/strict";
import { COCO_LEAD_CATEGORIES, panelAnnotations } from "../../lib/generate/coco.ts";
import { decodeCocoRle } from "../../lib/generate/rle.ts";
import type { GenerateOptions } from "../../lib/generate/options.ts";
import { firstPage, fixtureRecord } from "./_helpers.ts";

const CASES: [string, GenerateOptions][] = [
  ["clean 3x4 + II", { dpi: 100, masks: true }],
  ["6x2 + II, V1 strips", { dpi: 100, masks: true, layout: "6x2", rhythmLeads: ["II", "V1"] }],
  ["photo preset 0005", { dpi: 100, masks: true, preset: "0005", seed: 4 }],
];

for (const [name, options] of CASES) {
  Deno.test(`panelAnnotations() splits each row mask into its panels: ${name}`, async () => {
    const { page } = await firstPage(await fixtureRecord("E07504"), options);
    const gt = page.groundTruth, masks = page.masks!;
    const W = gt.width, H = gt.height;
    const anns = panelAnnotations(masks, gt);
    assert.equal(anns.length, gt.leads.length);
    const owner = new Int16Array(W * H).fill(-1);
    for (const a of anns) {
      const lead = gt.leads[a.lead_index]!;
      assert.equal(a.lead_name, lead.lead_name);
      assert.ok((COCO_LEAD_CATEGORIES as readonly string[]).includes(a.lead_name));
      assert.deepEqual(a.segmentation.size, [H, W]);
      const m = decodeCocoRle(a.segmentation);
      let area = 0, minX = W, minY = H, maxX = -1, maxY = -1;
      for (let p = 0; p < m.length; p++) {
        if (!m[p]) continue;
        area++;
        const x = p % W, y = Math.floor(p / W);
        minX = Math.min(minX, x), maxX = Math.max(maxX, x);
        minY = Math.min(minY, y), maxY = Math.max(maxY, y);
        // Inside its row's mask, and in no other panel's.
        assert.equal(masks[lead.mask_channel]![p], 1);
        assert.equal(owner[p], -1, `pixel ${p} in two panels`);
        owner[p] = a.lead_index;
      }
      assert.equal(area, a.area);
      assert.deepEqual(a.bbox, [minX, minY, maxX - minX + 1, maxY - minY + 1]);
      // The panel's own samples fall on its own mask.
      let on = 0, n = 0;
      for (const q of lead.plotted_pixels) {
        if (!q || q[0] < 1 || q[1] < 1 || q[0] > H - 2 || q[1] > W - 2) continue;
        n++;
        const x = Math.round(q[1]), y = Math.round(q[0]);
        let hit = false;
        for (let dy = -1; dy <= 1 && !hit; dy++) {
          for (let dx = -1; dx <= 1 && !hit; dx++) {
            hit = owner[(y + dy) * W + x + dx] === a.lead_index;
          }
        }
        if (hit) on++;
      }
      assert.ok(n === 0 || on / n > 0.97, `${lead.lead_name}: ${on} of ${n} samples on its mask`);
    }
    // Almost every row-mask pixel belongs to some panel (the rest are specks apart from any trace).
    for (const c of new Set(gt.leads.map((l) => l.mask_channel))) {
      let total = 0, owned = 0;
      masks[c]!.forEach((v, p) => {
        if (!v) return;
        total++;
        if (owner[p]! >= 0) owned++;
      });
      assert.ok(owned / total > 0.98, `channel ${c}: ${owned} of ${total} pixels owned`);
    }
  });
}

Deno.test("panelAnnotations() gives a row's calibration pulse to its first panel", async () => {
  const { page } = await firstPage(await fixtureRecord("E07504"), { dpi: 100, masks: true });
  const gt = page.groundTruth;
  const anns = panelAnnotations(page.masks!, gt);
  for (const pulse of gt.calibration_pulses) {
    const first = anns.find((a) => {
      const l = gt.leads[a.lead_index]!;
      return l.row_index === pulse.row_index && l.column_index === 0;
    })!;
    const m = decodeCocoRle(first.segmentation);
    // The pulse's top corner (1 mV above the baseline) is in the first panel's mask.
    const top = pulse.polyline.reduce((a, b) => (b[0] < a[0] ? b : a));
    const x = Math.round(top[1]), y = Math.round(top[0]);
    let hit = false;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) hit ||= m[(y + dy) * gt.width + x + dx] === 1;
    }
    assert.ok(hit, `row ${pulse.row_index}: pulse top not in ${first.lead_name}'s mask`);
  }
});

/**
 * Lead names of the panels: from the label printed at a panel's start
 * where one was read, else from the layout's template. Labels first go to
 * their row (the nearest trace row) and then to the panel whose start they
 * stand at. A lead named by labels on two short panels keeps the better
 * read; a template name that a label gives elsewhere is not used twice.
 *
 * @module
 */
import type { LabelRead } from "./labels.ts";
import type { LayoutPlan, RowLabel } from "./layout.ts";

const STANDARD = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

/** Score a label needs to overrule the layout template. */
const CLEAR = 0.75;
/** Score a word of bars only (I, II, III: like ticks and fragments) needs. */
const BARS = 0.7;

/** How a panel was named. */
export interface PanelName {
  /** Lead name, or "" when none could be given. */
  readonly lead: string;
  /** "label" when read on the page, "layout" when taken from the template. */
  readonly source: "label" | "layout";
  /** Score of the label read (0 for template names). */
  readonly score: number;
  /**
   * True when labels were read on the page but none for this panel, or one disagreed with the
   * template; for a label, when it contradicts the template while most other labels fit it.
   */
  readonly doubtful: boolean;
}

/** A row's geometry as naming needs it. */
export interface NamingRow {
  readonly centreY: number;
  readonly originX: number;
  readonly x1: number;
}

/**
 * Give each label the row nearest to it (within 0.75 row spacings).
 *
 * @example
 * ```ts
 * import { labelsToRows } from "./naming.ts";
 * const rows = [{ centreY: 100, originX: 0, x1: 500 }, { centreY: 200, originX: 0, x1: 500 }];
 * const label = { lead: "II", text: "II", box: [10, 215, 20, 230] as const, score: 0.9, runnerUp: 0 };
 * console.assert(labelsToRows([label], rows)[0]!.row === 1);
 * ```
 */
export function labelsToRows(labels: readonly LabelRead[], rows: readonly NamingRow[]): RowLabel[] {
  if (rows.length === 0) return [];
  const gaps = rows.slice(1).map((r, i) => r.centreY - rows[i]!.centreY).sort((a, b) => a - b);
  const spacing = gaps.length ? gaps[gaps.length >> 1]! : Infinity;
  const out: RowLabel[] = [];
  for (const l of labels) {
    const cy = (l.box[1] + l.box[3]) / 2;
    let best = -1, bestD = Infinity;
    rows.forEach((r, i) => {
      const d = Math.abs(r.centreY - cy);
      if (d < bestD) [best, bestD] = [i, d];
    });
    const r = rows[best]!;
    // Past the rows' band by more than 0.6 of their spacing (axis tick labels below the last
    // row, a title above the first): not a lead label of that row.
    if (bestD > 0.6 * spacing || l.box[2] < r.originX - 25 || l.box[0] > r.x1) continue;
    out.push({ lead: l.lead, row: best, x0: l.box[0], score: l.score });
  }
  return out;
}

/**
 * Name every panel of `plan`.
 *
 * @param pxPerMm Page scale (how far left of a panel start its label may stand).
 */
export function namePanels(
  plan: LayoutPlan,
  rows: readonly NamingRow[],
  labels: readonly RowLabel[],
  pxPerMm: number,
): PanelName[][] {
  // The labels at each panel's start.
  const candidates: RowLabel[][][] = plan.columns.map((cols, i) => {
    const r = rows[i]!;
    const span = cols > 0 ? (r.x1 - r.originX) / cols : 0;
    return Array.from({ length: cols }, (_, k) => {
      const start = r.originX + k * span;
      return labels.filter((l) =>
        l.row === i && l.x0 >= start - 12 * pxPerMm && l.x0 <= start + labelReach(span, pxPerMm)
      );
    });
  });
  // A lead is printed at one short panel: one read at the starts of several (a separator tick
  // read as "I" at every panel boundary) is a label at one of them at most — where the template
  // puts it, if it was read there, else where it read best — and no candidate at the others.
  const starts = new Map<string, [number, number, RowLabel][]>();
  candidates.forEach((row, i) => {
    if (plan.columns[i]! <= 1) return;
    row.forEach((cands, k) => {
      for (const l of cands) starts.set(l.lead, [...(starts.get(l.lead) ?? []), [i, k, l]]);
    });
  });
  for (const [lead, at] of starts) {
    if (new Set(at.map(([i, k]) => `${i},${k}`)).size < 2) continue;
    const home = at.find(([i, k]) => plan.leads[i]?.[k] === lead) ??
      at.reduce((a, b) => (b[2].score > a[2].score ? b : a));
    for (const [i, k, l] of at) {
      if (i === home[0] && k === home[1]) continue;
      candidates[i]![k] = candidates[i]![k]!.filter((c) => c !== l);
    }
  }
  // The best label left at each panel's start.
  const read: (RowLabel | null)[][] = candidates.map((row) =>
    row.map((cands) =>
      cands.reduce<RowLabel | null>((a, b) => (!a || b.score > a.score ? b : a), null)
    )
  );
  // Where nearly all labels agree with the template, one that does not is a misread.
  const reads = read.flatMap((row, i) => row.map((l, k) => [l, plan.leads[i]?.[k]] as const))
    .filter(([l]) => l !== null);
  const agreeing = reads.filter(([l, t]) => l!.lead === t).length;
  if (reads.length >= 4 && agreeing >= 0.75 * reads.length) {
    read.forEach((row, i) =>
      row.forEach((l, k) => {
        if (l && l.lead !== plan.leads[i]?.[k]) row[k] = null;
      })
    );
  }
  // A label that contradicts the template must read clearly; a bar-only word (I, II, III) always.
  read.forEach((row, i) =>
    row.forEach((l, k) => {
      if (!l) return;
      const against = l.lead !== plan.leads[i]?.[k];
      if ((against && l.score < CLEAR) || (l.lead.startsWith("I") && l.score < BARS)) row[k] = null;
    })
  );
  // A lead read on two short panels keeps the better read.
  const shortBest = new Map<string, number>();
  plan.columns.forEach((cols, i) => {
    if (cols <= 1) return;
    for (const l of read[i]!) {
      if (l) shortBest.set(l.lead, Math.max(shortBest.get(l.lead) ?? 0, l.score));
    }
  });
  const anyLabels = labels.length > 0;
  const named = new Set<string>();
  const names: PanelName[][] = plan.columns.map((cols, i) =>
    Array.from({ length: cols }, (_, k) => {
      const l = read[i]![k]!;
      if (l && (cols <= 1 || shortBest.get(l.lead) === l.score)) {
        if (cols > 1) named.add(l.lead);
        return { lead: l.lead, source: "label", score: l.score, doubtful: false } as PanelName;
      }
      return null;
    })
  ).map((row, i) =>
    row.map((name, k) => {
      if (name) return name;
      const template = plan.leads[i]?.[k] ?? "";
      const cols = plan.columns[i]!;
      // A template name already given by a label elsewhere would be a duplicate.
      const lead = cols > 1 && named.has(template) ? "" : template;
      return { lead, source: "layout", score: 0, doubtful: anyLabels };
    })
  );
  // Leads no panel got go to the short panels left unnamed, in reading order.
  const given = new Set(
    names.flatMap((row, i) => (plan.columns[i]! > 1 ? row.map((p) => p.lead) : [])),
  );
  const left = STANDARD.filter((l) => !given.has(l));
  const open = names.flatMap((row, i) =>
    plan.columns[i]! > 1
      ? row.map((p, k) => [i, k, p] as const).filter(([, , p]) => p.lead === "")
      : []
  );
  if (left.length > 0 && left.length === open.length) {
    open.forEach(([i, k], n) => {
      names[i]![k] = { lead: left[n]!, source: "layout", score: 0, doubtful: true };
    });
  }
  // A label that contradicts the template, on a page whose other labels mostly fit it, is in
  // conflict with the page (a swapped or misread lead): it keeps its name but not full trust.
  const labelled = names.flatMap((row, i) =>
    plan.columns[i]! > 1
      ? row.map((p, k) => ({ p, i, k })).filter(({ p }) => p.source === "label")
      : []
  );
  const fits = (n: { p: PanelName; i: number; k: number }): boolean =>
    n.p.lead === plan.leads[n.i]?.[n.k];
  for (const n of labelled) {
    if (fits(n)) continue;
    const others = labelled.filter((m) => m !== n);
    if (others.length >= 2 && others.filter(fits).length > others.length / 2) {
      names[n.i]![n.k] = { ...n.p, doubtful: true };
    }
  }
  // Labels that disagree with the template in a row cast doubt on its other template names.
  names.forEach((row, i) => {
    const disagree = row.some((p, k) => p.source === "label" && p.lead !== plan.leads[i]?.[k]);
    if (disagree) {
      row.forEach((p, k) => p.source === "layout" && (row[k] = { ...p, doubtful: true }));
    }
  });
  return names;
}

/**
 * How far right of a panel start its label may begin: 15 % of the panel,
 * at most 12 mm (panels many seconds long keep their labels at the start).
 */
export function labelReach(spanPx: number, pxPerMm: number): number {
  return Math.min(0.15 * spanPx, 12 * pxPerMm);
}

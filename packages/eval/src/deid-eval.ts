/**
 * Scoring of a PHI detector against gold spans: recall, precision and F1 overall and per gold type,
 * with two matching rules:
 * - `overlap`: PhysioNet's `stat.pm` rule. A gold span is found when any system span overlaps it,
 *   with inclusive ends (`gs.start <= sys.end && sys.start <= gs.end`, so touching spans count); a
 *   system span is a false positive when it overlaps no gold span. Precision = (system spans that
 *   overlap gold) / (system spans).
 * - `exact`: a gold span is found only by a system span with the same start and end.
 * Per-type precision is not defined (system types differ from gold types), so per type we report
 * recall and the gold count; false positives are reported by system type.
 */
import type { DeidNote, GoldSpan } from './deid-physionet';

export interface SystemSpan {
  start: number;
  end: number;
  type: string;
  text?: string;
  source?: string;
}

export interface Counts {
  gold: number;
  system: number;
  tp: number;
  fn: number;
  fp: number;
  recall: number;
  precision: number;
  f1: number;
}

export interface DeidScore {
  notes: number;
  overlap: Counts;
  exact: Counts;
  /** Recall per gold type (overlap and exact). */
  byType: Record<string, { gold: number; overlapFound: number; exactFound: number; overlapRecall: number; exactRecall: number }>;
  /** False positives per system type (overlap rule). */
  falsePositivesByType: Record<string, number>;
  misses: Array<{ id: string; type: string; text: string; context: string }>;
  falsePositives: Array<{ id: string; type: string; text: string; source?: string; context: string }>;
}

function finish(gold: number, system: number, tpGold: number, tpSys: number): Counts {
  const recall = gold ? tpGold / gold : 1;
  const precision = system ? tpSys / system : 1;
  const f1 = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
  return { gold, system, tp: tpGold, fn: gold - tpGold, fp: system - tpSys, recall, precision, f1 };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function context(text: string, s: { start: number; end: number }): string {
  return `${text.slice(Math.max(0, s.start - 30), s.start)}[[${text.slice(s.start, s.end)}]]${text.slice(s.end, s.end + 30)}`.replace(
    /\s+/g,
    ' ',
  );
}

/**
 * Score a detector on notes. `detect` is handed each note's text and patient id.
 * `ignoreGoldTypes` drops gold spans of those types (and system spans overlapping only them).
 */
export function scoreDeid(
  notes: readonly DeidNote[],
  detect: (text: string, patientId: string) => SystemSpan[],
  opts: { ignoreGoldTypes?: ReadonlySet<string>; keepErrors?: number } = {},
): DeidScore {
  const keep = opts.keepErrors ?? 0;
  let gold = 0;
  let system = 0;
  let tpGoldO = 0;
  let tpSysO = 0;
  let tpGoldE = 0;
  let tpSysE = 0;
  const byType: DeidScore['byType'] = {};
  const fpByType: Record<string, number> = {};
  const misses: DeidScore['misses'] = [];
  const fps: DeidScore['falsePositives'] = [];
  for (const note of notes) {
    const sys = detect(note.text, note.patientId);
    const ignored: GoldSpan[] = [];
    const golds: GoldSpan[] = [];
    for (const g of note.gold) (opts.ignoreGoldTypes?.has(g.type) ? ignored : golds).push(g);
    gold += golds.length;
    const sysKept = sys.filter((s) => golds.some((g) => overlaps(g, s)) || !ignored.some((g) => overlaps(g, s)));
    system += sysKept.length;
    for (const g of golds) {
      const o = sysKept.some((s) => overlaps(g, s));
      const e = sysKept.some((s) => s.start === g.start && s.end === g.end);
      const bt = (byType[g.type] ??= { gold: 0, overlapFound: 0, exactFound: 0, overlapRecall: 0, exactRecall: 0 });
      bt.gold++;
      if (o) {
        tpGoldO++;
        bt.overlapFound++;
      } else if (misses.length < keep)
        misses.push({ id: note.id, type: g.type, text: note.text.slice(g.start, g.end), context: context(note.text, g) });
      if (e) {
        tpGoldE++;
        bt.exactFound++;
      }
    }
    for (const s of sysKept) {
      if (golds.some((g) => overlaps(g, s))) tpSysO++;
      else {
        fpByType[s.type] = (fpByType[s.type] ?? 0) + 1;
        if (fps.length < keep)
          fps.push({
            id: note.id,
            type: s.type,
            text: note.text.slice(s.start, s.end),
            source: s.source,
            context: context(note.text, s),
          });
      }
      if (golds.some((g) => g.start === s.start && g.end === s.end)) tpSysE++;
    }
  }
  for (const bt of Object.values(byType)) {
    bt.overlapRecall = bt.gold ? bt.overlapFound / bt.gold : 1;
    bt.exactRecall = bt.gold ? bt.exactFound / bt.gold : 1;
  }
  return {
    notes: notes.length,
    overlap: finish(gold, system, tpGoldO, tpSysO),
    exact: finish(gold, system, tpGoldE, tpSysE),
    byType,
    falsePositivesByType: fpByType,
    misses,
    falsePositives: fps,
  };
}

/** A plain-text table of a score (for the CLI). */
export function formatDeidScore(name: string, s: DeidScore): string {
  const p = (x: number) => x.toFixed(3);
  const lines = [
    `${name}: ${s.notes} notes`,
    `  rule     gold  system    tp    fp    fn  recall  precision  f1`,
    ...(['overlap', 'exact'] as const).map((r) => {
      const c = s[r];
      return `  ${r.padEnd(7)} ${String(c.gold).padStart(5)} ${String(c.system).padStart(7)} ${String(c.tp).padStart(5)} ${String(c.fp).padStart(5)} ${String(c.fn).padStart(5)}  ${p(c.recall)}  ${p(c.precision).padStart(9)}  ${p(c.f1)}`;
    }),
    `  recall by gold type (overlap / exact):`,
    ...Object.entries(s.byType)
      .sort((a, b) => b[1].gold - a[1].gold)
      .map(([t, b]) => `    ${t.padEnd(20)} ${String(b.gold).padStart(5)}  ${p(b.overlapRecall)} / ${p(b.exactRecall)}`),
    `  false positives by system type: ${
      Object.entries(s.falsePositivesByType)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ') || 'none'
    }`,
  ];
  return lines.join('\n');
}

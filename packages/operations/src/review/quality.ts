/**
 * How much clinicians change each engine's drafts: the word-level edit distance between a draft
 * and the text signed, and per-engine figures over the recorded decisions. Pure.
 */
import { wordEditDistance } from '@galen/scribe';

export { wordEditDistance };

export function tokenizeWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** Edit distance divided by the draft's length in words (0 = signed unchanged). */
export function normalizedEditDistance(draft: string, final: string): number {
  const n = Math.max(tokenizeWords(draft).length, 1);
  return wordEditDistance(draft, final) / n;
}

export interface EngineQuality {
  engine: string;
  decisions: number;
  accepted: number;
  edited: number;
  rejected: number;
  /** Mean word edit distance / draft words over accepted + edited notes. */
  meanNormalizedEditDistance: number | null;
  meanEditDistance: number | null;
}

/** Aggregate decision rows into per-engine figures. */
export function summarizeQuality(
  rows: { engine: string; decision: string; draft_words: number | null; edit_distance: number | null }[],
): EngineQuality[] {
  const by = new Map<string, { q: EngineQuality; sumN: number; sumD: number; n: number }>();
  for (const r of rows) {
    let e = by.get(r.engine);
    if (!e) {
      e = {
        q: {
          engine: r.engine,
          decisions: 0,
          accepted: 0,
          edited: 0,
          rejected: 0,
          meanNormalizedEditDistance: null,
          meanEditDistance: null,
        },
        sumN: 0,
        sumD: 0,
        n: 0,
      };
      by.set(r.engine, e);
    }
    e.q.decisions++;
    if (r.decision === 'accept') e.q.accepted++;
    else if (r.decision === 'edit') e.q.edited++;
    else if (r.decision === 'reject') e.q.rejected++;
    if (r.edit_distance !== null && r.edit_distance !== undefined) {
      const d = Number(r.edit_distance);
      e.sumD += d;
      e.sumN += d / Math.max(Number(r.draft_words ?? 0), 1);
      e.n++;
    }
  }
  return [...by.values()]
    .map(({ q, sumN, sumD, n }) => ({
      ...q,
      meanNormalizedEditDistance: n ? sumN / n : null,
      meanEditDistance: n ? sumD / n : null,
    }))
    .sort((a, b) => a.engine.localeCompare(b.engine));
}

/**
 * ICD-10-CM coding suggestions for a draft: phrases of the note are matched against the names and
 * synonyms of ICD-10-CM concepts in the terminology index (never an invented code); each match's
 * context is read with `@galen/nlp`'s ConText, and negated, uncertain, hypothetical and other
 * people's mentions are skipped; codes are ranked by where they were said (assessment and chief
 * complaint weigh most) with the transcript turns as evidence.
 */
import { assessContext } from '@galen/nlp';
import type { Concept } from '@galen/terminology/concept';
import type { Draft, SectionCode } from './note';

export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

/** The part of `@galen/terminology`'s ConceptIndex this needs. */
export interface CodeSource {
  all(): Iterable<Concept>;
}

export interface CodeSuggestion {
  system: string;
  code: string;
  display: string;
  score: number;
  /** The words in the note that matched. */
  matched: string[];
  /** Transcript turn ids. */
  evidence: string[];
}

const SECTION_WEIGHT: Partial<Record<SectionCode, number>> = {
  chiefComplaint: 3,
  assessmentPlan: 3,
  hpi: 1,
  results: 1,
  exam: 0.5,
  pmh: 1,
};

/** Words and numbers of a sentence, as `norm` keeps them. */
const WORD = /[a-z0-9]+/gi;

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const cache = new WeakMap<CodeSource, Map<string, Concept>>();

function phraseMap(src: CodeSource): Map<string, Concept> {
  let m = cache.get(src);
  if (m) return m;
  m = new Map();
  for (const c of src.all()) {
    if (c.system !== ICD10CM) continue;
    for (const name of [c.display, ...c.synonyms]) {
      const k = norm(name);
      if (k.length < 3 || k.split(' ').length > 8) continue;
      const prev = m.get(k);
      // Prefer the shorter (less specific, "unspecified") code for a bare name.
      if (!prev || c.code.length < prev.code.length) m.set(k, c);
    }
  }
  cache.set(src, m);
  return m;
}

/**
 * Rank ICD-10-CM codes for a draft.
 * @example suggestCodes(draft, terminologyIndex, { limit: 5 })
 */
export function suggestCodes(draft: Draft, src: CodeSource, opts: { limit?: number } = {}): CodeSuggestion[] {
  const phrases = phraseMap(src);
  const out = new Map<string, CodeSuggestion>();
  const add = (c: Concept, words: string, weight: number, evidence: string[]): void => {
    const s = out.get(c.code) ?? { system: ICD10CM, code: c.code, display: c.display, score: 0, matched: [], evidence: [] };
    s.score += weight;
    if (!s.matched.includes(words)) s.matched.push(words);
    for (const e of evidence) if (!s.evidence.includes(e)) s.evidence.push(e);
    out.set(c.code, s);
  };
  const scan = (text: string, weight: number, evidence: string[]): void => {
    const spans = [...text.matchAll(WORD)].map((m) => ({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
    const taken = new Array<boolean>(spans.length).fill(false);
    for (let n = Math.min(8, spans.length); n >= 1; n--) {
      for (let i = 0; i + n <= spans.length; i++) {
        if (taken.slice(i, i + n).some(Boolean)) continue;
        const k = spans
          .slice(i, i + n)
          .map((x) => x.w)
          .join(' ');
        const c = phrases.get(k);
        if (!c) continue;
        for (let j = i; j < i + n; j++) taken[j] = true;
        const ctx = assessContext(text, { start: spans[i]!.start, end: spans[i + n - 1]!.end });
        // ICD-10-CM Official Guidelines for Coding and Reporting FY2024, Section IV.H: outpatient
        // encounters do not code diagnoses documented as probable, suspected or questionable.
        if (ctx.negated || ctx.uncertain || ctx.hypothetical || ctx.experiencer !== 'patient') continue;
        add(c, k, ctx.historical ? weight / 2 : weight, evidence);
      }
    }
  };
  for (const p of draft.problems) scan(p.text, 3, p.evidence);
  for (const s of draft.sections) {
    const weight = SECTION_WEIGHT[s.code];
    if (!weight) continue;
    for (const x of s.sentences) if (!x.flagged) scan(x.text, weight, x.evidence);
  }
  return [...out.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, opts.limit ?? 10);
}

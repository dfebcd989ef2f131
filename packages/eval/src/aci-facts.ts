/**
 * A concept-based fact score for generated notes (in the spirit of ACI-Bench's MEDCON: F1 over
 * the sets of clinical concepts in reference and candidate). Concepts come from an extractor
 * passed in, e.g. `@galen/nlp`'s `extract` mapped to concept ids with a `-` prefix when negated,
 * so "no chest pain" and "chest pain" are different facts. Without an extractor a lexical
 * fallback (stemmed content words and bigrams) is used and the result says so.
 */
import { stemPorter } from './porter-stemmer';

export type ConceptExtractor = (text: string) => Iterable<string>;

export interface FactScore {
  precision: number;
  recall: number;
  f1: number;
  /** `concepts` with an extractor, `lexical` for the fallback. */
  method: 'concepts' | 'lexical';
}

const STOP = new Set(
  'the a an and or of to in on at for with by from as is are was were be been has have had she he they her his their patient this that these it its which who will would also not no denies reports states today'.split(
    ' ',
  ),
);

/** Fallback "facts": stemmed content words and adjacent pairs. */
export function lexicalFacts(text: string): Set<string> {
  const w = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((x) => x.length > 2 && !STOP.has(x))
    .map(stemPorter);
  const out = new Set<string>(w);
  for (let i = 1; i < w.length; i++) out.add(`${w[i - 1]} ${w[i]}`);
  return out;
}

/** F1 between the concept sets of a reference and a candidate note. */
export function scoreConceptF1(reference: string, candidate: string, extract?: ConceptExtractor): FactScore {
  const r = extract ? new Set(extract(reference)) : lexicalFacts(reference);
  const c = extract ? new Set(extract(candidate)) : lexicalFacts(candidate);
  let hit = 0;
  for (const x of c) if (r.has(x)) hit++;
  const precision = c.size ? hit / c.size : 0;
  const recall = r.size ? hit / r.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, method: extract ? 'concepts' : 'lexical' };
}

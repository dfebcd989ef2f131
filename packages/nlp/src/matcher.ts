/**
 * Concept matcher: longest match of lexicon names over normalised tokens, through a token trie
 * built once per `ConceptIndex` (`buildMatcher(index)`) and reused for every document. Matching
 * is linear in the number of tokens (each start walks at most the longest name's length).
 *
 * Normalisation: lower case, singular, punctuation ignored (`non-small-cell` = `non small cell`),
 * `of`/`the` skipped inside names; variants: inverted names (`Diabetes mellitus, type 2` →
 * `type 2 diabetes mellitus`) and the reverse order of two-word names (`pain chest`) where no
 * other name claims it. Abbreviations with several senses are resolved by section and by cue words
 * near the mention.
 */
import type { Abbreviation, Concept, ConceptIndex, ConceptKind } from '@galen/terminology/concept';
import { normalizePhrase } from './tokens';
import type { Mention, SectionCategory, Token } from './types';

interface Candidate {
  concept: Concept;
  /** Lower is better: 0 exact name, 1 inverted, 2 reordered. */
  variant: number;
  /** Names of one or two letters must be written in capitals in the text. */
  caps: boolean;
}

interface Node {
  next: Map<string, Node>;
  candidates?: Candidate[];
  abbreviation?: Abbreviation;
}

/** Words skipped inside a name on both sides. */
const SKIP = new Set(['of', 'the']);
/** Punctuation that may sit inside a name (`non-small-cell`, `s/p`, `Crohn's`). */
const TRANSPARENT = new Set(['-', '/', "'", '’', '.']);
/** Maximum words in a name. */
const MAX_WORDS = 12;

const KIND_RANK: Record<ConceptKind, number> = {
  problem: 0,
  finding: 1,
  medication: 2,
  'drug-class': 3,
  allergen: 4,
  lab: 5,
  'vital-sign': 6,
  procedure: 7,
  anatomy: 8,
};

/** One raw match before context. */
export type ConceptMatch = Omit<Mention, 'context' | 'sentence' | 'section'>;

export interface Matcher {
  /** Number of names indexed. */
  readonly names: number;
  /**
   * Concept mentions in the tokens of one sentence (or any run of tokens that no match may cross).
   * `section` drives abbreviation senses.
   */
  match(text: string, tokens: readonly Token[], section?: SectionCategory): ConceptMatch[];
}

/** Build a matcher from any concept index (done once; reuse it across documents). */
export function buildMatcher(index: ConceptIndex): Matcher {
  const root: Node = { next: new Map() };
  let names = 0;
  const insert = (words: string[], candidate: Candidate | undefined, abbreviation?: Abbreviation) => {
    const ws = words.length > 1 ? words.filter((w) => !SKIP.has(w)) : words;
    if (!ws.length || ws.length > MAX_WORDS) return;
    let node = root;
    for (const w of ws) {
      let n = node.next.get(w);
      if (!n) {
        n = { next: new Map() };
        node.next.set(w, n);
      }
      node = n;
    }
    if (candidate) {
      const list = (node.candidates ??= []);
      if (!list.some((c) => c.concept.id === candidate.concept.id && c.variant <= candidate.variant)) {
        list.push(candidate);
        names++;
      }
    }
    if (abbreviation) node.abbreviation = abbreviation;
  };
  const reordered: Array<[string[], Candidate]> = [];
  for (const concept of index.all()) {
    const seen = new Set<string>();
    for (const name of [concept.display, ...concept.synonyms]) {
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const words = normalizePhrase(name);
      // one-character names (`P`, `T`) are noise in free text
      if (!words.length || name.trim().length < 2) continue;
      const caps = name.replace(/[^A-Za-z0-9]/g, '').length <= 2;
      insert(words, { concept, variant: 0, caps });
      const comma = name.indexOf(', ');
      if (comma > 0 && name.indexOf(', ', comma + 1) < 0) {
        insert(normalizePhrase(`${name.slice(comma + 2)} ${name.slice(0, comma)}`), { concept, variant: 1, caps: false });
      }
      if (words.length === 2) reordered.push([[words[1]!, words[0]!], { concept, variant: 2, caps: false }]);
    }
  }
  for (const abbr of index.abbreviations()) {
    const words = normalizePhrase(abbr.abbr);
    if (words.length) insert(words, undefined, abbr);
  }
  // Reversed two-word names only where nothing else is named so.
  for (const [words, candidate] of reordered) {
    const node = root.next.get(words[0]!)?.next.get(words[1]!);
    if (node?.candidates?.some((c) => c.variant < 2) || node?.abbreviation) continue;
    insert(words, candidate);
  }
  for (const list of walkCandidates(root)) list.sort(compareCandidates);

  function match(text: string, tokens: readonly Token[], section?: SectionCategory): ConceptMatch[] {
    const out: ConceptMatch[] = [];
    const n = tokens.length;
    for (let i = 0; i < n;) {
      const first = tokens[i]!;
      if (first.kind === 'punct' || SKIP.has(first.norm)) {
        i++;
        continue;
      }
      let node: Node | undefined = root;
      let best: { end: number; node: Node } | undefined;
      let words = 0;
      for (let j = i; j < n && words < MAX_WORDS + 4; j++) {
        const t = tokens[j]!;
        if (t.kind === 'punct') {
          if (TRANSPARENT.has(t.norm)) continue;
          break;
        }
        const next: Node | undefined = node.next.get(t.norm);
        if (!next) {
          if (SKIP.has(t.norm)) continue;
          break;
        }
        node = next;
        words++;
        if (node.candidates || node.abbreviation) best = { end: j + 1, node };
      }
      if (!best) {
        i++;
        continue;
      }
      const start = first.start;
      const end = tokens[best.end - 1]!.end;
      const written = text.slice(start, end);
      const hit = resolve(best.node, written, tokens, i, best.end, text, section);
      if (hit) {
        out.push({ start, end, text: written, ...hit });
        i = best.end;
      } else i++;
    }
    return out;
  }

  function resolve(
    node: Node,
    written: string,
    tokens: readonly Token[],
    a: number,
    b: number,
    text: string,
    section: SectionCategory | undefined,
  ): Pick<ConceptMatch, 'concept' | 'kind' | 'abbreviation'> | undefined {
    const isCaps = written === written.toUpperCase();
    if (node.abbreviation && node.abbreviation.senses.length > 1) {
      const chosen = chooseSense(node.abbreviation, tokens, a, b, text, section);
      const concept = chosen.sense.conceptId ? index.byId(chosen.sense.conceptId) : undefined;
      if (concept && (isCaps || written.length > 3)) {
        return {
          concept: pickConcept(concept),
          kind: concept.kind,
          abbreviation: { abbr: node.abbreviation.abbr, expansion: chosen.sense.expansion, reason: chosen.reason },
        };
      }
    }
    const cand = node.candidates?.find((c) => !c.caps || isCaps);
    if (cand) return { concept: pickConcept(cand.concept), kind: cand.concept.kind };
    const only = node.abbreviation?.senses.length === 1 ? node.abbreviation.senses[0] : undefined;
    const concept = only?.conceptId ? index.byId(only.conceptId) : undefined;
    if (node.abbreviation && only && concept && (isCaps || written.length > 3)) {
      return {
        concept: pickConcept(concept),
        kind: concept.kind,
        abbreviation: { abbr: node.abbreviation.abbr, expansion: only.expansion, reason: 'only-sense' },
      };
    }
    return undefined;
  }

  return { names, match };
}

const CUE_WORDS = new WeakMap<object, string[][]>();

/** Normalised cue words of a sense (computed once per sense). */
function cueWords(sense: Abbreviation['senses'][number]): string[][] {
  let w = CUE_WORDS.get(sense);
  if (!w) {
    w = (sense.cues ?? []).map((c) => normalizePhrase(c));
    CUE_WORDS.set(sense, w);
  }
  return w;
}

/** Neighbour window (tokens each side) for abbreviation cues. */
const CUE_WINDOW = 10;

function chooseSense(
  abbr: Abbreviation,
  tokens: readonly Token[],
  a: number,
  b: number,
  text: string,
  section: SectionCategory | undefined,
): { sense: Abbreviation['senses'][number]; reason: 'section' | 'neighbours' | 'default' } {
  const near = new Set<string>();
  for (let k = Math.max(0, a - CUE_WINDOW); k < Math.min(tokens.length, b + CUE_WINDOW); k++) {
    if (k < a || k >= b) near.add(tokens[k]!.norm);
  }
  let best = abbr.senses[0]!;
  let bestScore = 0;
  let reason: 'section' | 'neighbours' | 'default' = 'default';
  for (const sense of abbr.senses) {
    let score = 0;
    let why: 'section' | 'neighbours' = 'neighbours';
    for (const words of cueWords(sense)) {
      if (words.length && words.every((w) => near.has(w))) score += 1;
    }
    if (section && sense.sections?.includes(section)) {
      score += 1.5;
      if (score === 1.5) why = 'section';
    }
    if (score > bestScore) {
      best = sense;
      bestScore = score;
      reason = why;
    }
  }
  void text;
  return { sense: best, reason };
}

function pickConcept(c: Concept): ConceptMatch['concept'] {
  return { id: c.id, system: c.system, code: c.code, display: c.display, kind: c.kind };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.variant - b.variant ||
    KIND_RANK[a.concept.kind] - KIND_RANK[b.concept.kind] ||
    Number(b.concept.source === 'starter') - Number(a.concept.source === 'starter')
  );
}

function* walkCandidates(root: Node): Generator<Candidate[]> {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.candidates) yield node.candidates;
    for (const child of node.next.values()) stack.push(child);
  }
}

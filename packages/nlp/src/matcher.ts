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
import { isEverydayReading } from './word-senses';
import type { Mention, SectionCategory, Token } from './types';

interface Candidate {
  concept: Concept;
  /** The concept as reported in mentions (built once). */
  picked: ConceptMatch['concept'];
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

/** A trie node with every field present, so all nodes share one shape (monomorphic look-ups). */
function newNode(): Node {
  return { next: new Map(), candidates: undefined, abbreviation: undefined };
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
  const root: Node = newNode();
  let names = 0;
  const insert = (words: string[], candidate: Candidate | undefined, abbreviation?: Abbreviation) => {
    const ws = words.length > 1 ? words.filter((w) => !SKIP.has(w)) : words;
    if (!ws.length || ws.length > MAX_WORDS) return;
    let node = root;
    for (const w of ws) {
      let n = node.next.get(w);
      if (!n) {
        n = newNode();
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
      insert(words, { concept, picked: pickConcept(concept), variant: 0, caps });
      const comma = name.indexOf(', ');
      if (comma > 0 && name.indexOf(', ', comma + 1) < 0) {
        insert(normalizePhrase(`${name.slice(comma + 2)} ${name.slice(0, comma)}`), {
          concept,
          picked: pickConcept(concept),
          variant: 1,
          caps: false,
        });
      }
      if (words.length === 2) {
        reordered.push([[words[1]!, words[0]!], { concept, picked: pickConcept(concept), variant: 2, caps: false }]);
      }
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
      const head = first.kind === 'punct' ? undefined : root.next.get(first.norm);
      if (!head) {
        i++;
        continue;
      }
      // longest path through the trie from token i; `bestEnd` is the token index after it
      let node: Node = head;
      let bestEnd = -1;
      let bestNode: Node = head;
      if (head.candidates || head.abbreviation) bestEnd = i + 1;
      let words = 1;
      // (a leaf ends the walk at once: nothing can follow it)
      for (let j = i + 1; j < n && words < MAX_WORDS + 4 && node.next.size; j++) {
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
        if (node.candidates || node.abbreviation) {
          bestEnd = j + 1;
          bestNode = node;
        }
      }
      if (bestEnd < 0) {
        i++;
        continue;
      }
      // a one-word finding with its everyday reading here ("last fall", "falls asleep") is not a mention
      if (bestEnd === i + 1 && isEverydayReading(tokens, i)) {
        i++;
        continue;
      }
      const start = first.start;
      const end = tokens[bestEnd - 1]!.end;
      const written = text.slice(start, end);
      const hit = resolve(bestNode, start, end, written, tokens, i, bestEnd, section);
      if (hit) {
        out.push(hit);
        i = bestEnd;
      } else i++;
    }
    return out;
  }

  function resolve(
    node: Node,
    start: number,
    end: number,
    written: string,
    tokens: readonly Token[],
    a: number,
    b: number,
    section: SectionCategory | undefined,
  ): ConceptMatch | undefined {
    const abbreviation = node.abbreviation;
    // whether the text is in capitals matters only for short names: computed at most once
    let caps: boolean | undefined;
    // (a short abbreviation counts only in capitals: check that before weighing its senses)
    if (abbreviation && abbreviation.senses.length > 1 && (written.length > 3 || (caps ??= isCaps(written)))) {
      const chosen = chooseSense(abbreviation, tokens, a, b, section);
      const concept = chosen.sense.conceptId ? index.byId(chosen.sense.conceptId) : undefined;
      if (concept) {
        return {
          start,
          end,
          text: written,
          concept: pickConcept(concept),
          kind: concept.kind,
          abbreviation: { abbr: abbreviation.abbr, expansion: chosen.sense.expansion, reason: chosen.reason },
        };
      }
    }
    const candidates = node.candidates;
    if (candidates) {
      for (const cand of candidates) {
        if (cand.caps && !(caps ??= isCaps(written))) continue;
        return { start, end, text: written, concept: cand.picked, kind: cand.concept.kind };
      }
    }
    const only = abbreviation?.senses.length === 1 ? abbreviation.senses[0] : undefined;
    const concept = only?.conceptId ? index.byId(only.conceptId) : undefined;
    if (abbreviation && only && concept && (written.length > 3 || (caps ??= isCaps(written)))) {
      return {
        start,
        end,
        text: written,
        concept: pickConcept(concept),
        kind: concept.kind,
        abbreviation: { abbr: abbreviation.abbr, expansion: only.expansion, reason: 'only-sense' },
      };
    }
    return undefined;
  }

  return { names, match };
}

interface SenseCues {
  /** Single-word cue → indices of senses it points to. */
  single: Map<string, number[]>;
  /** Multi-word cues per sense. */
  multi: Array<Array<{ sense: number; words: string[] }>>;
}

const SENSE_CUES = new WeakMap<Abbreviation, SenseCues>();

/** Normalised cue words of an abbreviation's senses (computed once per abbreviation). */
function senseCues(abbr: Abbreviation): SenseCues {
  let c = SENSE_CUES.get(abbr);
  if (!c) {
    const single = new Map<string, number[]>();
    const multi: SenseCues['multi'] = [];
    abbr.senses.forEach((sense, i) => {
      for (const cue of sense.cues ?? []) {
        const words = normalizePhrase(cue);
        if (words.length === 1) {
          const list = single.get(words[0]!) ?? [];
          if (!list.includes(i)) list.push(i);
          single.set(words[0]!, list);
        } else if (words.length > 1) multi.push([{ sense: i, words }]);
      }
    });
    c = { single, multi };
    SENSE_CUES.set(abbr, c);
  }
  return c;
}

/** Neighbour window (tokens each side) for abbreviation cues. */
const CUE_WINDOW = 10;

// Scratch for chooseSense (synchronous, not re-entrant): score and cue hit per sense.
let scores = new Float64Array(8);
let cueHits = new Uint8Array(8);

function chooseSense(
  abbr: Abbreviation,
  tokens: readonly Token[],
  a: number,
  b: number,
  section: SectionCategory | undefined,
): { sense: Abbreviation['senses'][number]; reason: 'section' | 'neighbours' | 'default' } {
  const cues = senseCues(abbr);
  const senses = abbr.senses;
  if (scores.length < senses.length) {
    scores = new Float64Array(senses.length);
    cueHits = new Uint8Array(senses.length);
  }
  for (let i = 0; i < senses.length; i++) {
    scores[i] = 0;
    cueHits[i] = 0;
  }
  const lo = Math.max(0, a - CUE_WINDOW);
  const hi = Math.min(tokens.length, b + CUE_WINDOW);
  for (let k = lo; k < hi; k++) {
    if (k >= a && k < b) continue;
    const w = tokens[k]!.norm;
    const hits = cues.single.get(w);
    // each cue word counts once, however often it occurs in the window
    if (!hits || occursIn(tokens, w, lo, k, a, b)) continue;
    for (const i of hits) {
      scores[i]! += 1;
      cueHits[i] = 1;
    }
  }
  for (const [{ sense, words }] of cues.multi as Array<[{ sense: number; words: string[] }]>) {
    let all = true;
    for (const w of words) {
      if (!occursIn(tokens, w, lo, hi, a, b)) {
        all = false;
        break;
      }
    }
    if (all) {
      scores[sense]! += 1;
      cueHits[sense] = 1;
    }
  }
  let best = 0;
  let bestScore = 0;
  for (let i = 0; i < senses.length; i++) {
    if (section && senses[i]!.sections?.includes(section)) scores[i]! += 1.5;
    if (scores[i]! > bestScore) {
      best = i;
      bestScore = scores[i]!;
    }
  }
  const reason = bestScore === 0 ? 'default' : cueHits[best] ? 'neighbours' : 'section';
  return { sense: senses[best]!, reason };
}

/** Does a token of norm `w` occur in `tokens[lo, hi)` outside the match `[a, b)`? (Windows are short.) */
function occursIn(tokens: readonly Token[], w: string, lo: number, hi: number, a: number, b: number): boolean {
  for (let k = lo; k < hi; k++) if ((k < a || k >= b) && tokens[k]!.norm === w) return true;
  return false;
}

/** Is `written` in capitals (no lower-case letter)? */
function isCaps(written: string): boolean {
  return written === written.toUpperCase();
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

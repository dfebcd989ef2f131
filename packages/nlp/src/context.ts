/**
 * ConText: negation, uncertainty, history, hypothetical and experiencer for target spans in a
 * sentence, with the cue that fired and its span.
 *
 * Triggers are found by longest match over normalised word tokens (a token trie: linear in the
 * sentence length); pseudo-triggers win by being longer. A trigger's scope runs forward, backward
 * or both, up to its word limit, and stops at a sentence-internal hard stop (`.`, `;`), or at a
 * termination term for that category. Per category the nearest trigger in scope wins.
 * @see Harkema et al., J Biomed Inform 2009;42:839-851 (ConText).
 */
import { CONTEXT_RULES, DEFAULT_SCOPE, type ContextRule } from './data/context-rules';
import { normalizePhrase, tokenize } from './tokens';
import type { ContextCategory, Cue, MentionContext, SectionCategory, Span, Token } from './types';

interface CompiledRule {
  category: ContextCategory;
  /** Index of `category` in `ALL_CATEGORIES`. */
  cat: number;
  forward: boolean;
  backward: boolean;
  maxScope: number;
  relation?: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Context rules ending here (pseudo-only nodes have `pseudo` set and no rules). */
  rules?: CompiledRule[];
  pseudo?: boolean;
  /** Categories a termination phrase ending here ends (`null`: all). */
  ends?: Set<ContextCategory> | null;
  /** `ends` as a bit mask over `ALL_CATEGORIES` indices. */
  endsMask?: number;
}

interface Match {
  /** Word indices `[a, b)`. */
  a: number;
  b: number;
  start: number;
  end: number;
  node: TrieNode;
}

/** Options for one sentence. */
export interface ContextOptions {
  /** The category of the section the sentence is in: sets history or family context by default. */
  section?: SectionCategory;
}

export interface ContextEngine {
  /**
   * The context of each target in one sentence. `tokens` are the sentence's tokens (as from
   * `tokenize(text, sentence.start, sentence.end)`); targets are spans inside the sentence.
   */
  analyze(text: string, tokens: readonly Token[], targets: readonly Span[], options?: ContextOptions): MentionContext[];
}

/** A trie node with every field present, so all nodes share one shape (monomorphic look-ups). */
function newTrieNode(): TrieNode {
  return { next: new Map(), rules: undefined, pseudo: undefined, ends: undefined, endsMask: undefined };
}

/**
 * Sections whose findings are historical in ConText's sense (present before this encounter, which
 * does not mean resolved): past medical and surgical history, social history, allergies.
 */
const HISTORY_SECTIONS = new Set<SectionCategory>([
  'past-medical-history',
  'past-surgical-history',
  'social-history',
  'allergies',
]);

/** Build a ConText engine from rules (Galen's own list by default). */
export function createContextEngine(rules: readonly ContextRule[] = CONTEXT_RULES): ContextEngine {
  const root: TrieNode = newTrieNode();
  let maxLen = 1;
  /** The farthest any rule reaches, in words (bounds the triggers looked at per target). */
  let reach = Math.max(...Object.values(DEFAULT_SCOPE));
  for (const rule of rules) {
    const words = normalizePhrase(rule.phrase);
    if (!words.length) continue;
    maxLen = Math.max(maxLen, words.length);
    let node = root;
    for (const w of words) {
      let n = node.next.get(w);
      if (!n) {
        n = newTrieNode();
        node.next.set(w, n);
      }
      node = n;
    }
    if (rule.category === 'pseudo') node.pseudo = true;
    else if (rule.category === 'terminate') {
      if (node.ends === null) continue;
      node.ends = rule.ends ? new Set([...(node.ends ?? []), ...rule.ends]) : null;
      node.endsMask = maskOf(node.ends);
    } else {
      const dir = rule.direction ?? 'forward';
      if (rule.maxScope !== undefined) reach = Math.max(reach, rule.maxScope);
      const rules = (node.rules ??= []);
      const same = rules.find((r) => r.category === rule.category);
      if (same) {
        same.forward ||= dir !== 'backward';
        same.backward ||= dir !== 'forward';
        continue;
      }
      const compiled: CompiledRule = {
        category: rule.category,
        cat: ALL_CATEGORIES.indexOf(rule.category),
        forward: dir !== 'backward',
        backward: dir !== 'forward',
        maxScope: rule.maxScope ?? DEFAULT_SCOPE[rule.category],
      };
      if (rule.relation) compiled.relation = rule.relation;
      rules.push(compiled);
    }
  }

  function analyze(
    text: string,
    tokens: readonly Token[],
    targets: readonly Span[],
    options: ContextOptions = {},
  ): MentionContext[] {
    // Word sequence: words and numbers; hard stops recorded as barriers between words
    // (in scratch arrays reused from sentence to sentence).
    const words = wordScratch;
    let nw = 0;
    let barriers = 0;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind === 'punct') {
        const p = t.norm;
        if (p === '.' || p === ';' || p === '!' || p === '?') barriers++;
        continue;
      }
      if (nw === barrierBefore.length) barrierBefore = growInt32(barrierBefore);
      words[nw] = t;
      barrierBefore[nw] = barriers;
      nw++;
    }
    // Longest-match trigger scan.
    const matches: Match[] = [];
    for (let i = 0; i < nw;) {
      let node: TrieNode | undefined = root.next.get(words[i]!.norm);
      let bestJ = -1;
      let bestNode: TrieNode | undefined;
      for (let j = i; node;) {
        if (node.rules || node.pseudo || node.ends !== undefined) {
          bestJ = j + 1;
          bestNode = node;
        }
        j++;
        if (j >= nw || j - i >= maxLen || !node.next.size || barrierBefore[j] !== barrierBefore[j - 1]) break;
        node = node.next.get(words[j]!.norm);
      }
      if (bestNode) {
        matches.push({ a: i, b: bestJ, start: words[i]!.start, end: words[bestJ - 1]!.end, node: bestNode });
        i = bestJ;
      } else i++;
    }
    // Terminations, in word order: their word index and the categories they end.
    let nTerms = 0;
    for (const m of matches) {
      const mask = m.node.endsMask;
      if (mask === undefined || mask === 0) continue;
      if (nTerms === termAt.length) {
        termAt = growInt32(termAt);
        termEnds = growInt32(termEnds);
      }
      termAt[nTerms] = m.a;
      termEnds[nTerms] = mask;
      nTerms++;
    }
    const out: MentionContext[] = [];
    for (const target of targets) {
      out.push(contextOf(text, words, nw, barrierBefore, matches, nTerms, target, options, reach + maxLen));
    }
    return out;
  }

  return { analyze };
}

const ALL_CATEGORIES: readonly ContextCategory[] = [
  'negated',
  'uncertain',
  'historical',
  'hypothetical',
  'family',
  'other-experiencer',
];

/** First index in `words[0, nw)` whose end is after `pos` (binary search). */
function firstEndingAfter(words: readonly Token[], nw: number, pos: number): number {
  let lo = 0;
  let hi = nw;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Scratch for the terminations of one sentence (analyze is synchronous and not re-entrant): word
 * index and category mask of each, in word order. Grown as needed, never shrunk.
 */
let termAt: Int32Array = new Int32Array(64);
let termEnds: Int32Array = new Int32Array(64);
/**
 * Scratch for the words of one sentence (the first `nw` entries count) and the number of hard
 * stops before each word, reused the same way.
 */
const wordScratch: Token[] = [];
let barrierBefore: Int32Array = new Int32Array(64);

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Does a termination of a category in `mask` start at a word index in `[lo, hi)`? Binary search
 * to `lo`, then a scan bounded by the scope (`hi - lo` words at most).
 */
function terminated(nTerms: number, lo: number, hi: number, mask: number): boolean {
  let a = 0;
  let b = nTerms;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (termAt[mid]! < lo) a = mid + 1;
    else b = mid;
  }
  for (let k = a; k < nTerms && termAt[k]! < hi; k++) if (termEnds[k]! & mask) return true;
  return false;
}

/** Bit mask of categories over `ALL_CATEGORIES` indices (`null`: all). */
function maskOf(categories: ReadonlySet<ContextCategory> | null): number {
  if (categories === null) return (1 << ALL_CATEGORIES.length) - 1;
  let mask = 0;
  for (const c of categories) mask |= 1 << ALL_CATEGORIES.indexOf(c);
  return mask;
}

// Per-target scratch (contextOf is synchronous and not re-entrant): the nearest trigger per
// category, by index into ALL_CATEGORIES, and the order categories were first found in.
const bestDist = new Int32Array(ALL_CATEGORIES.length);
const bestMatch: Array<Match | undefined> = ALL_CATEGORIES.map(() => undefined);
const bestRule: Array<CompiledRule | undefined> = ALL_CATEGORIES.map(() => undefined);
const found = new Int32Array(ALL_CATEGORIES.length);

function contextOf(
  text: string,
  words: readonly Token[],
  nw: number,
  barrierBefore: Int32Array,
  matches: readonly Match[],
  nTerms: number,
  target: Span,
  options: ContextOptions,
  reach: number,
): MentionContext {
  // Target word range [ta, tb): words overlapping the target.
  const ta = firstEndingAfter(words, nw, target.start);
  let tb = ta;
  while (tb < nw && words[tb]!.start < target.end) tb++;
  if (ta >= tb) tb = ta;
  let nFound = 0;
  // Only triggers within reach of the target: matches are sorted by position, so the cost per
  // target is bounded however long the sentence is.
  let lo0 = 0;
  let hi0 = matches.length;
  const from = ta - reach;
  while (lo0 < hi0) {
    const mid = (lo0 + hi0) >> 1;
    if (matches[mid]!.a < from) lo0 = mid + 1;
    else hi0 = mid;
  }
  for (let mi = lo0; mi < matches.length; mi++) {
    const m = matches[mi]!;
    if (m.a > tb + reach) break;
    const rules = m.node.rules;
    if (!rules) continue;
    // A trigger overlapping the target counts only when it starts before it ("no acute" + "acute fracture").
    if (m.b > ta && m.a < tb && m.a >= ta) continue;
    const forward = m.a < ta;
    const lo = forward ? Math.min(m.b, ta) : tb;
    const hi = forward ? ta : m.a;
    const dist = hi - lo;
    // a hard stop between trigger and target
    const left = forward ? Math.min(m.b, ta) - 1 : tb - 1;
    const right = forward ? ta : m.a;
    const blocked = left >= 0 && right < nw && barrierBefore[right] !== barrierBefore[left];
    for (const rule of rules) {
      if (forward ? !rule.forward : !rule.backward) continue;
      if (dist > rule.maxScope) continue;
      if (blocked) continue;
      const c = rule.cat;
      if (nTerms && hi > lo && terminated(nTerms, lo, hi, 1 << c)) continue;
      let seen = false;
      for (let k = 0; k < nFound; k++) {
        if (found[k] === c) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        found[nFound++] = c;
        bestDist[c] = dist;
        bestMatch[c] = m;
        bestRule[c] = rule;
      } else if (dist < bestDist[c]!) {
        bestDist[c] = dist;
        bestMatch[c] = m;
        bestRule[c] = rule;
      }
    }
  }
  const cues: Cue[] = [];
  const ctx: MentionContext = {
    negated: false,
    uncertain: false,
    historical: false,
    hypothetical: false,
    experiencer: 'patient',
    cues,
  };
  for (let k = 0; k < nFound; k++) {
    const c = found[k]!;
    const category = ALL_CATEGORIES[c]!;
    const match = bestMatch[c]!;
    const rule = bestRule[c]!;
    bestMatch[c] = undefined;
    bestRule[c] = undefined;
    cues.push({ category, start: match.start, end: match.end, text: text.slice(match.start, match.end), source: 'phrase' });
    if (category === 'negated') ctx.negated = true;
    else if (category === 'uncertain') ctx.uncertain = true;
    else if (category === 'historical') ctx.historical = true;
    else if (category === 'hypothetical') ctx.hypothetical = true;
    else if (category === 'family') {
      ctx.experiencer = 'family';
      if (rule.relation) ctx.relation = rule.relation;
    } else if (category === 'other-experiencer' && ctx.experiencer === 'patient') ctx.experiencer = 'other';
  }
  if (options.section && HISTORY_SECTIONS.has(options.section) && !ctx.historical) {
    ctx.historical = true;
    cues.push({ category: 'historical', start: target.start, end: target.start, text: '', source: 'section' });
  }
  if (options.section === 'family-history' && ctx.experiencer === 'patient') {
    ctx.experiencer = 'family';
    ctx.relation ??= 'FAMMEMB';
    cues.push({ category: 'family', start: target.start, end: target.start, text: '', source: 'section' });
  }
  if (cues.length > 1) cues.sort(byStart);
  return ctx;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start;
}

let defaultEngine: ContextEngine | undefined;

/**
 * The context of one target span in a sentence, with Galen's default rules.
 * @example assessContext('Denies chest pain.', { start: 7, end: 17 }).negated // true
 */
export function assessContext(text: string, target: Span, options: ContextOptions & { sentence?: Span } = {}): MentionContext {
  defaultEngine ??= createContextEngine();
  const sentence = options.sentence ?? { start: 0, end: text.length };
  const result = defaultEngine.analyze(text, tokenize(text, sentence.start, sentence.end), [target], options);
  return result[0]!;
}

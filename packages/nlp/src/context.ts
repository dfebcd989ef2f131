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

const HARD_STOPS = new Set(['.', ';', '!', '?']);

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
  const root: TrieNode = { next: new Map() };
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
        n = { next: new Map() };
        node.next.set(w, n);
      }
      node = n;
    }
    if (rule.category === 'pseudo') node.pseudo = true;
    else if (rule.category === 'terminate') {
      if (node.ends === null) continue;
      node.ends = rule.ends ? new Set([...(node.ends ?? []), ...rule.ends]) : null;
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
    // Word sequence: words and numbers; hard stops recorded as barriers between words.
    const words: Token[] = [];
    const barrierBefore: number[] = []; // cumulative count of hard stops before word i
    let barriers = 0;
    for (const t of tokens) {
      if (t.kind === 'punct') {
        if (HARD_STOPS.has(t.norm)) barriers++;
        continue;
      }
      words.push(t);
      barrierBefore.push(barriers);
    }
    // Longest-match trigger scan.
    const matches: Match[] = [];
    for (let i = 0; i < words.length;) {
      let node: TrieNode | undefined = root;
      let best: { j: number; node: TrieNode } | undefined;
      for (let j = i; j < words.length && j - i < maxLen; j++) {
        if (j > i && barrierBefore[j] !== barrierBefore[j - 1]) break;
        node = node.next.get(words[j]!.norm);
        if (!node) break;
        if (node.rules || node.pseudo || node.ends !== undefined) best = { j: j + 1, node };
      }
      if (best) {
        matches.push({ a: i, b: best.j, start: words[i]!.start, end: words[best.j - 1]!.end, node: best.node });
        i = best.j;
      } else i++;
    }
    // Termination prefix counts per category: terminated(lo, hi) is O(1).
    let terms: Map<ContextCategory, Int32Array> | undefined;
    for (const m of matches) {
      if (m.node.ends === undefined) continue;
      terms ??= new Map();
      for (const cat of ALL_CATEGORIES) {
        if (m.node.ends !== null && !m.node.ends.has(cat)) continue;
        let arr = terms.get(cat);
        if (!arr) {
          arr = new Int32Array(words.length + 1);
          terms.set(cat, arr);
        }
        arr[m.a + 1]! += 1;
      }
    }
    if (terms) for (const arr of terms.values()) for (let i = 1; i < arr.length; i++) arr[i]! += arr[i - 1]!;
    return targets.map((target) => contextOf(text, words, barrierBefore, matches, terms, target, options, reach + maxLen));
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

/** First index in `words` whose end is after `pos` (binary search). */
function firstEndingAfter(words: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function contextOf(
  text: string,
  words: readonly Token[],
  barrierBefore: readonly number[],
  matches: readonly Match[],
  terms: Map<ContextCategory, Int32Array> | undefined,
  target: Span,
  options: ContextOptions,
  reach: number,
): MentionContext {
  // Target word range [ta, tb): words overlapping the target.
  const ta = firstEndingAfter(words, target.start);
  let tb = ta;
  while (tb < words.length && words[tb]!.start < target.end) tb++;
  if (ta >= tb) tb = ta;
  const best = new Map<ContextCategory, { dist: number; match: Match; rule: CompiledRule }>();
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
    for (const rule of rules) {
      if (forward ? !rule.forward : !rule.backward) continue;
      const dist = hi - lo;
      if (dist > rule.maxScope) continue;
      // a hard stop between trigger and target
      const left = forward ? Math.min(m.b, ta) - 1 : tb - 1;
      const right = forward ? ta : m.a;
      if (left >= 0 && right < words.length && barrierBefore[right] !== barrierBefore[left]) continue;
      const t = terms?.get(rule.category);
      if (t && hi > lo && t[hi]! - t[lo]! > 0) continue;
      const prev = best.get(rule.category);
      if (!prev || dist < prev.dist) best.set(rule.category, { dist, match: m, rule });
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
  for (const [category, { match, rule }] of best) {
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
  cues.sort((a, b) => a.start - b.start);
  return ctx;
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

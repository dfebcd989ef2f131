/**
 * Cue rules and the scan that applies them (as medspaCy applies its rules: the rules are records,
 * the component that runs them is generic). A rule is tried at a token and either claims it (and
 * perhaps the tokens after it) or lets the next rule try. The scan tries the rules in order at each
 * token; the first that claims a token ends its turn.
 *
 * A rule may say where it can start (`at`, `proper`, `unclaimed`): the scan then skips it
 * elsewhere without calling it. These only repeat what the rule's own `find` checks first, so
 * skipping changes nothing but the time taken.
 */
import type { TokenView } from './token-view';

export interface CueRule {
  /** Tried only at tokens whose lower-case word is one of these (default: every token). */
  at?: ReadonlySet<string>;
  /** Tried only at proper-noun-shaped tokens: capitalised or upper case, or any token of a note without capitalisation. */
  proper?: boolean;
  /** Tried only at tokens nothing has claimed yet. */
  unclaimed?: boolean;
  /** The index of the last token claimed (the scan resumes after it), or undefined to let the next rule try. */
  find(v: TokenView, i: number): number | undefined;
}

/** A rule as the scan holds it: every entry of one shape, so the scan's property reads stay fast. */
interface IndexedRule {
  proper: boolean;
  unclaimed: boolean;
  find: CueRule['find'];
}

/** Rules by the words they start at, each list in the rules' order; `always` for any other word. */
export interface RuleIndex {
  always: readonly IndexedRule[];
  byWord: ReadonlyMap<string, readonly IndexedRule[]>;
}

/** Index an ordered list of rules (once, at load time). */
export function indexRules(rules: readonly CueRule[]): RuleIndex {
  const entry = new Map<CueRule, IndexedRule>(
    rules.map((r) => [r, { proper: !!r.proper, unclaimed: !!r.unclaimed, find: r.find }]),
  );
  const byWord = new Map<string, IndexedRule[]>();
  for (const r of rules) for (const w of r.at ?? []) byWord.set(w, []);
  for (const [w, list] of byWord) for (const r of rules) if (!r.at || r.at.has(w)) list.push(entry.get(r)!);
  return { always: rules.filter((r) => !r.at).map((r) => entry.get(r)!), byWord };
}

/** Try the indexed rules in order at each token; the first that claims a token ends its turn. */
export function scanRules(v: TokenView, index: RuleIndex): void {
  const { tokens, marked } = v;
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const rules = index.byWord.get(t.lower) ?? index.always;
    const proper = v.caps || t.cap || t.upper;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      if ((rule.proper && !proper) || (rule.unclaimed && marked.has(i))) continue;
      const last = rule.find(v, i);
      if (last !== undefined) {
        i = last;
        break;
      }
    }
  }
}

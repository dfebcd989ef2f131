/**
 * Names beside a role: "caseworker Leona Labowich", "rabbi Klein", "pcp Jones", "NP grace made
 * aware", and before a parenthesised role or relation: "DICK CUCCHIARA (RESIDENT)", "Hank
 * Przybylo (son)".
 */
import { CREDENTIALS, RELATIONS, ROLES } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { before, gap, type Token, type TokenView } from './token-view';
import { isDictName, nameLike } from './word-shape';

/** Token i as a role followed by a word on the same line (not "1 cm", a unit): that word. */
function roleAt(v: TokenView, i: number): Token | undefined {
  const t = v.tokens[i]!;
  const next = v.tokens[i + 1];
  if (!ROLES.has(t.lower) || !next) return undefined;
  const after = gap(v, t, next);
  return /^(?:\s{1,3}|\s?[,:-]\s{0,2})$/.test(after) &&
    !/\n/.test(after) &&
    // "a 1 cm infraumbilical incision": a unit after a number, not a case manager
    !/\d\s{0,2}$/.test(before(v, t, 3))
    ? next
    : undefined;
}

/** "caseworker Leona Labowich", "rabbi Klein", "pcp Jones". */
export const nameAfterRole: CueRule = {
  at: ROLES,
  find(v, i) {
    const next = roleAt(v, i);
    if (!next) return undefined;
    const shape = v.caps
      ? next.text.length >= 3 &&
        (next.cap || !/(?:ed|ing|ly)$/i.test(next.text)) &&
        (v.tokens[i]!.lower !== 'md' || isDictName(v, next) || next.cap)
      : next.cap;
    if (shape && nameLike(v, i + 1, false)) {
      markName(v, i + 1, 'role', 'clinician');
      return i;
    }
    return undefined;
  },
};

/** "NP grace made aware": a name that is also a word, between a role and "aware"/"paged". */
export const ambiguousNameAfterRole: CueRule = {
  at: ROLES,
  find(v, i) {
    const next = roleAt(v, i);
    if (!next) return undefined;
    const n2 = v.tokens[i + 2];
    if (
      v.d.ambiguousNames.has(next.lower) &&
      n2 &&
      /^(?:made|aware|notified|paged|called|informed|updated|here|in)$/.test(n2.lower) &&
      /^\s{1,2}$/.test(gap(v, next, n2))
    ) {
      markName(v, i + 1, 'role', 'clinician');
      return i;
    }
    return undefined;
  },
};

/** "DICK CUCCHIARA (RESIDENT)", "Hank Przybylo (son)": a name before a parenthesised role. */
export const nameBeforeParenthesisedRole: CueRule = {
  proper: true,
  find(v, i) {
    const t = v.tokens[i]!;
    const next = v.tokens[i + 1];
    if (
      next &&
      /^\s{0,2}\(\s?$/.test(gap(v, t, next)) &&
      (ROLES.has(next.lower) || RELATIONS.has(next.lower) || CREDENTIALS.has(next.lower)) &&
      nameLike(v, i, false) &&
      (!v.caps ? t.cap || t.upper : !v.d.clinical.has(t.lower))
    ) {
      markName(v, i, 'role', RELATIONS.has(next.lower) ? 'relative' : 'clinician');
      return i;
    }
    return undefined;
  },
};

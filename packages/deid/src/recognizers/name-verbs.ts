/**
 * Names around verbs of reporting and contact: "spoke with Smith", "per Jones", "paged Quorvath",
 * "consult with patty <surname>", "PER <SURNAME> WILL HOLD", "SMITH AWARE", "grace dudak aware",
 * "spoke with Radu Crosson".
 */
import { CREDENTIALS, NAME_VERBS, ROLES, STRONG_NAME_VERBS } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { addToken, gap, type Token, type TokenView } from './token-view';
import { isDictName, isEponymUse, isInitial, isStandaloneName, isUnknownWord, nameLike } from './word-shape';

/** Verbs after a name that was told something: "SMITH AWARE". */
const AWARE_WORDS: ReadonlySet<string> = new Set(['aware', 'notified', 'paged', 'informed']);
/** Words before two capitalised words that are a name: "spoke with Radu Crosson". */
const TWO_CAPS_AFTER: ReadonlySet<string> = new Set(['with', 'by', 'to', 'and', 'per']);

/** Token i as a name verb followed by a word on the same line: that word. */
function verbAt(v: TokenView, i: number): Token | undefined {
  const t = v.tokens[i]!;
  const next = v.tokens[i + 1];
  return NAME_VERBS.has(t.lower) && next && /^\s{1,3}$/.test(gap(v, t, next)) ? next : undefined;
}

/**
 * "consult with patty <surname>", "given by pat <surname>": a first name (even one that is also a
 * word) and an unknown word after a name verb.
 */
export const firstNameAndSurnameAfterVerb: CueRule = {
  at: NAME_VERBS,
  find(v, i) {
    const next = verbAt(v, i);
    if (!next) return undefined;
    const { tokens, d } = v;
    const n2 = tokens[i + 2];
    if (
      n2 &&
      /^(?:with|by|per|w\/|d\/w|c\/w|paged|called|notified|contacted|informed)$/.test(tokens[i]!.lower) &&
      (d.firstNames.has(next.lower) || d.ambiguousNames.has(next.lower)) &&
      !d.common.has(next.lower) &&
      /^\s$/.test(gap(v, next, n2)) &&
      isUnknownWord(v, i + 2) &&
      (v.caps || (next.cap && n2.cap))
    ) {
      addToken(v, i + 1, 'NAME', 'verb');
      markName(v, i + 2, 'verb');
      return i;
    }
    return undefined;
  },
};

/**
 * "PER <SURNAME> WILL HOLD", "per <surname> ok to": an unknown word between "per" and a modal or
 * reporting verb in an upper- or lower-case note.
 */
export const surnameAfterPer: CueRule = {
  at: NAME_VERBS,
  find(v, i) {
    const next = verbAt(v, i);
    if (!next) return undefined;
    const n2 = v.tokens[i + 2];
    if (
      v.caps &&
      v.tokens[i]!.lower === 'per' &&
      n2 &&
      isUnknownWord(v, i + 1) &&
      /^\s$/.test(gap(v, next, n2)) &&
      /^(?:will|wants|would|aware|says|said|states|stated|recommends|ordered|ok|okay|agrees|feels|thinks)$/.test(n2.lower)
    ) {
      markName(v, i + 1, 'verb');
      return i;
    }
    return undefined;
  },
};

/** "spoke with Smith", "per Jones", "paged Quorvath": a dictionary name (or, after a strong verb, a capitalised word). */
export const nameAfterVerb: CueRule = {
  at: NAME_VERBS,
  find(v, i) {
    const next = verbAt(v, i);
    if (!next) return undefined;
    const strongVerb = STRONG_NAME_VERBS.has(v.tokens[i]!.lower);
    if (
      nameLike(v, i + 1, false) &&
      (isStandaloneName(v, next) || (strongVerb && !v.caps && next.cap && next.text.length >= 3)) &&
      !isEponymUse(v, i + 1)
    ) {
      markName(v, i + 1, 'verb');
      return i;
    }
    return undefined;
  },
};

/**
 * "SMITH AWARE", "Dr. X notified", "grace dudak aware": the name before "aware", "notified",
 * "paged", "informed". Finds names but leaves the verb to the other rules.
 */
export const nameBeforeAware: CueRule = {
  at: AWARE_WORDS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (!AWARE_WORDS.has(t.lower) || i === 0) return undefined;
    const prev = tokens[i - 1]!;
    const g = gap(v, prev, t);
    if (
      /^\s{1,3}$/.test(g) &&
      nameLike(v, i - 1, false) &&
      (isDictName(v, prev) || (!v.caps && prev.cap) || isInitial(v, i - 2))
    ) {
      markName(v, i - 1, 'aware');
      return undefined;
    }
    // "grace dudak aware": an unknown word after a dictionary first name, before "aware"
    const p2 = tokens[i - 2];
    if (
      p2 &&
      /^\s{1,3}$/.test(g) &&
      /^\s{1,2}$/.test(gap(v, p2, prev)) &&
      (d.firstNames.has(p2.lower) || d.ambiguousNames.has(p2.lower)) &&
      !d.common.has(p2.lower) &&
      prev.text.length >= 4 &&
      !d.english.has(prev.lower) &&
      !d.clinical.has(prev.lower) &&
      !d.common.has(prev.lower) &&
      !CREDENTIALS.has(prev.lower) &&
      !ROLES.has(prev.lower) &&
      (v.caps || prev.cap || prev.upper)
    ) {
      addToken(v, i - 2, 'NAME', 'aware');
      markName(v, i - 1, 'aware');
    }
    return undefined;
  },
};

/** "spoke with Radu Crosson": two capitalised words after "with", "by", "to", "and", "per" in a mixed-case note. */
export const twoCapitalisedAfterPreposition: CueRule = {
  at: TWO_CAPS_AFTER,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const n2 = tokens[i + 2];
    if (
      !v.caps &&
      TWO_CAPS_AFTER.has(t.lower) &&
      next &&
      next.cap &&
      n2?.cap &&
      /^\s{1,2}$/.test(gap(v, t, next)) &&
      /^\s{1,2}$/.test(gap(v, next, n2)) &&
      nameLike(v, i + 1, false) &&
      nameLike(v, i + 2, false) &&
      !d.places.has(next.lower)
    ) {
      markName(v, i + 1, 'two-caps');
      return i;
    }
    return undefined;
  },
};

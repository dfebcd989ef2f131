/**
 * Names after an initial: "W. MAROTTA", "E. Welsh", "Z. PELTONEN IN TO STRIP TUBES", and in
 * upper-case notes "J SMITH ORDERED EPI". Letters that often start a sentence or an abbreviation
 * ("A.", "P.", "S. aureus") need a dictionary name or an unknown word after them.
 */
import { NAME_VERBS, SPECIES, TITLES } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { addToken, gap } from './token-view';
import { isDictName, isInitial, nameLike } from './word-shape';

/** One-letter tokens (tokens start with a letter). */
const LETTERS: ReadonlySet<string> = new Set('abcdefghijklmnopqrstuvwxyz');

/** "W. MAROTTA", "E. Welsh": an initial with a period and the surname after it. */
export const surnameAfterInitial: CueRule = {
  at: LETTERS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.text.length !== 1 || !next || !isInitial(v, i) || v.text[t.end - v.base] !== '.') return undefined;
    const after = gap(v, t, next);
    if (!/^\.\s{1,2}$/.test(after) || /\n/.test(after)) return undefined;
    const risky = 'APOSRLDIXNVC'.includes(t.text.toUpperCase());
    const prevT = tokens[i - 1];
    const afterPrev = prevT ? gap(v, prevT, t) : '\n';
    const sentenceStart = /[\n:;]/.test(afterPrev) || i === 0;
    const awareAfter = /^(?:aware|notified|paged|called|informed|md|rn|np)/i.test(tokens[i + 2]?.lower ?? '');
    const unknownWord =
      next.text.length >= 4 &&
      !d.english.has(next.lower) &&
      !d.clinical.has(next.lower) &&
      !d.common.has(next.lower) &&
      !SPECIES.has(next.lower) &&
      !/\d/.test(v.text[next.end - v.base] ?? '') &&
      !next.text.includes("'") &&
      (v.caps || next.cap) &&
      (!prevT ||
        /[.!?;:]\s*$/.test(afterPrev) ||
        d.common.has(prevT.lower) ||
        TITLES.has(prevT.lower) ||
        NAME_VERBS.has(prevT.lower));
    if (
      nameLike(v, i + 1, awareAfter || isDictName(v, next)) &&
      next.text.length >= 3 &&
      !SPECIES.has(next.lower) &&
      (!risky || isDictName(v, next) || (unknownWord && !sentenceStart)) &&
      !(sentenceStart && risky) &&
      (!v.caps ||
        isDictName(v, next) ||
        unknownWord ||
        /^(?:aware|notified|paged|called|informed|md|rn|np)/i.test(tokens[i + 2]?.lower ?? ''))
    ) {
      markName(v, i + 1, 'initial', undefined);
      addToken(v, i, 'NAME', 'initial');
      return i;
    }
    return undefined;
  },
};

/**
 * "J SMITH ORDERED EPI": in an upper-case note, an initial without a period, a dictionary surname
 * and a reporting verb.
 */
export const surnameAfterBareInitial: CueRule = {
  at: LETTERS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (
      v.caps &&
      t.text.length === 1 &&
      t.upper &&
      !'APOSRLDIXNVCTMBUHEWF'.includes(t.text) &&
      next &&
      /^\s$/.test(gap(v, t, next)) &&
      next.upper &&
      d.surnames.has(next.lower) &&
      !d.common.has(next.lower) &&
      /^(?:ordered|aware|notified|called|paged|informed|here|in|saw|examined|consulted|states|said|wants|placed)$/.test(
        tokens[i + 2]?.lower ?? '',
      )
    ) {
      addToken(v, i, 'NAME', 'initial');
      markName(v, i + 1, 'initial');
      return i;
    }
    return undefined;
  },
};

/**
 * Names after a title: "Dr. Smith", "DR SPARKES", "mr. masci", "Dr Will Cole", "Dr. o rourke".
 * "MS" counts only with a period or in mixed case, "father" and "sister" only before a capitalised
 * word, and mitral lesions ("mild MR present") and the noun "doctor" are not titles.
 */
import { RELATIONS, TITLES } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { addToken, gap } from './token-view';
import { isDictName, nameLike } from './word-shape';

export const nameAfterTitle: CueRule = {
  at: TITLES,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!TITLES.has(t.lower) || !next) return undefined;
    const after = gap(v, t, next);
    if (!/^(?:\.\s{0,3}|'?\s{1,3})$/.test(after)) return undefined;
    // "mild MR present", "No significant MR. Mitral": mitral regurgitation/stenosis in a mixed-case note
    const valveLesion =
      !v.caps && /^(?:MR|MS)$/.test(t.text) && (!next.cap || d.english.has(next.lower) || d.clinical.has(next.lower));
    // "if a doctor uses ...": the word "doctor" before a lower-case word in a mixed-case note
    const doctorNoun = !v.caps && t.lower === 'doctor' && !next.cap && !next.upper;
    const okTitle =
      !valveLesion &&
      !doctorNoun &&
      (!['ms', 'father', 'sister'].includes(t.lower) ||
        (t.lower === 'ms' && (after.startsWith('.') || (t.cap && next.cap)) && !d.english.has(next.lower)) ||
        (t.lower !== 'ms' && next.cap && !v.caps));
    const n2 = tokens[i + 2];
    if (
      okTitle &&
      !v.caps &&
      next.cap &&
      n2 &&
      n2.cap &&
      /^\s{1,2}$/.test(gap(v, next, n2)) &&
      (d.ambiguousNames.has(next.lower) || (d.common.has(next.lower) && isDictName(v, next))) &&
      nameLike(v, i + 2, true)
    ) {
      // "Dr Will Cole": a first name that is also a common word, then the surname
      addToken(v, i + 1, 'NAME', 'title', 'clinician');
      markName(v, i + 2, 'title', 'clinician');
      return i;
    }
    if (okTitle && /^o$/i.test(next.text) && n2 && /^[\s']$/.test(gap(v, next, n2)) && nameLike(v, i + 2, true)) {
      // "Dr. o rourke", "Dr O Brien"
      addToken(v, i + 1, 'NAME', 'title', 'clinician');
      markName(v, i + 2, 'title', 'clinician');
      return i;
    }
    if (okTitle && (nameLike(v, i + 1, true) || (isDictName(v, next) && next.text.length >= 3)) && !RELATIONS.has(next.lower)) {
      // "Dr. J. Smith": the initial and the surname
      markName(v, i + 1, 'title', t.lower === 'dr' || t.lower === 'doctor' ? 'clinician' : undefined);
      return i;
    }
    return undefined;
  },
};

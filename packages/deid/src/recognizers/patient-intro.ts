/**
 * The patient's name in an introduction: "lorrie morales is a 70 yr old female" — one to three
 * words at the start of a line before "is a(n) <age>".
 */
import { TITLES } from '../data/name-cues';
import type { CueRule } from './cue-rules';
import { addToken, gap } from './token-view';
import { isDictName, isInitial } from './word-shape';

export const patientIntroduction: CueRule = {
  unclaimed: true,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (v.marked.has(i) || !(i === 0 || /\n\s*$/.test(gap(v, tokens[i - 1]!, t)))) return undefined;
    let k = i;
    while (k < i + 3 && tokens[k + 1] && /^\s{1,2}$/.test(gap(v, tokens[k]!, tokens[k + 1]!)) && tokens[k + 1]!.lower !== 'is')
      k++;
    const isTok = tokens[k + 1];
    if (
      !isTok ||
      isTok.lower !== 'is' ||
      !/^\s{1,2}an?\s{1,2}\d{1,3}\s{0,2}(?:-\s?)?(?:y|yo|yr|year)/i.test(
        v.text.slice(isTok.end - v.base, isTok.end - v.base + 16),
      )
    )
      return undefined;
    for (let q = i; q <= k; q++) {
      const w = tokens[q]!;
      const nameWord =
        (w.text.length >= 2 || isInitial(v, q)) &&
        !d.common.has(w.lower) &&
        !d.clinical.has(w.lower) &&
        !TITLES.has(w.lower) &&
        !/^(?:pt|patient|this|he|she|the|mr|mrs|ms)$/.test(w.lower) &&
        (isDictName(v, w) || !d.english.has(w.lower));
      if (!nameWord) return undefined;
    }
    for (let q = i; q <= k; q++) addToken(v, q, 'NAME', 'patient-intro', 'patient');
    return k;
  },
};

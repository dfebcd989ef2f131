/**
 * Names before a credential: "Jean Hudson, RN", "ANTHONY C. KOZICKI, RRT", "Marie Munroe RN",
 * "PER WARREN KAVALIUNAS NP". Weak credentials ("PA", "OT", "MS") need a comma and the end of a
 * line; a credential that starts the next clause ("PVCs, MD aware") is not a signature.
 */
import { CREDENTIALS, NAME_VERBS, ROLES, WEAK_CREDENTIALS } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { addToken, gap, type Token, type TokenView } from './token-view';
import { isDictName, isInitial, nameLike } from './word-shape';

/** Credentials strong and weak: the words the credential rules start at. */
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([...CREDENTIALS, ...WEAK_CREDENTIALS]);

/** Token i as a credential after a word: the word before it and the characters between. */
function credentialAt(v: TokenView, i: number): { prev: Token; g: string; comma: boolean } | undefined {
  const t = v.tokens[i]!;
  if (
    CREDENTIAL_WORDS.has(t.lower) &&
    i > 0 &&
    (t.upper || t.lower.length > 3) &&
    v.text[t.end - v.base] !== "'" &&
    // "RT>LT", "rt<lt": sides compared, not a credential
    !/^\s?[<>=]/.test(v.text.slice(t.end - v.base, t.end - v.base + 2))
  ) {
    const prev = v.tokens[i - 1]!;
    const g = gap(v, prev, t);
    return { prev, g, comma: /^\s{0,2},\s{0,3}$/.test(g) };
  }
  return undefined;
}

/** "Jean Hudson, RN", "Marie Munroe RN": the word before the credential (and its neighbours). */
export const nameBeforeCredential: CueRule = {
  at: CREDENTIAL_WORDS,
  find(v, i) {
    const c = credentialAt(v, i);
    if (!c) return undefined;
    const { prev, g, comma } = c;
    const { tokens, d } = v;
    const t = tokens[i]!;
    const endOfLine = /^[\s.]*(?:\n|$)/.test(v.text.slice(t.end - v.base, t.end - v.base + 6));
    const weak = !CREDENTIALS.has(t.lower) || t.lower === 'np';
    let ok = weak ? comma && endOfLine : comma || (/^\s{1,3}$/.test(g) && !/\n/.test(g));
    // "clusters, MD aware", "APHASIA, MD called": an English word before ", MD" is a signature only
    // at the end of a line (or when it is a capitalised word in mixed-case text)
    if (ok && d.english.has(prev.lower) && !isDictName(v, prev) && !endOfLine && (v.caps || !prev.cap)) ok = false;
    // "PVCs, MD aware": the credential starts the next clause ("MD aware", "RN called")
    if (
      ok &&
      comma &&
      !isDictName(v, prev) &&
      /^(?:aware|notified|called|paged|made|informed|updated|ordered|here|in|at|to|said|states|stated|will|was|is|came|saw|wants)$/.test(
        tokens[i + 1]?.lower ?? '',
      )
    )
      ok = false;
    if (ok && nameLike(v, i - 1, comma) && !(v.caps && !comma && !isDictName(v, prev) && !isInitial(v, i - 2))) {
      markName(v, i - 1, 'credential', 'clinician');
      return i;
    }
    return undefined;
  },
};

/**
 * "PER WARREN KAVALIUNAS NP", "florencia cooke np into eval": two name-shaped words between a name
 * verb or the start of a line and a credential.
 */
export const twoNamesBeforeCredential: CueRule = {
  at: CREDENTIAL_WORDS,
  find(v, i) {
    const c = credentialAt(v, i);
    if (!c) return undefined;
    const { prev, g, comma } = c;
    const { tokens, d } = v;
    const p2 = tokens[i - 2];
    if (
      !comma &&
      p2 &&
      /^\s{1,2}$/.test(g) &&
      /^\s{1,2}$/.test(gap(v, p2, prev)) &&
      (i - 3 < 0 || NAME_VERBS.has(tokens[i - 3]!.lower) || /\n\s*$|[.;:]\s*$/.test(gap(v, tokens[i - 3]!, p2))) &&
      [p2, prev].every(
        (w) =>
          w.text.length >= 3 &&
          !d.common.has(w.lower) &&
          !d.clinical.has(w.lower) &&
          !CREDENTIALS.has(w.lower) &&
          !ROLES.has(w.lower) &&
          (isDictName(v, w) || !d.english.has(w.lower)) &&
          (v.caps || w.cap || w.upper),
      ) &&
      (isDictName(v, p2) || isDictName(v, prev))
    ) {
      addToken(v, i - 2, 'NAME', 'credential', 'clinician');
      markName(v, i - 1, 'credential', 'clinician');
      return i;
    }
    return undefined;
  },
};

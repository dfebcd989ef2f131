/**
 * Propagation: a word found as a name or a place with a strong cue is PHI wherever else it occurs
 * in the same document and, through a `PhiMemory`, in the patient's later documents. Learning runs
 * per chunk after the cue recognizers; propagation runs once every chunk has been learnt from.
 */
import { markName } from './mark-name';
import { addToken, gap, type Token, type TokenView } from './token-view';
import { isDictName } from './word-shape';

/** Sources strong enough for a name to spread (a name found by the dictionary alone does not). */
const PROPAGATING = new Set([
  'title',
  'credential',
  'relation',
  'initial',
  'aware',
  'title+ext',
  'credential+ext',
  'relation+ext',
  'role',
  'role+ext',
  'two-caps',
  'before-phone',
]);

/** Words found with a strong cue are PHI wherever else they occur in the same document. */
export function propagate(v: TokenView, names: Set<string>, places: Set<string>): void {
  for (let i = 0; i < v.tokens.length; i++) {
    if (v.marked.has(i)) continue;
    const t = v.tokens[i]!;
    const nx = v.tokens[i + 1];
    if (nx && !v.marked.has(i + 1) && places.has(`${t.lower} ${nx.lower}`) && /^\s{1,2}$/.test(gap(v, t, nx))) {
      addToken(v, i, 'LOCATION', 'propagated');
      addToken(v, i + 1, 'LOCATION', 'propagated');
      continue;
    }
    if (t.text.length < 3) continue;
    if (names.has(t.lower)) {
      if (!v.caps && !t.cap && !t.upper && (v.d.common.has(t.lower) || v.d.clinical.has(t.lower))) continue;
      // markName also reaches a list: "Both Suzette and Hank" after Suzette was found elsewhere
      markName(v, i, 'propagated');
    } else if (places.has(t.lower)) {
      addToken(v, i, 'LOCATION', 'propagated');
    }
  }
}

/**
 * Learn from one chunk: the words it found as names with a strong cue, and as places of the kinds
 * that spread, join `names` and `places` (the document's, or the patient's memory).
 */
export function learnFromCues(v: TokenView, names: Set<string>, places: Set<string>): void {
  const instStarts = new Set(v.spans.filter((x) => x.source === 'institution').map((x) => x.start));
  for (const s of v.spans) {
    const lower = s.text.toLowerCase();
    if (lower.length < 3 || v.d.common.has(lower)) continue;
    // an English word spreads only when it is an unambiguous dictionary name
    if (v.d.english.has(lower) && !(isDictName(v, { lower } as Token) && !v.d.ambiguousNames.has(lower))) continue;
    if (s.type === 'NAME' && PROPAGATING.has(s.source) && !v.d.clinical.has(lower)) names.add(lower);
    if (s.type === 'LOCATION' && s.source === 'institution') {
      // multi-word names ("Holy Cross") spread as a phrase, even when their words are English
      const nx = v.tokens.find((t) => t.start > s.start && t.start <= s.end + 3);
      if (nx && instStarts.has(nx.start)) places.add(`${lower} ${nx.lower}`);
    }
    if (
      s.type === 'LOCATION' &&
      ['institution', 'hospital-abbr', 'ward', 'place-shape', 'location-cue', 'university', 'saint'].includes(s.source) &&
      !v.d.clinical.has(lower) &&
      !['of', 'st', 'u', 'saint'].includes(lower)
    )
      places.add(lower);
  }
}

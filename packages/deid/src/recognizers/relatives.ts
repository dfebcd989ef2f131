/**
 * Names after a relative: "wife Mary", "daughter, Liz Robbins", "son: John", "HCP is daughter Ann",
 * "son bill" (but not "son will call": modal words are common words and never count).
 */
import { RELATIONS } from '../data/name-cues';
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { gap } from './token-view';
import { isDictName, nameLike } from './word-shape';

export const nameAfterRelative: CueRule = {
  at: RELATIONS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const n = tokens[i + 1];
    if (!RELATIONS.has(t.lower) || !n) return undefined;
    const after = gap(v, t, n);
    if (!/^(?:\s{1,3}|\s?[,:(-]\s{0,3}|\s(?:is|named|=)\s)$/i.test(after) || /\n/.test(after)) return undefined;
    const shapeOfName =
      v.caps && n.text.length >= 3 && !/(?:ed|ing|ly|s)$/i.test(n.text) && !d.clinical.has(n.lower) && !d.common.has(n.lower);
    // in an all-lower-case note a capitalised word after a relation stands out ("daughter Lou")
    const strongShape = n.cap || isDictName(v, n) || shapeOfName;
    if (strongShape && nameLike(v, i + 1, n.cap) && !d.ambiguousNames.has(n.lower)) {
      markName(v, i + 1, 'relation', 'relative');
      return i;
    }
    if (strongShape && d.ambiguousNames.has(n.lower) && nameLike(v, i + 1, true)) {
      // "son bill", "husband Will" (but not "son will call"): the next word decides.
      markName(v, i + 1, 'relation', 'relative');
      return i;
    }
    return undefined;
  },
};

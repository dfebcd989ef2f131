/**
 * Dictionary names on their own, without a cue: a given name or surname that is not also an
 * English, clinical or common word (`isStandaloneName`), not an eponym in use ("Blake drain") and
 * not a saint ("St. Jude valve", "St. Vincent's").
 */
import { markName } from './mark-name';
import type { CueRule } from './cue-rules';
import { before } from './token-view';
import { isEponymUse, isStandaloneName } from './word-shape';

export const standaloneDictionaryName: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const t = v.tokens[i]!;
    if (!v.marked.has(i) && isStandaloneName(v, t) && !isEponymUse(v, i) && !/\b(?:st|saint)\.?\s{1,2}$/i.test(before(v, t, 8)))
      markName(v, i, 'dictionary');
    return undefined;
  },
};

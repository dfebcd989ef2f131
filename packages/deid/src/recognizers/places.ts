/**
 * Towns and cities: the place dictionary ("Baltimore", "lives in Reading", "Towson, MD"), words of
 * town shape after a location cue ("from Pikesville", "in Randallstown") and "lives in DC". A place
 * that is also a name or a word needs a cue; a state after it confirms it.
 */
import { LOCATION_CUES, PLACE_NAME_ENDINGS, STATE_NAMES, WEAK_LOCATION_CUES } from '../data/place-cues';
import type { CueRule } from './cue-rules';
import { addToken, before, gap, matchMulti } from './token-view';
import { isEponymUse } from './word-shape';

const PLACE_SHAPE = new RegExp(`(?:${PLACE_NAME_ENDINGS.join('|')})$`);

/** "from Pikesville", "in Randallstown": a word of town shape that no dictionary knows, after a location cue. */
export const townShapeAfterCue: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const { d } = v;
    const t = v.tokens[i]!;
    if (
      !v.marked.has(i) &&
      PLACE_SHAPE.test(t.lower) &&
      t.text.length >= 6 &&
      (v.caps || t.cap) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.notPlaces.has(t.lower) &&
      !isEponymUse(v, i) &&
      (WEAK_LOCATION_CUES.test(before(v, t, 8)) || LOCATION_CUES.test(before(v, t, 40)))
    ) {
      addToken(v, i, 'LOCATION', 'place-shape', 'city');
      return i;
    }
    return undefined;
  },
};

/** "lives in DC": the capital is a city. */
export const capitalCity: CueRule = {
  at: new Set(['dc']),
  unclaimed: true,
  find(v, i) {
    const t = v.tokens[i]!;
    if (
      !v.marked.has(i) &&
      t.text === 'DC' &&
      /\b(?:lives|living|lived|resides|from|moved)\s(?:in|to|from)\s{1,2}$/i.test(before(v, t, 20))
    ) {
      addToken(v, i, 'LOCATION', 'place', 'city');
      return i;
    }
    return undefined;
  },
};

/** Cities and towns of the place dictionary, one or more words; a state code after one is kept too. */
export const dictionaryPlace: CueRule = {
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const n = matchMulti(v, i, d.places);
    if (n === 0) return undefined;
    const words = tokens.slice(i, i + n);
    const lowerAll = words.map((w) => w.lower).join(' ');
    const shapeOk = v.caps || words.every((w) => w.cap || w.upper);
    const cue =
      LOCATION_CUES.test(before(v, t, 40)) || WEAK_LOCATION_CUES.test(before(v, t, 8)) || /,\s{0,2}$/.test(before(v, t, 3));
    const nextTok = tokens[i + n];
    const stateAfter =
      nextTok &&
      /^,?\s{0,2}$/.test(gap(v, words[words.length - 1]!, nextTok)) &&
      ((!v.caps && d.stateCodes.has(nextTok.lower) && nextTok.upper) ||
        // "towson maryland's facility": a place followed by a full state name
        (STATE_NAMES.has(nextTok.lower) && nextTok.lower.length > 2));
    const ambiguous =
      n === 1 &&
      (d.ambiguousPlaces.has(lowerAll) ||
        d.common.has(lowerAll) ||
        d.clinical.has(lowerAll) ||
        d.firstNames.has(lowerAll) ||
        d.surnames.has(lowerAll));
    if (shapeOk && (!ambiguous || cue || stateAfter) && !isEponymUse(v, i + n - 1)) {
      for (let k = i; k < i + n; k++) addToken(v, k, 'LOCATION', 'place', 'city');
      if (stateAfter && nextTok.lower.length === 2) addToken(v, i + n, 'LOCATION', 'place', 'state');
      return i + n - 1;
    }
    return undefined;
  },
};

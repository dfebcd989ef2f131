/**
 * Wards and units named after a place or a person: "transferred to Quartermain 3", "pt transferred
 * to 209 westbrook". A drug or a dose after the word ("on DOBUT 2.5", "to Lasix 40 mg") is not a ward.
 */
import { CUE_PREPOSITIONS, LOCATION_CUES } from '../data/place-cues';
import type { CueRule } from './cue-rules';
import { addToken, before } from './token-view';

/** "transferred to Quartermain 3": a proper word before a ward number after "to", "from", "on", "at". */
export const wardBeforeNumber: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const { d } = v;
    const t = v.tokens[i]!;
    if (
      !v.marked.has(i) &&
      !t.lower.split('-').some((p) => d.english.has(p) || d.common.has(p)) &&
      /^\s[1-9]\d?\b/.test(v.text.slice(t.end - v.base, t.end - v.base + 4)) &&
      /\b(?:to|from|on|at)\s{1,2}$/i.test(before(v, t, 6)) &&
      t.text.length >= 5 &&
      (v.caps || t.cap) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !/^\s\d{1,2}\s{0,2}(?:mg|mcg|ml|cc|u\b|units?|%|l\b|lpm|hrs?|min|mm|cm|x\b|\/|meq|tabs?\b|tablets?|caps?\b|capsules?|puffs?|drops?|oz\b|ounces?|g\b|gm|grams?|mmol|meq)/i.test(
        v.text.slice(t.end - v.base, t.end - v.base + 12),
      )
    ) {
      addToken(v, i, 'LOCATION', 'ward', 'ward');
      return i;
    }
    return undefined;
  },
};

/** "transferred to 209 quartermain": a ward after a room number and a location cue. */
export const wardAfterRoomNumber: CueRule = {
  unclaimed: true,
  find(v, i) {
    const { d } = v;
    const t = v.tokens[i]!;
    const prevTok = v.tokens[i - 1];
    if (
      !v.marked.has(i) &&
      prevTok &&
      t.text.length >= 5 &&
      /^\s\d{1,4}\s{1,2}$/.test(v.text.slice(prevTok.end - v.base, t.start - v.base)) &&
      CUE_PREPOSITIONS.has(prevTok.lower) &&
      LOCATION_CUES.test(v.text.slice(Math.max(0, prevTok.start - v.base - 40), prevTok.end - v.base + 1)) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.common.has(t.lower)
    ) {
      addToken(v, i, 'LOCATION', 'ward', 'ward');
      return i;
    }
    return undefined;
  },
};

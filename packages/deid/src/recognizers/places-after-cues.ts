/**
 * Places named after a cue in the sentence: "went to Lantern Bay", "transplant at Silver Meadow",
 * "works for Quendrix", "transferred from <Proper>", "in Lochearn". A product or an eponym before
 * its noun ("in Sulfamylon solution", "Fontan pressures") and a change "in" something are not places.
 */
import { CUE_PREPOSITIONS, LOCATION_CUES, STATE_NAMES } from '../data/place-cues';
import { RELATIONS, ROLES, TITLES } from '../data/name-cues';
import type { CueRule } from './cue-rules';
import { addToken, before, gap, matchMulti, type TokenView } from './token-view';
import { isDictName, isEponymUse, isUnknownWord, nameLike } from './word-shape';

/**
 * "went to Harbor", "a transplant at Holy Cross", "vacation on the Eastern Shore": in a mixed-case
 * note, capitalised English words in mid-sentence after a movement cue name a place.
 */
export const placeAfterMovement: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (v.marked.has(i) || v.caps || !t.cap || !isProperPlaceWord(v, i) || !movementCueBefore(v, i)) return undefined;
    let k = i;
    while (
      k < i + 2 &&
      tokens[k + 1] &&
      !v.marked.has(k + 1) &&
      tokens[k + 1]!.cap &&
      /^\s$/.test(gap(v, tokens[k]!, tokens[k + 1]!)) &&
      isProperPlaceWord(v, k + 1)
    )
      k++;
    // "Children's Hospital", "Newborn Nursery", "Garden Court skilled nursing": when a hospital or
    // institution word follows, the institution rule decides
    const nx = tokens[k + 1];
    const instAfter =
      nx &&
      /^(?:'s)?\s{1,2}$/.test(gap(v, tokens[k]!, nx)) &&
      (d.hospitalAreas.has(nx.lower) || d.departmentHeads.has(nx.lower) || matchMulti(v, k + 1, d.institutionWords) > 0);
    if (!instAfter && !followedByProduct(v, k) && !isEponymUse(v, k)) {
      for (let q = i; q <= k; q++) addToken(v, q, 'LOCATION', 'movement-cue', 'place');
      return k;
    }
    return undefined;
  },
};

/** "works for <Company>", "his business <Company>": an employer (PhysioNet counts it as a place). */
export const employer: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const t = v.tokens[i]!;
    if (
      !v.marked.has(i) &&
      (t.cap || (v.caps && t.upper)) &&
      isUnknownWord(v, i) &&
      /\b(?:(?:works?|worked|working|employed)\s(?:for|at|by)(?:\sthe)?|business|company|employer|firm)\s{1,2}$/i.test(
        before(v, t, 30),
      )
    ) {
      addToken(v, i, 'LOCATION', 'employer', 'organization');
      return i;
    }
    return undefined;
  },
};

/** "transferred from <Proper>", "lives in <Proper>": an unknown proper word after a strong cue. */
export const placeAfterLocationCue: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const prevLower = tokens[i - 1]?.lower;
    if (
      v.marked.has(i) ||
      t.text.length < 3 ||
      prevLower === undefined ||
      !CUE_PREPOSITIONS.has(prevLower) ||
      !LOCATION_CUES.test(before(v, t, 40))
    )
      return undefined;
    const proper = v.caps ? !d.common.has(t.lower) && !d.clinical.has(t.lower) && !isDictName(v, t) : t.cap;
    if (
      proper &&
      !d.english.has(t.lower) &&
      !STATE_NAMES.has(t.lower) &&
      !d.notPlaces.has(t.lower) &&
      !followedByProduct(v, i) &&
      !isEponymUse(v, i) &&
      nameLike(v, i, false) &&
      !/^(?:home|here|there|floor|unit|icu|ccu|micu|sicu|or|cath|ew|er|ed|rehab|hospital|osh|us)$/i.test(t.lower) &&
      // "on DOBUT 2.5", "to SIMV 12", "ADEMAND 60": a drug or a mode before a number, not a place
      !/^\s{0,2}(?:\d{1,3}\.\d|\d{2})/.test(v.text.slice(t.end - v.base, t.end - v.base + 8)) &&
      // unit and mode abbreviations: "VICU", "CVICU", "SIMV", "NSGY" (short, few vowels, unit endings)
      !(
        t.upper &&
        (/(?:ICU|CU|RU|DU|MV|SU)$/.test(t.text) || (t.text.length <= 5 && (t.text.match(/[AEIOUY]/g) ?? []).length < 2))
      )
    ) {
      addToken(v, i, 'LOCATION', 'location-cue');
      // a following proper word of the same place ("Holy Cross")
      const nx = tokens[i + 1];
      if (nx && /^\s{1}$/.test(gap(v, t, nx)) && (v.caps ? false : nx.cap) && nameLike(v, i + 1, false))
        addToken(v, i + 1, 'LOCATION', 'location-cue');
      return i;
    }
    return undefined;
  },
};

/**
 * "in Lochearn", "from Reisterstown": an unknown capitalised word after a preposition in mixed-case
 * text (not a dictionary name, English word, clinical word, or the start of a sentence).
 */
export const placeAfterIn: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    const prevTok = tokens[i - 1];
    if (
      !v.marked.has(i) &&
      t.cap &&
      t.text.length >= 5 &&
      prevTok &&
      /^(?:in|from)$/.test(prevTok.lower) &&
      /^\s{1,2}$/.test(gap(v, prevTok, t)) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.common.has(t.lower) &&
      !isDictName(v, t) &&
      !t.text.includes('-') &&
      !STATE_NAMES.has(t.lower) &&
      !d.notPlaces.has(t.lower) &&
      !followedByProduct(v, i) &&
      !isEponymUse(v, i) &&
      // "increase in Fontan pressures", "may benefit from Botox": a change in or a benefit from a
      // thing, not a place
      !/\b(?:change|changes|increase|increases|decrease|decreases|rise|drop|benefit|benefits|soaked|dissolved|mixed|diluted|improvement|reduction|elevation|label|labels|labeled|written)\s{1,2}(?:in|from)\s{1,2}$/i.test(
        before(v, t, 20),
      ) &&
      !/^[\s,.;:)]{0,2}\d/.test(v.text.slice(t.end - v.base, t.end - v.base + 3))
    ) {
      addToken(v, i, 'LOCATION', 'place-after-in', 'city');
      const nx = tokens[i + 1];
      if (nx && nx.cap && /^\s$/.test(gap(v, t, nx)) && !d.common.has(nx.lower) && !d.clinical.has(nx.lower))
        addToken(v, i + 1, 'LOCATION', 'place-after-in', 'city');
      return i;
    }
    return undefined;
  },
};

/** A capitalised English word that may be part of a place name: not a clinical, common or hospital word. */
function isProperPlaceWord(v: TokenView, i: number): boolean {
  const t = v.tokens[i]!;
  const { d } = v;
  return (
    t.text.length >= 3 &&
    d.english.has(t.lower) &&
    !d.common.has(t.lower) &&
    !d.clinical.has(t.lower) &&
    !d.hospitalAreas.has(t.lower) &&
    !d.notPlaces.has(t.lower) &&
    !d.departmentHeads.has(t.lower) &&
    !STATE_NAMES.has(t.lower) &&
    !TITLES.has(t.lower) &&
    !ROLES.has(t.lower) &&
    !RELATIONS.has(t.lower) &&
    !t.text.includes('-') &&
    // adjectives, nouns of action and specialties: "Cardiology", "Endoscopy", "Imaging", "Acute"
    !/(?:ology|ics|iatry|ation|ment|ing|ive|ity|ness|ed|scopy|graphy|ist|ute|ary)$/.test(t.lower) &&
    !/^[a-z]{4,}ly$/.test(t.lower)
  );
}

/** "went to", "go to", "surgeon from", "transplant at", "vacation on the": a movement cue before token i. */
function movementCueBefore(v: TokenView, i: number): boolean {
  const pre = before(v, v.tokens[i]!, 48);
  if (!/\b(?:to|from|at|on|in)\s(?:the\s)?$/i.test(pre)) return false;
  if (/[.!?;:]\s{0,2}(?:to|from|at|on|in)\s(?:the\s)?$/i.test(pre)) return false;
  const cueText = pre.replace(/\s(?:the\s)?$/i, ' ');
  return (
    LOCATION_CUES.test(cueText) ||
    /\b(?:went|go|goes|going|gone|get|got|trip|vacation|vacationing|surgeon|surgery|transplant|meeting|appointment|visit|visited|drive|driven|drove|flew|flying|travel(?:l?ed)?|traveling|staying|stays?|stayed|works?|worked|working)\s(?:back\s)?(?:to|from|at|on|in)\s$/i.test(
      cueText,
    )
  );
}

/** "in Sulfamylon solution", "Heaney fashion", "Fontan pressures": a product or an eponym before its noun. */
function followedByProduct(v: TokenView, i: number): boolean {
  for (let k = i + 1; k <= i + 2; k++) {
    const nx = v.tokens[k];
    if (!nx || !/^\s{1,2}$/.test(gap(v, v.tokens[k - 1]!, nx))) return false;
    if (v.d.productNouns.has(nx.lower) || v.d.eponymHeads.has(nx.lower)) return true;
  }
  return false;
}

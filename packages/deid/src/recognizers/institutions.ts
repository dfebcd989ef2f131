/**
 * Hospitals and other institutions: "<Proper name> Hospital" ("Calvert Hospital", "Holy Cross
 * Hospital", "Union Memorial"), "University of Maryland", "St. Joseph", medical-centre acronyms
 * ("XYMC") and hospital abbreviations ("MGH", "VAMC"). "HOSPITAL COURSE", "Pulmonary Medicine
 * Clinic" and "the hospital" are not names.
 */
import {
  GENERIC_INSTITUTION_PREFIX,
  LOCATION_CUES,
  SAINTS,
  STATE_NAMES,
  STRONG_INSTITUTION,
  WEAK_LOCATION_CUES,
} from '../data/place-cues';
import type { CueRule } from './cue-rules';
import { addToken, before, gap, matchMulti, type TokenView } from './token-view';
import { isDictName, isEponymUse } from './word-shape';

const UNIVERSITY_WORDS: ReadonlySet<string> = new Set(['university', 'univ', 'u', 'uof']);
const SAINT_WORDS: ReadonlySet<string> = new Set(['st', 'saint']);

/** "University of Maryland", "U of MD": the university of a state, or of a capitalised word. */
export const university: CueRule = {
  at: UNIVERSITY_WORDS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (!UNIVERSITY_WORDS.has(t.lower) || !tokens[i + 1]) return undefined;
    let k = i + 1;
    if (tokens[k]!.lower === 'of' && tokens[k + 1]) k++;
    const x = tokens[k]!;
    const isState = STATE_NAMES.has(x.lower) || (d.stateCodes.has(x.lower) && x.upper);
    const okU = t.lower.length > 1 || tokens[i + 1]!.lower === 'of' || isState;
    if (okU && (isState || (!v.caps && x.cap && !d.english.has(x.lower))) && x.start - t.end <= 5) {
      for (let q = i; q <= k; q++) addToken(v, q, 'LOCATION', 'university', 'hospital');
      return k;
    }
    return undefined;
  },
};

/**
 * "<Proper name> Hospital": the proper words before an institution word are the location. The
 * institution word itself is skipped (and is never a name); "HOSPITAL COURSE" is a header.
 */
export const institutionName: CueRule = {
  find(v, i) {
    const { tokens, d } = v;
    const inst = matchMulti(v, i, d.institutionWords);
    if (inst === 0) return undefined;
    // "HOSPITAL COURSE", "hospital stay": a section header or a generic noun, not a name
    if (d.notInstitutionAfter.has(tokens[i + inst]?.lower ?? '')) return i + inst - 1;
    const found = properWordsBefore(v, i);
    // "Pulmonary Medicine Clinic", "High School", "Device Clinic": English words before a
    // department word name a department or a kind of place, not a particular one
    const lastInst = tokens[i + inst - 1]!.lower;
    if (
      !v.caps &&
      d.departmentHeads.has(lastInst) &&
      found.every((k) => {
        const w = tokens[k]!;
        return (
          (d.english.has(w.lower) || d.clinical.has(w.lower) || d.notPlaces.has(w.lower)) &&
          !isDictName(v, w) &&
          !d.places.has(w.lower) &&
          !d.hospitalAbbreviations.has(w.lower)
        );
      })
    )
      found.length = 0;
    // "Holy Cross", "St. Elizabeth's": keep "of"/"st" that sit between found words
    for (const k of found) addToken(v, k, 'LOCATION', 'institution', 'hospital');
    // "Union Memorial": "memorial" is part of the name itself
    if (found.length && inst === 1 && tokens[i]!.lower === 'memorial') addToken(v, i, 'LOCATION', 'institution', 'hospital');
    if (found.length) {
      const first = Math.min(...found);
      const last = Math.max(...found);
      for (let k = first; k <= last; k++)
        if (!v.marked.has(k) && ['of', 'st', 'saint'].includes(tokens[k]!.lower))
          addToken(v, k, 'LOCATION', 'institution', 'hospital');
    }
    // "University of Maryland Medical Center" style: words after "of" too
    return i + inst - 1;
  },
};

/** The proper words right before the institution word at token i (nearest first). */
function properWordsBefore(v: TokenView, i: number): number[] {
  const { tokens, d } = v;
  const instWord = tokens[i]!.lower;
  let j = i - 1;
  const found: number[] = [];
  while (j >= 0 && found.length < (v.caps ? 2 : 4)) {
    const tk = tokens[j]!;
    const g = gap(v, tk, tokens[j + 1]!);
    if (!/^[\s.'&-]{1,3}$/.test(g) || /\n/.test(g)) break;
    if (tk.lower === 'of' || tk.lower === 'st' || tk.lower === 'saint' || tk.lower === 'and') {
      if (found.length === 0) break;
      j--;
      continue;
    }
    if (GENERIC_INSTITUTION_PREFIX.has(tk.lower) || d.common.has(tk.lower)) break;
    if (/^\d/.test(tk.text) || (v.caps && /(?:ING|ED)$/.test(tk.text))) break;
    if (!v.caps && !tk.cap && !tk.upper) break;
    if (/'/.test(tk.text.slice(1)) || tk.text.length < 2) break;
    if (v.caps && d.english.has(tk.lower) && !isDictName(v, tk) && !d.places.has(tk.lower) && !STRONG_INSTITUTION.has(instWord))
      break;
    if (d.clinical.has(tk.lower) && !d.hospitalAbbreviations.has(tk.lower) && tk.lower !== 'md') break;
    found.push(j);
    j--;
  }
  return found;
}

/** "St. Joseph", "ST MARY": a saint's name, where a location cue or the shape says it is a hospital. */
export const saintsHospital: CueRule = {
  at: SAINT_WORDS,
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (!SAINT_WORDS.has(t.lower) || !tokens[i + 1]) return undefined;
    const x = tokens[i + 1]!;
    if (
      /^\.?\s{1,2}$/.test(gap(v, t, x)) &&
      (d.firstNames.has(x.lower) || SAINTS.has(x.lower)) &&
      (!v.caps ||
        LOCATION_CUES.test(before(v, t, 40)) ||
        WEAK_LOCATION_CUES.test(before(v, t, 8)) ||
        t.text === 'ST' ||
        t.text === 'St') &&
      !isEponymUse(v, i + 1) &&
      !/^\s{0,2}(?:medical|model|mechanical|pacemaker|device)\b/i.test(v.text.slice(x.end - v.base, x.end - v.base + 14))
    ) {
      addToken(v, i, 'LOCATION', 'saint', 'hospital');
      addToken(v, i + 1, 'LOCATION', 'saint', 'hospital');
      return i + 1;
    }
    return undefined;
  },
};

/** Medical-centre acronyms not in the list ("XYMC"): upper case, 3-6 letters, ending in MC. */
export const medicalCentreAcronym: CueRule = {
  proper: true,
  unclaimed: true,
  find(v, i) {
    const t = v.tokens[i]!;
    if (!v.marked.has(i) && t.upper && /^[A-Z]{1,4}MC$/.test(t.text) && !v.d.clinical.has(t.lower)) {
      addToken(v, i, 'LOCATION', 'hospital-abbr', 'hospital');
      return i;
    }
    return undefined;
  },
};

/** Hospital abbreviations ("MGH", "VAMC"); in lower case only after a location cue or beside a unit word. */
export const hospitalAbbreviation: CueRule = {
  find(v, i) {
    const { tokens, d } = v;
    const t = tokens[i]!;
    if (
      !d.hospitalAbbreviations.has(t.lower) ||
      !(t.upper || v.caps || t.lower.length >= 2) ||
      d.common.has(t.lower) ||
      v.text[t.end - v.base] === '-'
    )
      return undefined;
    const prev = tokens[i - 1];
    const nxt = tokens[i + 1];
    // "gh" lower case only when a location cue precedes it or it stands beside a place word.
    const cue = LOCATION_CUES.test(before(v, t, 40)) || WEAK_LOCATION_CUES.test(before(v, t, 8));
    if (
      t.upper ||
      cue ||
      (prev && ['at', 'to', 'from', 'in'].includes(prev.lower)) ||
      (nxt && ['ew', 'er', 'ed', 'icu', 'ccu', 'micu'].includes(nxt.lower))
    ) {
      addToken(v, i, 'LOCATION', 'hospital-abbr', 'hospital');
      return i;
    }
    return undefined;
  },
};

/**
 * Word-shape tests over the token view shared by the name and place recognizers: is a token an
 * initial, could it be a name, is it a dictionary name that counts on its own, a word no
 * dictionary knows, an eponym used for an instrument or a sign.
 */
import { CREDENTIALS, RELATIONS, ROLES, TITLES } from '../data/name-cues';
import { STATE_NAMES } from '../data/place-cues';
import { before, gap, type Token, type TokenView } from './token-view';

/** A one-letter token followed by a period, or upper case in a note that has capitalisation. */
export function isInitial(v: TokenView, i: number): boolean {
  const t = v.tokens[i];
  if (!t || t.text.length !== 1 || !/[A-Za-z]/.test(t.text)) return false;
  if (/[\d/'.<>=]/.test(v.text[t.start - v.base - 1] ?? '')) return false;
  // "O.R.", "R.N.": letters of an abbreviation are not initials
  if (v.text[t.end - v.base] === '.' && /[A-Za-z]/.test(v.text[t.end - v.base + 1] ?? '')) return false;
  const next = v.text[t.end - v.base];
  return next === '.' || (t.upper && !v.caps);
}

/** Could this token be (part of) a name? `strong` cues may override the clinical stoplist. */
export function nameLike(v: TokenView, i: number, strong: boolean): boolean {
  const t = v.tokens[i];
  if (!t) return false;
  if (isInitial(v, i)) return true;
  if (t.text.length < 2) return false;
  if (v.d.common.has(t.lower)) return false;
  if (TITLES.has(t.lower) || CREDENTIALS.has(t.lower) || RELATIONS.has(t.lower)) return false;
  // "pulmonologist", "psychiatrist", "physician": specialists, not names
  if (/(?:ologists?|iatrists?|icians?)$/.test(t.lower)) return false;
  // "CALLED-PT", "co-signature": a hyphenated word with an English part is not a name
  if (
    t.lower.includes('-') &&
    t.lower.split('-').some((p) => v.d.common.has(p) || (v.d.english.has(p) && !v.d.surnames.has(p) && !v.d.firstNames.has(p)))
  )
    return false;
  if (!strong && v.d.clinical.has(t.lower)) return false;
  if (!strong && v.d.english.has(t.lower) && !isDictName(v, t)) return false;
  if (strong && v.d.clinical.has(t.lower) && !isDictName(v, t) && !t.cap) {
    // After "Dr." a clinical word is still a name when it looks like one (mixed case) or is a known surname.
    return v.d.surnames.has(t.lower) || t.lower.length > 3;
  }
  // In mixed-case text a lower-case word is not a name unless a strong cue says so.
  if (!v.caps && !t.cap && !t.upper && !strong && !isDictName(v, t)) return false;
  return true;
}

/** In a name dictionary (given names, surnames, one-word site-list names). */
export function isDictName(v: TokenView, t: Token): boolean {
  return v.d.firstNames.has(t.lower) || v.d.surnames.has(t.lower) || v.extraNames.has(t.lower);
}

/** A dictionary name that counts on its own, without a cue. */
export function isStandaloneName(v: TokenView, t: Token): boolean {
  if (!isDictName(v, t)) return false;
  if (v.d.ambiguousNames.has(t.lower) || v.d.common.has(t.lower) || v.d.clinical.has(t.lower)) return false;
  if (t.text.length < 3) return false;
  // "lives in Georgia", "Seattle, Washington", "North Carolina": a state, not a person (and states
  // are not Safe Harbor identifiers)
  if (
    (STATE_NAMES.has(t.lower) || /^(?:carolina|dakota|hampshire)$/.test(t.lower)) &&
    t.lower.length > 2 &&
    /(?:\b(?:in|from|to|of|north|south|west|new)\s{1,2}|,\s{0,2})$/i.test(before(v, t, 8))
  )
    return false;
  // "ANA", "LEE" in a mixed-case note: an upper-case word of four letters or fewer is an acronym
  if (!v.caps && t.upper && t.text.length <= 4) return false;
  // In mixed-case text a lower-case dictionary word ("mark", "bill") is usually not a name.
  if (!v.caps && !t.cap && !t.upper) return false;
  return true;
}

/** A word of name shape that no dictionary knows: not English, clinical, common or a cue word. */
export function isUnknownWord(v: TokenView, i: number): boolean {
  const t = v.tokens[i];
  if (!t || t.text.length < 4 || t.text.includes('-') || t.text.includes("'")) return false;
  const { d } = v;
  if (d.english.has(t.lower) || d.clinical.has(t.lower) || d.common.has(t.lower)) return false;
  if (CREDENTIALS.has(t.lower) || ROLES.has(t.lower) || RELATIONS.has(t.lower) || TITLES.has(t.lower)) return false;
  if (d.places.has(t.lower) || d.hospitalAbbreviations.has(t.lower) || d.notPlaces.has(t.lower)) return false;
  // abbreviations: fewer than two vowels ("PCWP", "NSGY")
  if ((t.lower.match(/[aeiouy]/g) ?? []).length < 2) return false;
  return !/\d/.test(v.text[t.end - v.base] ?? '');
}

/** Describing words between an eponym and its noun ("Jordan round knife", "Doyle nasal splints"). */
const EPONYM_ADJECTIVES =
  /^(?:round|straight|curved|red|rubber|head|metal|soft|large|small|fine|long|short|double|single|angled|[a-z]{3,}(?:al|ar|ic|ous|ine|less))$/;

/**
 * An eponym used as an instrument, device, sign or technique, not a person or place: "Blake drain",
 * "Bard Parker blade", "#10 Blake", "12-French Robinson", "Cooper's ligament", "Toronto valve",
 * "Boston Scientific"; or an author cited with "et al".
 */
export function isEponymUse(v: TokenView, i: number): boolean {
  const t = v.tokens[i];
  if (!t) return false;
  const pre = before(v, t, 10);
  // "#10 Blake", "18-French", "12 French Robinson", "14 Fr Robinson"
  if (/#\s?\d{1,3}\s{0,2}-?\s{0,2}$|\d-\s?$/.test(pre)) return true;
  if (/^(?:french|fr)$/.test(t.lower) && /\d\s{0,2}-?\s{0,2}$/.test(pre)) return true;
  if (/(?:\d\s{0,2}-?\s{0,2})(?:french|fr\.?)\s{1,2}$/i.test(before(v, t, 16))) return true;
  // "circle of Willis", "loop of Henle", "islets of Langerhans"
  if (/\b(?:circle|loop|loops|islets?|canal|ligament|duct|triangle|space|pouch|sign|triad) of\s{1,2}$/i.test(before(v, t, 16)))
    return true;
  const rest = v.text.slice(t.end - v.base, t.end - v.base + 12);
  if (/^(?:'s)?,?\s{0,2}et\.?\s{0,2}al\b/i.test(rest)) return true;
  for (let k = i + 1; k <= i + 3; k++) {
    const nx = v.tokens[k];
    if (!nx) break;
    const g = gap(v, v.tokens[k - 1]!, nx);
    if (!/^(?:'s?)?\s{1,2}$|^-$/i.test(g)) break;
    if (v.d.eponymHeads.has(nx.lower)) return true;
    // eponym words, letters, brand words or describing adjectives between: "Bard Parker blade",
    // "Montgomery T tube", "Kennedy Merocel sponges", "Jordan round knife", "Doyle nasal splints"
    const between =
      isDictName(v, nx) ||
      nx.text.length === 1 ||
      (!v.d.english.has(nx.lower) && !v.d.common.has(nx.lower)) ||
      EPONYM_ADJECTIVES.test(nx.lower);
    if (!between || k === i + 3) break;
  }
  return false;
}

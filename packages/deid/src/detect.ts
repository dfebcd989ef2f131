/**
 * PHI detection: an ordered list of recognizers over a shared token view, then overlap resolution
 * (the shape of Presidio's recognizer registry and medspaCy's pipeline). Patterns find dates,
 * phones, emails, ids, ages and addresses; cue rules find names and places by the words around them
 * ("Dr.", ", RN", "wife", "transferred from", "<X> Hospital"); dictionaries and site lists find them
 * on their own; propagation finds again, everywhere in the document and in the patient's later
 * documents, what was found once with a strong cue.
 *
 * Every regular expression has bounded repetition and no nested ambiguous quantifiers, so the
 * detector runs in linear time (a 20 MB input takes seconds, not hours). Long inputs are processed
 * in chunks split at line breaks.
 */
import type { PhiSpan, PhiType } from './types';
import { dictionaries } from './dictionaries';
import type { NameLists } from './name-lists';
import { resolveOverlaps } from './overlaps';
import { createTokenView, markCovered, type TokenView } from './recognizers/token-view';
import { indexRules, scanRules, type CueRule } from './recognizers/cue-rules';
import { findPatterns } from './recognizers/patterns';
import { findSiteEntries, siteIndex, type SiteIndex } from './recognizers/site-entries';
import { nameAfterTitle } from './recognizers/titles';
import { nameBeforeCredential, twoNamesBeforeCredential } from './recognizers/credentials';
import { nameAfterRelative } from './recognizers/relatives';
import { surnameAfterBareInitial, surnameAfterInitial } from './recognizers/initials';
import {
  firstNameAndSurnameAfterVerb,
  nameAfterVerb,
  nameBeforeAware,
  surnameAfterPer,
  twoCapitalisedAfterPreposition,
} from './recognizers/name-verbs';
import { ambiguousNameAfterRole, nameAfterRole, nameBeforeParenthesisedRole } from './recognizers/roles';
import { patientIntroduction } from './recognizers/patient-intro';
import { standaloneDictionaryName } from './recognizers/dictionary-names';
import {
  hospitalAbbreviation,
  institutionName,
  medicalCentreAcronym,
  saintsHospital,
  university,
} from './recognizers/institutions';
import { wardAfterRoomNumber, wardBeforeNumber } from './recognizers/wards';
import { capitalCity, dictionaryPlace, townShapeAfterCue } from './recognizers/places';
import { employer, placeAfterIn, placeAfterLocationCue, placeAfterMovement } from './recognizers/places-after-cues';
import { extendPlaces } from './recognizers/place-suffixes';
import { namesBeforePhones } from './recognizers/phone-contacts';
import { learnFromCues, propagate } from './recognizers/propagation';

export { resolveOverlaps };

export interface DetectOptions {
  /** Also report bare years (`DATE_YEAR`); Safe Harbor allows years, so the default is false. */
  years?: boolean;
  /** Names known to belong to this patient (e.g. from the FHIR Patient): always found. */
  knownNames?: readonly string[];
  /**
   * Site-specific names (staff roster) and places (wards, hospitals, towns, streets), e.g. from a
   * site lists file (`parseSiteLists`). Each entry is PHI wherever it occurs, in any letter case
   * and without a cue; a multi-word entry matches as a phrase (its words in order). A one-word
   * entry that is an English function word ("will", "may") only counts inside a phrase. Pass the
   * same arrays on every call (the lookup tables are built once per array; do not mutate them).
   */
  extraNames?: readonly string[];
  extraLocations?: readonly string[];
  /**
   * Extra name lists (e.g. the 1990 US Census lists), gated by word class (`name-lists.ts`). Pass
   * the same object on every call: the merged dictionaries are built once per object.
   */
  nameLists?: NameLists;
  /**
   * Names and places learnt from earlier documents of the same patient; read and extended by each
   * call (pass the same object for all of one patient's notes, in order).
   */
  memory?: PhiMemory;
  /** Only report these types. */
  types?: readonly PhiType[];
}

/** What detection learnt about a patient: words found as names or places with a strong cue. */
export interface PhiMemory {
  names: Set<string>;
  places: Set<string>;
}

/** A fresh, empty memory. */
export function createPhiMemory(): PhiMemory {
  return { names: new Set(), places: new Set() };
}

/** What the recognizers of one `detectPhi` call share: its options, resolved once. */
interface DetectRun {
  years: boolean;
  siteNames: SiteIndex;
  sitePlaces: SiteIndex;
  /** Words found as names and places with a strong cue: the patient's memory, when one is given. */
  names: Set<string>;
  places: Set<string>;
}

/** A recognizer finds one family of PHI in the token view of a chunk of text. */
interface Recognizer {
  name: string;
  find(v: TokenView, run: DetectRun): void;
}

/**
 * Name cues, tried in this order at each token; the first rule that claims a token ends its turn
 * (`scanRules`). Titles, credentials, relatives, initials, verbs, roles, introductions, then
 * dictionary names on their own.
 */
const NAME_RULES = indexRules([
  nameAfterTitle,
  nameBeforeCredential,
  twoNamesBeforeCredential,
  nameAfterRelative,
  surnameAfterInitial,
  surnameAfterBareInitial,
  firstNameAndSurnameAfterVerb,
  surnameAfterPer,
  nameAfterVerb,
  nameBeforeAware,
  nameAfterRole,
  ambiguousNameAfterRole,
  nameBeforeParenthesisedRole,
  twoCapitalisedAfterPreposition,
  patientIntroduction,
  standaloneDictionaryName,
] satisfies CueRule[]);

/** Place cues, tried in this order at each token (after the name cues have run over the chunk). */
const PLACE_RULES = indexRules([
  university,
  institutionName,
  saintsHospital,
  townShapeAfterCue,
  wardBeforeNumber,
  medicalCentreAcronym,
  capitalCity,
  wardAfterRoomNumber,
  hospitalAbbreviation,
  dictionaryPlace,
  placeAfterMovement,
  employer,
  placeAfterLocationCue,
  placeAfterIn,
] satisfies CueRule[]);

/** The recognizers run on each chunk, in order; what they find with a strong cue is then learnt. */
const CHUNK_RECOGNIZERS: readonly Recognizer[] = [
  {
    name: 'patterns',
    find(v, run) {
      v.patternSpans = findPatterns(v.text, v.base, run.years);
      // Tokens inside pattern matches (e.g. an email's user name) are not re-detected.
      markCovered(v, v.patternSpans);
    },
  },
  { name: 'site lists', find: (v, run) => findSiteEntries(v, run.siteNames, run.sitePlaces) },
  { name: 'name cues', find: (v) => scanRules(v, NAME_RULES) },
  { name: 'place cues', find: (v) => scanRules(v, PLACE_RULES) },
  { name: 'place suffixes', find: (v) => extendPlaces(v) },
  // A learned tagger is one more recognizer here: it reads the same token view and claims, with
  // `addToken`, tokens no rule has claimed; with a source in propagation's PROPAGATING set its
  // names would spread like those found with a cue.
];

/** The recognizers run once every chunk has been learnt from (they use the whole document's findings). */
const DOCUMENT_RECOGNIZERS: readonly Recognizer[] = [
  { name: 'names before phone numbers', find: (v) => namesBeforePhones(v) },
  { name: 'propagation', find: (v, run) => propagate(v, run.names, run.places) },
];

const CHUNK = 256 * 1024;

/** Split long text into chunks at line breaks. */
function chunks(text: string): Array<[number, number]> {
  if (text.length <= CHUNK) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  let s = 0;
  while (s < text.length) {
    let e = Math.min(text.length, s + CHUNK);
    if (e < text.length) {
      const nl = text.lastIndexOf('\n', e);
      if (nl > s + CHUNK / 2) e = nl + 1;
    }
    out.push([s, e]);
    s = e;
  }
  return out;
}

/**
 * Find the PHI in a text. Returns non-overlapping spans sorted by position.
 *
 * @example
 * detectPhi('Seen by Dr. Smith on 7/22.') // [{ type: 'NAME', text: 'Smith', ... }, { type: 'DATE', text: '7/22', ... }]
 */
export function detectPhi(text: string, options: DetectOptions = {}): PhiSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const d = dictionaries(options.nameLists);
  const run: DetectRun = {
    years: !!options.years,
    siteNames: siteIndex(options.extraNames),
    sitePlaces: siteIndex(options.extraLocations),
    names: options.memory?.names ?? new Set<string>(),
    places: options.memory?.places ?? new Set<string>(),
  };
  for (const n of options.knownNames ?? []) for (const w of n.toLowerCase().split(/[\s,]+/)) if (w.length >= 2) run.names.add(w);
  const views: TokenView[] = [];
  for (const [s, e] of chunks(text)) {
    const v = createTokenView(text.slice(s, e), s, d, run.siteNames.words);
    for (const r of CHUNK_RECOGNIZERS) r.find(v, run);
    learnFromCues(v, run.names, run.places);
    v.spans.push(...v.patternSpans);
    views.push(v);
  }
  const all: PhiSpan[] = [];
  for (const v of views) {
    for (const r of DOCUMENT_RECOGNIZERS) r.find(v, run);
    all.push(...v.spans);
  }
  let out = resolveOverlaps(all);
  if (options.types) {
    const keep = new Set(options.types);
    out = out.filter((s) => keep.has(s.type));
  }
  return out;
}

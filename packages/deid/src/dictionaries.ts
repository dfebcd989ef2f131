/**
 * The lookup sets the detector uses, built once from the data modules (and from names the user
 * imported with `galen deid import-names`, or handed in at run time as `NameLists`; both are gated
 * by word class in `name-lists.ts`).
 */
import { FIRST_NAMES, SURNAMES, AMBIGUOUS_NAMES } from './data/names';
import { IMPORTED_FIRST_NAMES, IMPORTED_SURNAMES, IMPORTED_NAME_GATE } from './data/imported-names';
import {
  US_STATES,
  US_STATE_CODES,
  CITIES,
  AMBIGUOUS_PLACES,
  INSTITUTION_WORDS,
  STREET_SUFFIXES,
  HOSPITAL_ABBREVIATIONS,
} from './data/locations';
import { CLINICAL_STOPLIST } from './data/clinical-stoplist';
import { COMMON_WORDS } from './data/common-words';
import { gateNameLists, type NameLists } from './name-lists';
import {
  EPONYM_HEADS,
  PRODUCT_NOUNS,
  DEPARTMENT_HEADS,
  NOT_INSTITUTION_AFTER,
  COUNTRIES,
  NATIONALITIES_AND_LANGUAGES,
  PLACE_SUFFIX_WORDS,
  HOSPITAL_AREAS,
} from './data/context-words';
// ~275,000 lower-case English words (MIT, https://github.com/words/an-array-of-english-words): a
// word found here that is not in the name lists is not taken as a name on shape alone.
import englishWords from 'an-array-of-english-words/index.json' with { type: 'json' };

export interface Dictionaries {
  firstNames: Set<string>;
  surnames: Set<string>;
  ambiguousNames: Set<string>;
  /** Single- and multi-word places, lower case, keyed by their first word. */
  places: Map<string, string[][]>;
  ambiguousPlaces: Set<string>;
  stateCodes: Set<string>;
  institutionWords: Map<string, string[][]>;
  streetSuffixes: Set<string>;
  hospitalAbbreviations: Set<string>;
  clinical: Set<string>;
  common: Set<string>;
  english: Set<string>;
  /** Nouns after an eponym used as an instrument, sign or technique ("Blake drain"). */
  eponymHeads: Set<string>;
  /** Nouns after a drug or product name ("in Sulfamylon solution"). */
  productNouns: Set<string>;
  /** Institution words that, after English words only, name a department ("Cardiology Clinic"). */
  departmentHeads: Set<string>;
  /** Words after "hospital" that make it a header or a generic noun ("HOSPITAL COURSE"). */
  notInstitutionAfter: Set<string>;
  /** Countries, nationalities and languages: not Safe Harbor geographic identifiers. */
  notPlaces: Set<string>;
  /** Generic second words of place names ("Mill", "Heights"). */
  placeSuffixes: Set<string>;
  /** Parts and services of a hospital ("Operating Room", "Recovery"). */
  hospitalAreas: Set<string>;
}

function keyed(list: readonly string[]): Map<string, string[][]> {
  const m = new Map<string, string[][]>();
  for (const entry of list) {
    const ws = entry.split(/\s+/);
    const k = ws[0]!;
    const arr = m.get(k) ?? [];
    arr.push(ws);
    m.set(k, arr);
  }
  for (const arr of m.values()) arr.sort((a, b) => b.length - a.length);
  return m;
}

let cached: Dictionaries | undefined;
const withLists = new WeakMap<NameLists, Dictionaries>();

/**
 * The shared dictionaries (built on first use). With `extra` name lists (e.g. the 1990 US Census
 * lists), a copy whose name sets also hold the gated extra names (built once per lists object).
 */
export function dictionaries(extra?: NameLists): Dictionaries {
  if (extra) {
    let d = withLists.get(extra);
    if (!d) withLists.set(extra, (d = addNameLists(dictionaries(), extra)));
    return d;
  }
  if (cached) return cached;
  const clinical = new Set(CLINICAL_STOPLIST);
  const common = new Set(COMMON_WORDS);
  const firstNames = new Set(FIRST_NAMES);
  const surnames = new Set(SURNAMES);
  const base: Dictionaries = {
    firstNames,
    surnames,
    ambiguousNames: new Set(AMBIGUOUS_NAMES),
    // States are not PHI under Safe Harbor (45 CFR 164.514(b)(2)(i)(B)); only smaller units are.
    places: keyed(CITIES),
    ambiguousPlaces: new Set(AMBIGUOUS_PLACES),
    stateCodes: new Set(US_STATE_CODES),
    institutionWords: keyed(INSTITUTION_WORDS),
    streetSuffixes: new Set(STREET_SUFFIXES),
    hospitalAbbreviations: new Set(HOSPITAL_ABBREVIATIONS),
    clinical,
    common,
    english: new Set(englishWords as string[]),
    eponymHeads: new Set(EPONYM_HEADS),
    productNouns: new Set(PRODUCT_NOUNS),
    departmentHeads: new Set(DEPARTMENT_HEADS),
    notInstitutionAfter: new Set(NOT_INSTITUTION_AFTER),
    notPlaces: new Set([...COUNTRIES, ...NATIONALITIES_AND_LANGUAGES]),
    placeSuffixes: new Set(PLACE_SUFFIX_WORDS),
    hospitalAreas: new Set(HOSPITAL_AREAS),
  };
  // Names a site imported with `galen deid import-names` (empty by default), gated like any list.
  cached =
    IMPORTED_FIRST_NAMES.length || IMPORTED_SURNAMES.length
      ? addNameLists(base, {
          firstNames: IMPORTED_FIRST_NAMES,
          surnames: IMPORTED_SURNAMES,
          source: 'imported',
          gate: IMPORTED_NAME_GATE,
        })
      : base;
  return cached;
}

/** A copy of `d` whose name sets also hold the gated names of `lists`. */
function addNameLists(d: Dictionaries, lists: NameLists): Dictionaries {
  const gated = gateNameLists(
    lists,
    {
      english: d.english,
      clinical: d.clinical,
      common: d.common,
      places: new Set([...d.places.keys(), ...US_STATES.map((x) => x.toLowerCase()), ...d.notPlaces]),
      knownFirst: d.firstNames,
      knownSurnames: d.surnames,
      knownAmbiguous: d.ambiguousNames,
    },
    lists.gate,
  );
  return {
    ...d,
    firstNames: new Set([...d.firstNames, ...gated.firstNames]),
    surnames: new Set([...d.surnames, ...gated.surnames]),
    ambiguousNames: new Set([...d.ambiguousNames, ...gated.ambiguous]),
  };
}

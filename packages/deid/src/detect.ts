/**
 * PHI detection: patterns (dates, phones, emails, ids, ...), context cues ("Dr.", "wife", ", RN",
 * "transferred from"), capitalisation and shape, and name/location dictionaries, followed by
 * propagation (a word found as a name once is a name everywhere in the same document).
 *
 * Every regular expression here has bounded repetition and no nested ambiguous quantifiers, so the
 * detector runs in linear time (a 20 MB input takes seconds, not hours). Long inputs are processed
 * in chunks split at line breaks.
 */
import type { PhiSpan, PhiType } from './types';
import { dictionaries, type Dictionaries } from './dictionaries';
import type { NameLists } from './name-lists';

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

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** First letter upper case, some lower case after it ("Smith"). */
  cap: boolean;
  /** All letters upper case. */
  upper: boolean;
}

const CHUNK = 256 * 1024;

// ---------------------------------------------------------------------------------------------
// Patterns

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MON_NUM = '(?:0?[1-9]|1[0-2])';
const ORD = '(?:st|nd|rd|th)?';

interface PatternRule {
  re: RegExp;
  type: PhiType;
  subtype?: string;
  source: string;
  /** Capture group holding the PHI (default: whole match). */
  group?: number;
  check?: (m: RegExpExecArray, text: string) => boolean;
}

const RULES: PatternRule[] = [
  { re: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}\b/g, type: 'EMAIL', source: 'email' },
  { re: /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'\])]{2,2000}/gi, type: 'URL', source: 'url' },
  {
    re: /(?<![\d/.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b(?![./]\d)/g,
    type: 'IP',
    source: 'ipv4',
  },
  { re: /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi, type: 'IP', source: 'ipv6' },
  { re: /\b\d{3}-\d{2}-\d{4}\b/g, type: 'SSN', source: 'ssn' },
  {
    re: /\b(?:ssn|social security(?: number| no\.?| #)?)\s{0,3}[:#]?\s{0,3}(\d{9}|\d{3}[ -]\d{2}[ -]\d{4})\b/gi,
    type: 'SSN',
    source: 'ssn-cue',
    group: 1,
  },
  // Phone numbers: (617) 555-1234, 617-555-1234, 617.555.1234, +1 617 555 1234, with extension.
  {
    re: /(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s{0,2}|\b\d{3}(?:[-./]\s?|\s))\d{3}(?:[-./]\s?|\s)\d{4}\b(?:\s{0,2}(?:x|ext\.?)\s{0,2}\d{1,6})?/gi,
    type: 'PHONE',
    source: 'phone',
  },
  // Unusual layouts: "202 2671093", "(240444-1243)", "(301 273 45166)".
  { re: /\b\d{3}\s\d{7}\b/g, type: 'PHONE', source: 'phone-loose' },
  { re: /\((?:\d[\s-]?){9,10}\d\)/g, type: 'PHONE', source: 'phone-loose' },
  // Seven-digit numbers and pagers need a cue.
  {
    re: /\b(?:phone|tel|telephone|cell|mobile|home|work|fax|pager|beeper|pgr|bpr|page|pg|call|contact|number|no|#)\s{0,3}(?:no\.?|number|is|at)?[\s:#]{0,5}(\d{3}-\d{4}|\d{4,7})\b/gi,
    type: 'PHONE',
    source: 'phone-cue',
    group: 1,
    check: (m) => /-/.test(m[1]!) || /^(?:pager|beeper|pgr|bpr|pg|fax|phone|tel|cell)/i.test(m[0]),
  },
  // Identifiers with a cue: MRN, account, licence, device, serial, insurance numbers.
  {
    re: /\b(?:mrn|mr#|mr no\.?|medical record(?: number| no\.?| #)?|acct|account(?: number| no\.?| #)?|unit no\.?|hospital no\.?|patient id|pt id|id#|member id|policy(?: number| no\.?)?|insurance(?: id| number)?|medicaid|medicare|licen[sc]e(?: number| no\.?| #)?|lic\.? #|dl#|dea|npi|serial(?: number| no\.?)?|device(?: id)?|vin|plate|certificate(?: number| no\.?)?|claim(?: number| no\.?)?)\s{0,3}[:#]?\s{0,3}(?:is\s|number\s|no\.?\s|#\s?)?\s{0,2}([A-Za-z]{0,4}[-]?\d[A-Za-z0-9-]{2,24})\b/gi,
    type: 'ID',
    source: 'id-cue',
    group: 1,
  },
  { re: /\b\d{8,}\b/g, type: 'ID', source: 'long-number' },
  // Dates. ISO first: 2187-03-04, 2187/03/04.
  {
    re: new RegExp(
      `\\b(?:1[89]|2[01])\\d\\d[-/.]${MON_NUM}[-/.]${DAY}(?:[T ]\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d{1,6})?)?(?:Z|[+-]\\d\\d:?\\d\\d)?)?\\b`,
      'g',
    ),
    type: 'DATE',
    source: 'date-iso',
  },
  // 3/4/87, 03-04-2187, 3.4.87
  {
    re: new RegExp(`\\b${MON_NUM}([-/.])${DAY}\\1(?:(?:1[89]|2[01])\\d\\d|\\d{2})\\b(?![%\\d/])`, 'g'),
    type: 'DATE',
    source: 'date-mdy',
    check: (m, text) =>
      !/^\s?%/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3)) &&
      !/\/$/.test(text.slice(Math.max(0, m.index - 1), m.index)) &&
      // "De-ID v.6.14.02", "version 2.1.10": a version number
      !/\bv(?:er|ersion)?\.?\s{0,2}$/i.test(text.slice(Math.max(0, m.index - 9), m.index)),
  },
  // 22/3/2187 (day first; only when the first part cannot be a month)
  {
    re: new RegExp(`\\b(?:1[3-9]|2\\d|3[01])([-/.])${MON_NUM}\\1(?:\\d{4}|\\d{2})\\b(?!\\s?%)`, 'g'),
    type: 'DATE',
    source: 'date-dmy',
  },
  // 7/22 (not a fraction or ratio in a longer number run, not a blood pressure)
  {
    re: new RegExp(`(?<![\\d/])(?<!\\d[.:-])${MON_NUM}/${DAY}(?![\\d/]|\\.\\d)`, 'g'),
    type: 'DATE',
    source: 'date-md',
    check: (m, text) => {
      // "1/2 NS", "1/2 tab", "3/4 strength": a fraction followed by a quantity word.
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
      if (
        /^\s{0,2}(?:ns|tab|tabs|strength|str|of|cup|teaspoon|tsp|amp|amps|bag|dose|liter|l\b|inch|assist|max|mod|min)/.test(after)
      )
        return false;
      const [num, den] = m[0].split('/').map(Number) as [number, number];
      const fraction = [2, 3, 4, 8].includes(den) && num < den;
      if (
        /^\s{0,2}(?:%|ps\b|peep|psv|cpap|fio2|x\b|up\b|way|hours?\b|hrs?\b|u\b|units?\b|rt\b|lt\b|l>r|r>l|fick|angina|pain)/.test(
          after,
        )
      )
        return false;
      if (fraction && /^\s{0,2}-\s?\d\/[2348]\b/.test(after)) return false;
      const [n1, n2] = m[0].split('/').map(Number) as [number, number];
      // "3/10", "6/10 CP", "rating 5/10": pain and severity scores out of ten
      if (n2 === 10 && n1 <= 10) {
        const around = text.slice(Math.max(0, m.index - 22), m.index + m[0].length + 14).toLowerCase();
        if (
          /pain|cp\b|ha\b|h\/a|headache|scale|rat(?:ed|es|ing)|score|discomfort|ache|severity|level|\bc\/o|denies|sore/.test(
            around,
          )
        )
          return false;
      }
      if (/^\s{0,2}(?:pain|cp\b|scale|on (?:the )?(?:pain|scale))/.test(after)) return false;
      if (isGradeOrFraction(n1, n2, text, m.index, m.index + m[0].length)) return false;
      // ventilator settings near a mode word: "PSV of 10/5", "ON 10/5 BIPAP", "simv 900 10/25"
      const wide = text.slice(Math.max(0, m.index - 14), m.index + m[0].length + 10).toLowerCase();
      if (
        n1 <= 30 &&
        n2 <= 25 &&
        !/\b(?:placed|since|started|done|inserted|extubated|intubated|admitted|dated?|until|trached|trach'd)\s{0,2}$/i.test(
          text.slice(Math.max(0, m.index - 14), m.index),
        ) &&
        /\b(?:psv?|peep|cpap|bipap|bi-pap|simv|imv|ipap|epap|vent|ac|a\/c|prvc|aprv|pressure support|mode|tv|vt|fio2)\b/.test(
          wide,
        )
      )
        return false;
      if (
        n1 > n2 &&
        n2 <= 10 &&
        /\b(?:psv?|peep|cpap|bipap|bi-pap|ipap|epap|pressure support)\b/.test(
          text.slice(Math.max(0, m.index - 40), m.index).toLowerCase(),
        )
      )
        return false;
      const before = text.slice(Math.max(0, m.index - 16), m.index).toLowerCase();
      if (
        /(?:\bx|rr|gcs|grade|stage|ratio|score|ps|psv|peep|cpap|bipap|bi-pap|ipap|epap|vent|settings|simv|imv|ac|pc|tv|d5|d5w|ns|strength|&|\/|flowby|rales|crackles|cx|cxs|bl|bilat|ci|drop|severe|%)[\s,(:]{0,3}$/.test(
          before,
        )
      )
        return false;
      if (fraction && /(?:^|[^\d/])[1-9]\s$/.test(before)) return false;
      // "rales up 1/4", "about 1/2": a fraction after a word of amount
      if (fraction && /(?:\bup|\bdown|about|approx|~|only|over|under)\s{0,2}$/.test(before)) return false;
      // "5/5" motor strength and other equal pairs are scores more often than dates
      const [a, b] = m[0].split('/');
      if (a === b && Number(a) <= 5) return false;
      return true;
    },
  },
  // 7/81, 6/1985 (month/year: the second part cannot be a day)
  {
    re: new RegExp(`(?<![\\d/.:'-])${MON_NUM}/(\\d{4}|\\d{2})(?![\\d/]|\\.\\d)`, 'g'),
    type: 'DATE',
    source: 'date-my',
    check: (m, text) => {
      const y = m[1]!;
      // "Vytorin 10/40 mg": a combination drug strength
      if (/^\s{0,2}(?:mg|mcg|units?|ml)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return false;
      if (y.length === 4) return /^(?:1[89]|2[01])/.test(y);
      return Number(y) > 31;
    },
  },
  // 22-Jul, 22 July 2187, 22nd of July
  {
    re: new RegExp(`\\b${DAY}${ORD}[-\\s](?:of\\s)?${MONTH}\\.?(?:[-\\s,]{1,3}(?:\\d{4}|'?\\d{2})(?!\\d))?\\b`, 'gi'),
    type: 'DATE',
    source: 'date-dmon',
  },
  // July 22nd, Jul 22, 2187, Jul. 22
  {
    re: new RegExp(`\\b${MONTH}\\.?[-\\s]{1,2}${DAY}${ORD}(?!\\d)(?:,?\\s{0,2}(?:\\d{4}|'\\d{2})(?!\\d))?\\b`, 'gi'),
    type: 'DATE',
    source: 'date-mond',
    check: (m, text) => monthWordOk(m[0], text.slice(m.index + m[0].length, m.index + m[0].length + 10)),
  },
  // July 2187, Jul-87
  {
    re: new RegExp(`\\b${MONTH}\\.?(?:,?\\s{1,2}|-)(?:(?:1[89]|2[01])\\d\\d|'\\d\\d)(?!\\d)`, 'gi'),
    type: 'DATE',
    source: 'date-mony',
    check: (m) => !/^may\s/i.test(m[0]) || /^May/.test(m[0]),
  },
  // A month on its own after a cue: "in Sept.", "since November".
  {
    re: /\b(?:in|since|during|until|last|early|late|mid|of|by|before|after)\s{1,2}(jan(?:uary)?|feb(?:ruary)?|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/gi,
    type: 'DATE',
    source: 'date-month',
    group: 1,
  },
  // Holidays name a date.
  {
    re: /\b(?:christmas(?: eve| day)?|thanksgiving|new year'?s(?: eve| day)?|easter|independence day|labor day|memorial day|halloween|valentine'?s day)\b/gi,
    type: 'DATE',
    source: 'holiday',
  },
  // Ages over 89.
  {
    re: /\b(9\d|1[01]\d|12[0-5])\s{0,2}(?:-\s?)?(?:y\.?\s?o\.?|yo|y\/o|yrs?\.?(?:[\s-]{1,2}old)?|years?(?:[\s-]{1,2}old)?|year-old|yr-old|-year-old|years? of age)(?![a-z])/gi,
    type: 'AGE',
    source: 'age',
    group: 1,
  },
  { re: /\b(?:age[ds]?|aged)\s{0,2}[:=]?\s{0,2}(9\d|1[01]\d|12[0-5])\b/gi, type: 'AGE', source: 'age-cue', group: 1 },
  {
    re: /\b(9\d|1[01]\d)\s?(?:m|f|yom|yof|y\.o\.m|y\.o\.f)\b/g,
    type: 'AGE',
    source: 'age-sex',
    group: 1,
    // "Tc-99m", "Technetium 99m" (an isotope), "0.95 m/sec", "99 F" after a temperature word
    check: (m, text) =>
      !/[.\d-]$|\b(?:tc|technetium|temp|temperature|tmax|t|fever|febrile)\s{0,2}-?\s{0,2}$/i.test(
        text.slice(Math.max(0, m.index - 14), m.index),
      ) && !/^\s?[/]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2)),
  },
  // Street addresses: "123 Main Street", "45 N. Elm Ave".
  {
    re: /\b\d{1,6}\s{1,2}(?:[NSEW]\.?\s)?(?:[A-Z][A-Za-z'-]{1,30}\s{1,2}){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Square|Sq|Trail|Turnpike|STREET|ST|AVENUE|AVE|ROAD|RD|DRIVE|LANE|COURT)\b\.?(?:,?\s{0,2}(?:apt|apartment|unit|suite|ste|#)\.?\s{0,2}#?\s{0,2}[A-Za-z0-9-]{1,8})?/g,
    type: 'LOCATION',
    subtype: 'street',
    source: 'street',
    check: (m) => {
      if (/^\d+\s+(?:mg|mcg|ml|cc|units?|tabs?)\b/i.test(m[0])) return false;
      // In upper-case text "ST" is a rhythm or an ST segment: only full street words count.
      if (m[0] === m[0].toUpperCase()) return /\b(?:STREET|AVENUE|ROAD|DRIVE|LANE|COURT|BOULEVARD)\b/.test(m[0]);
      return true;
    },
  },
  { re: /\b(?:P\.?\s?O\.?\s?Box|Post Office Box)\s{0,2}\d{1,8}\b/gi, type: 'LOCATION', subtype: 'street', source: 'po-box' },
  // ZIP after a state: "MA 02115", "Maryland 21201-1234"; or with a cue.
  {
    re: /\b[A-Z]{2},?\s{1,2}(\d{5}(?:-\d{4})?)\b/g,
    type: 'ZIP',
    source: 'zip-state',
    group: 1,
    check: (m) => dictionaries().stateCodes.has(m[0].slice(0, 2).toLowerCase()),
  },
  {
    re: /\b(?:zip|zip code|postal code|zipcode)\s{0,2}[:#]?\s{0,2}(\d{5}(?:-\d{4})?)\b/gi,
    type: 'ZIP',
    source: 'zip-cue',
    group: 1,
  },
];

/**
 * Grades, scores and fractions written like a month/day: murmur grades ("2/6 systolic murmur"),
 * pulses and reflexes out of four ("+2/4", "pulses are 2/4"), muscle strength out of five ("hip
 * flexion 3/5", "4/5 bilaterally"), ordinal fractions ("1/8th inch", "40 and 3/7th weeks"), mixed
 * numbers ("10 and 4/12"), counts ("8/12 cores", "2/3 recall", "1/5 lymph nodes") and test scores
 * ("score of 12/16", "scored 10/11").
 */
function isGradeOrFraction(n1: number, n2: number, text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 30).toLowerCase();
  const before = text.slice(Math.max(0, start - 40), start).toLowerCase();
  const near = before.slice(-24) + ' ' + after.slice(0, 24);
  if (/(?:\b(?:scored?|score of|total of|pupils?|ratio of|rated?|rates|rating|rated (?:him|her)self)|=)\s{0,2}$/.test(before))
    return true;
  if (n1 > n2) return false;
  if (/^(?:th|rd|nd|st)\b/.test(after)) return true;
  if (/\d\s?(?:and|-and-|&)\s?$/.test(before) || /\d-and-$/.test(before)) return true;
  if (
    /^["”]|^\s?-?\s?(?:inch|inches|mile|miles|pound|pounds|lb|lbs|cores?|nodes?|lymph|recall|objects?|words?|mixture|dilution|for (?:gait|balance)|in (?:the )?\w+ domain|domain|positive|of the|correct|trials?|items?)/.test(
      after,
    )
  )
    return true;
  if (
    n2 === 6 &&
    (/^\s{0,2}(?:[a-z-]{1,14}\s{1,2}){0,2}(?:murmur|systolic|diastolic|holosystolic|sem\b|rub\b|ejection|blowing)/.test(after) ||
      /(?:grade|murmur|sem)\s{0,2}(?:of\s{1,2})?$/.test(before))
  )
    return true;
  if (
    n2 === 4 &&
    (/\+\s?$/.test(before) ||
      /pulses?|reflex|dtrs?\b|tonsils?|edema|pitting|bowel|bs\b|dp\b|pt\b|radial|femoral|pedal/.test(near))
  )
    return true;
  if (
    n2 === 5 &&
    /strength|motor|flexion|extension|flexors?|extensors?|abduct|adduct|grip|power|bilat|proximal|distal|dorsiflex|plantar|deltoid|biceps|triceps|quadriceps|quads|hamstring|muscle|\bue\b|\ble\b|\brue\b|\blue\b|\brle\b|\blle\b|throughout|weakness/.test(
      near,
    )
  )
    return true;
  return false;
}

function monthWordOk(match: string, after: string): boolean {
  // "may 2 units", "mar 5 mg": the modal verb or the abbreviation of a medication record.
  if (/^(?:may|mar)\b/i.test(match) && /^\s{0,2}(?:mg|mcg|ml|units?|tabs?|times|x|hours?|hrs?|days?|min|%)/i.test(after))
    return false;
  if (/^may\s/.test(match)) return false; // lower-case "may 3": a verb far more often than a date
  return true;
}

// Four-digit years: 1992, and two-digit ones with a cue: '92, in 92, since 95.
const YEAR4 = /\b(?:1[89]|20)\d\d\b/g;
const YEAR2 = /(?:(?<![\d'])'(\d\d)\b(?!\s{0,2}(?:s\b|%))|\b[A-Za-z]{2,20}\.?\s{1,2}(\d\d)'(?![sS\w]))/g;
/** Diagnoses and procedures that are followed by the year they happened ("CABG 1957"). */
const YEAR_AFTER_DX = /\b(?:MI|CABG|CVA|PTCA|AVR|MVR|TURP|NQWMI|IMI|AMI|TIA|DVT|CHF|DX|S\/P|CA)\s{1,2}(\d\d)\b(?![\d/%']|\.\d)/gi;
/** A two-digit year before a procedure in a history: "09 PTCA to LCX", "13 stent to LCX". */
const YEAR_BEFORE_PROC = /(?<![\d.,/:'-])\b(\d\d)\s{1,2}(?=(?:PTCA|PCI|CABG|stents?|MI|NQWMI|IMI|AMI|CVA|AVR|MVR|TURP|cath)\b)/gi;
const YEAR_CUE =
  /\b(?:mi|nstemi|stemi|nqwmi|cva|cabg|ptca|pci|avr|mvr|turp|chf|dx|dx'd|s\/p|hx|h\/o|surgery|repair|removed|stent|tia|copd|ca|cancer|dm|htn|pe|dvt|afib|born|since|in|year|yr|of|until)\s{0,2}[,:]?\s{0,2}$/i;

// ---------------------------------------------------------------------------------------------
// Name and location cues

const TITLES = new Set([
  'dr',
  'doctor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mister',
  'prof',
  'professor',
  'drs',
  'mssrs',
  'rev',
  'father',
  'sister',
]);
const CREDENTIALS = new Set([
  'rn',
  'md',
  'np',
  'rrt',
  'lpn',
  'cna',
  'phd',
  'msw',
  'licsw',
  'lcsw',
  'rph',
  'pharmd',
  'crna',
  'fnp',
  'anp',
  'bsn',
  'msn',
  'rnc',
  'ccrn',
  'aprn',
  'cnm',
  'dnp',
  'mph',
  'facp',
  'facs',
  'rt',
  'pa-c',
  'pac',
  'dds',
  'dmd',
  'sn',
  'snr',
]);
/** Credentials too ambiguous to use without a comma before them ("called pt", "to PA"). */
const WEAK_CREDENTIALS = new Set(['pa', 'ot', 'do', 'rd', 'slp', 'ms', 'ma']);
const RELATIONS = new Set([
  'wife',
  'husband',
  'son',
  'daughter',
  'mother',
  'mom',
  'father',
  'dad',
  'brother',
  'sister',
  'niece',
  'nephew',
  'grandson',
  'granddaughter',
  'grandaughter',
  'grandchild',
  'granddaughters',
  'grandsons',
  'aunt',
  'uncle',
  'cousin',
  'friend',
  'fiance',
  'fiancee',
  'partner',
  'boyfriend',
  'girlfriend',
  'proxy',
  'hcp',
  'sister-in-law',
  'brother-in-law',
  'daughter-in-law',
  'son-in-law',
  'mother-in-law',
  'father-in-law',
  'neighbor',
  'neighbour',
  'stepson',
  'stepdaughter',
  'sons',
  'daughters',
  'sisters',
  'brothers',
  'spouse',
  'guardian',
  'caregiver',
  'roommate',
  'companion',
  'dtr',
  'hus',
  'bro',
  'sis',
  'gf',
  'bf',
]);
const ROLES = new Set([
  'caseworker',
  'case-worker',
  'cm',
  'sw',
  'msw',
  'rabbi',
  'chaplain',
  'pastor',
  'priest',
  'reverend',
  'rev',
  'nurse',
  'resident',
  'attending',
  'intern',
  'fellow',
  'pcp',
  'cardiologist',
  'surgeon',
  'neurologist',
  'oncologist',
  'therapist',
  'pharmacist',
  'nutritionist',
  'dietitian',
  'physician',
  'hospitalist',
  'intensivist',
  'np',
  'coordinator',
  'interpreter',
  'translator',
  'md',
  'ho',
]);
const STRONG_NAME_VERBS = new Set(['paged', 'notified', 'informed', 'contacted', 'named', 'pcp', 'attending', 'resident']);
/** Words after which a name follows: "spoke with", "per", "seen by", "name is". */
const NAME_VERBS = new Set([
  'per',
  'with',
  'by',
  'paged',
  'notified',
  'informed',
  'called',
  'contacted',
  'named',
  'name',
  'aware',
  'attending',
  'resident',
  'intern',
  'fellow',
  'nurse',
  'np',
  'pa',
  'md',
  'is',
  'and',
  'to',
  'w/',
  'c/w',
  'd/w',
  'pcp',
]);
const LOCATION_CUES =
  /\b(?:transferred|transfered|transfer|trans|xfer|xferred|admitted|adm|sent|seen|lives|living|lived|resides|resident|home|moved|flying|flew|flown|drove|driving|discharged|dc'd|d\/c'd|dispo|returned|return|visiting|came|arrived|brought)\s(?:to|from|at|in|of|back to|back from|over from|in from|up from|down from)\s{1,2}$/i;
const CUE_PREPOSITIONS = new Set(['to', 'from', 'at', 'in', 'of']);
/** Species names after a genus initial ("E. coli", "S. aureus"): not a name after an initial. */
const SPECIES = new Set(
  'coli aureus epidermidis diff difficile aeruginosa pneumoniae pneumonia influenzae fragilis albicans glabrata marcescens cloacae baumannii jirovecii carinii mirabilis viridans maltophilia cepacia faecalis faecium pyogenes agalactiae lugdunensis aerogenes oxytoca typhi enteritidis jejuni pylori gonorrhoeae trachomatis pallidum tuberculosis avium catarrhalis meningitidis monocytogenes perfringens botulinum tetani acnes krusei parapsilosis tropicalis fumigatus neoformans vulgaris cereus anthracis burgdorferi'.split(
    ' ',
  ),
);
const WEAK_LOCATION_CUES = /\b(?:from|to|at|in|near|of)\s{1,2}$/i;
/** Institution words that name a hospital even after ordinary English words ("Holy Cross Hospital"). */
const STRONG_INSTITUTION = new Set(['hospital', 'hosp', 'medical', 'med', 'memorial', 'infirmary', 'hospice']);
const PLACE_SHAPE =
  /(?:ville|town|burg|burgh|boro|borough|field|ford|wood|dale|port|mouth|bury|chester|ington|minster|haven|mont|shire)$/;
const STATE_NAMES = new Set([
  'maryland',
  'massachusetts',
  'virginia',
  'pennsylvania',
  'delaware',
  'connecticut',
  'vermont',
  'maine',
  'michigan',
  'minnesota',
  'wisconsin',
  'iowa',
  'illinois',
  'indiana',
  'ohio',
  'kentucky',
  'tennessee',
  'alabama',
  'georgia',
  'florida',
  'texas',
  'california',
  'oregon',
  'washington',
  'colorado',
  'utah',
  'arizona',
  'nevada',
  'kansas',
  'nebraska',
  'missouri',
  'arkansas',
  'louisiana',
  'mississippi',
  'oklahoma',
  'idaho',
  'montana',
  'wyoming',
  'alaska',
  'hawaii',
  'md',
  'ma',
  'pa',
  'va',
  'ny',
  'nj',
]);
const GENERIC_INSTITUTION_PREFIX = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'outside',
  'another',
  'other',
  'same',
  'local',
  'community',
  'state',
  'private',
  'psychiatric',
  'psych',
  'rehab',
  'nursing',
  'his',
  'her',
  'their',
  'our',
  'your',
  'osh',
  'referring',
  'home',
  'teaching',
  'general',
  'city',
  'county',
  'veterans',
  'childrens',
  "children's",
  'university',
  'medical',
  'acute',
  'chronic',
  'long',
  'term',
  'care',
  'day',
  'new',
  'old',
  'previous',
  'prior',
  'any',
  'each',
  'every',
  'which',
  'what',
  'some',
  'one',
  'two',
  'to',
  'from',
  'at',
  'in',
  'of',
  'and',
  'or',
  'for',
  'by',
  'with',
  'on',
  'into',
  'via',
  'nearby',
  'regional',
  'area',
  'main',
  'public',
]);

function tokenize(text: string, base: number): Token[] {
  const out: Token[] = [];
  const re = /[A-Za-z][A-Za-z']{0,40}(?:-[A-Za-z]{1,40}){0,3}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let t = m[0];
    if (m.index > 0 && /\d/.test(text[m.index - 1]!)) continue;
    // "Smith's" -> "Smith"
    if (t.endsWith("'s") || t.endsWith("'S")) t = t.slice(0, -2);
    if (t.endsWith("'")) t = t.slice(0, -1);
    if (!t) continue;
    const lower = t.toLowerCase();
    // "DAUGHTER-KRISSY", "son Rob-who", "GIVEN CARAFATE-W": a cue word or a common word glued to a
    // word by a hyphen is two tokens ("dtr-in-law" and "Smith-Jones" stay whole).
    const parts = lower.split('-');
    if (
      parts.length === 2 &&
      !/-in-law$/.test(lower) &&
      (RELATIONS.has(parts[0]!) ||
        ROLES.has(parts[0]!) ||
        TITLES.has(parts[0]!) ||
        SPLIT_AFTER.has(parts[1]!) ||
        // "SOCIAL-daughter Lou", "FAMILY-wife": a section word glued to a cue word
        RELATIONS.has(parts[1]!) ||
        TITLES.has(parts[1]!) ||
        dictionaries().clinical.has(parts[0]!))
    ) {
      let off = 0;
      for (const part of t.split('-')) {
        if (part) pushToken(out, base + m.index + off, part);
        off += part.length + 1;
      }
      continue;
    }
    pushToken(out, base + m.index, t);
  }
  return out;
}

/** Second halves of hyphenated tokens that are words of the sentence, not of a name. */
const SPLIT_AFTER = new Set([
  'who',
  'was',
  'is',
  'will',
  'aware',
  'called',
  'notified',
  'in',
  'at',
  'here',
  'and',
  'to',
  'says',
  'states',
  'pager',
  'cell',
  'home',
  'phone',
]);

function pushToken(out: Token[], start: number, t: string): void {
  const lower = t.toLowerCase();
  const upper = t === t.toUpperCase();
  out.push({ start, end: start + t.length, text: t, lower, upper, cap: !upper && /^[A-Z]/.test(t) });
}

interface Ctx {
  text: string;
  base: number;
  tokens: Token[];
  caps: boolean;
  d: Dictionaries;
  spans: PhiSpan[];
  /** Token index → already a name or place. */
  marked: Set<number>;
  /** Token indexes marked as names. */
  nameTokens: Set<number>;
  extraNames: Set<string>;
}

/** The characters between two tokens. */
function gap(ctx: Ctx, a: Token, b: Token): string {
  return ctx.text.slice(a.end - ctx.base, b.start - ctx.base);
}

function isInitial(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || t.text.length !== 1 || !/[A-Za-z]/.test(t.text)) return false;
  if (/[\d/'.<>=]/.test(ctx.text[t.start - ctx.base - 1] ?? '')) return false;
  // "O.R.", "R.N.": letters of an abbreviation are not initials
  if (ctx.text[t.end - ctx.base] === '.' && /[A-Za-z]/.test(ctx.text[t.end - ctx.base + 1] ?? '')) return false;
  const next = ctx.text[t.end - ctx.base];
  return next === '.' || (t.upper && !ctx.caps);
}

/** Could this token be (part of) a name? `strong` cues may override the clinical stoplist. */
function nameLike(ctx: Ctx, i: number, strong: boolean): boolean {
  const t = ctx.tokens[i];
  if (!t) return false;
  if (isInitial(ctx, i)) return true;
  if (t.text.length < 2) return false;
  if (ctx.d.common.has(t.lower)) return false;
  if (TITLES.has(t.lower) || CREDENTIALS.has(t.lower) || RELATIONS.has(t.lower)) return false;
  // "pulmonologist", "psychiatrist", "physician": specialists, not names
  if (/(?:ologists?|iatrists?|icians?)$/.test(t.lower)) return false;
  // "CALLED-PT", "co-signature": a hyphenated word with an English part is not a name
  if (
    t.lower.includes('-') &&
    t.lower
      .split('-')
      .some((p) => ctx.d.common.has(p) || (ctx.d.english.has(p) && !ctx.d.surnames.has(p) && !ctx.d.firstNames.has(p)))
  )
    return false;
  if (!strong && ctx.d.clinical.has(t.lower)) return false;
  if (!strong && ctx.d.english.has(t.lower) && !isDictName(ctx, t)) return false;
  if (strong && ctx.d.clinical.has(t.lower) && !isDictName(ctx, t) && !t.cap) {
    // After "Dr." a clinical word is still a name when it looks like one (mixed case) or is a known surname.
    return ctx.d.surnames.has(t.lower) || t.lower.length > 3;
  }
  // In mixed-case text a lower-case word is not a name unless a strong cue says so.
  if (!ctx.caps && !t.cap && !t.upper && !strong && !isDictName(ctx, t)) return false;
  return true;
}

function isDictName(ctx: Ctx, t: Token): boolean {
  return ctx.d.firstNames.has(t.lower) || ctx.d.surnames.has(t.lower) || ctx.extraNames.has(t.lower);
}

/** A dictionary name that counts on its own, without a cue. */
function isStandaloneName(ctx: Ctx, t: Token): boolean {
  if (!isDictName(ctx, t)) return false;
  if (ctx.d.ambiguousNames.has(t.lower) || ctx.d.common.has(t.lower) || ctx.d.clinical.has(t.lower)) return false;
  if (t.text.length < 3) return false;
  // "lives in Georgia", "Seattle, Washington", "North Carolina": a state, not a person (and states
  // are not Safe Harbor identifiers)
  if (
    (STATE_NAMES.has(t.lower) || /^(?:carolina|dakota|hampshire)$/.test(t.lower)) &&
    t.lower.length > 2 &&
    /(?:\b(?:in|from|to|of|north|south|west|new)\s{1,2}|,\s{0,2})$/i.test(before(ctx, t, 8))
  )
    return false;
  // "ANA", "LEE" in a mixed-case note: an upper-case word of four letters or fewer is an acronym
  if (!ctx.caps && t.upper && t.text.length <= 4) return false;
  // In mixed-case text a lower-case dictionary word ("mark", "bill") is usually not a name.
  if (!ctx.caps && !t.cap && !t.upper) return false;
  return true;
}

/** A word of name shape that no dictionary knows: not English, clinical, common or a cue word. */
function isUnknownWord(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || t.text.length < 4 || t.text.includes('-') || t.text.includes("'")) return false;
  const { d } = ctx;
  if (d.english.has(t.lower) || d.clinical.has(t.lower) || d.common.has(t.lower)) return false;
  if (CREDENTIALS.has(t.lower) || ROLES.has(t.lower) || RELATIONS.has(t.lower) || TITLES.has(t.lower)) return false;
  if (d.places.has(t.lower) || d.hospitalAbbreviations.has(t.lower) || d.notPlaces.has(t.lower)) return false;
  // abbreviations: fewer than two vowels ("PCWP", "NSGY")
  if ((t.lower.match(/[aeiouy]/g) ?? []).length < 2) return false;
  return !/\d/.test(ctx.text[t.end - ctx.base] ?? '');
}

/**
 * An eponym used as an instrument, device, sign or technique, not a person or place: "Blake drain",
 * "Bard Parker blade", "#10 Blake", "12-French Robinson", "Cooper's ligament", "Toronto valve",
 * "Boston Scientific"; or an author cited with "et al".
 */
const EPONYM_ADJECTIVES =
  /^(?:round|straight|curved|red|rubber|head|metal|soft|large|small|fine|long|short|double|single|angled|[a-z]{3,}(?:al|ar|ic|ous|ine|less))$/;

function isEponymUse(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t) return false;
  const pre = before(ctx, t, 10);
  // "#10 Blake", "18-French", "12 French Robinson", "14 Fr Robinson"
  if (/#\s?\d{1,3}\s{0,2}-?\s{0,2}$|\d-\s?$/.test(pre)) return true;
  if (/^(?:french|fr)$/.test(t.lower) && /\d\s{0,2}-?\s{0,2}$/.test(pre)) return true;
  if (/(?:\d\s{0,2}-?\s{0,2})(?:french|fr\.?)\s{1,2}$/i.test(before(ctx, t, 16))) return true;
  // "circle of Willis", "loop of Henle", "islets of Langerhans"
  if (/\b(?:circle|loop|loops|islets?|canal|ligament|duct|triangle|space|pouch|sign|triad) of\s{1,2}$/i.test(before(ctx, t, 16)))
    return true;
  const rest = ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 12);
  if (/^(?:'s)?,?\s{0,2}et\.?\s{0,2}al\b/i.test(rest)) return true;
  for (let k = i + 1; k <= i + 3; k++) {
    const nx = ctx.tokens[k];
    if (!nx) break;
    const g = gap(ctx, ctx.tokens[k - 1]!, nx);
    if (!/^(?:'s?)?\s{1,2}$|^-$/i.test(g)) break;
    if (ctx.d.eponymHeads.has(nx.lower)) return true;
    // eponym words, letters, brand words or describing adjectives between: "Bard Parker blade",
    // "Montgomery T tube", "Kennedy Merocel sponges", "Jordan round knife", "Doyle nasal splints"
    const between =
      isDictName(ctx, nx) ||
      nx.text.length === 1 ||
      (!ctx.d.english.has(nx.lower) && !ctx.d.common.has(nx.lower)) ||
      EPONYM_ADJECTIVES.test(nx.lower);
    if (!between || k === i + 3) break;
  }
  return false;
}

function addToken(ctx: Ctx, i: number, type: PhiType, source: string, subtype?: string): void {
  const t = ctx.tokens[i];
  if (!t || ctx.marked.has(i)) return;
  ctx.marked.add(i);
  if (type === 'NAME') ctx.nameTokens.add(i);
  ctx.spans.push({ start: t.start, end: t.end, type, text: t.text, source, ...(subtype ? { subtype } : {}) });
}

/** Extend a name to neighbouring initials and name-like words ("Jean Hudson", "Anthony C. Kozicki"). */
function extendName(ctx: Ctx, i: number, source: string, subtype: string | undefined): void {
  const { tokens } = ctx;
  for (const dir of [1, -1] as const) {
    let j = i;
    for (let steps = 0; steps < 3; steps++) {
      const a = tokens[dir === 1 ? j : j - 1];
      const b = tokens[dir === 1 ? j + 1 : j];
      if (!a || !b) break;
      const g = gap(ctx, a, b);
      if (!/^(?:\.?\s{1,3}|\s{0,2}-\s{0,2}|\.)$/.test(g) || /\n/.test(g)) break;
      const k = dir === 1 ? j + 1 : j - 1;
      const t = tokens[k]!;
      if (g.includes('.') && !isInitial(ctx, dir === 1 ? j : k)) break;
      if (ctx.marked.has(k)) {
        j = k;
        continue;
      }
      // "Instructed Ben", "Pericardial Blake": a name found by the dictionary alone does not take in
      // an English word before it
      // (likewise for a site-list name, also found without a cue)
      const cueless = source === 'dictionary' || source === 'site-list';
      if (cueless && dir === -1 && ctx.d.english.has(t.lower) && !isDictName(ctx, t)) break;
      if (cueless && isEponymUse(ctx, k)) break;
      // "<X> Hosp", "<X> Clinic": a name does not take in the institution word after it
      if (dir === 1 && ctx.d.institutionWords.has(t.lower) && !isDictName(ctx, t)) break;
      let ok = false;
      if (isInitial(ctx, k)) ok = !ctx.caps || ctx.text[t.end - ctx.base] === '.';
      else if (
        // "Dr B. Gill", "per B. KARGAS": a word after an initial of a found name is the surname
        dir === 1 &&
        isInitial(ctx, j) &&
        ctx.text[tokens[j]!.end - ctx.base] === '.' &&
        t.text.length >= 3 &&
        !ctx.d.common.has(t.lower) &&
        (!ctx.d.clinical.has(t.lower) || isDictName(ctx, t)) &&
        !SPECIES.has(t.lower) &&
        !CREDENTIALS.has(t.lower) &&
        !ROLES.has(t.lower) &&
        !RELATIONS.has(t.lower) &&
        (ctx.caps || t.cap || t.upper)
      )
        ok = true;
      else if (isStandaloneName(ctx, t)) ok = true;
      else if (
        !ctx.caps &&
        t.cap &&
        nameLike(ctx, k, true) &&
        (!ctx.d.clinical.has(t.lower) || (dir === 1 && ctx.d.firstNames.has(tokens[j]!.lower)))
      )
        ok = true;
      else if (ctx.caps && nameLike(ctx, k, false) && (isDictName(ctx, tokens[i]!) || isInitial(ctx, i)) && dir === 1) ok = true;
      // "dr. john bowman", "wife, Janet logan is here": a surname after a first name found with a cue
      else if (
        dir === 1 &&
        /^(?:title|relation|role|credential)/.test(source) &&
        ctx.d.firstNames.has(tokens[j]!.lower) &&
        /^\s$/.test(g) &&
        t.text.length >= 4 &&
        !ctx.d.common.has(t.lower) &&
        !ctx.d.clinical.has(t.lower) &&
        !/(?:ed|ing|ly|s)$/.test(t.lower) &&
        !CREDENTIALS.has(t.lower) &&
        !ROLES.has(t.lower) &&
        !RELATIONS.has(t.lower) &&
        !ctx.d.places.has(t.lower) &&
        // "daughter sarah spent the night": a verb, when an article or preposition follows
        !(
          ctx.d.english.has(t.lower) &&
          /^(?:the|a|an|to|with|at|in|on|for|of|that|this|his|her|him|me|us|them|it|up|out|over|by)$/.test(
            tokens[k + 1]?.lower ?? '',
          )
        )
      )
        ok = true;
      // "CONTACT PERSON CAROLE HAYES": a dictionary first name before a found surname
      else if (
        ctx.caps &&
        dir === -1 &&
        ctx.d.firstNames.has(t.lower) &&
        !ctx.d.common.has(t.lower) &&
        !ctx.d.clinical.has(t.lower) &&
        t.text.length >= 3
      )
        ok = true;
      // a capitalised word in an all-lower-case note stands out: "... 4:30am. Carole Hayes, RN"
      else if (
        ctx.caps &&
        t.cap &&
        !tokens[i]!.upper &&
        nameLike(ctx, k, true) &&
        (!ctx.d.clinical.has(t.lower) || (isDictName(ctx, t) && dir === 1 && ctx.d.firstNames.has(tokens[j]!.lower)))
      )
        ok = true;
      else if (
        ctx.caps &&
        dir === 1 &&
        t.text.length >= 3 &&
        !t.text.includes('-') &&
        !ctx.d.english.has(t.lower) &&
        !ctx.d.clinical.has(t.lower) &&
        !ctx.d.common.has(t.lower) &&
        !CREDENTIALS.has(t.lower) &&
        !ROLES.has(t.lower)
      )
        ok = true;
      else if (
        dir === 1 &&
        ctx.d.firstNames.has(tokens[i]!.lower) &&
        t.text.length >= 3 &&
        (!ctx.d.english.has(t.lower) || ctx.d.surnames.has(t.lower)) &&
        !t.text.includes('-') &&
        !ctx.d.common.has(t.lower) &&
        !ctx.d.clinical.has(t.lower) &&
        !/(?:ed|ing)$/.test(t.lower) &&
        !CREDENTIALS.has(t.lower) &&
        !ROLES.has(t.lower) &&
        !RELATIONS.has(t.lower)
      )
        ok = true;
      if (!ok) break;
      addToken(ctx, k, 'NAME', source + '+ext', subtype);
      j = k;
    }
  }
}

function markName(ctx: Ctx, i: number, source: string, subtype?: string): void {
  if (ctx.marked.has(i)) {
    // found before (e.g. from the dictionary); a cue now may still reach its neighbours
    if (ctx.nameTokens.has(i)) extendName(ctx, i, source, subtype);
    return;
  }
  addToken(ctx, i, 'NAME', source, subtype);
  extendName(ctx, i, source, subtype);
  // Lists: "Suzette and Hank", "sarah and margie", "Ballou and Dutter", "Dr. X and Dr. Y".
  let k = i;
  while (ctx.marked.has(k + 1) && k - i < 3) k++;
  const conj = ctx.tokens[k + 1];
  if (conj && (conj.lower === 'and' || conj.lower === 'or') && /^\s{1,2}$/.test(gap(ctx, ctx.tokens[k]!, conj))) {
    let n = k + 2;
    if (ctx.tokens[n] && TITLES.has(ctx.tokens[n]!.lower)) n++;
    const t = ctx.tokens[n];
    if (t && !ctx.marked.has(n) && t.text.length >= 3 && !/\n/.test(gap(ctx, conj, t))) {
      const shape = ctx.caps
        ? isDictName(ctx, t) || (!ctx.d.english.has(t.lower) && !ctx.d.clinical.has(t.lower) && !ctx.d.common.has(t.lower))
        : t.cap && nameLike(ctx, n, true);
      if (shape && !RELATIONS.has(t.lower) && !ROLES.has(t.lower)) markName(ctx, n, source + '+list', subtype);
    }
  }
}

function detectNames(ctx: Ctx): void {
  const { tokens, d } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const after = next ? gap(ctx, t, next) : '';
    // 1. Titles: "Dr. Smith", "DR SPARKES", "mr. masci". "MS" only with a period or in mixed case.
    if (TITLES.has(t.lower) && next && /^(?:\.\s{0,3}|'?\s{1,3})$/.test(after)) {
      // "mild MR present", "No significant MR. Mitral": mitral regurgitation/stenosis in a mixed-case note
      const valveLesion =
        !ctx.caps && /^(?:MR|MS)$/.test(t.text) && (!next.cap || d.english.has(next.lower) || d.clinical.has(next.lower));
      // "if a doctor uses ...": the word "doctor" before a lower-case word in a mixed-case note
      const doctorNoun = !ctx.caps && t.lower === 'doctor' && !next.cap && !next.upper;
      const okTitle =
        !valveLesion &&
        !doctorNoun &&
        (!['ms', 'father', 'sister'].includes(t.lower) ||
          (t.lower === 'ms' && (after.startsWith('.') || (t.cap && next.cap)) && !d.english.has(next.lower)) ||
          (t.lower !== 'ms' && next.cap && !ctx.caps));
      const n2 = tokens[i + 2];
      if (
        okTitle &&
        !ctx.caps &&
        next.cap &&
        n2 &&
        n2.cap &&
        /^\s{1,2}$/.test(gap(ctx, next, n2)) &&
        (d.ambiguousNames.has(next.lower) || (d.common.has(next.lower) && isDictName(ctx, next))) &&
        nameLike(ctx, i + 2, true)
      ) {
        // "Dr Will Cole": a first name that is also a common word, then the surname
        addToken(ctx, i + 1, 'NAME', 'title', 'clinician');
        markName(ctx, i + 2, 'title', 'clinician');
        continue;
      }
      if (okTitle && /^o$/i.test(next.text) && n2 && /^[\s']$/.test(gap(ctx, next, n2)) && nameLike(ctx, i + 2, true)) {
        // "Dr. o rourke", "Dr O Brien"
        addToken(ctx, i + 1, 'NAME', 'title', 'clinician');
        markName(ctx, i + 2, 'title', 'clinician');
        continue;
      }
      if (
        okTitle &&
        (nameLike(ctx, i + 1, true) || (isDictName(ctx, next) && next.text.length >= 3)) &&
        !RELATIONS.has(next.lower)
      ) {
        // "Dr. J. Smith": the initial and the surname
        markName(ctx, i + 1, 'title', t.lower === 'dr' || t.lower === 'doctor' ? 'clinician' : undefined);
        continue;
      }
    }
    // 2. Credentials: "Jean Hudson, RN", "ANTHONY C. KOZICKI, RRT", "Marie Munroe RN".
    if (
      (CREDENTIALS.has(t.lower) || WEAK_CREDENTIALS.has(t.lower)) &&
      i > 0 &&
      (t.upper || t.lower.length > 3) &&
      ctx.text[t.end - ctx.base] !== "'" &&
      // "RT>LT", "rt<lt": sides compared, not a credential
      !/^\s?[<>=]/.test(ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 2))
    ) {
      const prev = tokens[i - 1]!;
      const g = gap(ctx, prev, t);
      const comma = /^\s{0,2},\s{0,3}$/.test(g);
      const endOfLine = /^[\s.]*(?:\n|$)/.test(ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 6));
      const weak = !CREDENTIALS.has(t.lower) || t.lower === 'np';
      let ok = weak ? comma && endOfLine : comma || (/^\s{1,3}$/.test(g) && !/\n/.test(g));
      // "clusters, MD aware", "APHASIA, MD called": an English word before ", MD" is a signature only
      // at the end of a line (or when it is a capitalised word in mixed-case text)
      if (ok && d.english.has(prev.lower) && !isDictName(ctx, prev) && !endOfLine && (ctx.caps || !prev.cap)) ok = false;
      // "PVCs, MD aware": the credential starts the next clause ("MD aware", "RN called")
      if (
        ok &&
        comma &&
        !isDictName(ctx, prev) &&
        /^(?:aware|notified|called|paged|made|informed|updated|ordered|here|in|at|to|said|states|stated|will|was|is|came|saw|wants)$/.test(
          tokens[i + 1]?.lower ?? '',
        )
      )
        ok = false;
      if (ok && nameLike(ctx, i - 1, comma) && !(ctx.caps && !comma && !isDictName(ctx, prev) && !isInitial(ctx, i - 2))) {
        markName(ctx, i - 1, 'credential', 'clinician');
        continue;
      }
      // "PER WARREN KAVALIUNAS NP", "florencia cooke np into eval": two name-shaped words between a
      // name verb or the start of a line and a credential
      const p2 = tokens[i - 2];
      if (
        !comma &&
        p2 &&
        /^\s{1,2}$/.test(g) &&
        /^\s{1,2}$/.test(gap(ctx, p2, prev)) &&
        (i - 3 < 0 || NAME_VERBS.has(tokens[i - 3]!.lower) || /\n\s*$|[.;:]\s*$/.test(gap(ctx, tokens[i - 3]!, p2))) &&
        [p2, prev].every(
          (w) =>
            w.text.length >= 3 &&
            !d.common.has(w.lower) &&
            !d.clinical.has(w.lower) &&
            !CREDENTIALS.has(w.lower) &&
            !ROLES.has(w.lower) &&
            (isDictName(ctx, w) || !d.english.has(w.lower)) &&
            (ctx.caps || w.cap || w.upper),
        ) &&
        (isDictName(ctx, p2) || isDictName(ctx, prev))
      ) {
        addToken(ctx, i - 2, 'NAME', 'credential', 'clinician');
        markName(ctx, i - 1, 'credential', 'clinician');
        continue;
      }
    }
    // 3. Relatives: "wife Mary", "daughter, Liz Robbins", "son: John", "HCP is daughter Ann".
    if (RELATIONS.has(t.lower) && next && /^(?:\s{1,3}|\s?[,:(-]\s{0,3}|\s(?:is|named|=)\s)$/i.test(after) && !/\n/.test(after)) {
      const n = next;
      const shapeOfName =
        ctx.caps && n.text.length >= 3 && !/(?:ed|ing|ly|s)$/i.test(n.text) && !d.clinical.has(n.lower) && !d.common.has(n.lower);
      // in an all-lower-case note a capitalised word after a relation stands out ("daughter Lou")
      const strongShape = n.cap || isDictName(ctx, n) || shapeOfName;
      if (strongShape && nameLike(ctx, i + 1, n.cap) && !d.ambiguousNames.has(n.lower)) {
        markName(ctx, i + 1, 'relation', 'relative');
        continue;
      }
      if (strongShape && d.ambiguousNames.has(n.lower) && nameLike(ctx, i + 1, true)) {
        // "son bill", "husband Will" (but not "son will call"): the next word decides.
        // "son bill called": modal words ("son will call") are common words and never get here
        markName(ctx, i + 1, 'relation', 'relative');
        continue;
      }
    }
    // 4. Initial + surname: "W. MAROTTA", "E. Welsh".
    if (
      t.text.length === 1 &&
      next &&
      isInitial(ctx, i) &&
      ctx.text[t.end - ctx.base] === '.' &&
      /^\.\s{1,2}$/.test(after) &&
      !/\n/.test(after)
    ) {
      const risky = 'APOSRLDIXNVC'.includes(t.text.toUpperCase());
      const prevT = tokens[i - 1];
      const afterPrev = prevT ? gap(ctx, prevT, t) : '\n';
      const sentenceStart = /[\n:;]/.test(afterPrev) || i === 0;
      const awareAfter = /^(?:aware|notified|paged|called|informed|md|rn|np)/i.test(tokens[i + 2]?.lower ?? '');
      const unknownWord =
        next.text.length >= 4 &&
        !d.english.has(next.lower) &&
        !d.clinical.has(next.lower) &&
        !d.common.has(next.lower) &&
        !SPECIES.has(next.lower) &&
        !/\d/.test(ctx.text[next.end - ctx.base] ?? '') &&
        !next.text.includes("'") &&
        (ctx.caps || next.cap) &&
        (!prevT ||
          /[.!?;:]\s*$/.test(afterPrev) ||
          d.common.has(prevT.lower) ||
          TITLES.has(prevT.lower) ||
          NAME_VERBS.has(prevT.lower));
      if (
        nameLike(ctx, i + 1, awareAfter || isDictName(ctx, next)) &&
        next.text.length >= 3 &&
        !SPECIES.has(next.lower) &&
        (!risky || isDictName(ctx, next) || (unknownWord && !sentenceStart)) &&
        !(sentenceStart && risky)
      ) {
        if (
          !ctx.caps ||
          isDictName(ctx, next) ||
          unknownWord ||
          /^(?:aware|notified|paged|called|informed|md|rn|np)/i.test(tokens[i + 2]?.lower ?? '')
        ) {
          markName(ctx, i + 1, 'initial', undefined);
          addToken(ctx, i, 'NAME', 'initial');
          continue;
        }
      }
    }
    // 4b. "J SMITH ORDERED EPI": an upper-case initial without a period, a dictionary surname and a
    // reporting verb
    if (
      ctx.caps &&
      t.text.length === 1 &&
      t.upper &&
      !'APOSRLDIXNVCTMBUHEWF'.includes(t.text) &&
      next &&
      /^\s$/.test(after) &&
      next.upper &&
      d.surnames.has(next.lower) &&
      !d.common.has(next.lower) &&
      /^(?:ordered|aware|notified|called|paged|informed|here|in|saw|examined|consulted|states|said|wants|placed)$/.test(
        tokens[i + 2]?.lower ?? '',
      )
    ) {
      addToken(ctx, i, 'NAME', 'initial');
      markName(ctx, i + 1, 'initial');
      continue;
    }
    // 5. Verbs and roles: "spoke with Smith", "per Jones", "SMITH AWARE", "pcp Dr".
    if (NAME_VERBS.has(t.lower) && next && /^\s{1,3}$/.test(after)) {
      const n2 = tokens[i + 2];
      // "consult with patty <surname>", "given by pat <surname>": a first name (even one that is
      // also a word) and an unknown word after a name verb
      if (
        n2 &&
        /^(?:with|by|per|w\/|d\/w|c\/w|paged|called|notified|contacted|informed)$/.test(t.lower) &&
        (d.firstNames.has(next.lower) || d.ambiguousNames.has(next.lower)) &&
        !d.common.has(next.lower) &&
        /^\s$/.test(gap(ctx, next, n2)) &&
        isUnknownWord(ctx, i + 2) &&
        (ctx.caps || (next.cap && n2.cap))
      ) {
        addToken(ctx, i + 1, 'NAME', 'verb');
        markName(ctx, i + 2, 'verb');
        continue;
      }
      // "PER <SURNAME> WILL HOLD", "per <surname> ok to": an unknown word between "per" and a
      // modal or reporting verb in an upper- or lower-case note
      if (
        ctx.caps &&
        t.lower === 'per' &&
        n2 &&
        isUnknownWord(ctx, i + 1) &&
        /^\s$/.test(gap(ctx, next, n2)) &&
        /^(?:will|wants|would|aware|says|said|states|stated|recommends|ordered|ok|okay|agrees|feels|thinks)$/.test(n2.lower)
      ) {
        markName(ctx, i + 1, 'verb');
        continue;
      }
      const strongVerb = STRONG_NAME_VERBS.has(t.lower);
      if (
        nameLike(ctx, i + 1, false) &&
        (isStandaloneName(ctx, next) || (strongVerb && !ctx.caps && next.cap && next.text.length >= 3)) &&
        !isEponymUse(ctx, i + 1)
      ) {
        markName(ctx, i + 1, 'verb');
        continue;
      }
    }
    if (['aware', 'notified', 'paged', 'informed'].includes(t.lower) && i > 0) {
      const prev = tokens[i - 1]!;
      const g = gap(ctx, prev, t);
      if (
        /^\s{1,3}$/.test(g) &&
        nameLike(ctx, i - 1, false) &&
        (isDictName(ctx, prev) || (!ctx.caps && prev.cap) || isInitial(ctx, i - 2))
      ) {
        markName(ctx, i - 1, 'aware');
      } else {
        // "grace dudak aware": an unknown word after a dictionary first name, before "aware"
        const p2 = tokens[i - 2];
        if (
          p2 &&
          /^\s{1,3}$/.test(g) &&
          /^\s{1,2}$/.test(gap(ctx, p2, prev)) &&
          (ctx.d.firstNames.has(p2.lower) || d.ambiguousNames.has(p2.lower)) &&
          !d.common.has(p2.lower) &&
          prev.text.length >= 4 &&
          !d.english.has(prev.lower) &&
          !d.clinical.has(prev.lower) &&
          !d.common.has(prev.lower) &&
          !CREDENTIALS.has(prev.lower) &&
          !ROLES.has(prev.lower) &&
          (ctx.caps || prev.cap || prev.upper)
        ) {
          addToken(ctx, i - 2, 'NAME', 'aware');
          markName(ctx, i - 1, 'aware');
        }
      }
    }
    // 5b. Roles: "caseworker Leona Labowich", "rabbi Klein", "pcp Jones".
    if (
      ROLES.has(t.lower) &&
      next &&
      /^(?:\s{1,3}|\s?[,:-]\s{0,2})$/.test(after) &&
      !/\n/.test(after) &&
      // "a 1 cm infraumbilical incision": a unit after a number, not a case manager
      !/\d\s{0,2}$/.test(before(ctx, t, 3))
    ) {
      const shape = ctx.caps
        ? next.text.length >= 3 &&
          (next.cap || !/(?:ed|ing|ly)$/i.test(next.text)) &&
          (t.lower !== 'md' || isDictName(ctx, next) || next.cap)
        : next.cap;
      if (shape && nameLike(ctx, i + 1, false)) {
        markName(ctx, i + 1, 'role', 'clinician');
        continue;
      }
      // "NP grace made aware": a name that is also a word, between a role and "aware"/"paged"
      const n2 = tokens[i + 2];
      if (
        d.ambiguousNames.has(next.lower) &&
        n2 &&
        /^(?:made|aware|notified|paged|called|informed|updated|here|in)$/.test(n2.lower) &&
        /^\s{1,2}$/.test(gap(ctx, next, n2))
      ) {
        markName(ctx, i + 1, 'role', 'clinician');
        continue;
      }
    }
    // 5c. Name before a parenthesised role: "DICK CUCCHIARA (RESIDENT)", "Hank Przybylo (son)".
    if (
      next &&
      /^\s{0,2}\(\s?$/.test(after) &&
      (ROLES.has(next.lower) || RELATIONS.has(next.lower) || CREDENTIALS.has(next.lower)) &&
      nameLike(ctx, i, false)
    ) {
      if (!ctx.caps ? t.cap || t.upper : !d.clinical.has(t.lower)) {
        markName(ctx, i, 'role', RELATIONS.has(next.lower) ? 'relative' : 'clinician');
        continue;
      }
    }
    // 5d. Two capitalised words after "with", "by", "to": "spoke with Radu Crosson".
    if (
      !ctx.caps &&
      ['with', 'by', 'to', 'and', 'per'].includes(t.lower) &&
      next &&
      next.cap &&
      tokens[i + 2]?.cap &&
      /^\s{1,2}$/.test(after)
    ) {
      const n2 = tokens[i + 2]!;
      if (
        /^\s{1,2}$/.test(gap(ctx, next, n2)) &&
        nameLike(ctx, i + 1, false) &&
        nameLike(ctx, i + 2, false) &&
        !d.places.has(next.lower)
      ) {
        markName(ctx, i + 1, 'two-caps');
        continue;
      }
    }
    // 5e. "lorrie morales is a 70 yr old female": one to three words at the start of a line before
    // "is a(n) <age>"
    if (!ctx.marked.has(i) && (i === 0 || /\n\s*$/.test(gap(ctx, tokens[i - 1]!, t)))) {
      let k = i;
      while (
        k < i + 3 &&
        tokens[k + 1] &&
        /^\s{1,2}$/.test(gap(ctx, tokens[k]!, tokens[k + 1]!)) &&
        tokens[k + 1]!.lower !== 'is'
      )
        k++;
      const isTok = tokens[k + 1];
      if (
        isTok &&
        isTok.lower === 'is' &&
        /^\s{1,2}an?\s{1,2}\d{1,3}\s{0,2}(?:-\s?)?(?:y|yo|yr|year)/i.test(
          ctx.text.slice(isTok.end - ctx.base, isTok.end - ctx.base + 16),
        )
      ) {
        const idx = Array.from({ length: k - i + 1 }, (_, q) => i + q);
        if (
          idx.every((q) => {
            const w = tokens[q]!;
            return (
              (w.text.length >= 2 || isInitial(ctx, q)) &&
              !d.common.has(w.lower) &&
              !d.clinical.has(w.lower) &&
              !TITLES.has(w.lower) &&
              !/^(?:pt|patient|this|he|she|the|mr|mrs|ms)$/.test(w.lower) &&
              (isDictName(ctx, w) || !d.english.has(w.lower))
            );
          })
        ) {
          for (let q = i; q <= k; q++) addToken(ctx, q, 'NAME', 'patient-intro', 'patient');
          i = k;
          continue;
        }
      }
    }
    // 6. Dictionary names on their own.
    if (
      !ctx.marked.has(i) &&
      isStandaloneName(ctx, t) &&
      !isEponymUse(ctx, i) &&
      // "St. Jude valve", "St. Vincent's": a saint's name, not a person
      !/\b(?:st|saint)\.?\s{1,2}$/i.test(before(ctx, t, 8))
    ) {
      markName(ctx, i, 'dictionary');
    }
  }
}

function matchMulti(ctx: Ctx, i: number, table: Map<string, string[][]>): number {
  const t = ctx.tokens[i];
  if (!t) return 0;
  const cands = table.get(t.lower);
  if (!cands) return 0;
  for (const words of cands) {
    let ok = true;
    for (let k = 1; k < words.length; k++) {
      const tk = ctx.tokens[i + k];
      const prev = ctx.tokens[i + k - 1]!;
      if (!tk || tk.lower !== words[k] || !/^[\s.]{1,3}$/.test(gap(ctx, prev, tk))) {
        ok = false;
        break;
      }
    }
    if (ok) return words.length;
  }
  return 0;
}

function before(ctx: Ctx, t: Token, n: number): string {
  return ctx.text.slice(Math.max(0, t.start - ctx.base - n), t.start - ctx.base);
}

function detectLocations(ctx: Ctx): void {
  const { tokens, d } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 1b. "University of Maryland", "U of MD", "St. Mary's".
    if (/^(?:university|univ|u|uof)$/.test(t.lower) && tokens[i + 1]) {
      let k = i + 1;
      if (tokens[k]!.lower === 'of' && tokens[k + 1]) k++;
      const x = tokens[k]!;
      const isState = STATE_NAMES.has(x.lower) || (d.stateCodes.has(x.lower) && x.upper);
      const okU = t.lower.length > 1 || tokens[i + 1]!.lower === 'of' || isState;
      if (okU && (isState || (!ctx.caps && x.cap && !d.english.has(x.lower))) && x.start - t.end <= 5) {
        for (let q = i; q <= k; q++) addToken(ctx, q, 'LOCATION', 'university', 'hospital');
        i = k;
        continue;
      }
    }
    // 1. "<Proper name> Hospital": the proper part is the location.
    const inst = matchMulti(ctx, i, d.institutionWords);
    // "HOSPITAL COURSE", "hospital stay": a section header or a generic noun, not a name
    if (inst > 0 && d.notInstitutionAfter.has(tokens[i + inst]?.lower ?? '')) {
      i += inst - 1;
      continue;
    }
    if (inst > 0) {
      const instWord = t.lower;
      let j = i - 1;
      const found: number[] = [];
      while (j >= 0 && found.length < (ctx.caps ? 2 : 4)) {
        const tk = tokens[j]!;
        const g = gap(ctx, tk, tokens[j + 1]!);
        if (!/^[\s.'&-]{1,3}$/.test(g) || /\n/.test(g)) break;
        if (tk.lower === 'of' || tk.lower === 'st' || tk.lower === 'saint' || tk.lower === 'and') {
          if (found.length === 0) break;
          j--;
          continue;
        }
        if (GENERIC_INSTITUTION_PREFIX.has(tk.lower) || d.common.has(tk.lower)) break;
        if (/^\d/.test(tk.text) || (ctx.caps && /(?:ING|ED)$/.test(tk.text))) break;
        if (!ctx.caps && !tk.cap && !tk.upper) break;
        if (/'/.test(tk.text.slice(1)) || tk.text.length < 2) break;
        if (
          ctx.caps &&
          d.english.has(tk.lower) &&
          !isDictName(ctx, tk) &&
          !d.places.has(tk.lower) &&
          !STRONG_INSTITUTION.has(instWord)
        )
          break;
        if (d.clinical.has(tk.lower) && !d.hospitalAbbreviations.has(tk.lower) && tk.lower !== 'md') break;
        found.push(j);
        j--;
      }
      // "Pulmonary Medicine Clinic", "High School", "Device Clinic": English words before a
      // department word name a department or a kind of place, not a particular one
      const lastInst = tokens[i + inst - 1]!.lower;
      if (
        !ctx.caps &&
        d.departmentHeads.has(lastInst) &&
        found.every((k) => {
          const w = tokens[k]!;
          return (
            (d.english.has(w.lower) || d.clinical.has(w.lower) || d.notPlaces.has(w.lower)) &&
            !isDictName(ctx, w) &&
            !d.places.has(w.lower) &&
            !d.hospitalAbbreviations.has(w.lower)
          );
        })
      )
        found.length = 0;
      // "Holy Cross", "St. Elizabeth's": keep "of"/"st" that sit between found words
      for (const k of found) addToken(ctx, k, 'LOCATION', 'institution', 'hospital');
      // "Union Memorial": "memorial" is part of the name itself
      if (found.length && inst === 1 && instWord === 'memorial') addToken(ctx, i, 'LOCATION', 'institution', 'hospital');
      if (found.length) {
        const first = Math.min(...found);
        const last = Math.max(...found);
        for (let k = first; k <= last; k++)
          if (!ctx.marked.has(k) && ['of', 'st', 'saint'].includes(tokens[k]!.lower))
            addToken(ctx, k, 'LOCATION', 'institution', 'hospital');
      }
      // "University of Maryland Medical Center" style: words after "of" too
      i += inst - 1;
      continue;
    }
    if ((t.lower === 'st' || t.lower === 'saint') && tokens[i + 1]) {
      const x = tokens[i + 1]!;
      const g = gap(ctx, t, x);
      if (
        /^\.?\s{1,2}$/.test(g) &&
        (d.firstNames.has(x.lower) ||
          [
            'francis',
            'joseph',
            'luke',
            'jude',
            'vincent',
            'agnes',
            'elizabeth',
            'mary',
            'anne',
            'john',
            'margaret',
            'catherine',
            'peter',
            'paul',
          ].includes(x.lower)) &&
        (!ctx.caps ||
          LOCATION_CUES.test(before(ctx, t, 40)) ||
          WEAK_LOCATION_CUES.test(before(ctx, t, 8)) ||
          t.text === 'ST' ||
          t.text === 'St') &&
        !isEponymUse(ctx, i + 1) &&
        !/^\s{0,2}(?:medical|model|mechanical|pacemaker|device)\b/i.test(ctx.text.slice(x.end - ctx.base, x.end - ctx.base + 14))
      ) {
        addToken(ctx, i, 'LOCATION', 'saint', 'hospital');
        addToken(ctx, i + 1, 'LOCATION', 'saint', 'hospital');
        i++;
        continue;
      }
    }
    // 1c. Place-shaped words after "in", "from", "to": Pikesville, Randallstown, Lochearn.
    if (
      !ctx.marked.has(i) &&
      PLACE_SHAPE.test(t.lower) &&
      t.text.length >= 6 &&
      (ctx.caps || t.cap) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.notPlaces.has(t.lower) &&
      !isEponymUse(ctx, i) &&
      (WEAK_LOCATION_CUES.test(before(ctx, t, 8)) || LOCATION_CUES.test(before(ctx, t, 40)))
    ) {
      addToken(ctx, i, 'LOCATION', 'place-shape', 'city');
      continue;
    }
    // 1d. Wards and units named after a place or person: "transferred to Quartermain 3".
    if (
      !ctx.marked.has(i) &&
      !t.lower.split('-').some((p) => d.english.has(p) || d.common.has(p)) &&
      /^\s[1-9]\d?\b/.test(ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 4)) &&
      /\b(?:to|from|on|at)\s{1,2}$/i.test(before(ctx, t, 6)) &&
      t.text.length >= 5 &&
      (ctx.caps || t.cap) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !/^\s\d{1,2}\s{0,2}(?:mg|mcg|ml|cc|u\b|units?|%|l\b|lpm|hrs?|min|mm|cm|x\b|\/|meq|tabs?\b|tablets?|caps?\b|capsules?|puffs?|drops?|oz\b|ounces?|g\b|gm|grams?|mmol|meq)/i.test(
        ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 12),
      )
    ) {
      addToken(ctx, i, 'LOCATION', 'ward', 'ward');
      continue;
    }
    // 2a. Medical-centre acronyms not in the list ("XYMC"): upper case, 3-6 letters, ending in MC.
    if (!ctx.marked.has(i) && t.upper && /^[A-Z]{1,4}MC$/.test(t.text) && !d.clinical.has(t.lower)) {
      addToken(ctx, i, 'LOCATION', 'hospital-abbr', 'hospital');
      continue;
    }
    // "lives in DC": the capital is a city
    if (
      !ctx.marked.has(i) &&
      t.text === 'DC' &&
      /\b(?:lives|living|lived|resides|from|moved)\s(?:in|to|from)\s{1,2}$/i.test(before(ctx, t, 20))
    ) {
      addToken(ctx, i, 'LOCATION', 'place', 'city');
      continue;
    }
    // 2b. "transferred to 209 quartermain": a ward after a room number and a location cue
    const prevTok = tokens[i - 1];
    if (
      !ctx.marked.has(i) &&
      prevTok &&
      t.text.length >= 5 &&
      /^\s\d{1,4}\s{1,2}$/.test(ctx.text.slice(prevTok.end - ctx.base, t.start - ctx.base)) &&
      CUE_PREPOSITIONS.has(prevTok.lower) &&
      LOCATION_CUES.test(ctx.text.slice(Math.max(0, prevTok.start - ctx.base - 40), prevTok.end - ctx.base + 1)) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.common.has(t.lower)
    ) {
      addToken(ctx, i, 'LOCATION', 'ward', 'ward');
      continue;
    }
    // 2. Hospital abbreviations (MGH, VAMC).
    if (
      d.hospitalAbbreviations.has(t.lower) &&
      (t.upper || ctx.caps || t.lower.length >= 2) &&
      !d.common.has(t.lower) &&
      ctx.text[t.end - ctx.base] !== '-'
    ) {
      const prev = tokens[i - 1];
      const nxt = tokens[i + 1];
      // "gh" lower case only when a location cue precedes it or it stands beside a place word.
      const cue = LOCATION_CUES.test(before(ctx, t, 40)) || WEAK_LOCATION_CUES.test(before(ctx, t, 8));
      if (
        t.upper ||
        cue ||
        (prev && ['at', 'to', 'from', 'in'].includes(prev.lower)) ||
        (nxt && ['ew', 'er', 'ed', 'icu', 'ccu', 'micu'].includes(nxt.lower))
      ) {
        addToken(ctx, i, 'LOCATION', 'hospital-abbr', 'hospital');
        continue;
      }
    }
    // 3. Cities and states from the dictionary.
    const n = matchMulti(ctx, i, d.places);
    if (n > 0) {
      const words = tokens.slice(i, i + n);
      const lowerAll = words.map((w) => w.lower).join(' ');
      const shapeOk = ctx.caps || words.every((w) => w.cap || w.upper);
      const cue =
        LOCATION_CUES.test(before(ctx, t, 40)) ||
        WEAK_LOCATION_CUES.test(before(ctx, t, 8)) ||
        /,\s{0,2}$/.test(before(ctx, t, 3));
      const nextTok = tokens[i + n];
      const stateAfter =
        nextTok &&
        /^,?\s{0,2}$/.test(gap(ctx, words[words.length - 1]!, nextTok)) &&
        ((!ctx.caps && d.stateCodes.has(nextTok.lower) && nextTok.upper) ||
          // "towson maryland's facility": a place followed by a full state name
          (STATE_NAMES.has(nextTok.lower) && nextTok.lower.length > 2));
      const ambiguous =
        n === 1 &&
        (d.ambiguousPlaces.has(lowerAll) ||
          d.common.has(lowerAll) ||
          d.clinical.has(lowerAll) ||
          d.firstNames.has(lowerAll) ||
          d.surnames.has(lowerAll));
      if (shapeOk && (!ambiguous || cue || stateAfter) && !isEponymUse(ctx, i + n - 1)) {
        for (let k = i; k < i + n; k++) addToken(ctx, k, 'LOCATION', 'place', 'city');
        if (stateAfter && nextTok.lower.length === 2) addToken(ctx, i + n, 'LOCATION', 'place', 'state');
        i += n - 1;
        continue;
      }
    }
    // 4c. "went to Harbor", "a transplant at Holy Cross", "vacation on the Eastern Shore": in a
    // mixed-case note, capitalised English words in mid-sentence after a movement cue name a place
    if (!ctx.marked.has(i) && !ctx.caps && t.cap && isProperPlaceWord(ctx, i) && movementCueBefore(ctx, i)) {
      let k = i;
      while (
        k < i + 2 &&
        tokens[k + 1] &&
        !ctx.marked.has(k + 1) &&
        tokens[k + 1]!.cap &&
        /^\s$/.test(gap(ctx, tokens[k]!, tokens[k + 1]!)) &&
        isProperPlaceWord(ctx, k + 1)
      )
        k++;
      // "Children's Hospital", "Newborn Nursery", "Garden Court skilled nursing": when a hospital or
      // institution word follows, the institution rule decides
      const nx = tokens[k + 1];
      const instAfter =
        nx &&
        /^(?:'s)?\s{1,2}$/.test(gap(ctx, tokens[k]!, nx)) &&
        (d.hospitalAreas.has(nx.lower) || d.departmentHeads.has(nx.lower) || matchMulti(ctx, k + 1, d.institutionWords) > 0);
      if (!instAfter && !followedByProduct(ctx, k) && !isEponymUse(ctx, k)) {
        for (let q = i; q <= k; q++) addToken(ctx, q, 'LOCATION', 'movement-cue', 'place');
        i = k;
        continue;
      }
    }
    // 4d. "works for <Company>", "his business <Company>": an employer (PhysioNet counts it as a place)
    if (
      !ctx.marked.has(i) &&
      (t.cap || (ctx.caps && t.upper)) &&
      isUnknownWord(ctx, i) &&
      /\b(?:(?:works?|worked|working|employed)\s(?:for|at|by)(?:\sthe)?|business|company|employer|firm)\s{1,2}$/i.test(
        before(ctx, t, 30),
      )
    ) {
      addToken(ctx, i, 'LOCATION', 'employer', 'organization');
      continue;
    }
    // 4. "transferred from <Proper>", "lives in <Proper>": an unknown proper word after a strong cue.
    const prevLower = tokens[i - 1]?.lower;
    if (
      !ctx.marked.has(i) &&
      t.text.length >= 3 &&
      prevLower !== undefined &&
      CUE_PREPOSITIONS.has(prevLower) &&
      LOCATION_CUES.test(before(ctx, t, 40))
    ) {
      const proper = ctx.caps ? !d.common.has(t.lower) && !d.clinical.has(t.lower) && !isDictName(ctx, t) : t.cap;
      if (
        proper &&
        !d.english.has(t.lower) &&
        !STATE_NAMES.has(t.lower) &&
        !d.notPlaces.has(t.lower) &&
        !followedByProduct(ctx, i) &&
        !isEponymUse(ctx, i) &&
        nameLike(ctx, i, false) &&
        !/^(?:home|here|there|floor|unit|icu|ccu|micu|sicu|or|cath|ew|er|ed|rehab|hospital|osh|us)$/i.test(t.lower) &&
        // "on DOBUT 2.5", "to SIMV 12", "ADEMAND 60": a drug or a mode before a number, not a place
        !/^\s{0,2}(?:\d{1,3}\.\d|\d{2})/.test(ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 8)) &&
        // unit and mode abbreviations: "VICU", "CVICU", "SIMV", "NSGY" (short, few vowels, unit endings)
        !(
          t.upper &&
          (/(?:ICU|CU|RU|DU|MV|SU)$/.test(t.text) || (t.text.length <= 5 && (t.text.match(/[AEIOUY]/g) ?? []).length < 2))
        )
      ) {
        addToken(ctx, i, 'LOCATION', 'location-cue');
        // a following proper word of the same place ("Holy Cross")
        const nx = tokens[i + 1];
        if (nx && /^\s{1}$/.test(gap(ctx, t, nx)) && (ctx.caps ? false : nx.cap) && nameLike(ctx, i + 1, false))
          addToken(ctx, i + 1, 'LOCATION', 'location-cue');
      }
    }
    const prevTok2 = tokens[i - 1];
    // 2c. "in Lochearn", "from Reisterstown": an unknown capitalised word after a preposition in
    // mixed-case text (not a dictionary name, English word, clinical word, or the start of a sentence)
    if (
      !ctx.marked.has(i) &&
      t.cap &&
      t.text.length >= 5 &&
      prevTok2 &&
      /^(?:in|from)$/.test(prevTok2.lower) &&
      /^\s{1,2}$/.test(gap(ctx, prevTok2, t)) &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.common.has(t.lower) &&
      !isDictName(ctx, t) &&
      !t.text.includes('-') &&
      !STATE_NAMES.has(t.lower) &&
      !d.notPlaces.has(t.lower) &&
      !followedByProduct(ctx, i) &&
      !isEponymUse(ctx, i) &&
      // "increase in Fontan pressures", "may benefit from Botox": a change in or a benefit from a
      // thing, not a place
      !/\b(?:change|changes|increase|increases|decrease|decreases|rise|drop|benefit|benefits|soaked|dissolved|mixed|diluted|improvement|reduction|elevation|label|labels|labeled|written)\s{1,2}(?:in|from)\s{1,2}$/i.test(
        before(ctx, t, 20),
      ) &&
      !/^[\s,.;:)]{0,2}\d/.test(ctx.text.slice(t.end - ctx.base, t.end - ctx.base + 3))
    ) {
      addToken(ctx, i, 'LOCATION', 'place-after-in', 'city');
      const nx = tokens[i + 1];
      if (nx && nx.cap && /^\s$/.test(gap(ctx, t, nx)) && !d.common.has(nx.lower) && !d.clinical.has(nx.lower))
        addToken(ctx, i + 1, 'LOCATION', 'place-after-in', 'city');
      continue;
    }
  }
}

/** A capitalised English word that may be part of a place name: not a clinical, common or hospital word. */
function isProperPlaceWord(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  const { d } = ctx;
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
function movementCueBefore(ctx: Ctx, i: number): boolean {
  const pre = before(ctx, ctx.tokens[i]!, 48);
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
function followedByProduct(ctx: Ctx, i: number): boolean {
  for (let k = i + 1; k <= i + 2; k++) {
    const nx = ctx.tokens[k];
    if (!nx || !/^\s{1,2}$/.test(gap(ctx, ctx.tokens[k - 1]!, nx))) return false;
    if (ctx.d.productNouns.has(nx.lower) || ctx.d.eponymHeads.has(nx.lower)) return true;
  }
  return false;
}

/** "Milford Mill", "Glen Heights": a generic place word right after a found place is part of it. */
function extendPlaces(ctx: Ctx): void {
  const { tokens, d } = ctx;
  const byStart = new Map<number, PhiSpan>();
  for (const s of ctx.spans) if (s.type === 'LOCATION') byStart.set(s.start, s);
  // "found in his home in <Surname> Mill": a word found only because a name list holds it, after a
  // location preposition and before a generic place word, is a place
  let tokenAt: Map<number, number> | undefined;
  for (let k = 0; k < ctx.spans.length; k++) {
    const s = ctx.spans[k]!;
    if (s.type !== 'NAME' || s.source !== 'dictionary') continue;
    tokenAt ??= new Map(tokens.map((t, j) => [t.start, j]));
    const i = tokenAt.get(s.start) ?? -1;
    const nx = tokens[i + 1];
    const pv = tokens[i - 1];
    if (i < 0 || !nx || !pv || !d.placeSuffixes.has(nx.lower)) continue;
    if (!/^(?:in|from|at|near|to)$/.test(pv.lower) || !/^\s{1,2}$/.test(gap(ctx, tokens[i]!, nx))) continue;
    if (ctx.caps ? nx.upper !== tokens[i]!.upper : !nx.cap) continue;
    // the place word may already have been taken in as part of the name ("dictionary+ext")
    const ext = ctx.marked.has(i + 1)
      ? ctx.spans.findIndex((x) => x.start === nx.start && x.type === 'NAME' && x.source === 'dictionary+ext')
      : -2;
    if (ext === -1) continue;
    const place: PhiSpan = { start: s.start, end: s.end, type: 'LOCATION', text: s.text, source: 'place+suffix' };
    ctx.spans[k] = place;
    ctx.nameTokens.delete(i);
    byStart.set(s.start, place);
    if (ext >= 0) {
      ctx.spans[ext] = { start: nx.start, end: nx.end, type: 'LOCATION', text: nx.text, source: 'place+suffix' };
      ctx.nameTokens.delete(i + 1);
    }
  }
  if (!byStart.size) return;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!ctx.marked.has(i) || ctx.nameTokens.has(i)) continue;
    const span = byStart.get(tokens[i]!.start);
    if (!span || span.source === 'institution' || span.source === 'hospital-abbr') continue;
    const nx = tokens[i + 1]!;
    if (ctx.marked.has(i + 1) || !d.placeSuffixes.has(nx.lower) || !/^\s{1,2}$/.test(gap(ctx, tokens[i]!, nx))) continue;
    if (!ctx.caps && !nx.cap) continue;
    if (ctx.caps && nx.upper !== tokens[i]!.upper) continue;
    addToken(ctx, i + 1, 'LOCATION', span.source, span.subtype);
  }
}

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
function propagate(ctx: Ctx, names: Set<string>, places: Set<string>): void {
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (ctx.marked.has(i)) continue;
    const t = ctx.tokens[i]!;
    const nx = ctx.tokens[i + 1];
    if (nx && !ctx.marked.has(i + 1) && places.has(`${t.lower} ${nx.lower}`) && /^\s{1,2}$/.test(gap(ctx, t, nx))) {
      addToken(ctx, i, 'LOCATION', 'propagated');
      addToken(ctx, i + 1, 'LOCATION', 'propagated');
      continue;
    }
    if (t.text.length < 3) continue;
    if (names.has(t.lower)) {
      if (!ctx.caps && !t.cap && !t.upper && (ctx.d.common.has(t.lower) || ctx.d.clinical.has(t.lower))) continue;
      // markName also reaches a list: "Both Suzette and Hank" after Suzette was found elsewhere
      markName(ctx, i, 'propagated');
    } else if (places.has(t.lower)) {
      addToken(ctx, i, 'LOCATION', 'propagated');
    }
  }
}

function collectPropagatable(ctx: Ctx, names: Set<string>, places: Set<string>): void {
  const instStarts = new Set(ctx.spans.filter((x) => x.source === 'institution').map((x) => x.start));
  for (const s of ctx.spans) {
    const lower = s.text.toLowerCase();
    if (lower.length < 3 || ctx.d.common.has(lower)) continue;
    // an English word spreads only when it is an unambiguous dictionary name
    if (ctx.d.english.has(lower) && !(isDictName(ctx, { lower } as Token) && !ctx.d.ambiguousNames.has(lower))) continue;
    if (s.type === 'NAME' && PROPAGATING.has(s.source) && !ctx.d.clinical.has(lower)) names.add(lower);
    if (s.type === 'LOCATION' && s.source === 'institution') {
      // multi-word names ("Holy Cross") spread as a phrase, even when their words are English
      const nx = ctx.tokens.find((t) => t.start > s.start && t.start <= s.end + 3);
      if (nx && instStarts.has(nx.start)) places.add(`${lower} ${nx.lower}`);
    }
    if (
      s.type === 'LOCATION' &&
      ['institution', 'hospital-abbr', 'ward', 'place-shape', 'location-cue', 'university', 'saint'].includes(s.source) &&
      !ctx.d.clinical.has(lower) &&
      !['of', 'st', 'u', 'saint'].includes(lower)
    )
      places.add(lower);
  }
}

function runPatterns(text: string, base: number, years: boolean, spans: PhiSpan[]): void {
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(text))) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (rule.check && !rule.check(m, text)) continue;
      let s = m.index;
      let str = m[0];
      if (rule.group !== undefined) {
        const g = m[rule.group];
        if (g === undefined) continue;
        s = m.index + m[0].lastIndexOf(g);
        str = g;
      }
      spans.push({
        start: base + s,
        end: base + s + str.length,
        type: rule.type,
        text: str,
        source: rule.source,
        ...(rule.subtype ? { subtype: rule.subtype } : {}),
      });
    }
  }
  if (!years) return;
  YEAR4.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR4.exec(text))) {
    const v = m[0];
    const pre = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    const post = text.slice(m.index + 4, m.index + 10).toLowerCase();
    const minutes = Number(v.slice(2));
    const cue = /(?:in|since|of|year|yr|from|until|circa|dx|dx'd|s\/p|')\s{0,2}$/.test(pre) || /^\s{0,2}(?:s\b|'s)/.test(post);
    // 24-hour clock times (1900, 2030) are not years unless a cue says so.
    const timey = minutes < 60 && Number(v.slice(0, 2)) <= 23;
    if (/^\s{0,2}(?:mg|mcg|ml|cc|units?|hrs?|h\b|am|pm|kcal|cal|gm?|kg|%|\/)/.test(post)) continue;
    // "1877-67-3.6" (lab values run together), "los -1963", "+1500": numbers, not years
    if (/^-\d/.test(post) || /[-+]\s?$/.test(pre) || /\d[-/]$/.test(pre)) continue;
    if (timey && !cue && !YEAR_CUE.test(pre)) continue;
    spans.push({ start: base + m.index, end: base + m.index + 4, type: 'DATE_YEAR', text: v, source: 'year4' });
  }
  YEAR_AFTER_DX.lastIndex = 0;
  while ((m = YEAR_AFTER_DX.exec(text))) {
    if (
      /^\s{0,2}(?:u\b|units?|mg|mcg|ml|cc|%|min|hrs?|days?|x\b)/i.test(
        text.slice(m.index + m[0].length, m.index + m[0].length + 8),
      )
    )
      continue;
    const at = m.index + m[0].length - 2;
    spans.push({ start: base + at, end: base + at + 2, type: 'DATE_YEAR', text: m[1]!, source: 'year-dx' });
  }
  YEAR_BEFORE_PROC.lastIndex = 0;
  while ((m = YEAR_BEFORE_PROC.exec(text))) {
    // only in a history list: the number starts a sentence or follows a diagnosis list separator
    const pre = text.slice(Math.max(0, m.index - 3), m.index);
    if (m.index > 0 && !/(?:[.;:,]\s{1,2}|\n\s?|^\s?)$/.test(pre)) continue;
    spans.push({ start: base + m.index, end: base + m.index + 2, type: 'DATE_YEAR', text: m[1]!, source: 'year-proc' });
  }
  YEAR2.lastIndex = 0;
  while ((m = YEAR2.exec(text))) {
    const g = m[1] ?? m[2];
    if (!g) continue;
    const s = m[2] ? m.index + m[0].lastIndexOf(g + "'") : m.index + m[0].indexOf(g);
    // "CVA 74'", "SMOKING 62'": a trailing apostrophe year needs a diagnosis word or an upper-case abbreviation before it
    const pre2 = text.slice(Math.max(0, s - 24), s);
    if (m[2] && !YEAR_CUE.test(pre2) && !/\b(?!HOB\b)(?:[A-Z]{2,6}|[A-Za-z]{5,20})\s{1,2}$/.test(pre2)) continue;
    spans.push({ start: base + s, end: base + s + 2, type: 'DATE_YEAR', text: g, source: 'year2' });
  }
}

const PRIORITY: Record<PhiType, number> = {
  EMAIL: 10,
  URL: 10,
  SSN: 9,
  PHONE: 8,
  IP: 8,
  ID: 7,
  DATE: 6,
  AGE: 6,
  ZIP: 5,
  LOCATION: 4,
  NAME: 3,
  DATE_YEAR: 2,
};

/** Remove overlaps: the longer span wins; on equal length the more specific type. */
export function resolveOverlaps(spans: PhiSpan[]): PhiSpan[] {
  const sorted = [...spans].sort(
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[b.type] - PRIORITY[a.type],
  );
  const out: PhiSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      const lenS = s.end - s.start;
      const lenL = last.end - last.start;
      if (lenS > lenL || (lenS === lenL && PRIORITY[s.type] > PRIORITY[last.type])) {
        // replace if it does not also collide with the one before
        const prev = out[out.length - 2];
        if (!prev || s.start >= prev.end) out[out.length - 1] = s;
      }
      continue;
    }
    out.push(s);
  }
  return out;
}

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

function isCaps(text: string): boolean {
  let up = 0;
  let low = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) up++;
    else if (c >= 97 && c <= 122) low++;
  }
  // Upper-case nursing notes and all-lower-case notes: capitalisation carries no information.
  return up > 3 * low || low > 25 * (up + 1);
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
  const siteNames = siteIndex(options.extraNames);
  const sitePlaces = siteIndex(options.extraLocations);
  const extraNames = siteNames.words;
  const known = new Set<string>();
  for (const n of options.knownNames ?? []) for (const w of n.toLowerCase().split(/[\s,]+/)) if (w.length >= 2) known.add(w);
  const ctxs: Ctx[] = [];
  const names = options.memory?.names ?? new Set<string>();
  for (const k of known) names.add(k);
  const places = options.memory?.places ?? new Set<string>();
  for (const [s, e] of chunks(text)) {
    const part = text.slice(s, e);
    const spans: PhiSpan[] = [];
    runPatterns(part, s, !!options.years, spans);
    const ctx: Ctx = {
      text: part,
      base: s,
      tokens: tokenize(part, s),
      caps: isCaps(part),
      d,
      spans: [],
      marked: new Set(),
      nameTokens: new Set(),
      extraNames,
    };
    // Tokens inside pattern matches (e.g. an email's user name) are not re-detected.
    markCovered(ctx, spans);
    detectSiteEntries(ctx, siteNames, sitePlaces);
    detectNames(ctx);
    detectLocations(ctx);
    extendPlaces(ctx);
    collectPropagatable(ctx, names, places);
    ctx.spans.push(...spans);
    ctxs.push(ctx);
  }
  const all: PhiSpan[] = [];
  for (const ctx of ctxs) {
    namesBeforePhones(ctx);
    propagate(ctx, names, places);
    all.push(...ctx.spans);
  }
  let out = resolveOverlaps(all);
  if (options.types) {
    const keep = new Set(options.types);
    out = out.filter((s) => keep.has(s.type));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Site lists

interface SiteIndex {
  /** The one-word entries (lower case): also count as dictionary name words. */
  words: Set<string>;
  /** First word of an entry → the entries starting with it (lower-case words), longest first. */
  phrases: Map<string, string[][]>;
  /**
   * Entries with parts the tokenizer does not keep ("5 North", "Unit 4B", "Hôtel-Dieu"): first
   * word → a case-insensitive pattern of the whole entry, tried only where that word occurs.
   */
  literals: Map<string, SiteLiteral[]>;
}

interface SiteLiteral {
  re: RegExp;
  /** Characters of the entry before its first word ("5 " in "5 North"). */
  lead: number;
  length: number;
}

const EMPTY_SITE: SiteIndex = { words: new Set(), phrases: new Map(), literals: new Map() };
const siteIndexes = new WeakMap<readonly string[], SiteIndex>();

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const l = map.get(key);
  if (l) l.push(value);
  else map.set(key, [value]);
}

/** The lookup tables for one site list, built once per array. */
function siteIndex(list: readonly string[] | undefined): SiteIndex {
  if (!list || list.length === 0) return EMPTY_SITE;
  const cached = siteIndexes.get(list);
  if (cached) return cached;
  const common = dictionaries().common;
  const index: SiteIndex = { words: new Set(), phrases: new Map(), literals: new Map() };
  const seen = new Set<string>();
  for (const raw of list) {
    if (typeof raw !== 'string') continue;
    const entry = raw.replace(/\s+/g, ' ').trim();
    // the entry's words as the tokenizer splits text ("St. Mary's" -> st, mary)
    const toks = tokenize(entry, 0);
    const words = toks.map((t) => t.lower);
    const first = words[0];
    if (!first) continue;
    const key = entry.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    // Does the entry have letters or digits outside its words? Then match it literally.
    const letters = (x: string) =>
      x
        .toLowerCase()
        .replace(/'s\b/g, '')
        .replace(/[^\p{L}\p{N}]/gu, '');
    if (letters(entry) !== letters(words.join(' '))) {
      const body = entry
        .split(' ')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s.,]{1,3}');
      pushTo(index.literals, first, {
        re: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu'),
        lead: toks[0]!.start,
        length: entry.length,
      });
      continue;
    }
    if (words.length === 1 && (common.has(first) || first.length < 2)) continue;
    // a one-word entry is also a dictionary word (names: a surname or given name for the cue
    // rules); the words of a phrase count only together ("Holy Cross", not "cross")
    if (words.length === 1) index.words.add(first);
    pushTo(index.phrases, first, words);
  }
  for (const l of index.phrases.values()) l.sort((a, b) => b.length - a.length);
  for (const l of index.literals.values()) l.sort((a, b) => b.length - a.length);
  siteIndexes.set(list, index);
  return index;
}

/** Length of the longest site entry starting at token i (0 if none): one hash lookup per token. */
function matchSite(ctx: Ctx, i: number, index: SiteIndex): number {
  const cands = index.phrases.get(ctx.tokens[i]!.lower);
  if (!cands) return 0;
  for (const words of cands) {
    let ok = true;
    for (let k = 1; k < words.length; k++) {
      const tk = ctx.tokens[i + k];
      if (!tk || tk.lower !== words[k] || !/^(?:'[sS])?[\s.,]{1,3}$/.test(gap(ctx, ctx.tokens[i + k - 1]!, tk))) {
        ok = false;
        break;
      }
    }
    if (ok) return words.length;
  }
  return 0;
}

/** A literal site entry around token i: its [start, end) in document offsets, or undefined. */
function matchSiteLiteral(ctx: Ctx, i: number, index: SiteIndex): [number, number] | undefined {
  const t = ctx.tokens[i]!;
  const cands = index.literals.get(t.lower);
  if (!cands) return undefined;
  const at = t.start - ctx.base;
  for (const c of cands) {
    // white space may be wider in the text than in the entry: look a little further either side
    const from = Math.max(0, at - c.lead * 3 - 4);
    const window = ctx.text.slice(from, Math.min(ctx.text.length, at + c.length * 3 + 4));
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.re.exec(window))) {
      const s = from + m.index;
      const e = s + m[0].length;
      if (s <= at && at < e) return [ctx.base + s, ctx.base + e];
      if (s > at) break;
      if (m[0].length === 0) c.re.lastIndex++;
    }
  }
  return undefined;
}

/** Site names and places: PHI wherever they occur, in any case, without a cue. */
function detectSiteEntries(ctx: Ctx, names: SiteIndex, places: SiteIndex): void {
  if (names === EMPTY_SITE && places === EMPTY_SITE) return;
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    if (ctx.marked.has(i)) continue;
    const litPlace = matchSiteLiteral(ctx, i, places);
    const lit = litPlace ?? matchSiteLiteral(ctx, i, names);
    if (lit) {
      const type: PhiType = litPlace ? 'LOCATION' : 'NAME';
      const [s, e] = lit;
      ctx.spans.push({
        start: s,
        end: e,
        type,
        text: ctx.text.slice(s - ctx.base, e - ctx.base),
        source: 'site-list',
        ...(type === 'LOCATION' ? { subtype: 'site' } : {}),
      });
      while (tokens[i + 1] && tokens[i + 1]!.start < e) i++;
      for (let k = i; k >= 0 && tokens[k]!.end > s; k--) {
        ctx.marked.add(k);
        if (type === 'NAME') ctx.nameTokens.add(k);
      }
      continue;
    }
    const p = matchSite(ctx, i, places);
    const n = matchSite(ctx, i, names);
    // the longer entry wins; a tie goes to the place ("Bellmere" ward named after a person)
    if (p > 0 && p >= n) {
      for (let k = i; k < i + p; k++) addToken(ctx, k, 'LOCATION', 'site-list', 'site');
      i += p - 1;
    } else if (n > 0) {
      for (let k = i; k < i + n; k++) addToken(ctx, k, 'NAME', 'site-list');
      extendName(ctx, i + n - 1, 'site-list', undefined);
      i += n - 1;
    }
  }
}

/** "Lopie Certusi cell# 410-...", "dtr Frances Baker- 212-...": the words before a phone number. */
function namesBeforePhones(ctx: Ctx): void {
  const phones = ctx.spans.filter((s) => s.type === 'PHONE');
  if (!phones.length) return;
  let k = 0;
  for (const p of phones) {
    while (k < ctx.tokens.length && ctx.tokens[k]!.end <= p.start) k++;
    // tokens k-1, k-2 ... before the phone, allowing "cell#", "tel", "home", "-", "(", ":"
    let j = k - 1;
    while (
      j >= 0 &&
      /^(?:cell|tel|phone|home|work|mobile|ph|h|c|w|pager|at|number|is|no)$/i.test(ctx.tokens[j]!.lower) &&
      p.start - ctx.tokens[j]!.end < 12
    )
      j--;
    const t = ctx.tokens[j];
    if (!t || p.start - t.end > 16 || /\n/.test(ctx.text.slice(t.end - ctx.base, p.start - ctx.base))) continue;
    const shape = ctx.caps ? t.text.length >= 3 && !/(?:ed|ing|ly)$/i.test(t.text) : t.cap;
    if (shape && nameLike(ctx, j, false) && !ctx.d.places.has(t.lower)) {
      markName(ctx, j, 'before-phone');
      // "CONTACT PERSON <FIRST> <LAST> (phone)": the first name before it, after a contact cue
      const p = ctx.tokens[j - 1];
      const pp = ctx.tokens[j - 2];
      if (
        p &&
        pp &&
        !ctx.marked.has(j - 1) &&
        /^\s{1,2}$/.test(gap(ctx, p, t)) &&
        /^(?:person|contact|proxy|hcp|is|named|call|reach)$/.test(pp.lower) &&
        (ctx.caps ? p.text.length >= 3 : p.cap) &&
        !ctx.d.common.has(p.lower) &&
        !ctx.d.clinical.has(p.lower) &&
        !RELATIONS.has(p.lower) &&
        !ROLES.has(p.lower)
      )
        addToken(ctx, j - 1, 'NAME', 'before-phone');
    }
  }
}

function markCovered(ctx: Ctx, spans: PhiSpan[]): void {
  if (!spans.length) return;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let k = 0;
  for (let i = 0; i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i]!;
    while (k < sorted.length && sorted[k]!.end <= t.start) k++;
    const s = sorted[k];
    if (s && s.start < t.end && t.start < s.end) ctx.marked.add(i);
  }
}

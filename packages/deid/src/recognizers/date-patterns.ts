/**
 * Dates by pattern: ISO, m/d/y, d/m/y, m/d, m/y, day-month and month-day with month words,
 * "in Sept.", holidays. Numbers written like a month/day that are scores, grades, fractions,
 * ratios, ventilator settings or drug strengths are not dates.
 */
import type { PatternRule } from './pattern-rule';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MON_NUM = '(?:0?[1-9]|1[0-2])';
const ORD = '(?:st|nd|rd|th)?';

export const DATE_RULES: readonly PatternRule[] = [
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
    check: isMonthDay,
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

/**
 * A month/day ("7/22") rather than a fraction ("1/2 NS"), a score ("6/10 CP", "5/5"), a grade or
 * a ventilator setting ("PSV of 10/5").
 */
function isMonthDay(m: RegExpExecArray, text: string): boolean {
  // "1/2 NS", "1/2 tab", "3/4 strength": a fraction followed by a quantity word.
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
  if (/^\s{0,2}(?:ns|tab|tabs|strength|str|of|cup|teaspoon|tsp|amp|amps|bag|dose|liter|l\b|inch|assist|max|mod|min)/.test(after))
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
      /pain|cp\b|ha\b|h\/a|headache|scale|rat(?:ed|es|ing)|score|discomfort|ache|severity|level|\bc\/o|denies|sore/.test(around)
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
    /\b(?:psv?|peep|cpap|bipap|bi-pap|simv|imv|ipap|epap|vent|ac|a\/c|prvc|aprv|pressure support|mode|tv|vt|fio2)\b/.test(wide)
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
}

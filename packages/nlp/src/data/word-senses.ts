/**
 * Everyday readings of words that the lexicon names as findings, by the words around them. A one-word
 * mention is dropped when its neighbours give the everyday reading: "fall" the season ("last fall",
 * "fall 2019", "spring and fall"), "fall"/"fell" in idioms ("falls asleep", "fell ill"), and "fall" as a
 * drop in a measurement ("a fall in hemoglobin"). Written by the Galen team from ordinary English usage.
 */

/** Normalised words the guard applies to (the matcher's token norms: "falls" → "fall"). */
export const GUARDED_WORDS: ReadonlySet<string> = new Set(['fall', 'fell']);

/** Season words: "fall" next to one of these, joined by "and"/"or", is the season. */
export const SEASONS: ReadonlySet<string> = new Set(['spring', 'summer', 'winter', 'autumn']);

/** A word just before "fall" that makes it the season ("last fall", "early fall"). */
export const SEASON_BEFORE: ReadonlySet<string> = new Set(['last', 'this', 'next', 'every', 'each', 'early', 'late', 'mid']);

/** A word just after "fall" that makes it the season ("fall semester", "fall season"). */
export const SEASON_AFTER: ReadonlySet<string> = new Set(['semester', 'season', 'term', 'quarter', 'break', 'foliage']);

/** A word just after "fall"/"fell" that makes an idiom, not a fall ("falls asleep", "fell ill", "falls short"). */
export const IDIOM_AFTER: ReadonlySet<string> = new Set(['asleep', 'ill', 'short', 'apart', 'behind', 'silent', 'pregnant']);

/** Measurements: "fall in/of <one of these>" is a drop, not a fall ("fall in BP", "a fall of hemoglobin"). */
export const MEASURE_WORDS: ReadonlySet<string> = new Set([
  'bp',
  'blood',
  'pressure',
  'sbp',
  'dbp',
  'map',
  'hemoglobin',
  'haemoglobin',
  'hgb',
  'hb',
  'hct',
  'hematocrit',
  'platelet',
  'plt',
  'sat',
  'saturation',
  'spo2',
  'o2',
  'oxygen',
  'gfr',
  'egfr',
  'creatinine',
  'cr',
  'sodium',
  'na',
  'potassium',
  'urine',
  'output',
  'uop',
  'temperature',
  'temp',
  'weight',
  'heart',
  'hr',
  'level',
  'count',
  'titer',
  'value',
  'score',
]);

/**
 * Flesch–Kincaid grade level: 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
 * (Kincaid et al., "Derivation of new readability formulas", Naval Technical Training Command
 * Research Branch Report 8-75, 1975), with a rule-based English syllable counter.
 */

/** Count syllables in one English word (vowel groups with the usual silent-e and -le/-ed rules). */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  // Silent endings: "-es"/"-e" after a consonant other than l ("makes", "name"; "table" keeps -le),
  // "-ed" ("walked"), and a leading y that is a consonant ("yellow").
  const core = w.replace(/(?:[^laeiouy]es|[^laeiouy]e|[^dt]ed)$/, (m) => m[0]!).replace(/^y/, '');
  return Math.max(1, core.match(/[aeiouy]+/g)?.length ?? 0);
}

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  grade: number;
}

/** Words, sentences, syllables and the Flesch–Kincaid grade of a text. */
export function fleschKincaid(text: string): Readability {
  const sentences = text
    .split(/[.!?]+(?:\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z0-9]/i.test(s));
  const words = text.match(/[A-Za-z0-9]+(?:['’][A-Za-z]+)?/g) ?? [];
  const syllables = words.reduce((a, w) => a + (/^\d+$/.test(w) ? 1 : countSyllables(w)), 0);
  const nw = words.length;
  const ns = Math.max(1, sentences.length);
  const grade = nw ? 0.39 * (nw / ns) + 11.8 * (syllables / nw) - 15.59 : 0;
  return { words: nw, sentences: sentences.length, syllables, grade: Math.round(grade * 100) / 100 };
}

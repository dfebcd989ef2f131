/**
 * Whether a one-word finding mention has its everyday reading here (see `data/word-senses.ts`).
 */
import type { Token } from './types';
import { GUARDED_WORDS, IDIOM_AFTER, MEASURE_WORDS, SEASONS, SEASON_AFTER, SEASON_BEFORE } from './data/word-senses';

/** The word token `step` words away from token `i` (negative: before), skipping punctuation; undefined at a sentence mark. */
function wordAt(tokens: readonly Token[], i: number, step: -1 | 1, count = 1): Token | undefined {
  let seen = 0;
  for (let j = i + step; j >= 0 && j < tokens.length; j += step) {
    const t = tokens[j]!;
    if (t.kind === 'punct') {
      if (t.norm === '.' || t.norm === ';' || t.norm === ':' || t.norm === '?' || t.norm === '!') return undefined;
      continue;
    }
    if (++seen === count) return t;
  }
  return undefined;
}

/** True when the one-word mention at token `i` reads as the season, an idiom or a drop in a measurement. */
export function isEverydayReading(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i]!.norm;
  if (!GUARDED_WORDS.has(word)) return false;
  const next = wordAt(tokens, i, 1);
  if (next && IDIOM_AFTER.has(next.norm)) return true;
  if (word !== 'fall') return false;
  const prev = wordAt(tokens, i, -1);
  if (prev && SEASON_BEFORE.has(prev.norm)) return true;
  if (next && SEASON_AFTER.has(next.norm)) return true;
  // "fall 2019", "fall of 2019"
  if (next?.kind === 'number' && /^(19|20)\d\d$/.test(next.norm)) return true;
  const after2 = wordAt(tokens, i, 1, 2);
  if (next?.norm === 'of' && after2?.kind === 'number' && /^(19|20)\d\d$/.test(after2.norm)) return true;
  // "spring and fall", "fall and winter", "fall or winter"
  const before2 = wordAt(tokens, i, -1, 2);
  if ((prev?.norm === 'and' || prev?.norm === 'or') && before2 && SEASONS.has(before2.norm)) return true;
  if ((next?.norm === 'and' || next?.norm === 'or') && after2 && SEASONS.has(after2.norm)) return true;
  // "a fall in BP", "fall of hemoglobin"
  if ((next?.norm === 'in' || next?.norm === 'of') && after2 && MEASURE_WORDS.has(after2.norm)) return true;
  return false;
}

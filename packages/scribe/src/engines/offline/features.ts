/** Features shared by the turn classifier's training script and the runtime. */
import type { Turn } from '../../transcript/turns';

/** Function words that carry no section signal. */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for with by from as is are was were be been being it its this that these those ' +
    'i you he she we they me him her us them my your his our their mine yours do does did done have has had not no ' +
    'so um uh okay ok yeah yes all right just like can could would should will gon na um mm hmm oh well there here what ' +
    'how when where why who which then than too very really about any some get got go going know think me'
  ).split(' '),
);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

/** Split an utterance into sentences on terminal punctuation. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Some ACI-Bench transcripts (speech-recogniser style) have no punctuation, so a turn is one
 * long "sentence". Split such run-ons at discourse markers so each piece is classified alone.
 */
export function splitRunOn(sentence: string): string[] {
  const n = words(sentence).length;
  if (n < 30 || (sentence.match(/[.?!,]/g) ?? []).length * 12 > n) return [sentence];
  const pieces: string[] = [];
  for (const piece of sentence.split(
    /\s+(?=(?:so|okay|ok|alright|now|and then|but|um|uh|do you|did you|have you|are you|is there|can you|how is|how are|how about)\s)/,
  )) {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && (words(piece).length < 5 || words(last).length < 5)) pieces[pieces.length - 1] = `${last} ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}
/**
 * Bag of features for one sentence of a turn: speaker role, relative position in the visit,
 * content words, and content words of the previous turn (prefixed `p:`).
 */
export function sentenceFeatures(sentence: string, turn: Turn, prev: Turn | undefined, position: number): string[] {
  const f = [`role:${turn.role}`, `pos:${Math.min(4, Math.floor(position * 5))}`];
  const n = words(sentence).length;
  f.push(n < 4 ? 'len:short' : n < 15 ? 'len:mid' : 'len:long');
  if (sentence.includes('?')) f.push('q');
  for (const w of contentWords(sentence)) f.push(w);
  if (prev) for (const w of contentWords(prev.text)) f.push('p:' + w);
  return f;
}

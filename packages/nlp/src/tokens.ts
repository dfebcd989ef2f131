/** Tokeniser and word normalisation shared by the matcher, ConText and measurements. */
import type { Token } from './types';

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Letter, mark or digit? ASCII by code; beyond ASCII by Unicode property (surrogates count as word). */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return WORD_CHAR.test(String.fromCharCode(c));
}

function isSpaceChar(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 160 ||
    c === 12 ||
    c === 11 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x200b ||
    c === 0xfeff
  );
}

/** ASCII character classes for the tokenizer's fast path. */
const SPACE = 1;
const DIGIT = 2;
const LETTER = 3;
const ASCII_CLASS = new Uint8Array(128);
for (const c of [32, 10, 13, 9, 12, 11]) ASCII_CLASS[c] = SPACE;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = LETTER;

/**
 * Tokenise `text[start, end)`: runs of letters/digits are words or numbers (`q6h`, `SpO2`, `2L`
 * stay whole), every other non-space character is a punctuation token (a surrogate pair, e.g. an
 * emoji, is one token). One linear pass over character codes.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  let i = Math.max(0, start);
  const stop = Math.min(end, text.length);
  while (i < stop) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? ASCII_CLASS[c]! : isSpaceChar(c) ? SPACE : isWordChar(c) ? LETTER : 0;
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (cls !== 0) {
      let j = i + 1;
      let digits = cls === DIGIT;
      while (j < stop) {
        const d = text.charCodeAt(j);
        if (d < 128) {
          const k = ASCII_CLASS[d]!;
          if (k < DIGIT) break;
          if (k !== DIGIT) digits = false;
        } else {
          if (!isWordChar(d)) break;
          digits = false;
        }
        j++;
      }
      const raw = text.slice(i, j);
      const norm = digits ? raw : normalizeWord(raw);
      out.push({ start: i, end: j, norm, kind: digits ? 'number' : 'word' });
      i = j;
      continue;
    }
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < stop ? 2 : 1;
    out.push({ start: i, end: i + pair, norm: text.slice(i, i + pair), kind: 'punct' });
    i += pair;
  }
  return out;
}

const KEEP_S = new Set([
  'is',
  'was',
  'has',
  'this',
  'its',
  'his',
  'hers',
  'us',
  'as',
  'yes',
  'less',
  'loss',
  'bus',
  'gas',
  'plus',
  'lupus',
  'virus',
  'sinus',
  'abscess',
  'ascites',
  'diabetes',
  'herpes',
  'pancreas',
  'pelvis',
  'psoriasis',
  'stenosis',
  'sepsis',
  'mellitus',
  'status',
  'bronchus',
  'calculus',
  'fetus',
  'thrombus',
  'embolus',
  'meningitis',
  'iris',
  'tetanus',
  'pertussis',
  'rabies',
  'measles',
  'mumps',
  'scabies',
  'feces',
  'aphthous',
  'nervous',
  'serous',
  'mucus',
  'uterus',
  'humerus',
  'radius',
  'femoris',
  'axis',
  'analysis',
  'diagnosis',
  'prognosis',
  'dialysis',
  'paralysis',
  'does',
  'goes',
  'always',
  'perhaps',
  'across',
  'towards',
  'afterwards',
  'dyspnea',
  'alias',
  'bis',
  'tis',
  'pus',
  'gis',
  'os',
  'cs',
  'ms',
  'ds',
  'ps',
  'ts',
  'ns',
  'ls',
  'hs',
]);

/**
 * Normalise a word: lower case and a conservative singular (`ulcers` → `ulcer`, `arteries` →
 * `artery`, `boxes` → `box`), leaving Latin/Greek `-is`/`-us`/`-ss` endings and short words alone.
 */
export function normalizeWord(word: string): string {
  const w = word.toLowerCase();
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (KEEP_S.has(w)) return w;
  const p = w.charCodeAt(n - 2);
  if (p === 115 /* ss */ || p === 117 /* us */ || p === 105 /* is */) return w;
  if (w.endsWith('ies') && n > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes')) return w.slice(0, -2);
  for (let k = 0; k < n; k++) {
    const c = w.charCodeAt(k);
    if (c >= 48 && c <= 57) return w; // a digit: `2Ls`, `q4hrs` stay as written
  }
  return w.slice(0, -1);
}

/** Normalised word forms of a phrase (punctuation dropped), as the matcher compares them. */
export function normalizePhrase(phrase: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(phrase)) if (t.kind !== 'punct') out.push(t.norm);
  return out;
}

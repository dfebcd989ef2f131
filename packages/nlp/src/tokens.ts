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

const NOT_ASCII = /[^\x00-\x7f]/;
const ENCODER = new TextEncoder();
/** A buffer for `asciiCodes`, handed out to one caller at a time. */
let spare: Uint8Array | undefined;

/**
 * The characters of an all-ASCII text as bytes, or `undefined` when the text has any other
 * character. The tokenizer's loop reads a typed array faster than `charCodeAt`. The buffer may be
 * longer than the text; hand it back with `releaseCodes` when done so the next text reuses it.
 */
export function asciiCodes(text: string): Uint8Array | undefined {
  if (NOT_ASCII.test(text)) return undefined;
  let codes = spare;
  spare = undefined;
  if (!codes || codes.length < text.length) codes = new Uint8Array(Math.max(text.length, 4096));
  ENCODER.encodeInto(text, codes);
  return codes;
}

/** Give back a buffer from `asciiCodes` for reuse (large ones are dropped). */
export function releaseCodes(codes: Uint8Array): void {
  if (codes.length <= 1 << 20) spare = codes;
}

/**
 * `tokenize` for an all-ASCII text, reading its characters from `codes` (from `asciiCodes`) and
 * cutting word forms from `lower` (`text.toLowerCase()`, position for position since the text is
 * ASCII), so no word is lower-cased on its own: the same tokens as `tokenize(text, start, end)`.
 */
export function tokenizeAscii(text: string, lower: string, codes: Uint8Array, start: number, end: number): Token[] {
  const out: Token[] = [];
  let i = Math.max(0, start);
  const stop = Math.min(end, text.length);
  while (i < stop) {
    const cls = ASCII_CLASS[codes[i]!]!;
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (cls !== 0) {
      let j = i + 1;
      let digits = cls === DIGIT;
      while (j < stop) {
        const k = ASCII_CLASS[codes[j]!]!;
        if (k < DIGIT) break;
        if (k !== DIGIT) digits = false;
        j++;
      }
      const raw = lower.slice(i, j);
      out.push({ start: i, end: j, norm: digits ? raw : normalizeLower(raw), kind: digits ? 'number' : 'word' });
      i = j;
      continue;
    }
    out.push({ start: i, end: i + 1, norm: text.slice(i, i + 1), kind: 'punct' });
    i++;
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
  return normalizeLower(word.toLowerCase());
}

/** `normalizeWord` of a word already in lower case (the singular rule only). */
function normalizeLower(w: string): string {
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

/**
 * Text normalisation shared by the index and (optionally) the NLP matcher: lower case, diacritics
 * removed, punctuation turned into spaces, so that "Crohn's disease", "CROHNS DISEASE" and
 * "crohn disease" meet at the same tokens.
 */

const DIACRITICS = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Normalise a name to space-separated lower-case ASCII tokens. */
export function normalizeText(text: string): string {
  // NFKD is costly; most names are plain ASCII and need none.
  const t = NON_ASCII.test(text)
    ? text
        .normalize('NFKD')
        .replace(DIACRITICS, '')
        .replace(/[\u2019`]/g, "'")
    : text;
  return t.toLowerCase().replace(/'s\b/g, '').replace(NON_WORD, ' ').trim();
}

/** Normalised tokens of a name (the same tokens as `normalizeText(text).split(' ')`). */
export function tokenize(text: string): string[] {
  if (NON_ASCII.test(text)) {
    const n = normalizeText(text);
    return n ? n.split(' ') : [];
  }
  // Fast path for ASCII: one pass over the characters.
  const out: string[] = [];
  let start = -1;
  let lower = true;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const ch = i < len ? text.charCodeAt(i) : 32;
    const isLower = (ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57);
    const isUpper = ch >= 65 && ch <= 90;
    if (isLower || isUpper) {
      if (start < 0) {
        start = i;
        lower = true;
      }
      if (isUpper) lower = false;
      continue;
    }
    if (start >= 0) {
      const tok = text.slice(start, i);
      out.push(lower ? tok : tok.toLowerCase());
      start = -1;
    }
    // "Crohn's" → "crohn": drop a possessive 's that ends a word.
    if (ch === 39 && (text.charCodeAt(i + 1) | 32) === 115) {
      const next = i + 2 < len ? text.charCodeAt(i + 2) : 32;
      const nextIsWord = (next >= 97 && next <= 122) || (next >= 65 && next <= 90) || (next >= 48 && next <= 57);
      if (!nextIsWord) i++;
    }
  }
  return out;
}

const singular = new Map<string, string>();

/**
 * A light English singular form for matching plurals ("kidney stones" → "kidney stone").
 * Deliberately conservative: short words and words ending in -ss/-us/-is are left alone.
 */
export function singularize(token: string): string {
  let s = singular.get(token);
  if (s === undefined) {
    s = singularOf(token);
    if (singular.size < 500_000) singular.set(token, s);
  }
  return s;
}

function singularOf(token: string): string {
  if (token.length <= 3 || !token.endsWith('s') || /\d/.test(token)) return token;
  if (/(ss|us|is|ous|xis)$/.test(token)) return token;
  if (token.endsWith('ies') && token.length > 4) return token.slice(0, -3) + 'y';
  if (/(ches|shes|xes|sses|zes)$/.test(token)) return token.slice(0, -2);
  return token.slice(0, -1);
}

/** The key used for exact name look-up: normalised tokens, singularised. */
export function nameKey(text: string): string {
  return tokenize(text).map(singularize).join(' ');
}

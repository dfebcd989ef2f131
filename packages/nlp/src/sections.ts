/**
 * Section detection: a header is a short run of words followed by a colon, at the start of a line,
 * after a sentence end, or after a comma run as in transcribed notes (`ALLERGIES: ,`). Known headers
 * map to a category; an unknown header counts only when it is written in capitals at a line start.
 */
import { SECTION_HEADERS } from './data/section-headers';
import type { Section, SectionCategory } from './types';

/** Normalise header text for look-up. */
export function normalizeHeader(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * Memo of `categorizeHeader` by title as written: notes repeat their headers (and `BP:`-like
 * labels reach here too). Emptied when it reaches `HEADER_MEMO_MAX` titles.
 */
const HEADER_MEMO = new Map<string, SectionCategory | null>();
const HEADER_MEMO_MAX = 10_000;

/** The category of a header, or `undefined` when it is not a known header. */
export function categorizeHeader(title: string): SectionCategory | undefined {
  let category = HEADER_MEMO.get(title);
  if (category === undefined) {
    category = lookUpHeader(title) ?? null;
    if (HEADER_MEMO.size >= HEADER_MEMO_MAX) HEADER_MEMO.clear();
    HEADER_MEMO.set(title, category);
  }
  return category ?? undefined;
}

function lookUpHeader(title: string): SectionCategory | undefined {
  const key = normalizeHeader(title);
  const exact = SECTION_HEADERS.get(key);
  if (exact) return exact;
  // "ALLERGIES TO MEDICATIONS", "FAMILY HISTORY AND SOCIAL": a known header of 4+ letters, then more words
  const words = key.split(' ');
  for (let n = Math.min(words.length - 1, 4); n >= 1; n--) {
    const prefix = words.slice(0, n).join(' ');
    if (prefix.length < 4) continue;
    const cat = SECTION_HEADERS.get(prefix);
    if (cat) return cat;
  }
  return undefined;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Characters a header may contain: letters, space, tab, `&`, `/`, `(`, `)`, `'`, `-`. */
const isHeaderChar = (c: number) =>
  isLetter(c) || c === 32 || c === 9 || c === 38 || c === 47 || c === 40 || c === 41 || c === 39 || c === 45;

/**
 * Split `text` into sections. The text before the first header is a section with an empty title.
 * Linear: it visits each colon once and looks back at most 50 characters from it.
 */
export function detectSections(text: string): Section[] {
  const sections: Section[] = [{ start: 0, end: text.length, title: '', category: 'other' }];
  const n = text.length;
  let lastEnd = 0;
  for (let p = text.indexOf(':'); p >= 0; p = text.indexOf(':', p + 1)) {
    const after = text.charCodeAt(p + 1);
    if (after >= 48 && after <= 57) continue; // times, ratios: "10:30"
    let b = p;
    while (b > lastEnd && p - b < 50 && isHeaderChar(text.charCodeAt(b - 1))) b--;
    let s0 = b;
    while (s0 < p && (text.charCodeAt(s0) === 32 || text.charCodeAt(s0) === 9)) s0++;
    if (s0 >= p || !isLetter(text.charCodeAt(s0))) continue;
    // the header must start the text or a line, or follow ". " / ", " / "; "
    if (s0 > 0) {
      const prev = text.charCodeAt(s0 - 1);
      // transcriptions run sections together: "...up.,MEDICATIONS: ,"
      if (prev !== 10 && prev !== 13 && prev !== 44 && prev !== 59 && prev !== 46) {
        if (prev !== 32 && prev !== 9) continue;
        let k = s0 - 1;
        while (k > 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
        const q = text.charCodeAt(k);
        if (!(k === 0 && (q === 32 || q === 9)) && q !== 46 && q !== 44 && q !== 59 && q !== 10 && q !== 13) continue;
      }
    }
    const title = text.slice(s0, p).trim();
    const lineStart = s0 === 0 || text.charCodeAt(s0 - 1) === 10 || text.charCodeAt(s0 - 1) === 13;
    const words = title.split(/\s+/).length;
    if (words > 6) continue;
    let category = categorizeHeader(title);
    if (!category && lineStart && words <= 5 && title === title.toUpperCase() && /[A-Z]{2}/.test(title)) {
      category = 'other';
    }
    // One-letter SOAP headers count only in capitals.
    if (category && title.length === 1 && title !== title.toUpperCase()) category = undefined;
    if (!category) continue;
    sections[sections.length - 1]!.end = s0;
    sections.push({ start: s0, end: n, title, category, header: { start: s0, end: p + 1 } });
    lastEnd = p + 1;
  }
  // Drop an empty leading section when a header starts the text.
  if (sections.length > 1 && sections[0]!.end === 0) sections.shift();
  return sections;
}

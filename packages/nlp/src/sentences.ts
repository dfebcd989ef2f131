/**
 * Sentence splitter for clinical text. Boundaries: `.`/`!`/`?` followed by space and a capital,
 * digit or bracket (unless the word before is a known abbreviation, an initial or a list number),
 * blank lines, a new line that starts a list item or follows terminal punctuation, and section
 * headers. Semicolons do not split (ConText treats them as scope stops). A sentence longer than
 * `maxLength` characters is cut at the next space, which keeps later stages linear.
 */
import type { Section, Span } from './types';

/** Words whose trailing period does not end a sentence (lower case, without the period). */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'vs',
  'v',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'approx',
  'appt',
  'apt',
  'dept',
  'no',
  'fig',
  'pt',
  'pts',
  'inc',
  'jr',
  'sr',
  'prof',
  'min',
  'max',
  'mg',
  'hr',
  'hrs',
  'wk',
  'wks',
  'mo',
  'yr',
  'yrs',
  'p.o',
  'b.i.d',
  't.i.d',
  'q.i.d',
  'q.d',
  'q.h.s',
  'h.s',
  'p.r.n',
  'a.m',
  'p.m',
  'q',
  'qd',
  'bid',
  'tid',
  'qid',
  'po',
  'iv',
  'im',
  'sc',
  'subq',
  'prn',
  'qhs',
  'tab',
  'tabs',
  'cap',
  'caps',
  'ca',
  'cc',
  'cf',
  'al',
  'resp',
  'temp',
  'neg',
  'pos',
  'abd',
  'ext',
  'hx',
  'h/o',
  's/p',
  'r/o',
  'w/',
  'x',
  'mm',
  'cm',
  'est',
  'sp',
  'gen',
]);

export interface SplitOptions {
  /** Cut sentences longer than this (characters) at the next space. Default 2000. */
  maxLength?: number;
}

const isUpperOrDigit = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 40 || c === 91 || c === 34 || c === 39 || c === 42 || c > 127;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 12;

/** Split `text` into sentence spans (trimmed, non-empty), never crossing a section header. */
export function splitSentences(text: string, sections: readonly Section[] = [], options: SplitOptions = {}): Span[] {
  const maxLength = options.maxLength ?? 2000;
  const out: Span[] = [];
  const n = text.length;
  // header starts are forced boundaries; header ends too (the header is its own sentence)
  const forced: number[] = [];
  for (const s of sections) {
    if (s.header) forced.push(s.header.start, s.header.end);
  }
  forced.sort((a, b) => a - b);
  let f = 0;
  let start = 0;
  // the next forced boundary at or after the last position looked at
  let nextForced = forced.length ? forced[0]! : Infinity;
  // next `.`, `\n`, `!`, `?` at or after the position they were looked up from (n: none)
  let nextDot = -1;
  let nextNl = -1;
  let nextBang = -1;
  let nextQuery = -1;
  for (let i = 0; i < n; i++) {
    // Nothing happens at a character that is none of those, before a forced boundary and before
    // the sentence is over-long: jump (indexOf is native) to the next position that matters.
    if (i < nextForced && i - start < maxLength) {
      if (nextDot < i) nextDot = indexOrEnd(text, '.', i);
      if (nextNl < i) nextNl = indexOrEnd(text, '\n', i);
      if (nextBang < i) nextBang = indexOrEnd(text, '!', i);
      if (nextQuery < i) nextQuery = indexOrEnd(text, '?', i);
      const to = Math.min(nextDot, nextNl, nextBang, nextQuery, nextForced, start + maxLength);
      if (to > i) {
        i = to;
        if (i >= n) break;
      }
    }
    if (i >= nextForced) {
      while (f < forced.length && forced[f]! < i) f++;
      if (f < forced.length && forced[f] === i && i > start) {
        pushTrimmed(text, out, start, i);
        start = i;
      }
      nextForced = f < forced.length ? forced[f]! : Infinity;
    }
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63) {
      // . ! ?
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
      if (j < n && !isSpace(text.charCodeAt(j))) continue;
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (k < n && !isUpperOrDigit(text.charCodeAt(k)) && !hasNewline(text, j, k)) continue;
      if (c === 46 && isAbbreviationBefore(text, i, start)) continue;
      pushTrimmed(text, out, start, j);
      start = j;
      i = j - 1;
      continue;
    }
    if (c === 10) {
      // blank line, or a new line starting a list item / following terminal punctuation
      let k = i + 1;
      let blank = false;
      while (k < n && isSpace(text.charCodeAt(k))) {
        if (text.charCodeAt(k) === 10) {
          blank = true; // stop at the next newline: keeps runs of blank lines linear
          break;
        }
        k++;
      }
      if (blank || startsListItem(text, k) || endsWithTerminal(text, start, i)) {
        pushTrimmed(text, out, start, i);
        start = i;
      }
      continue;
    }
    // cut an over-long sentence at a space, or anywhere once it is twice too long (no spaces at all)
    if (i - start >= maxLength && (isSpace(c) || i - start >= 2 * maxLength)) {
      pushTrimmed(text, out, start, i);
      start = i;
    }
  }
  pushTrimmed(text, out, start, n);
  return out;
}

/** Position of the next `ch` at or after `from`, or the text's length when there is none. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const p = text.indexOf(ch, from);
  return p < 0 ? text.length : p;
}

/** Push `text[from, to)` without its surrounding spaces, when anything is left. */
function pushTrimmed(text: string, out: Span[], from: number, to: number): void {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (b > a) out.push({ start: a, end: b });
}

function hasNewline(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

function isAbbreviationBefore(text: string, dot: number, floor: number): boolean {
  let a = dot;
  while (a > floor && !isSpace(text.charCodeAt(a - 1)) && text.charCodeAt(a - 1) !== 40) a--;
  const word = text.slice(a, dot).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // single-letter initial ("J. Smith") or list number ("1. ") at a line or sentence start
  if (word.length === 1 && /[a-z]/.test(word)) return true;
  if (/^\d{1,2}$/.test(word)) {
    let p = a - 1;
    while (p >= floor && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p < floor || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 58 /* : */) return true;
  }
  // dotted abbreviations: "b.i.d", "p.o"
  return /^[a-z](\.[a-z])+$/.test(word);
}

function startsListItem(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c === 45 || c === 42 || c === 8226) return true; // - * •
  let j = k;
  while (j < text.length && j - k < 3 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j > k && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 41) && isSpace(text.charCodeAt(j + 1));
}

function endsWithTerminal(text: string, start: number, nl: number): boolean {
  let p = nl - 1;
  while (p >= start && isSpace(text.charCodeAt(p))) p--;
  if (p < start) return false;
  const c = text.charCodeAt(p);
  return c === 46 || c === 33 || c === 63 || c === 58 || c === 59;
}

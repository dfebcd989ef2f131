/**
 * The shared token view every recognizer reads: the words of one chunk of text with their shape
 * (capitalised, upper case), whether the chunk carries capitalisation at all, the dictionaries, and
 * what earlier recognizers have claimed (spans, claimed tokens, name tokens). Recognizers add spans
 * through `addToken`, so a token is claimed once.
 */
import type { PhiSpan, PhiType } from '../types';
import { dictionaries, type Dictionaries } from '../dictionaries';
import { RELATIONS, ROLES, SPLIT_AFTER, TITLES } from '../data/name-cues';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** First letter upper case, some lower case after it ("Smith"). */
  cap: boolean;
  /** All letters upper case. */
  upper: boolean;
}

export interface TokenView {
  /** The chunk's text; `base` is its offset in the document (token offsets are document offsets). */
  text: string;
  base: number;
  tokens: Token[];
  /** An all-upper-case or all-lower-case chunk: capitalisation carries no information. */
  caps: boolean;
  d: Dictionaries;
  /** One-word site-list names: they count as dictionary names. */
  extraNames: Set<string>;
  /** Name and place spans found so far; pattern spans join them once the chunk has been learnt from. */
  spans: PhiSpan[];
  /** The pattern recognizer's spans (dates, phones, ids, ...), kept apart until then. */
  patternSpans: PhiSpan[];
  /** Token index → already claimed (a name, a place, or inside a pattern match). */
  marked: Set<number>;
  /** Token indexes claimed as names. */
  nameTokens: Set<number>;
}

/** The view of one chunk, before any recognizer has run. */
export function createTokenView(text: string, base: number, d: Dictionaries, extraNames: Set<string>): TokenView {
  return {
    text,
    base,
    tokens: tokenize(text, base),
    caps: isCaps(text),
    d,
    spans: [],
    patternSpans: [],
    marked: new Set(),
    nameTokens: new Set(),
    extraNames,
  };
}

/** Words of a text: letters, apostrophes and up to three hyphenated parts; "Smith's" is "Smith". */
export function tokenize(text: string, base: number): Token[] {
  const out: Token[] = [];
  const re = /[A-Za-z][A-Za-z']{0,40}(?:-[A-Za-z]{1,40}){0,3}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let t = m[0];
    if (m.index > 0 && /\d/.test(text[m.index - 1]!)) continue;
    // "Smith's" -> "Smith"
    if (t.endsWith("'s") || t.endsWith("'S")) t = t.slice(0, -2);
    if (t.endsWith("'")) t = t.slice(0, -1);
    if (!t) continue;
    const lower = t.toLowerCase();
    // "DAUGHTER-KRISSY", "son Rob-who", "GIVEN CARAFATE-W": a cue word or a common word glued to a
    // word by a hyphen is two tokens ("dtr-in-law" and "Smith-Jones" stay whole).
    const parts = lower.split('-');
    if (
      parts.length === 2 &&
      !/-in-law$/.test(lower) &&
      (RELATIONS.has(parts[0]!) ||
        ROLES.has(parts[0]!) ||
        TITLES.has(parts[0]!) ||
        SPLIT_AFTER.has(parts[1]!) ||
        // "SOCIAL-daughter Lou", "FAMILY-wife": a section word glued to a cue word
        RELATIONS.has(parts[1]!) ||
        TITLES.has(parts[1]!) ||
        dictionaries().clinical.has(parts[0]!))
    ) {
      let off = 0;
      for (const part of t.split('-')) {
        if (part) pushToken(out, base + m.index + off, part);
        off += part.length + 1;
      }
      continue;
    }
    pushToken(out, base + m.index, t);
  }
  return out;
}

function pushToken(out: Token[], start: number, t: string): void {
  const lower = t.toLowerCase();
  const upper = t === t.toUpperCase();
  out.push({ start, end: start + t.length, text: t, lower, upper, cap: !upper && /^[A-Z]/.test(t) });
}

/** Upper-case nursing notes and all-lower-case notes: capitalisation carries no information. */
function isCaps(text: string): boolean {
  let up = 0;
  let low = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) up++;
    else if (c >= 97 && c <= 122) low++;
  }
  return up > 3 * low || low > 25 * (up + 1);
}

/** The characters between two tokens. */
export function gap(v: TokenView, a: Token, b: Token): string {
  return v.text.slice(a.end - v.base, b.start - v.base);
}

/** Up to `n` characters before a token. */
export function before(v: TokenView, t: Token, n: number): string {
  return v.text.slice(Math.max(0, t.start - v.base - n), t.start - v.base);
}

/** Length of the longest entry of `table` (keyed by first word) starting at token i, or 0. */
export function matchMulti(v: TokenView, i: number, table: Map<string, string[][]>): number {
  const t = v.tokens[i];
  if (!t) return 0;
  const cands = table.get(t.lower);
  if (!cands) return 0;
  for (const words of cands) {
    let ok = true;
    for (let k = 1; k < words.length; k++) {
      const tk = v.tokens[i + k];
      const prev = v.tokens[i + k - 1]!;
      if (!tk || tk.lower !== words[k] || !/^[\s.]{1,3}$/.test(gap(v, prev, tk))) {
        ok = false;
        break;
      }
    }
    if (ok) return words.length;
  }
  return 0;
}

/** Claim token i as a span of `type` (nothing when it is already claimed). */
export function addToken(v: TokenView, i: number, type: PhiType, source: string, subtype?: string): void {
  const t = v.tokens[i];
  if (!t || v.marked.has(i)) return;
  v.marked.add(i);
  if (type === 'NAME') v.nameTokens.add(i);
  v.spans.push({ start: t.start, end: t.end, type, text: t.text, source, ...(subtype ? { subtype } : {}) });
}

/** Claim the tokens inside pattern matches (e.g. an email's user name): they are not re-detected. */
export function markCovered(v: TokenView, spans: PhiSpan[]): void {
  if (!spans.length) return;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let k = 0;
  for (let i = 0; i < v.tokens.length; i++) {
    const t = v.tokens[i]!;
    while (k < sorted.length && sorted[k]!.end <= t.start) k++;
    const s = sorted[k];
    if (s && s.start < t.end && t.start < s.end) v.marked.add(i);
  }
}

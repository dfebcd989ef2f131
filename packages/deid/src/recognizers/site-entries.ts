/**
 * Site lists: the site's staff names and places (wards, hospitals, towns, streets) from a site
 * lists file (`parseSiteLists`), PHI wherever they occur, in any case, without a cue. One-word
 * names also count as dictionary names for the other recognizers; a phrase matches its words in
 * order; an entry with digits or accents ("5 North", "Hôtel-Dieu") matches as written.
 */
import type { PhiType } from '../types';
import { dictionaries } from '../dictionaries';
import { extendName } from './mark-name';
import { addToken, gap, tokenize, type TokenView } from './token-view';

export interface SiteIndex {
  /** The one-word entries (lower case): also count as dictionary name words. */
  words: Set<string>;
  /** First word of an entry → the entries starting with it (lower-case words), longest first. */
  phrases: Map<string, string[][]>;
  /**
   * Entries with parts the tokenizer does not keep ("5 North", "Unit 4B", "Hôtel-Dieu"): first
   * word → a case-insensitive pattern of the whole entry, tried only where that word occurs.
   */
  literals: Map<string, SiteLiteral[]>;
}

interface SiteLiteral {
  re: RegExp;
  /** Characters of the entry before its first word ("5 " in "5 North"). */
  lead: number;
  length: number;
}

export const EMPTY_SITE: SiteIndex = { words: new Set(), phrases: new Map(), literals: new Map() };
const siteIndexes = new WeakMap<readonly string[], SiteIndex>();

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const l = map.get(key);
  if (l) l.push(value);
  else map.set(key, [value]);
}

/** The lookup tables for one site list, built once per array. */
export function siteIndex(list: readonly string[] | undefined): SiteIndex {
  if (!list || list.length === 0) return EMPTY_SITE;
  const cached = siteIndexes.get(list);
  if (cached) return cached;
  const common = dictionaries().common;
  const index: SiteIndex = { words: new Set(), phrases: new Map(), literals: new Map() };
  const seen = new Set<string>();
  for (const raw of list) {
    if (typeof raw !== 'string') continue;
    const entry = raw.replace(/\s+/g, ' ').trim();
    // the entry's words as the tokenizer splits text ("St. Mary's" -> st, mary)
    const toks = tokenize(entry, 0);
    const words = toks.map((t) => t.lower);
    const first = words[0];
    if (!first) continue;
    const key = entry.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    // Does the entry have letters or digits outside its words? Then match it literally.
    const letters = (x: string) =>
      x
        .toLowerCase()
        .replace(/'s\b/g, '')
        .replace(/[^\p{L}\p{N}]/gu, '');
    if (letters(entry) !== letters(words.join(' '))) {
      const body = entry
        .split(' ')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s.,]{1,3}');
      pushTo(index.literals, first, {
        re: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu'),
        lead: toks[0]!.start,
        length: entry.length,
      });
      continue;
    }
    if (words.length === 1 && (common.has(first) || first.length < 2)) continue;
    // a one-word entry is also a dictionary word (names: a surname or given name for the cue
    // rules); the words of a phrase count only together ("Holy Cross", not "cross")
    if (words.length === 1) index.words.add(first);
    pushTo(index.phrases, first, words);
  }
  for (const l of index.phrases.values()) l.sort((a, b) => b.length - a.length);
  for (const l of index.literals.values()) l.sort((a, b) => b.length - a.length);
  siteIndexes.set(list, index);
  return index;
}

/** Length of the longest site entry starting at token i (0 if none): one hash lookup per token. */
function matchSite(v: TokenView, i: number, index: SiteIndex): number {
  const cands = index.phrases.get(v.tokens[i]!.lower);
  if (!cands) return 0;
  for (const words of cands) {
    let ok = true;
    for (let k = 1; k < words.length; k++) {
      const tk = v.tokens[i + k];
      if (!tk || tk.lower !== words[k] || !/^(?:'[sS])?[\s.,]{1,3}$/.test(gap(v, v.tokens[i + k - 1]!, tk))) {
        ok = false;
        break;
      }
    }
    if (ok) return words.length;
  }
  return 0;
}

/** A literal site entry around token i: its [start, end) in document offsets, or undefined. */
function matchSiteLiteral(v: TokenView, i: number, index: SiteIndex): [number, number] | undefined {
  const t = v.tokens[i]!;
  const cands = index.literals.get(t.lower);
  if (!cands) return undefined;
  const at = t.start - v.base;
  for (const c of cands) {
    // white space may be wider in the text than in the entry: look a little further either side
    const from = Math.max(0, at - c.lead * 3 - 4);
    const window = v.text.slice(from, Math.min(v.text.length, at + c.length * 3 + 4));
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.re.exec(window))) {
      const s = from + m.index;
      const e = s + m[0].length;
      if (s <= at && at < e) return [v.base + s, v.base + e];
      if (s > at) break;
      if (m[0].length === 0) c.re.lastIndex++;
    }
  }
  return undefined;
}

/** Site names and places: PHI wherever they occur, in any case, without a cue. */
export function findSiteEntries(v: TokenView, names: SiteIndex, places: SiteIndex): void {
  if (names === EMPTY_SITE && places === EMPTY_SITE) return;
  const { tokens } = v;
  for (let i = 0; i < tokens.length; i++) {
    if (v.marked.has(i)) continue;
    const litPlace = matchSiteLiteral(v, i, places);
    const lit = litPlace ?? matchSiteLiteral(v, i, names);
    if (lit) {
      const type: PhiType = litPlace ? 'LOCATION' : 'NAME';
      const [s, e] = lit;
      v.spans.push({
        start: s,
        end: e,
        type,
        text: v.text.slice(s - v.base, e - v.base),
        source: 'site-list',
        ...(type === 'LOCATION' ? { subtype: 'site' } : {}),
      });
      while (tokens[i + 1] && tokens[i + 1]!.start < e) i++;
      for (let k = i; k >= 0 && tokens[k]!.end > s; k--) {
        v.marked.add(k);
        if (type === 'NAME') v.nameTokens.add(k);
      }
      continue;
    }
    const p = matchSite(v, i, places);
    const n = matchSite(v, i, names);
    // the longer entry wins; a tie goes to the place ("Bellmere" ward named after a person)
    if (p > 0 && p >= n) {
      for (let k = i; k < i + p; k++) addToken(v, k, 'LOCATION', 'site-list', 'site');
      i += p - 1;
    } else if (n > 0) {
      for (let k = i; k < i + n; k++) addToken(v, k, 'NAME', 'site-list');
      extendName(v, i + n - 1, 'site-list', undefined);
      i += n - 1;
    }
  }
}

/**
 * Names before a phone number: "Lopie Certusi cell# 410-...", "dtr Frances Baker- 212-...",
 * "CONTACT PERSON <FIRST> <LAST> (phone)". Runs after every chunk's patterns are known.
 */
import { RELATIONS, ROLES } from '../data/name-cues';
import { markName } from './mark-name';
import { addToken, gap, type TokenView } from './token-view';
import { nameLike } from './word-shape';

/** "Lopie Certusi cell# 410-...", "dtr Frances Baker- 212-...": the words before a phone number. */
export function namesBeforePhones(v: TokenView): void {
  const phones = v.spans.filter((s) => s.type === 'PHONE');
  if (!phones.length) return;
  let k = 0;
  for (const p of phones) {
    while (k < v.tokens.length && v.tokens[k]!.end <= p.start) k++;
    // tokens k-1, k-2 ... before the phone, allowing "cell#", "tel", "home", "-", "(", ":"
    let j = k - 1;
    while (
      j >= 0 &&
      /^(?:cell|tel|phone|home|work|mobile|ph|h|c|w|pager|at|number|is|no)$/i.test(v.tokens[j]!.lower) &&
      p.start - v.tokens[j]!.end < 12
    )
      j--;
    const t = v.tokens[j];
    if (!t || p.start - t.end > 16 || /\n/.test(v.text.slice(t.end - v.base, p.start - v.base))) continue;
    const shape = v.caps ? t.text.length >= 3 && !/(?:ed|ing|ly)$/i.test(t.text) : t.cap;
    if (shape && nameLike(v, j, false) && !v.d.places.has(t.lower)) {
      markName(v, j, 'before-phone');
      // "CONTACT PERSON <FIRST> <LAST> (phone)": the first name before it, after a contact cue
      const p = v.tokens[j - 1];
      const pp = v.tokens[j - 2];
      if (
        p &&
        pp &&
        !v.marked.has(j - 1) &&
        /^\s{1,2}$/.test(gap(v, p, t)) &&
        /^(?:person|contact|proxy|hcp|is|named|call|reach)$/.test(pp.lower) &&
        (v.caps ? p.text.length >= 3 : p.cap) &&
        !v.d.common.has(p.lower) &&
        !v.d.clinical.has(p.lower) &&
        !RELATIONS.has(p.lower) &&
        !ROLES.has(p.lower)
      )
        addToken(v, j - 1, 'NAME', 'before-phone');
    }
  }
}

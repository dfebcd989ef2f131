/**
 * Generic place words after a found place: "Milford Mill", "Glen Heights", and "found at his home
 * in Quorvath Mill" (a word a name list holds, after a location preposition and before a generic
 * place word, is a place, not a person).
 */
import type { PhiSpan } from '../types';
import { addToken, gap, type TokenView } from './token-view';

/** "Milford Mill", "Glen Heights": a generic place word right after a found place is part of it. */
export function extendPlaces(v: TokenView): void {
  const { tokens, d } = v;
  const byStart = new Map<number, PhiSpan>();
  for (const s of v.spans) if (s.type === 'LOCATION') byStart.set(s.start, s);
  // "found in his home in <Surname> Mill": a word found only because a name list holds it, after a
  // location preposition and before a generic place word, is a place
  let tokenAt: Map<number, number> | undefined;
  for (let k = 0; k < v.spans.length; k++) {
    const s = v.spans[k]!;
    if (s.type !== 'NAME' || s.source !== 'dictionary') continue;
    tokenAt ??= new Map(tokens.map((t, j) => [t.start, j]));
    const i = tokenAt.get(s.start) ?? -1;
    const nx = tokens[i + 1];
    const pv = tokens[i - 1];
    if (i < 0 || !nx || !pv || !d.placeSuffixes.has(nx.lower)) continue;
    if (!/^(?:in|from|at|near|to)$/.test(pv.lower) || !/^\s{1,2}$/.test(gap(v, tokens[i]!, nx))) continue;
    if (v.caps ? nx.upper !== tokens[i]!.upper : !nx.cap) continue;
    // the place word may already have been taken in as part of the name ("dictionary+ext")
    const ext = v.marked.has(i + 1)
      ? v.spans.findIndex((x) => x.start === nx.start && x.type === 'NAME' && x.source === 'dictionary+ext')
      : -2;
    if (ext === -1) continue;
    const place: PhiSpan = { start: s.start, end: s.end, type: 'LOCATION', text: s.text, source: 'place+suffix' };
    v.spans[k] = place;
    v.nameTokens.delete(i);
    byStart.set(s.start, place);
    if (ext >= 0) {
      v.spans[ext] = { start: nx.start, end: nx.end, type: 'LOCATION', text: nx.text, source: 'place+suffix' };
      v.nameTokens.delete(i + 1);
    }
  }
  if (!byStart.size) return;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!v.marked.has(i) || v.nameTokens.has(i)) continue;
    const span = byStart.get(tokens[i]!.start);
    if (!span || span.source === 'institution' || span.source === 'hospital-abbr') continue;
    const nx = tokens[i + 1]!;
    if (v.marked.has(i + 1) || !d.placeSuffixes.has(nx.lower) || !/^\s{1,2}$/.test(gap(v, tokens[i]!, nx))) continue;
    if (!v.caps && !nx.cap) continue;
    if (v.caps && nx.upper !== tokens[i]!.upper) continue;
    addToken(v, i + 1, 'LOCATION', span.source, span.subtype);
  }
}

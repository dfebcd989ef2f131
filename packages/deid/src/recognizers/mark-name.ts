/**
 * Claiming a name: the token a cue points at, the initials and name words beside it ("Jean
 * Hudson", "Anthony C. Kozicki"), and a name joined to it by "and" ("Suzette and Hank"). Every name
 * recognizer claims names through `markName`.
 */
import { CREDENTIALS, RELATIONS, ROLES, SPECIES, TITLES } from '../data/name-cues';
import { addToken, gap, type Token, type TokenView } from './token-view';
import { isDictName, isEponymUse, isInitial, isStandaloneName, nameLike } from './word-shape';

/**
 * Claim token i as a name found by `source`, with its neighbours and a list after it. A token found
 * before may still reach its neighbours with the new cue.
 */
export function markName(v: TokenView, i: number, source: string, subtype?: string): void {
  if (v.marked.has(i)) {
    // found before (e.g. from the dictionary); a cue now may still reach its neighbours
    if (v.nameTokens.has(i)) extendName(v, i, source, subtype);
    return;
  }
  addToken(v, i, 'NAME', source, subtype);
  extendName(v, i, source, subtype);
  // Lists: "Suzette and Hank", "sarah and margie", "Ballou and Dutter", "Dr. X and Dr. Y".
  let k = i;
  while (v.marked.has(k + 1) && k - i < 3) k++;
  const conj = v.tokens[k + 1];
  if (conj && (conj.lower === 'and' || conj.lower === 'or') && /^\s{1,2}$/.test(gap(v, v.tokens[k]!, conj))) {
    let n = k + 2;
    if (v.tokens[n] && TITLES.has(v.tokens[n]!.lower)) n++;
    const t = v.tokens[n];
    if (t && !v.marked.has(n) && t.text.length >= 3 && !/\n/.test(gap(v, conj, t))) {
      const shape = v.caps
        ? isDictName(v, t) || (!v.d.english.has(t.lower) && !v.d.clinical.has(t.lower) && !v.d.common.has(t.lower))
        : t.cap && nameLike(v, n, true);
      if (shape && !RELATIONS.has(t.lower) && !ROLES.has(t.lower)) markName(v, n, source + '+list', subtype);
    }
  }
}

/** One step of growing a name: may the candidate token `at` join the name token `from`? */
interface Step {
  /** 1: the candidate follows the name; -1: it precedes it. */
  dir: 1 | -1;
  /** The token the name grew from. */
  origin: number;
  /** The name token next to the candidate. */
  from: number;
  at: number;
  /** The characters between them. */
  gap: string;
  source: string;
}

/** Extend a name to neighbouring initials and name-like words ("Jean Hudson", "Anthony C. Kozicki"). */
export function extendName(v: TokenView, i: number, source: string, subtype: string | undefined): void {
  const { tokens } = v;
  for (const dir of [1, -1] as const) {
    let j = i;
    for (let steps = 0; steps < 3; steps++) {
      const a = tokens[dir === 1 ? j : j - 1];
      const b = tokens[dir === 1 ? j + 1 : j];
      if (!a || !b) break;
      const g = gap(v, a, b);
      if (!/^(?:\.?\s{1,3}|\s{0,2}-\s{0,2}|\.)$/.test(g) || /\n/.test(g)) break;
      const k = dir === 1 ? j + 1 : j - 1;
      const t = tokens[k]!;
      if (g.includes('.') && !isInitial(v, dir === 1 ? j : k)) break;
      if (v.marked.has(k)) {
        j = k;
        continue;
      }
      // "Instructed Ben", "Pericardial Blake": a name found by the dictionary alone does not take in
      // an English word before it
      // (likewise for a site-list name, also found without a cue)
      const cueless = source === 'dictionary' || source === 'site-list';
      if (cueless && dir === -1 && v.d.english.has(t.lower) && !isDictName(v, t)) break;
      if (cueless && isEponymUse(v, k)) break;
      // "<X> Hosp", "<X> Clinic": a name does not take in the institution word after it
      if (dir === 1 && v.d.institutionWords.has(t.lower) && !isDictName(v, t)) break;
      if (!takesNeighbour(v, { dir, origin: i, from: j, at: k, gap: g, source }, t)) break;
      addToken(v, k, 'NAME', source + '+ext', subtype);
      j = k;
    }
  }
}

function takesNeighbour(v: TokenView, s: Step, t: Token): boolean {
  if (isInitial(v, s.at)) return !v.caps || v.text[t.end - v.base] === '.';
  return NEIGHBOURS.some((joins) => joins(v, s, t));
}

/** Not a cue word of the note's sentence: credential, role, relative. */
const notCueWord = (t: Token) => !CREDENTIALS.has(t.lower) && !ROLES.has(t.lower) && !RELATIONS.has(t.lower);

/** The ways a neighbouring word joins a name, tried in order. */
const NEIGHBOURS: ReadonlyArray<(v: TokenView, s: Step, t: Token) => boolean> = [
  // "Dr B. Gill", "per B. KARGAS": a word after an initial of a found name is the surname
  function surnameAfterInitial(v, s, t) {
    const { d } = v;
    return (
      s.dir === 1 &&
      isInitial(v, s.from) &&
      v.text[v.tokens[s.from]!.end - v.base] === '.' &&
      t.text.length >= 3 &&
      !d.common.has(t.lower) &&
      (!d.clinical.has(t.lower) || isDictName(v, t)) &&
      !SPECIES.has(t.lower) &&
      notCueWord(t) &&
      (v.caps || t.cap || t.upper)
    );
  },
  function dictionaryName(v, _s, t) {
    return isStandaloneName(v, t);
  },
  function capitalisedInMixedCase(v, s, t) {
    return (
      !v.caps &&
      t.cap &&
      nameLike(v, s.at, true) &&
      (!v.d.clinical.has(t.lower) || (s.dir === 1 && v.d.firstNames.has(v.tokens[s.from]!.lower)))
    );
  },
  function nameShapeAfterDictionaryName(v, s) {
    return v.caps && nameLike(v, s.at, false) && (isDictName(v, v.tokens[s.origin]!) || isInitial(v, s.origin)) && s.dir === 1;
  },
  // "dr. john bowman", "wife, Janet logan is here": a surname after a first name found with a cue
  function surnameAfterCuedFirstName(v, s, t) {
    const { d } = v;
    return (
      s.dir === 1 &&
      /^(?:title|relation|role|credential)/.test(s.source) &&
      d.firstNames.has(v.tokens[s.from]!.lower) &&
      /^\s$/.test(s.gap) &&
      t.text.length >= 4 &&
      !d.common.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !/(?:ed|ing|ly|s)$/.test(t.lower) &&
      notCueWord(t) &&
      !d.places.has(t.lower) &&
      // "daughter sarah spent the night": a verb, when an article or preposition follows
      !(
        d.english.has(t.lower) &&
        /^(?:the|a|an|to|with|at|in|on|for|of|that|this|his|her|him|me|us|them|it|up|out|over|by)$/.test(
          v.tokens[s.at + 1]?.lower ?? '',
        )
      )
    );
  },
  // "CONTACT PERSON CAROLE HAYES": a dictionary first name before a found surname
  function firstNameBeforeSurname(v, s, t) {
    const { d } = v;
    return (
      v.caps &&
      s.dir === -1 &&
      d.firstNames.has(t.lower) &&
      !d.common.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      t.text.length >= 3
    );
  },
  // a capitalised word in an all-lower-case note stands out: "... 4:30am. Carole Hayes, RN"
  function capitalisedInLowerCaseNote(v, s, t) {
    return (
      v.caps &&
      t.cap &&
      !v.tokens[s.origin]!.upper &&
      nameLike(v, s.at, true) &&
      (!v.d.clinical.has(t.lower) || (isDictName(v, t) && s.dir === 1 && v.d.firstNames.has(v.tokens[s.from]!.lower)))
    );
  },
  function unknownWordAfterName(v, s, t) {
    const { d } = v;
    return (
      v.caps &&
      s.dir === 1 &&
      t.text.length >= 3 &&
      !t.text.includes('-') &&
      !d.english.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !d.common.has(t.lower) &&
      !CREDENTIALS.has(t.lower) &&
      !ROLES.has(t.lower)
    );
  },
  function surnameAfterFirstName(v, s, t) {
    const { d } = v;
    return (
      s.dir === 1 &&
      d.firstNames.has(v.tokens[s.origin]!.lower) &&
      t.text.length >= 3 &&
      (!d.english.has(t.lower) || d.surnames.has(t.lower)) &&
      !t.text.includes('-') &&
      !d.common.has(t.lower) &&
      !d.clinical.has(t.lower) &&
      !/(?:ed|ing)$/.test(t.lower) &&
      notCueWord(t)
    );
  },
];

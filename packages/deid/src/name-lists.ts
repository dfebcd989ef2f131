/**
 * Extra name lists (for example the 1990 US Census first-name and surname lists a site imports)
 * gated by word class before the detector uses them. A large list holds many names that are also
 * ordinary words ("Will", "Wood", "Mark"), clinical terms ("Foley", "Lasix"), units, abbreviations
 * or months; such a name must not count on its own. The gate follows the built-in lists: a given
 * name that is also a word is an *ambiguous* name (it needs a cue such as "Dr." or "wife"); a
 * surname that is also a word is left out (or, on request, kept as ambiguous). Names already in the
 * built-in lists keep their built-in class. Pure: the caller hands in the lists.
 */
import { NAME_GATE_WORDS, CLINICAL_NAME_LOOKALIKES, RELATION_WORDS, EPONYM_WORDS } from './data/name-gate-words';

/** Name lists handed to the detector, most frequent first (any case). */
export interface NameLists {
  firstNames: readonly string[];
  surnames: readonly string[];
  /** A label for reports (e.g. `census-1990`). */
  source?: string;
  /** How to gate them (frequency cut-offs, what to do with word surnames). */
  gate?: NameGateOptions;
}

export interface NameGateOptions {
  /** Keep at most this many surnames (the list is in frequency order; the long tail is noisier). */
  maxSurnames?: number;
  /** Keep at most this many given names. */
  maxFirstNames?: number;
  /** What to do with a surname that is also a word: leave it out (default) or keep it as ambiguous. */
  wordSurnames?: 'drop' | 'ambiguous';
  /**
   * Surnames below this frequency rank (the long tail) count only with a cue, like ambiguous names:
   * the tail of a census list holds misspellings, abbreviations and brand names.
   */
  cueOnlyAfter?: number;
  /** The same for given names. */
  firstCueOnlyAfter?: number;
  /** Shortest name kept (default 3 letters: two-letter names are mostly abbreviations). */
  minLength?: number;
}

/** The classes of words that a listed name must not be on its own. */
export interface GateWords {
  english: ReadonlySet<string>;
  clinical: ReadonlySet<string>;
  common: ReadonlySet<string>;
  /** Place names in the built-in dictionary ("Houston", "Austin"), states, countries, languages. */
  places?: ReadonlySet<string>;
  /** Names the built-in lists already classify (they are not re-gated). */
  knownFirst: ReadonlySet<string>;
  knownSurnames: ReadonlySet<string>;
  knownAmbiguous: ReadonlySet<string>;
}

export interface GatedNames {
  /** Given names that count on their own or with a cue (ambiguous ones are also in `ambiguous`). */
  firstNames: Set<string>;
  surnames: Set<string>;
  /** Names that need a context cue. */
  ambiguous: Set<string>;
  /** How many names each gate removed or demoted (for reports). */
  counts: { first: number; surnames: number; ambiguousFirst: number; ambiguousSurnames: number; dropped: number };
}

const gateWords = new Set(NAME_GATE_WORDS);
const lookalikes = new Set([...CLINICAL_NAME_LOOKALIKES, ...EPONYM_WORDS]);
const noteWords = new Set([...NAME_GATE_WORDS, ...RELATION_WORDS]);
/**
 * Finds words one edit (insertion, deletion, substitution, transposition) from a vocabulary, by
 * indexing the vocabulary's single-letter deletions (built once; lookups are a few set probes).
 */
export class EditIndex {
  private readonly words = new Set<string>();
  /** Each word with one letter removed (any position). */
  private readonly deletions = new Set<string>();
  /** `position:word-without-that-letter`, for substitutions. */
  private readonly placed = new Set<string>();

  constructor(vocabularies: Iterable<Iterable<string>>) {
    for (const vocab of vocabularies)
      for (const w of vocab) {
        if (w.length < 3) continue;
        this.words.add(w);
        for (let i = 0; i < w.length; i++) {
          const d = w.slice(0, i) + w.slice(i + 1);
          this.deletions.add(d);
          this.placed.add(`${i}:${d}`);
        }
      }
  }

  /** Is `name` (not itself in the vocabulary) one edit from a vocabulary word? */
  near(name: string): boolean {
    if (this.deletions.has(name)) return true; // a letter missing ("weant" is not, "nece" is)
    for (let i = 0; i < name.length; i++) {
      const d = name.slice(0, i) + name.slice(i + 1);
      if (this.words.has(d)) return true; // a letter added
      if (this.placed.has(`${i}:${d}`)) return true; // a letter changed
      if (i + 1 < name.length) {
        const t = name.slice(0, i) + name[i + 1]! + name[i]! + name.slice(i + 2);
        if (t !== name && this.words.has(t)) return true; // two letters swapped
      }
    }
    return false;
  }
}

/** Is `name` one edit from a word of `words`? (A one-off check; use `EditIndex` for many names.) */
export function oneEditFrom(name: string, words: ReadonlySet<string>): boolean {
  return new EditIndex([words]).near(name);
}

const editIndexes = new WeakMap<GateWords, EditIndex>();
function editIndexFor(w: GateWords): EditIndex {
  let x = editIndexes.get(w);
  if (!x) editIndexes.set(w, (x = new EditIndex([w.clinical, w.common, noteWords])));
  return x;
}

/** Why a listed name is not a name on its own, or undefined when it may be. */
export function nameGateReason(name: string, w: GateWords, minLength = 3, near?: EditIndex): string | undefined {
  if (name.length < minLength) return 'short';
  if (gateWords.has(name)) return 'unit-abbreviation-month';
  if (w.common.has(name) || noteWords.has(name)) return 'common';
  if (w.clinical.has(name) || lookalikes.has(name)) return 'clinical';
  if (w.english.has(name)) return 'english';
  // plural or verb forms of words ("Banks", "Woods", "Hayes" is not a word, "Fields" is)
  if (name.endsWith('s') && w.english.has(name.slice(0, -1))) return 'english';
  if (w.places?.has(name)) return 'place';
  // a misspelt clinical or note word ("stoll" for stool, "neice" for niece)
  if (name.length >= 4 && (near ?? editIndexFor(w)).near(name)) return 'misspelling';
  return undefined;
}

/** Gate name lists by word class (see the file comment). */
export function gateNameLists(lists: NameLists, w: GateWords, options: NameGateOptions = {}): GatedNames {
  const minLength = options.minLength ?? 3;
  const near = editIndexFor(w);
  const out: GatedNames = {
    firstNames: new Set(),
    surnames: new Set(),
    ambiguous: new Set(),
    counts: { first: 0, surnames: 0, ambiguousFirst: 0, ambiguousSurnames: 0, dropped: 0 },
  };
  const clean = (xs: readonly string[], max: number | undefined) => {
    const seen: string[] = [];
    for (const x of xs) {
      if (max !== undefined && seen.length >= max) break;
      const n = x.trim().toLowerCase();
      if (/^[a-z][a-z'-]*$/.test(n)) seen.push(n);
    }
    return seen;
  };
  const known = (n: string) => w.knownFirst.has(n) || w.knownSurnames.has(n) || w.knownAmbiguous.has(n);
  let firstRank = 0;
  for (const n of clean(lists.firstNames, options.maxFirstNames)) {
    firstRank++;
    if (known(n)) continue;
    const why = nameGateReason(n, w, minLength, near);
    if (why === 'short' || why === 'unit-abbreviation-month' || why === 'common') {
      out.counts.dropped++;
      continue;
    }
    out.firstNames.add(n);
    out.counts.first++;
    if (why || (options.firstCueOnlyAfter !== undefined && firstRank > options.firstCueOnlyAfter)) {
      out.ambiguous.add(n);
      out.counts.ambiguousFirst++;
    }
  }
  let rank = 0;
  for (const n of clean(lists.surnames, options.maxSurnames)) {
    rank++;
    if (known(n) || out.firstNames.has(n)) continue;
    const why = nameGateReason(n, w, minLength, near);
    if (
      why &&
      (options.wordSurnames !== 'ambiguous' || why === 'short' || why === 'unit-abbreviation-month' || why === 'common')
    ) {
      out.counts.dropped++;
      continue;
    }
    out.surnames.add(n);
    out.counts.surnames++;
    if (why || (options.cueOnlyAfter !== undefined && rank > options.cueOnlyAfter)) {
      out.ambiguous.add(n);
      out.counts.ambiguousSurnames++;
    }
  }
  return out;
}

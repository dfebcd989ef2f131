/**
 * An in-memory `ConceptIndex`: exact look-up by id (a `Map`), and ranked text search over
 * displays and synonyms through an inverted index of normalised tokens that is built on the first
 * search (so that loading a large index stays fast).
 */
import { SYSTEMS, type Abbreviation, type Concept, type ConceptIndex, type ConceptKind } from './concept';
import { nameKey, singularize, tokenize } from './normalize';

export interface SearchOptions {
  kind?: ConceptKind;
  system?: string;
  limit?: number;
}

/** A concept returned by `searchScored`, with its score and the name that matched. */
export interface ScoredConcept {
  concept: Concept;
  score: number;
  matched: string;
}

/** The Galen concept id of a coding. */
export function conceptId(system: string, code: string): string {
  return `${system}|${code}`;
}

/** ICD-10-CM codes are stored dotted (`E11.9`); accept `E119` too. */
export function normalizeCode(system: string, code: string): string {
  const c = code.trim();
  if (system === SYSTEMS.icd10cm) {
    const u = c.toUpperCase();
    if (!u.includes('.') && u.length > 3) return `${u.slice(0, 3)}.${u.slice(3)}`;
    return u;
  }
  return c;
}

interface NameEntry {
  concept: number;
  key: string;
  tokens: number;
}

export class MemoryConceptIndex implements ConceptIndex {
  private readonly concepts: Array<Concept | undefined>;
  /** Concepts not yet materialised: index → decoder (see `addLazy`). */
  private lazy?: { decode: (row: number) => Concept; rows: Int32Array; first: number };
  private readonly ids = new Map<string, number>();
  private readonly abbrs: Abbreviation[];
  private readonly abbrMap = new Map<string, Abbreviation>();
  private names?: NameEntry[];
  private postings?: Map<string, number[]>;
  private sortedTokens?: string[];
  private byKey?: Map<string, number[]>;
  private classMembers?: Map<string, Concept[]>;

  constructor(concepts: Iterable<Concept>, abbreviations: Iterable<Abbreviation> = []) {
    this.concepts = [];
    for (const c of concepts) {
      const at = this.ids.get(c.id);
      if (at === undefined) {
        this.ids.set(c.id, this.concepts.length);
        this.concepts.push(c);
      } else {
        // A later concept with the same id adds its names; the first keeps display and kind.
        this.concepts[at] = mergeConcept(this.at(at), c);
      }
    }
    this.abbrs = [...abbreviations];
    for (const a of this.abbrs) this.abbrMap.set(a.abbr.toLowerCase(), a);
  }

  /**
   * Add concepts that are decoded only when first used: `ids[j]` is the id of row `j` and
   * `decode(j)` builds its concept. Rows whose id is already present are decoded now and merged.
   * This keeps loading a large imported index to building one id map.
   */
  addLazy(ids: string[], decode: (row: number) => Concept): void {
    if (this.lazy || this.names) throw new Error('addLazy may be called once, before any search');
    const first = this.concepts.length;
    const rows = new Int32Array(ids.length);
    let n = 0;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      const at = this.ids.get(id);
      if (at === undefined) {
        this.ids.set(id, first + n);
        rows[n++] = j;
      } else this.concepts[at] = mergeConcept(this.at(at), decode(j));
    }
    this.concepts.length = first + n;
    this.lazy = { decode, rows: rows.subarray(0, n), first };
  }

  /** The concept at position `i`, decoding it on first use. */
  private at(i: number): Concept {
    let c = this.concepts[i];
    if (!c) {
      const l = this.lazy!;
      c = l.decode(l.rows[i - l.first]!);
      this.concepts[i] = c;
    }
    return c;
  }

  get size(): number {
    return this.concepts.length;
  }

  get(system: string, code: string): Concept | undefined {
    return this.byId(conceptId(system, normalizeCode(system, code)));
  }

  byId(id: string): Concept | undefined {
    const i = this.ids.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  *all(): Iterable<Concept> {
    for (let i = 0; i < this.concepts.length; i++) yield this.at(i);
  }

  abbreviations(): Iterable<Abbreviation> {
    return this.abbrs;
  }

  /** The senses of an abbreviation (case-insensitive), e.g. `abbreviation('MS')`. */
  abbreviation(abbr: string): Abbreviation | undefined {
    return this.abbrMap.get(abbr.toLowerCase());
  }

  /** Concepts one of whose names equals `name` after normalisation (case, punctuation, plurals). */
  lookupName(name: string, options: Omit<SearchOptions, 'limit'> = {}): Concept[] {
    this.build();
    const hits = this.byKey!.get(nameKey(name)) ?? [];
    const out: Concept[] = [];
    const seen = new Set<number>();
    for (const n of hits) {
      const ci = this.names![n]!.concept;
      if (seen.has(ci)) continue;
      seen.add(ci);
      const c = this.at(ci);
      if (options.kind && c.kind !== options.kind) continue;
      if (options.system && c.system !== options.system) continue;
      out.push(c);
    }
    return out.sort((a, b) => rankSource(a) - rankSource(b));
  }

  /** Medications of a drug class (by `galen` class code, e.g. `nsaid`), and the class's sub-classes' members. */
  membersOfClass(classCode: string): Concept[] {
    if (!this.classMembers) {
      const m = new Map<string, Concept[]>();
      for (const c of this.all()) {
        for (const k of c.classes ?? []) {
          const list = m.get(k) ?? [];
          list.push(c);
          m.set(k, list);
        }
      }
      this.classMembers = m;
    }
    return this.classMembers.get(classCode) ?? [];
  }

  search(text: string, options: SearchOptions = {}): Concept[] {
    return this.searchScored(text, options).map((s) => s.concept);
  }

  /** Ranked search with scores: exact name > name starting with the text > all words present (last as a prefix). */
  searchScored(text: string, options: SearchOptions = {}): ScoredConcept[] {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
    const raw = text.trim();
    if (!raw) return [];
    const best = new Map<number, ScoredConcept>();
    const consider = (ci: number, score: number, matched: string) => {
      const c = this.at(ci);
      if (options.kind && c.kind !== options.kind) return;
      if (options.system && c.system !== options.system) return;
      const prev = best.get(ci);
      if (!prev || prev.score < score) best.set(ci, { concept: c, score, matched });
    };
    // A code typed as-is (`I10`, `E11.9`, `6809`, `2160-0`, `HP:0002094`).
    if (/^[A-Za-z0-9.:-]{1,20}$/.test(raw)) {
      for (const system of options.system ? [options.system] : Object.values(SYSTEMS)) {
        const i = this.ids.get(conceptId(system, normalizeCode(system, raw)));
        if (i !== undefined) consider(i, 1000, raw);
      }
    }
    this.build();
    const q = tokenize(raw).map(singularize);
    if (q.length === 0) return [...best.values()];
    const qKey = q.join(' ');
    const lists: number[][] = [];
    for (let t = 0; t < q.length; t++) {
      const tok = q[t]!;
      const isLast = t === q.length - 1;
      if (isLast && tok.length >= 2) lists.push(this.prefixPostings(tok));
      else lists.push(this.postings!.get(tok) ?? []);
    }
    lists.sort((a, b) => a.length - b.length);
    let cand = new Set(lists[0]);
    for (let l = 1; l < lists.length && cand.size; l++) {
      const next = new Set<number>();
      for (const n of lists[l]!) if (cand.has(n)) next.add(n);
      cand = next;
    }
    for (const n of cand) {
      const e = this.names![n]!;
      let score: number;
      if (e.key === qKey) score = 100;
      else if (e.key.startsWith(qKey)) score = 70 - Math.min(20, e.tokens - q.length);
      else score = 50 - Math.min(30, (e.tokens - q.length) * 3);
      const c = this.at(e.concept);
      if (nameKey(c.display) === e.key) score += 3;
      score += 5 - rankSource(c);
      consider(e.concept, score, e.key);
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.concept.display.length - b.concept.display.length)
      .slice(0, limit);
  }

  private prefixPostings(prefix: string): number[] {
    const toks = this.sortedTokens!;
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    // Cap the expansion so that a two-letter prefix cannot make a query slow.
    for (let i = lo, n = 0; i < toks.length && toks[i]!.startsWith(prefix) && n < 500; i++, n++) {
      for (const p of this.postings!.get(toks[i]!)!) out.push(p);
    }
    return out;
  }

  /** Build the text-search structures now rather than on the first search (e.g. while idle after start-up). */
  prepareSearch(): void {
    this.build();
  }

  private build(): void {
    if (this.names) return;
    const names: NameEntry[] = [];
    const postings = new Map<string, number[]>();
    const byKey = new Map<string, number[]>();
    for (let ci = 0; ci < this.concepts.length; ci++) {
      const c = this.at(ci);
      const first = names.length;
      for (let s = -1; s < c.synonyms.length; s++) {
        const toks = tokenize(s < 0 ? c.display : c.synonyms[s]!);
        if (!toks.length) continue;
        for (let t = 0; t < toks.length; t++) toks[t] = singularize(toks[t]!);
        const key = toks.join(' ');
        let dup = false;
        for (let j = first; j < names.length && !dup; j++) dup = names[j]!.key === key;
        if (dup) continue;
        const n = names.length;
        names.push({ concept: ci, key, tokens: toks.length });
        const k = byKey.get(key);
        if (k) k.push(n);
        else byKey.set(key, [n]);
        for (let t = 0; t < toks.length; t++) {
          const tok = toks[t]!;
          const p = postings.get(tok);
          if (!p) postings.set(tok, [n]);
          else if (p[p.length - 1] !== n) p.push(n);
        }
      }
    }
    this.names = names;
    this.postings = postings;
    this.byKey = byKey;
    this.sortedTokens = [...postings.keys()].sort();
  }
}

/** Curated starter concepts rank above imported ones when otherwise equal. */
function rankSource(c: Concept): number {
  return c.source === 'starter' ? 0 : 1;
}

/** Merge two concepts with the same id: the first keeps display, kind and source; names and codes are united. */
export function mergeConcept(a: Concept, b: Concept): Concept {
  const synonyms = [...a.synonyms];
  const have = new Set([a.display, ...a.synonyms].map((s) => s.toLowerCase()));
  for (const s of [b.display, ...b.synonyms]) {
    if (!have.has(s.toLowerCase())) {
      have.add(s.toLowerCase());
      synonyms.push(s);
    }
  }
  const out: Concept = { ...a, synonyms };
  const mappings = [...(a.mappings ?? [])];
  for (const m of b.mappings ?? []) {
    if (!mappings.some((x) => x.system === m.system && x.code === m.code)) mappings.push(m);
  }
  if (mappings.length) out.mappings = mappings;
  const classes = [...new Set([...(a.classes ?? []), ...(b.classes ?? [])])];
  if (classes.length) out.classes = classes;
  if (!out.unit && b.unit) out.unit = b.unit;
  return out;
}

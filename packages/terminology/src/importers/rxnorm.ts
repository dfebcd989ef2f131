/**
 * RxNorm importers (NLM, https://www.nlm.nih.gov/research/umls/rxnorm/docs/rxnormfiles.html).
 * - `RXNCONSO.RRF` from the full or "Current Prescribable Content" release: `|`-separated,
 *   RXCUI(0) LAT(1) ... SAB(11) TTY(12) CODE(13) STR(14) ... SUPPRESS(16). Rows of SAB=RXNORM
 *   become concepts (ingredients IN/PIN/MIN, brands BN, clinical and branded drugs SCD/SBD, packs);
 *   synonyms (SY, TMSY, PSN) are added as names. With `RXNREL.RRF`, brands are linked to their
 *   ingredients (`has_tradename`/`tradename_of`) and single-ingredient brand names become
 *   synonyms of the ingredient.
 * - The prescribable tables (`ingredients.tsv`, `brand_names.tsv`, `clinical_drugs_scd.tsv`,
 *   `branded_drugs_sbd.tsv`) derived from the same release.
 */
import { SYSTEMS, type Concept } from '../concept';
import { ImportError, addName, columns, splitList, type LineParser } from './lines';

const CONCEPT_TTY = ['IN', 'PIN', 'MIN', 'BN', 'SCD', 'SBD', 'GPCK', 'BPCK'] as const;
const SYNONYM_TTY = new Set(['SY', 'TMSY', 'PSN']);
const INGREDIENT_TTY = new Set(['IN', 'PIN', 'MIN']);

const rxId = (rxcui: string) => `${SYSTEMS.rxnorm}|${rxcui}`;

function rxConcept(rxcui: string, name: string, tty: string): Concept {
  return {
    id: rxId(rxcui),
    system: SYSTEMS.rxnorm,
    code: rxcui,
    display: name,
    kind: 'medication',
    synonyms: [],
    termType: tty,
    source: 'rxnorm',
  };
}

/** The shared state of an RxNorm import: concepts by RXCUI. */
export interface RxnormState {
  concepts: Map<string, Concept>;
  /** Brand RXCUI → ingredient RXCUIs. */
  brandIngredients: Map<string, Set<string>>;
  /** Brand RXCUI → names of its branded drugs (SBD), used to check ingredient lists. */
  brandProducts: Map<string, string[]>;
}

export function newRxnormState(): RxnormState {
  return { concepts: new Map(), brandIngredients: new Map(), brandProducts: new Map() };
}

/**
 * Keep the ingredients whose name occurs in every product name: the derived prescribable tables
 * list every ingredient of any product sharing a clinical drug, not only the product's own.
 */
function ingredientsNamedIn(state: RxnormState, rxcuis: Iterable<string>, names: string[]): string[] {
  const all = [...rxcuis];
  if (!names.length) return all;
  const lower = names.map((n) => ` ${n.toLowerCase().replace(/\[[^\]]*\]/g, ' ')} `);
  const kept = all.filter((r) => {
    const c = state.concepts.get(r);
    if (!c || c.termType !== 'IN') return false;
    const name = c.display.toLowerCase();
    return lower.every(
      (n) => n.includes(` ${name} `) || n.includes(` ${name}-`) || n.includes(`/${name} `) || n.includes(` ${name}/`),
    );
  });
  return kept.length ? kept : all;
}

export function rxnconsoParser(state: RxnormState = newRxnormState(), file = 'RXNCONSO.RRF'): LineParser {
  const synonyms: Array<[string, string]> = [];
  const rank = (tty: string) => CONCEPT_TTY.indexOf(tty as (typeof CONCEPT_TTY)[number]);
  return {
    line(text, n) {
      if (!text) return;
      const f = text.split('|');
      if (f.length < 17 || !/^\d+$/.test(f[0]!))
        throw new ImportError('not an RXNCONSO.RRF row (RXCUI|LAT|...|STR|SRL|SUPPRESS|CVF|)', file, n);
      const [rxcui, lat] = f as [string, string];
      const sab = f[11]!;
      const tty = f[12]!;
      const str = f[14]!;
      const suppress = f[16]!;
      if (sab !== 'RXNORM' || lat !== 'ENG' || (suppress !== 'N' && suppress !== '')) return;
      if (SYNONYM_TTY.has(tty)) {
        synonyms.push([rxcui, str]);
        return;
      }
      const r = rank(tty);
      if (r < 0) return;
      const prev = state.concepts.get(rxcui);
      if (!prev) state.concepts.set(rxcui, rxConcept(rxcui, str, tty));
      else if (rank(prev.termType ?? '') > r) {
        addName(prev, prev.display);
        prev.display = str;
        prev.termType = tty;
      } else addName(prev, str);
    },
    finish() {
      for (const [rxcui, s] of synonyms) {
        const c = state.concepts.get(rxcui);
        if (c) addName(c, s);
      }
      if (!state.concepts.size) throw new ImportError('no RxNorm concepts (SAB=RXNORM) found', file);
      return linkBrands(state);
    },
  };
}

/** `RXNREL.RRF`: RXCUI1(0) ... RXCUI2(4) ... RELA(7) ... SAB(10). Only tradename links are used. */
export function rxnrelParser(state: RxnormState, file = 'RXNREL.RRF'): LineParser {
  return {
    line(text, n) {
      if (!text) return;
      const f = text.split('|');
      if (f.length < 11) throw new ImportError('not an RXNREL.RRF row', file, n);
      const rela = f[7];
      if (f[10] !== 'RXNORM' || (rela !== 'has_tradename' && rela !== 'tradename_of')) return;
      const a = state.concepts.get(f[0]!);
      const b = state.concepts.get(f[4]!);
      if (!a || !b) return;
      const [brand, ingredient] = a.termType === 'BN' ? [a, b] : b.termType === 'BN' ? [b, a] : [undefined, undefined];
      if (!brand || !ingredient || !INGREDIENT_TTY.has(ingredient.termType ?? '')) return;
      const set = state.brandIngredients.get(brand.code) ?? new Set<string>();
      set.add(ingredient.code);
      state.brandIngredients.set(brand.code, set);
    },
    finish() {
      return linkBrands(state);
    },
  };
}

/** Set `ingredients` on brands and add single-ingredient brand names to their ingredient. */
function linkBrands(state: RxnormState): Concept[] {
  for (const [bn, all] of state.brandIngredients) {
    const brand = state.concepts.get(bn);
    if (!brand) continue;
    const ins = ingredientsNamedIn(state, all, state.brandProducts.get(bn) ?? []);
    brand.ingredients = ins.map(rxId);
    if (ins.length === 1) {
      const ingredient = state.concepts.get(ins[0]!);
      if (ingredient) addName(ingredient, brand.display);
    }
  }
  return [...state.concepts.values()];
}

/** `ingredients.tsv`: rxcui, name, tty. */
export function rxIngredientsParser(state: RxnormState, file = 'ingredients.tsv'): LineParser {
  let col: Record<string, number> | undefined;
  return {
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['rxcui', 'name'], file);
        return;
      }
      if (!text.trim()) return;
      const rxcui = f[col.rxcui!]!.trim();
      const name = f[col.name!]?.trim();
      if (!/^\d+$/.test(rxcui) || !name) throw new ImportError('expected an RXCUI and a name', file, n);
      state.concepts.set(rxcui, rxConcept(rxcui, name, col.tty === undefined ? 'IN' : f[col.tty]!.trim() || 'IN'));
    },
    finish() {
      return [...state.concepts.values()];
    },
  };
}

/** `brand_names.tsv`: bn_rxcui, brand_name, ingredient_rxcuis (`|`-separated). */
export function rxBrandsParser(state: RxnormState, file = 'brand_names.tsv'): LineParser {
  let col: Record<string, number> | undefined;
  return {
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['bn_rxcui', 'brand_name', 'ingredient_rxcuis'], file);
        return;
      }
      if (!text.trim()) return;
      const rxcui = f[col.bn_rxcui!]!.trim();
      const name = f[col.brand_name!]?.trim();
      if (!/^\d+$/.test(rxcui) || !name) throw new ImportError('expected an RXCUI and a brand name', file, n);
      state.concepts.set(rxcui, rxConcept(rxcui, name, 'BN'));
      state.brandIngredients.set(rxcui, new Set(splitList(f[col.ingredient_rxcuis!])));
    },
    finish() {
      return linkBrands(state);
    },
  };
}

/** `clinical_drugs_scd.tsv` (scd_rxcui, name, ingredient_rxcuis) or `branded_drugs_sbd.tsv` (sbd_rxcui, name, scd_rxcui). */
export function rxDrugsParser(state: RxnormState, tty: 'SCD' | 'SBD', file = `${tty.toLowerCase()}.tsv`): LineParser {
  let col: Record<string, number> | undefined;
  const key = tty === 'SCD' ? 'scd_rxcui' : 'sbd_rxcui';
  return {
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, [key, 'name'], file);
        return;
      }
      if (!text.trim()) return;
      const rxcui = f[col[key]!]!.trim();
      const name = f[col.name!]?.trim();
      if (!/^\d+$/.test(rxcui) || !name) throw new ImportError('expected an RXCUI and a name', file, n);
      const c = rxConcept(rxcui, name, tty);
      let ins = col.ingredient_rxcuis === undefined ? [] : ingredientsNamedIn(state, splitList(f[col.ingredient_rxcuis]), [name]);
      if (col.bn_rxcuis !== undefined) {
        for (const bn of splitList(f[col.bn_rxcuis])) state.brandProducts.set(bn, [...(state.brandProducts.get(bn) ?? []), name]);
      }
      if (!ins.length && col.scd_rxcui !== undefined && tty === 'SBD') {
        ins = state.concepts.get(f[col.scd_rxcui]!.trim())?.ingredients?.map((id) => id.slice(id.indexOf('|') + 1)) ?? [];
      }
      if (ins.length) c.ingredients = ins.map(rxId);
      state.concepts.set(rxcui, c);
    },
    finish() {
      return [...state.concepts.values()];
    },
  };
}

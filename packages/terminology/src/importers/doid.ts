/**
 * Human Disease Ontology importer (CC0, https://disease-ontology.org).
 * Reads the official `doid.obo` (see `obo.ts`) or the tabular extract `doid_terms.tsv`
 * (`doid`, `label`, `exact_synonyms`, `other_synonyms`, `icd10cm`, `snomedct_us`, `umls_cui`, `|`-separated)
 * with an optional `doid_synonyms.tsv` (`doid`, `synonym`).
 */
import { SYSTEMS, type Coding, type Concept } from '../concept';
import { dotIcd10cm } from './icd10cm';
import { ImportError, addName, columns, splitList, type LineParser } from './lines';

/** Xref prefixes of DO (and MONDO/HPO) mapped to FHIR code systems. */
export const XREF_SYSTEMS: Record<string, string> = {
  ICD10CM: SYSTEMS.icd10cm,
  SNOMEDCT_US: SYSTEMS.snomed,
  SNOMEDCT: SYSTEMS.snomed,
  SCTID: SYSTEMS.snomed,
  UMLS_CUI: SYSTEMS.umls,
  UMLS: SYSTEMS.umls,
};

/** A FHIR coding for an OBO-style xref (`ICD10CM:I10`, `SNOMEDCT_US_2025_09_01:38341003`). */
export function xrefCoding(xref: string): Coding | undefined {
  const i = xref.indexOf(':');
  if (i < 0) return undefined;
  const prefix = xref.slice(0, i).replace(/_\d{4}_\d{2}_\d{2}$/, '');
  const system = XREF_SYSTEMS[prefix];
  const code = xref.slice(i + 1).trim();
  if (!system || !code) return undefined;
  return { system, code: system === SYSTEMS.icd10cm ? dotIcd10cm(code) : code };
}

export function doidTermsParser(file = 'doid_terms.tsv'): LineParser & { concepts: Map<string, Concept> } {
  const concepts = new Map<string, Concept>();
  let col: Record<string, number> | undefined;
  return {
    concepts,
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['doid', 'label'], file);
        return;
      }
      if (!text.trim()) return;
      const id = f[col.doid!]?.trim() ?? '';
      const label = f[col.label!]?.trim() ?? '';
      if (!/^DOID:\d+$/.test(id) || !label)
        throw new ImportError(`expected a DOID and a label, got "${text.slice(0, 40)}"`, file, n);
      const c: Concept = {
        id: `${SYSTEMS.doid}|${id}`,
        system: SYSTEMS.doid,
        code: id,
        display: label,
        kind: 'problem',
        synonyms: [],
        source: 'doid',
      };
      for (const k of ['exact_synonyms', 'other_synonyms']) {
        for (const s of splitList(col[k] === undefined ? '' : f[col[k]!])) addName(c, s.replace(/\s*\[[A-Z]+\]$/, ''));
      }
      const mappings: Coding[] = [];
      const add = (system: string, values: string | undefined, dot = false) => {
        for (const v of splitList(values)) mappings.push({ system, code: dot ? dotIcd10cm(v) : v });
      };
      if (col.icd10cm !== undefined) add(SYSTEMS.icd10cm, f[col.icd10cm], true);
      if (col.snomedct_us !== undefined) add(SYSTEMS.snomed, f[col.snomedct_us]);
      if (col.umls_cui !== undefined) add(SYSTEMS.umls, f[col.umls_cui]);
      if (mappings.length) c.mappings = mappings;
      concepts.set(id, c);
    },
    finish() {
      if (!concepts.size) throw new ImportError('no Disease Ontology terms found', file);
      return [...concepts.values()];
    },
  };
}

/** Adds `doid_synonyms.tsv` rows (`doid`, `synonym`) to concepts read by `doidTermsParser`. */
export function doidSynonymsParser(concepts: Map<string, Concept>, file = 'doid_synonyms.tsv'): LineParser {
  let col: Record<string, number> | undefined;
  return {
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['doid', 'synonym'], file);
        return;
      }
      if (!text.trim()) return;
      const id = f[col.doid!]?.trim() ?? '';
      if (!/^DOID:\d+$/.test(id)) throw new ImportError(`expected a DOID, got "${id.slice(0, 20)}"`, file, n);
      const c = concepts.get(id);
      if (c) addName(c, f[col.synonym!]);
    },
    finish() {
      return [...concepts.values()];
    },
  };
}

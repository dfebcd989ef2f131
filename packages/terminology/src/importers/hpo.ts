/**
 * Human Phenotype Ontology importer (https://hpo.jax.org; use under the HPO licence: attribution,
 * version shown, content unaltered). Reads the official `hp.obo` (see `obo.ts`) or a label table
 * `hpo_labels_en.tsv` (`hpo_id`, `label`), with the optional `layperson-synonyms.tsv` report
 * (`term` IRI, `layperson` label) adding lay names ("Shortness of breath" for Dyspnea).
 */
import { SYSTEMS, type Concept } from '../concept';
import { ImportError, addName, columns, type LineParser } from './lines';

export function hpoLabelsParser(file = 'hpo_labels_en.tsv'): LineParser & { concepts: Map<string, Concept> } {
  const concepts = new Map<string, Concept>();
  let col: Record<string, number> | undefined;
  return {
    concepts,
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['hpo_id', 'label'], file);
        return;
      }
      if (!text.trim()) return;
      const id = f[col.hpo_id!]?.trim() ?? '';
      const label = f[col.label!]?.trim() ?? '';
      if (!/^HP:\d{7}$/.test(id) || !label)
        throw new ImportError(`expected an HPO id and a label, got "${text.slice(0, 40)}"`, file, n);
      concepts.set(id, {
        id: `${SYSTEMS.hpo}|${id}`,
        system: SYSTEMS.hpo,
        code: id,
        display: label,
        kind: 'finding',
        synonyms: [],
        source: 'hpo',
      });
    },
    finish() {
      if (!concepts.size) throw new ImportError('no HPO terms found', file);
      return [...concepts.values()];
    },
  };
}

const unquote = (s: string | undefined) => (s ?? '').trim().replace(/^"(.*)"(@\w+)?$/, '$1');

/** Adds lay synonyms (`?term`, `?layperson` columns, SPARQL TSV) to concepts read by `hpoLabelsParser`. */
export function hpoLaypersonParser(concepts: Map<string, Concept>, file = 'layperson-synonyms.tsv'): LineParser {
  let col: Record<string, number> | undefined;
  return {
    line(text, n) {
      const f = text.split('\t');
      if (!col) {
        col = columns(f, ['term', 'layperson'], file);
        return;
      }
      if (!text.trim()) return;
      const m = /HP_(\d{7})/.exec(f[col.term!] ?? '');
      if (!m) throw new ImportError('expected an HPO term IRI', file, n);
      const c = concepts.get(`HP:${m[1]}`);
      if (c) addName(c, unquote(f[col.layperson!]));
    },
    finish() {
      return [...concepts.values()];
    },
  };
}

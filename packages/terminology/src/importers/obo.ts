/**
 * OBO flat file importer, for the official releases of the Disease Ontology (`doid.obo`) and the
 * Human Phenotype Ontology (`hp.obo`): `[Term]` stanzas with `id`, `name`, `synonym`, `xref` and
 * `is_obsolete` tags. @see https://owlcollab.github.io/oboformat/doc/GO.format.obo-1_4.html
 */
import type { Concept, ConceptKind } from '../concept';
import { xrefCoding } from './doid';
import { ImportError, addName, type LineParser } from './lines';

export interface OboOptions {
  /** Only terms whose id starts with this prefix (`DOID:`, `HP:`). */
  idPrefix: string;
  system: string;
  kind: ConceptKind;
  source: string;
  file?: string;
}

export function oboParser(opts: OboOptions): LineParser {
  const out: Concept[] = [];
  let cur: (Concept & { obsolete?: boolean }) | undefined;
  let inTerm = false;
  let sawStanza = false;
  const flush = () => {
    if (cur && !cur.obsolete && cur.display) {
      delete cur.obsolete;
      out.push(cur);
    }
    cur = undefined;
  };
  return {
    line(text, n) {
      const t = text.trim();
      if (t.startsWith('[')) {
        flush();
        sawStanza = true;
        inTerm = t === '[Term]';
        return;
      }
      if (!inTerm || !t || t.startsWith('!')) return;
      const i = t.indexOf(':');
      if (i < 0) throw new ImportError('expected "tag: value"', opts.file, n);
      const tag = t.slice(0, i);
      const value = t.slice(i + 1).trim();
      if (tag === 'id') {
        if (!value.startsWith(opts.idPrefix)) {
          cur = undefined;
          return;
        }
        cur = {
          id: `${opts.system}|${value}`,
          system: opts.system,
          code: value,
          display: '',
          kind: opts.kind,
          synonyms: [],
          source: opts.source,
        };
        return;
      }
      if (!cur) return;
      if (tag === 'name') cur.display = value;
      else if (tag === 'synonym') {
        const m = /^"((?:[^"\\]|\\.)*)"\s*(EXACT|RELATED|NARROW|BROAD)?/.exec(value);
        // Broad synonyms name a wider idea than the term: not safe to match on.
        if (m && m[2] !== 'BROAD') addName(cur, m[1]!.replace(/\\(.)/g, '$1'));
      } else if (tag === 'xref') {
        const coding = xrefCoding(value.split(/\s/)[0]!);
        if (coding) (cur.mappings ??= []).push(coding);
      } else if (tag === 'is_obsolete' && value === 'true') cur.obsolete = true;
    },
    finish() {
      flush();
      if (!sawStanza || !out.length) throw new ImportError(`no ${opts.idPrefix} terms found in OBO file`, opts.file);
      return out;
    },
  };
}

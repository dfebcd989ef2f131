/**
 * LOINC importer (Regenstrief Institute, https://loinc.org; LOINC content is used under the LOINC
 * licence, which must ship with any redistributed LOINC content). Reads the main table
 * `Loinc.csv` / `LoincTableCore.csv` (columns `LOINC_NUM`, `LONG_COMMON_NAME`, `SHORTNAME`,
 * `CLASSTYPE`, `STATUS`, `EXAMPLE_UCUM_UNITS`, `CONSUMER_NAME`, `DisplayName`, when present) or a
 * value-set extract such as the Universal Lab Orders value set (`LOINC_NUM`, `LONG_COMMON_NAME`).
 */
import { SYSTEMS, type Concept, type ConceptKind } from '../concept';
import { ImportError, addName, columns, splitCsv, type LineParser } from './lines';

/** LOINC codes of the FHIR R4 vital-signs profile (https://hl7.org/fhir/R4/observation-vitalsigns.html). */
export const VITAL_SIGN_LOINC = new Set([
  '85353-1',
  '9279-1',
  '8867-4',
  '2708-6',
  '59408-5',
  '8310-5',
  '8302-2',
  '9843-4',
  '29463-7',
  '39156-5',
  '85354-9',
  '8480-6',
  '8462-4',
]);

/** LOINC CLASSTYPE: 1 laboratory, 2 clinical, 3 claims attachments, 4 surveys. */
function kindOf(code: string, classType: string | undefined): ConceptKind {
  if (VITAL_SIGN_LOINC.has(code)) return 'vital-sign';
  return classType === undefined || classType === '1' ? 'lab' : 'finding';
}

export function loincParser(file = 'Loinc.csv'): LineParser {
  const out: Concept[] = [];
  let col: Record<string, number> | undefined;
  return {
    line(text, n) {
      if (!text.trim()) return;
      let f: string[];
      try {
        f = splitCsv(text);
      } catch (err) {
        throw new ImportError((err as Error).message, file, n);
      }
      if (!col) {
        col = columns(f, ['LOINC_NUM'], file);
        if (col.LONG_COMMON_NAME === undefined && col.COMPONENT === undefined)
          throw new ImportError('missing column "LONG_COMMON_NAME"', file, n);
        return;
      }
      const code = f[col.LOINC_NUM!]?.trim() ?? '';
      if (!/^\d{1,7}-\d$/.test(code)) throw new ImportError(`invalid LOINC code "${code.slice(0, 12)}"`, file, n);
      const status = col.STATUS === undefined ? '' : f[col.STATUS];
      if (status === 'DEPRECATED') return;
      const name = (col.LONG_COMMON_NAME === undefined ? '' : f[col.LONG_COMMON_NAME]) || f[col.COMPONENT!] || '';
      if (!name) throw new ImportError(`LOINC ${code} has no name`, file, n);
      const c: Concept = {
        id: `${SYSTEMS.loinc}|${code}`,
        system: SYSTEMS.loinc,
        code,
        display: name,
        kind: kindOf(code, col.CLASSTYPE === undefined ? undefined : f[col.CLASSTYPE]),
        synonyms: [],
        source: 'loinc',
      };
      for (const k of ['SHORTNAME', 'DisplayName', 'CONSUMER_NAME']) if (col[k] !== undefined) addName(c, f[col[k]!]);
      const unit = col.EXAMPLE_UCUM_UNITS === undefined ? '' : (f[col.EXAMPLE_UCUM_UNITS]?.split(';')[0]?.trim() ?? '');
      if (unit) c.unit = unit;
      out.push(c);
    },
    finish() {
      if (!out.length) throw new ImportError('no LOINC codes found', file);
      return out;
    },
  };
}

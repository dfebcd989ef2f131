/**
 * ICD-10-CM importer. Reads, detected from the first line:
 * - the CDC/CMS order file `icd10cm_order_YYYY.txt` (fixed width: order number 1-5, code 7-13,
 *   header flag 15 (`1` = valid for HIPAA transactions), short description 17-76, long description
 *   78-), see "icd10cm_order_YYYY.txt layout" in the CDC Code Descriptions zip;
 * - the CDC codes file `icd10cm_codes_YYYY.txt` (code, spaces, description);
 * - a tab-separated table with columns `code` or `code_dotted`, `billable`, `short_description`,
 *   `long_description` (as converted by several public packagings of the same release).
 * @see https://www.cdc.gov/nchs/icd/icd-10-cm/files.html
 */
import { SYSTEMS, type Concept } from '../concept';
import { ImportError, addName, columns, type LineParser } from './lines';

const CODE = /^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$/;

/** `E119` → `E11.9`; dotted codes are returned as they are. */
export function dotIcd10cm(code: string): string {
  const c = code.trim().toUpperCase();
  return c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`;
}

function concept(code: string, billable: boolean, short: string, long: string): Concept {
  const dotted = dotIcd10cm(code);
  const c: Concept = {
    id: `${SYSTEMS.icd10cm}|${dotted}`,
    system: SYSTEMS.icd10cm,
    code: dotted,
    display: long || short,
    // Chapter 18 (R00-R99): symptoms, signs and abnormal findings.
    kind: dotted.startsWith('R') ? 'finding' : 'problem',
    synonyms: [],
    source: 'icd10cm',
  };
  addName(c, short);
  if (!billable) c.notSelectable = true;
  return c;
}

export function icd10cmParser(file = 'icd10cm'): LineParser {
  const out: Concept[] = [];
  let format: 'order' | 'codes' | 'tsv' | undefined;
  let col: Record<string, number> = {};
  return {
    line(text, n) {
      if (!text.trim()) return;
      if (!format) {
        if (text.includes('\t') && /(^|\t)code(_dotted)?(\t|$)/.test(text)) {
          format = 'tsv';
          col = columns(text.split('\t'), [], file);
          if (col.code === undefined && col.code_dotted === undefined) throw new ImportError('missing column "code"', file, n);
          if (col.long_description === undefined && col.short_description === undefined) {
            throw new ImportError('missing column "long_description"', file, n);
          }
          return;
        }
        format = /^\d{5} [A-Z0-9 ]{7} [01] /.test(text) ? 'order' : 'codes';
      }
      if (format === 'order') {
        if (!/^\d{5} [A-Z0-9 ]{7} [01] /.test(text)) throw new ImportError('not an ICD-10-CM order file row', file, n);
        const code = text.slice(6, 13).trim();
        if (!CODE.test(code)) throw new ImportError(`invalid ICD-10-CM code "${code.slice(0, 10)}"`, file, n);
        out.push(concept(code, text[14] === '1', text.slice(16, 76).trim(), text.slice(77).trim()));
      } else if (format === 'codes') {
        const m = /^([A-Z][0-9A-Z.]{2,7})\s+(\S.*)$/.exec(text);
        if (!m || !CODE.test(m[1]!.replace('.', ''))) throw new ImportError('expected "<code> <description>"', file, n);
        out.push(concept(m[1]!.replace('.', ''), true, '', m[2]!.trim()));
      } else {
        const f = text.split('\t');
        const raw = (col.code_dotted !== undefined ? f[col.code_dotted] : f[col.code!])?.trim() ?? '';
        if (!CODE.test(raw.replace('.', ''))) throw new ImportError(`invalid ICD-10-CM code "${raw.slice(0, 10)}"`, file, n);
        const billable = col.billable === undefined ? true : f[col.billable] === '1';
        const short = col.short_description === undefined ? '' : (f[col.short_description] ?? '');
        const long = col.long_description === undefined ? '' : (f[col.long_description] ?? '');
        if (!short && !long) throw new ImportError(`code ${raw} has no description`, file, n);
        out.push(concept(raw.replace('.', ''), billable, short, long));
      }
    },
    finish() {
      if (!out.length) throw new ImportError('no ICD-10-CM codes found', file);
      return out;
    },
  };
}

/**
 * Reading official release files from disk for `galen terminology import`: each source is read
 * line by line through its importer, so that large files never need to fit in one string.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { SYSTEMS, type Concept } from './concept';
import { ImportError, type LineParser } from './importers/lines';
import { icd10cmParser } from './importers/icd10cm';
import { doidSynonymsParser, doidTermsParser } from './importers/doid';
import { oboParser } from './importers/obo';
import { hpoLabelsParser, hpoLaypersonParser } from './importers/hpo';
import {
  newRxnormState,
  rxBrandsParser,
  rxDrugsParser,
  rxIngredientsParser,
  rxnconsoParser,
  rxnrelParser,
} from './importers/rxnorm';
import { loincParser } from './importers/loinc';

export type SourceName = 'icd10cm' | 'doid' | 'rxnorm' | 'loinc' | 'hpo';

export interface ImportPaths {
  /** ICD-10-CM order file, codes file or TSV. */
  icd10cm?: string;
  /** `doid.obo`, or a folder with `doid.obo` or `doid_terms.tsv` (+ `doid_synonyms.tsv`). */
  doid?: string;
  /** A folder with `RXNCONSO.RRF` (+ `RXNREL.RRF`), or with the prescribable tables; or an `RXNCONSO.RRF` file. */
  rxnorm?: string;
  /** `Loinc.csv`, `LoincTableCore.csv` or a value-set CSV with `LOINC_NUM` and `LONG_COMMON_NAME`. */
  loinc?: string;
  /** `hp.obo` or `hpo_labels_en.tsv` (+ `layperson-synonyms.tsv` beside it), or a folder with either. */
  hpo?: string;
}

/** Feed a file to a parser line by line. */
export async function parseFile(parser: LineParser, path: string): Promise<Concept[]> {
  if (!existsSync(path)) throw new ImportError('file not found', path);
  if (!statSync(path).isFile()) throw new ImportError('not a file', path);
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of rl) {
      n++;
      parser.line(n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, n);
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError((err as Error).message, path, n);
  } finally {
    rl.close();
  }
  try {
    return parser.finish();
  } catch (err) {
    if (err instanceof ImportError && !err.file) throw new ImportError(err.message, path);
    throw err;
  }
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const pick = (dir: string, names: string[]) => names.map((n) => join(dir, n)).find((p) => existsSync(p));

function need(path: string | undefined, what: string, where: string): string {
  if (!path) throw new ImportError(`no ${what} found`, where);
  return path;
}

export async function importIcd10cm(path: string): Promise<Concept[]> {
  return parseFile(icd10cmParser(path), path);
}

export async function importDoid(path: string): Promise<Concept[]> {
  const obo = isDir(path) ? pick(path, ['doid.obo', 'HumanDO.obo']) : path.endsWith('.obo') ? path : undefined;
  if (obo)
    return parseFile(oboParser({ idPrefix: 'DOID:', system: SYSTEMS.doid, kind: 'problem', source: 'doid', file: obo }), obo);
  const terms = need(isDir(path) ? pick(path, ['doid_terms.tsv']) : path, 'doid.obo or doid_terms.tsv', path);
  const p = doidTermsParser(terms);
  const concepts = await parseFile(p, terms);
  const syn = pick(isDir(path) ? path : join(terms, '..'), ['doid_synonyms.tsv']);
  return syn ? parseFile(doidSynonymsParser(p.concepts, syn), syn) : concepts;
}

export async function importHpo(path: string): Promise<Concept[]> {
  const obo = isDir(path) ? pick(path, ['hp.obo']) : path.endsWith('.obo') ? path : undefined;
  if (obo) return parseFile(oboParser({ idPrefix: 'HP:', system: SYSTEMS.hpo, kind: 'finding', source: 'hpo', file: obo }), obo);
  const labels = need(isDir(path) ? pick(path, ['hpo_labels_en.tsv']) : path, 'hp.obo or hpo_labels_en.tsv', path);
  const p = hpoLabelsParser(labels);
  const concepts = await parseFile(p, labels);
  const lay = pick(isDir(path) ? path : join(labels, '..'), ['layperson-synonyms.tsv']);
  return lay ? parseFile(hpoLaypersonParser(p.concepts, lay), lay) : concepts;
}

export async function importRxnorm(path: string): Promise<Concept[]> {
  const state = newRxnormState();
  const dir = isDir(path) ? path : join(path, '..');
  const conso = isDir(path)
    ? pick(path, ['RXNCONSO.RRF', join('rrf', 'RXNCONSO.RRF')])
    : basename(path).toUpperCase() === 'RXNCONSO.RRF'
      ? path
      : undefined;
  if (conso) {
    let concepts = await parseFile(rxnconsoParser(state, conso), conso);
    const rel = pick(join(conso, '..'), ['RXNREL.RRF']);
    if (rel) concepts = await parseFile(rxnrelParser(state, rel), rel);
    return concepts;
  }
  const ingredients = need(pick(dir, ['ingredients.tsv']), 'RXNCONSO.RRF or ingredients.tsv', path);
  let concepts = await parseFile(rxIngredientsParser(state, ingredients), ingredients);
  const scd = pick(dir, ['clinical_drugs_scd.tsv']);
  if (scd) concepts = await parseFile(rxDrugsParser(state, 'SCD', scd), scd);
  const sbd = pick(dir, ['branded_drugs_sbd.tsv']);
  if (sbd) concepts = await parseFile(rxDrugsParser(state, 'SBD', sbd), sbd);
  const bn = pick(dir, ['brand_names.tsv']);
  if (bn) concepts = await parseFile(rxBrandsParser(state, bn), bn);
  return concepts;
}

export async function importLoinc(path: string): Promise<Concept[]> {
  const file = isDir(path)
    ? need(pick(path, ['Loinc.csv', 'LoincTableCore.csv', join('LoincTable', 'Loinc.csv')]), 'Loinc.csv', path)
    : path;
  return parseFile(loincParser(file), file);
}

export const IMPORTERS: Record<SourceName, (path: string) => Promise<Concept[]>> = {
  icd10cm: importIcd10cm,
  doid: importDoid,
  rxnorm: importRxnorm,
  loinc: importLoinc,
  hpo: importHpo,
};

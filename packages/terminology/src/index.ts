/**
 * `@galen/terminology`: the concept model, the built-in starter lexicon, the in-memory concept
 * index, importers for official terminology releases and the compact index file.
 */
import { MemoryConceptIndex } from './memory-index';
import { starterLexicon } from './starter/index';

export * from './concept';
export * from './normalize';
export * from './memory-index';
export * from './systems';
export { starterLexicon } from './starter/index';
export { DRUG_CLASS_ROWS, DRUG_CLASS_CODES, expandClasses } from './starter/drug-classes';
export { loadIndex, terminologyService, importIntoDataDir, type ImportOptions, type ImportSummary } from './loader';
export {
  indexPath,
  encodeIndex,
  decodeIndex,
  decodeRows,
  readIndexFile,
  readIndexRows,
  type IndexMeta,
  type IndexRows,
  type SourceInfo,
} from './index-file';
export { IMPORTERS, parseFile, type ImportPaths, type SourceName } from './import-files';
export { ImportError, parseText, type LineParser } from './importers/lines';
export { icd10cmParser, dotIcd10cm } from './importers/icd10cm';
export { doidTermsParser, doidSynonymsParser, xrefCoding } from './importers/doid';
export { oboParser } from './importers/obo';
export { hpoLabelsParser, hpoLaypersonParser } from './importers/hpo';
export {
  rxnconsoParser,
  rxnrelParser,
  rxIngredientsParser,
  rxBrandsParser,
  rxDrugsParser,
  newRxnormState,
} from './importers/rxnorm';
export { loincParser, VITAL_SIGN_LOINC } from './importers/loinc';

let starter: MemoryConceptIndex | undefined;

/** The starter lexicon as an index (built once and shared). Needs no files. */
export function loadStarterIndex(): MemoryConceptIndex {
  if (!starter) {
    const { concepts, abbreviations } = starterLexicon();
    starter = new MemoryConceptIndex(concepts, abbreviations);
  }
  return starter;
}

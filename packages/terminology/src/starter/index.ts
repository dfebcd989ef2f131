/**
 * The built-in starter lexicon: curated concepts written by the Galen team (each data module cites
 * its source), available without any download.
 */
import type { Abbreviation, Concept } from '../concept';
import { diagnosisConcepts, galenConcepts, medicationConcepts, observationConcepts } from './define';
import { PROBLEM_ROWS } from './problems';
import { PROBLEM_ROWS_2 } from './problems-2';
import { FINDING_ROWS } from './findings';
import { DRUG_CLASS_ROWS, expandClasses } from './drug-classes';
import { MEDICATION_ROWS } from './medications';
import { LAB_ROWS } from './labs';
import { VITAL_ROWS } from './vitals';
import { PROCEDURE_ROWS } from './procedures';
import { ALLERGEN_ROWS } from './allergens';
import { ABBREVIATIONS } from './abbreviations';

let cached: { concepts: Concept[]; abbreviations: Abbreviation[] } | undefined;

/** Every starter concept and abbreviation (built once, then shared; treat as read-only). */
export function starterLexicon(): { concepts: Concept[]; abbreviations: Abbreviation[] } {
  if (!cached) {
    const concepts = [
      ...diagnosisConcepts(PROBLEM_ROWS, 'problem'),
      ...diagnosisConcepts(PROBLEM_ROWS_2, 'problem'),
      ...diagnosisConcepts(FINDING_ROWS, 'finding'),
      ...galenConcepts(
        DRUG_CLASS_ROWS.map(([code, display, , syn]) => [code, display, syn] as const),
        'drug-class',
      ),
      ...medicationConcepts(MEDICATION_ROWS, expandClasses),
      ...observationConcepts(LAB_ROWS, 'lab'),
      ...observationConcepts(VITAL_ROWS, 'vital-sign'),
      ...galenConcepts(PROCEDURE_ROWS, 'procedure'),
      ...galenConcepts(ALLERGEN_ROWS, 'allergen'),
    ];
    cached = { concepts, abbreviations: ABBREVIATIONS };
  }
  return cached;
}

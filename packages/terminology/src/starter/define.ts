/**
 * Builders that turn the starter lexicon's compact rows into `Concept`s. Rows keep the data
 * modules short enough to review line by line.
 */
import { SYSTEMS, type Coding, type Concept, type ConceptKind } from '../concept';

const split = (s: string | undefined): string[] =>
  s
    ? s
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** `[ICD-10-CM code, display, synonyms ";"-separated, SNOMED CT id?]` */
export type DiagnosisRow = readonly [code: string, display: string, synonyms?: string, snomed?: string];

export function diagnosisConcepts(rows: readonly DiagnosisRow[], kind: ConceptKind): Concept[] {
  return rows.map(([code, display, syn, snomed]) => {
    // ICD-10-CM chapter 18 (R00-R99) holds symptoms, signs and abnormal findings.
    const k: ConceptKind = code.startsWith('R') ? 'finding' : kind;
    const c: Concept = {
      id: `${SYSTEMS.icd10cm}|${code}`,
      system: SYSTEMS.icd10cm,
      code,
      display,
      kind: k,
      synonyms: split(syn),
      source: 'starter',
    };
    if (snomed) c.mappings = [{ system: SYSTEMS.snomed, code: snomed }];
    return c;
  });
}

/** `[RxNorm ingredient RxCUI, name, class codes ";"-separated, brand names ";"-separated?, other synonyms?]` */
export type MedicationRow = readonly [rxcui: string, name: string, classes: string, brands?: string, synonyms?: string];

export function medicationConcepts(rows: readonly MedicationRow[], expandClasses: (codes: string[]) => string[]): Concept[] {
  return rows.map(([rxcui, name, classes, brands, syn]) => ({
    id: `${SYSTEMS.rxnorm}|${rxcui}`,
    system: SYSTEMS.rxnorm,
    code: rxcui,
    display: name,
    kind: 'medication' as const,
    synonyms: [...split(brands), ...split(syn)],
    classes: expandClasses(split(classes)),
    source: 'starter',
  }));
}

/** `[LOINC code, display, UCUM unit ('' when unitless), synonyms ";"-separated?]` */
export type ObservationRow = readonly [loinc: string, display: string, unit: string, synonyms?: string];

export function observationConcepts(rows: readonly ObservationRow[], kind: 'lab' | 'vital-sign'): Concept[] {
  return rows.map(([code, display, unit, syn]) => {
    const c: Concept = {
      id: `${SYSTEMS.loinc}|${code}`,
      system: SYSTEMS.loinc,
      code,
      display,
      kind,
      synonyms: split(syn),
      source: 'starter',
    };
    if (unit) c.unit = unit;
    return c;
  });
}

/** `[Galen code, display, synonyms ";"-separated?, SNOMED CT id?]` for things without a free standard code. */
export type GalenRow = readonly [code: string, display: string, synonyms?: string, snomed?: string];

export function galenConcepts(rows: readonly GalenRow[], kind: ConceptKind): Concept[] {
  return rows.map(([code, display, syn, snomed]) => {
    const c: Concept = {
      id: `${SYSTEMS.galen}|${code}`,
      system: SYSTEMS.galen,
      code,
      display,
      kind,
      synonyms: split(syn),
      source: 'starter',
    };
    if (snomed) c.mappings = [{ system: SYSTEMS.snomed, code: snomed } satisfies Coding];
    return c;
  });
}

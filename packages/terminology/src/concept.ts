/**
 * The concept model shared by the terminology index and the NLP pipeline.
 */

/** Code system URIs. @see https://terminology.hl7.org/ */
export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  hpo: 'http://purl.obolibrary.org/obo/hp.owl',
  doid: 'http://purl.obolibrary.org/obo/doid.owl',
  umls: 'http://www.nlm.nih.gov/research/umls',
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** Galen's own codes for things without a standard code (drug classes, abbreviations). */
  galen: 'https://galen.dev/fhir/CodeSystem/galen',
} as const;

export type ConceptKind =
  'problem' | 'finding' | 'medication' | 'drug-class' | 'lab' | 'vital-sign' | 'procedure' | 'anatomy' | 'allergen';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface Concept {
  /** Stable key within Galen: `${system}|${code}` of the primary coding. */
  id: string;
  system: string;
  code: string;
  display: string;
  kind: ConceptKind;
  /** Other names (lower- or mixed-case); the matcher normalises them. */
  synonyms: string[];
  /** Equivalent codes in other systems (e.g. SNOMED CT for an ICD-10-CM problem). */
  mappings?: Coding[];
  /** Medications: drug class ids (`galen` system codes) this ingredient belongs to. */
  classes?: string[];
  /** Labs and vitals: the UCUM unit values are usually reported in. */
  unit?: string;
  /** Where the concept came from: `starter`, `icd10cm`, `rxnorm`, `loinc`, `doid`, `hpo`. */
  source: string;
  /**
   * A grouping code that is not meant for coding a record (an ICD-10-CM category header that is
   * not billable). FHIR CodeSystem property `notSelectable`.
   */
  notSelectable?: boolean;
  /** RxNorm term type of a medication concept: `IN`, `PIN`, `MIN`, `BN`, `SCD`, `SBD`, ... */
  termType?: string;
  /** Products and brands: the concept ids of their ingredients. */
  ingredients?: string[];
}

/** A clinical abbreviation and its possible senses, with cues that pick a sense. */
export interface Abbreviation {
  abbr: string;
  senses: Array<{
    /** Expansion text, e.g. "multiple sclerosis". */
    expansion: string;
    /** Concept id of the sense, when it maps to one. */
    conceptId?: string;
    /** Section categories where this sense is likely (e.g. `medications`, `assessment`). */
    sections?: string[];
    /** Words near the abbreviation that point to this sense. */
    cues?: string[];
  }>;
}

/** Read access to a loaded set of concepts. */
export interface ConceptIndex {
  size: number;
  /** Exact look-up by system and code. */
  get(system: string, code: string): Concept | undefined;
  /** Look-up by Galen concept id. */
  byId(id: string): Concept | undefined;
  /** Every concept (for building matchers). */
  all(): Iterable<Concept>;
  /** Ranked text search over displays and synonyms. */
  search(text: string, options?: { kind?: ConceptKind; system?: string; limit?: number }): Concept[];
  abbreviations(): Iterable<Abbreviation>;
}

/**
 * The annotation model of `@galen/nlp`. Every span is `[start, end)` in UTF-16 code units of the
 * original text (JavaScript string offsets), so `text.slice(start, end)` gives the evidence back.
 */
import type { Concept, ConceptKind } from '@galen/terminology/concept';

/** A half-open character range into the original text. */
export interface Span {
  start: number;
  end: number;
}

export type SectionCategory =
  | 'chief-complaint'
  | 'history-present-illness'
  | 'past-medical-history'
  | 'past-surgical-history'
  | 'medications'
  | 'allergies'
  | 'family-history'
  | 'social-history'
  | 'review-of-systems'
  | 'physical-exam'
  | 'vital-signs'
  | 'labs'
  | 'imaging'
  | 'assessment'
  | 'plan'
  | 'assessment-plan'
  | 'diagnoses'
  | 'procedures'
  | 'hospital-course'
  | 'discharge'
  | 'observation'
  | 'other';

export interface Section extends Span {
  /** The header as written (without its colon); empty for the text before the first header. */
  title: string;
  category: SectionCategory;
  /** Span of the header itself. */
  header?: Span;
}

export interface Sentence extends Span {
  /** Index of the section this sentence starts in. */
  section: number;
}

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token extends Span {
  /** Normalised form: lower case, singular (for words). */
  norm: string;
  kind: TokenKind;
}

export type ContextCategory = 'negated' | 'uncertain' | 'historical' | 'hypothetical' | 'family' | 'other-experiencer';

/** A ConText cue that changed a mention's context. */
export interface Cue extends Span {
  category: ContextCategory;
  /** The cue text as written. */
  text: string;
  /** `section` when the section header (not a phrase in the sentence) set this context. */
  source?: 'phrase' | 'section';
}

export type Experiencer = 'patient' | 'family' | 'other';

export interface MentionContext {
  negated: boolean;
  uncertain: boolean;
  historical: boolean;
  hypothetical: boolean;
  experiencer: Experiencer;
  /** Family relation named by the cue (`mother`, `father`, ...), when the experiencer is family. */
  relation?: string;
  cues: Cue[];
}

export interface Mention extends Span {
  /** The text as written. */
  text: string;
  concept: Pick<Concept, 'id' | 'system' | 'code' | 'display' | 'kind'>;
  kind: ConceptKind;
  sentence: number;
  section: number;
  context: MentionContext;
  /** The substance is named as an allergy (allergies section, or "allergic to ..."). */
  allergy?: boolean;
  /** Set when the mention was an abbreviation: the sense chosen and why. */
  abbreviation?: { abbr: string; expansion: string; reason: 'section' | 'neighbours' | 'only-sense' | 'default' };
}

/** A FHIR-shaped Timing (subset used here). @see https://hl7.org/fhir/R4/datatypes.html#Timing */
export interface SigTiming {
  code?: { text: string; coding?: Array<{ system: string; code: string }> };
  repeat?: {
    count?: number;
    frequency?: number;
    frequencyMax?: number;
    period?: number;
    periodMax?: number;
    periodUnit?: 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a';
    when?: string[];
    boundsDuration?: { value: number; unit: string; system: string; code: string };
  };
}

export type MedicationStatusChange =
  'started' | 'stopped' | 'held' | 'increased' | 'decreased' | 'continued' | 'resumed' | 'changed';

export interface Quantity {
  value: number;
  /** Unit as written. */
  unit: string;
  /** UCUM code, when the unit is known. */
  code?: string;
}

export interface MedicationSignature {
  strength?: Quantity & Span;
  dose?: Quantity & Span;
  route?: { text: string; code: string; display: string } & Span;
  frequency?: { text: string; timing: SigTiming } & Span;
  duration?: { value: number; unit: string; code: 'd' | 'wk' | 'mo' | 'h' | 'min' } & Span;
  asNeeded?: { reason?: string } & Span;
  status?: { change: MedicationStatusChange; text: string } & Span;
}

export interface Medication extends Span {
  /** The drug mention (index into `mentions`). */
  mention: number;
  text: string;
  signature: MedicationSignature;
  /** The whole span the signature was read from. */
  sigSpan: Span;
}

export interface Measurement extends Span {
  /** What was measured, e.g. `heart-rate`, `sodium`. */
  name: string;
  display: string;
  category: 'vital-signs' | 'laboratory';
  loinc: string;
  value: number;
  /** Diastolic value for blood pressure. */
  value2?: number;
  /** Unit as written (may be empty when implied). */
  unit: string;
  /** UCUM code after normalisation (`Cel`, `mm[Hg]`, `mg/dL`, ...). */
  ucum: string;
  /** Set when the value was converted (e.g. °F → °C): the original. */
  original?: { value: number; unit: string };
  /** `SpO2 94% on 2L`: the oxygen support as written. */
  qualifier?: string;
  sentence: number;
}

export interface NlpResult {
  /** Length of the analysed text. */
  length: number;
  sections: Section[];
  sentences: Sentence[];
  tokens?: Token[];
  mentions: Mention[];
  medications: Medication[];
  measurements: Measurement[];
  engine: { name: string; version: string };
}

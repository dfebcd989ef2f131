/** Shared types of `@galen/deid`. */

/**
 * PHI categories, after the 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)).
 * `DATE_YEAR` is a bare year: Safe Harbor allows it, so it is only reported when asked for
 * (`years: true`); the PhysioNet gold standard annotates years, hence the option.
 */
export type PhiType =
  'NAME' | 'LOCATION' | 'DATE' | 'DATE_YEAR' | 'AGE' | 'PHONE' | 'EMAIL' | 'SSN' | 'ID' | 'URL' | 'IP' | 'ZIP';

export const PHI_TYPES: readonly PhiType[] = [
  'NAME',
  'LOCATION',
  'DATE',
  'DATE_YEAR',
  'AGE',
  'PHONE',
  'EMAIL',
  'SSN',
  'ID',
  'URL',
  'IP',
  'ZIP',
];

/** One detected identifier: `text.slice(start, end) === text`. */
export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
  text: string;
  /** Finer kind, e.g. `clinician`, `relative`, `hospital`, `mrn`, `fax`. */
  subtype?: string;
  /** Which rule found it (for error analysis). */
  source: string;
}

export type DeidMode = 'redact' | 'tag' | 'surrogate';

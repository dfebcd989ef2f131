/**
 * "Suspected infection" from the chart, as the sepsis screens (Sepsis-3, SEP-1) and the sepsis
 * risk model read it: an active infection problem or an active antibiotic order.
 * Source of the definition: Singer et al., The Third International Consensus Definitions for Sepsis
 * and Septic Shock (Sepsis-3), JAMA 2016 (suspected infection = cultures or antibiotics).
 */
import type { Condition, MedicationRequest } from '@galen/fhir';
import { classesOf, ingredientsOf } from './medication/drugs';

/** Drug classes (of `medication/drugs.ts`) that are antibiotics. */
export const ANTIBIOTIC_CLASSES: ReadonlySet<string> = new Set([
  'penicillin',
  'cephalosporin',
  'carbapenem',
  'glycopeptide',
  'fluoroquinolone',
  'macrolide',
  'sulfonamide-antibiotic',
  'monobactam',
]);

/**
 * ICD-10-CM infection chapters and common infection codes (A00–B99, J09–J22 pneumonia/influenza,
 * N39.0 UTI, L03 cellulitis, K65 peritonitis, R65.2 severe sepsis).
 * Source: the ICD-10-CM Tabular List (CDC/NCHS), chapters 1 (A00–B99) and 10 (J09–J22).
 */
export const INFECTION_ICD = /^(A|B|J09|J1[0-8]|J2[0-2]|N39\.0|L03|K65|R65\.2)/;

/**
 * Suspected infection: an active infection problem or an active antibiotic order; otherwise
 * unknown (`undefined`, never `false`: the chart's silence is not evidence of no infection).
 * @example suspectedInfectionOf({ conditions: [], medications: [ceftriaxoneOrder] }) // true
 */
export function suspectedInfectionOf(ctx: { conditions: Condition[]; medications: MedicationRequest[] }): boolean | undefined {
  const infectionProblem = ctx.conditions.some(
    (c) =>
      !c.clinicalStatus?.coding?.some((k) => k.code === 'resolved' || k.code === 'inactive') &&
      !c.verificationStatus?.coding?.some((k) => k.code === 'refuted' || k.code === 'entered-in-error') &&
      ((c.code?.coding ?? []).some((k) => k.code && INFECTION_ICD.test(k.code)) ||
        /sepsis|infection|pneumonia|cellulitis|pyelonephritis/i.test(c.code?.text ?? '')),
  );
  const antibiotic = ctx.medications.some(
    (m) =>
      m.status === 'active' &&
      ingredientsOf(
        m.medicationCodeableConcept?.coding?.[0]?.code,
        m.medicationCodeableConcept?.text ?? m.medicationCodeableConcept?.coding?.[0]?.display,
      ).some((i) => classesOf(i).some((c) => ANTIBIOTIC_CLASSES.has(c))),
  );
  return infectionProblem || antibiotic ? true : undefined;
}

/**
 * One patient's chart as the checks read it, and the patient state at a time from it. The caller
 * loads the chart (Galen's store, a CDS Hooks prefetch, a remote FHIR server); this only reads it.
 */
import type { AllergyIntolerance, Condition, MedicationRequest, Observation, Patient } from '@galen/fhir';
import { suspectedInfectionOf } from './infection';
import { stateFromObservations, type PatientState } from './state';

/** Everything the scores and the medication checks read for one patient. */
export interface PatientContext {
  patient?: Patient;
  observations: Observation[];
  conditions: Condition[];
  medications: MedicationRequest[];
  allergies: AllergyIntolerance[];
}

/** A chart with nothing in it (a medication check without a patient). */
export function emptyPatientContext(): PatientContext {
  return { observations: [], conditions: [], medications: [], allergies: [] };
}

/**
 * The patient state at `now` from a chart: observations, the patient (age, sex) and suspected infection.
 * @example scoreNews2(stateOf(chart, '2024-05-01T12:00:00Z'))
 */
export function stateOf(ctx: PatientContext, now: string): PatientState {
  return stateFromObservations(ctx.observations, now, { patient: ctx.patient, suspectedInfection: suspectedInfectionOf(ctx) });
}

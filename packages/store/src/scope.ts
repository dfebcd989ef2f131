/**
 * Patient scope, in one place: what a patient-limited actor (SMART `patient/*` context, an API key
 * with `patientId`) may see and touch. Used by `ActorRepository` for single calls and by the
 * transaction runner for what a bundle does inside the store (conditional creates, conditional
 * references, references to stored resources), so both paths apply the same rule.
 *
 * The rule: another patient's data is treated exactly like data that does not exist. Reads answer
 * 404, searches match nothing, references to it are "does not exist", and a write that would need
 * it (an update of it, a link to it) fails the way a write to a missing resource fails, so that no
 * answer tells a scoped caller whether something of another patient is there.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { SearchParam } from './repository';
import { patientOf } from './search-params';

/** The search parameter that limits a search of `resourceType` to one patient's compartment. */
export function compartmentParam(resourceType: string, patientId: string): SearchParam {
  return resourceType === 'Patient' ? { name: '_id', value: patientId } : { name: 'patient', value: patientId };
}

/** Search parameters limited to the patient (unchanged when there is no scope). */
export function scopeParams(resourceType: string, params: SearchParam[], patientId: string | undefined): SearchParam[] {
  return patientId === undefined ? params : [...params, compartmentParam(resourceType, patientId)];
}

/** True when the resource is in the patient's compartment (always true without a scope). */
export function inPatientScope(resource: Resource, patientId: string | undefined): boolean {
  return patientId === undefined || patientOf(resource) === patientId;
}

/**
 * True when a scoped actor may point a reference at this stored resource: it is in their patient's
 * compartment, or in no patient's compartment at all (a Practitioner, an Organization, a Medication).
 */
export function referenceableInScope(resource: Resource, patientId: string | undefined): boolean {
  if (patientId === undefined) return true;
  const owner = patientOf(resource);
  return owner === undefined || owner === patientId;
}

/** The refusal of a write outside the scope (the same for a missing resource as for another patient's). */
export const OUTSIDE_SCOPE = 'Outside the patient this key is limited to';

/**
 * Prefetch values → the patient context the scores read, with structural checks of every field
 * they read (a malformed field is a 400 naming it, never a crash or a silently wrong score).
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
import type { MedicationRequest, Observation } from '@galen/fhir';
import { badRequest } from '@galen/fhir';
import type { PatientContext } from '../patient-context';
import { resourcesOf } from './request';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optString = (x: unknown) => x === undefined || typeof x === 'string';

/** The 400 for a malformed field of resource `r` (messages are built only when something is wrong). */
function fail(where: string, r: Record<string, unknown>, field: string, expected: string): never {
  const label = `${typeof r.resourceType === 'string' ? r.resourceType.slice(0, 40) : 'resource'}/${typeof r.id === 'string' ? r.id.slice(0, 64) : '(no id)'}`;
  throw badRequest(`${where}: ${label} ${field} must be ${expected}`, `${where}.${field}`);
}

function checkStrings(r: Record<string, unknown>, fields: readonly string[], where: string, what: Record<string, unknown>): void {
  for (const f of fields) if (!optString(r[f])) fail(where, what, f, 'a string');
}

/** A CodeableConcept with string `text` and an array of codings with string `system`/`code`/`display`. */
function checkConcept(c: unknown, prefix: string, name: string, where: string, what: Record<string, unknown>): void {
  if (c === undefined) return;
  if (!isObj(c)) fail(where, what, prefix + name, 'a CodeableConcept');
  if (!optString(c.text)) fail(where, what, `${prefix}${name}.text`, 'a string');
  const codings = c.coding;
  if (codings === undefined) return;
  if (!Array.isArray(codings)) fail(where, what, `${prefix}${name}.coding`, 'an array');
  for (const k of codings as unknown[]) {
    if (!isObj(k) || !optString(k.system) || !optString(k.code) || !optString(k.display))
      fail(where, what, `${prefix}${name}.coding`, 'Codings with string system, code and display');
  }
}

/** The value[x] and code of an Observation (`prefix` '') or one of its components ('component.'). */
function checkObservationPart(x: Record<string, unknown>, prefix: string, where: string, what: Record<string, unknown>): void {
  checkConcept(x.code, prefix, 'code', where, what);
  const q = x.valueQuantity;
  if (q !== undefined) {
    if (!isObj(q)) fail(where, what, `${prefix}valueQuantity`, 'a Quantity');
    if (q.value !== undefined && typeof q.value !== 'number') fail(where, what, `${prefix}valueQuantity.value`, 'a number');
    if (!optString(q.unit) || !optString(q.code)) fail(where, what, `${prefix}valueQuantity.unit`, 'a string');
  }
  if (x.valueInteger !== undefined && typeof x.valueInteger !== 'number') fail(where, what, `${prefix}valueInteger`, 'a number');
  checkConcept(x.valueCodeableConcept, prefix, 'valueCodeableConcept', where, what);
  if (!optString(x.valueString)) fail(where, what, `${prefix}valueString`, 'a string');
}

const OBSERVATION_STRINGS = ['id', 'status', 'effectiveDateTime', 'effectiveInstant', 'issued'] as const;

/**
 * Check the fields the scores read, cheaply and without a full profile validation: a malformed
 * field is a 400 naming it (it would otherwise be a crash or a silently wrong score).
 */
export function checkContext(ctx: PatientContext): void {
  if (ctx.patient) {
    const p = ctx.patient as unknown as Record<string, unknown>;
    checkStrings(p, ['id', 'birthDate', 'gender'], 'prefetch.patient', p);
  }
  const where = 'prefetch.observations';
  for (const o of ctx.observations as unknown as Array<Record<string, unknown>>) {
    const what = o;
    // Named reads, not a loop over field names: this runs for every Observation of every call.
    if (
      !optString(o.id) ||
      !optString(o.status) ||
      !optString(o.effectiveDateTime) ||
      !optString(o.effectiveInstant) ||
      !optString(o.issued)
    )
      checkStrings(o, OBSERVATION_STRINGS, where, what);
    const per = o.effectivePeriod;
    if (per !== undefined && (!isObj(per) || !optString(per.start) || !optString(per.end)))
      fail(where, what, 'effectivePeriod', 'a Period with string start and end');
    checkObservationPart(o, '', where, what);
    if (o.component !== undefined) {
      if (!Array.isArray(o.component)) fail(where, what, 'component', 'an array');
      for (const c of o.component as unknown[]) {
        if (!isObj(c)) fail(where, what, 'component', 'an array of objects');
        checkObservationPart(c, 'component.', where, what);
      }
    }
  }
  for (const c of ctx.conditions as unknown as Array<Record<string, unknown>>) {
    const what = c;
    for (const f of ['code', 'clinicalStatus', 'verificationStatus']) checkConcept(c[f], '', f, 'prefetch.conditions', what);
  }
  for (const m of ctx.medications as unknown as Array<Record<string, unknown>>) {
    const what = m;
    checkStrings(m, ['id', 'status'], 'prefetch.medications', what);
    checkConcept(m.medicationCodeableConcept, '', 'medicationCodeableConcept', 'prefetch.medications', what);
  }
}

/** A patient context from resources already gathered per prefetch key; checks the patient is the one in context. */
export function contextOf(out: Record<string, unknown>, patientId: string): PatientContext {
  const patient = resourcesOf(out.patient).find((r) => r.resourceType === 'Patient');
  if (patient && patient.id && patient.id !== patientId)
    throw badRequest('prefetch.patient is not context.patientId', 'prefetch.patient');
  const ctx: PatientContext = {
    observations: resourcesOf(out.observations).filter((r): r is Observation => r.resourceType === 'Observation'),
    conditions: resourcesOf(out.conditions).filter((r) => r.resourceType === 'Condition') as PatientContext['conditions'],
    medications: resourcesOf(out.medications).filter((r) => r.resourceType === 'MedicationRequest') as MedicationRequest[],
    allergies: resourcesOf(out.allergies).filter((r) => r.resourceType === 'AllergyIntolerance') as PatientContext['allergies'],
  };
  if (patient) ctx.patient = patient as PatientContext['patient'];
  checkContext(ctx);
  return ctx;
}

import { randomUUID } from 'node:crypto';

/** A new logical id for a resource. */
export function newId(): string {
  return randomUUID();
}

/** FHIR id grammar: [A-Za-z0-9\-\.]{1,64}. @see https://hl7.org/fhir/R4/datatypes.html#id */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9\-.]{1,64}$/.test(id);
}

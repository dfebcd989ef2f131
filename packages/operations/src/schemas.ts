/**
 * Input schemas every area shares: a FHIR resource id and a reference to a resource of given types.
 * @see https://hl7.org/fhir/R4/datatypes.html#id
 */
import { z } from 'zod';

/** The FHIR id pattern: 1–64 of `A-Z a-z 0-9 - .`. */
const ID = '[A-Za-z0-9\\-.]{1,64}';

/**
 * A FHIR resource id.
 * @example fhirId.parse('p-1') // 'p-1'
 */
export const fhirId = z.string().regex(new RegExp(`^${ID}$`), 'must be a FHIR id');

/**
 * A literal reference `Type/id` to one of `types`.
 * @example referenceTo('DetectedIssue').parse('DetectedIssue/a1') // 'DetectedIssue/a1'
 */
export function referenceTo(...types: [string, ...string[]]) {
  const names = types.map((t) => `${t}/`);
  const message = `must be ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0]}<id>`;
  return z.string().regex(new RegExp(`^(${types.join('|')})/${ID}$`), message);
}

/**
 * FHIRPath evaluation over R4 resources (the `fhirpath` package with the R4 model).
 * @see https://hl7.org/fhirpath/
 */
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4/index.js';

/** Evaluate a FHIRPath expression against a resource. */
export function evaluate(resource: unknown, expression: string, env: Record<string, unknown> = {}): unknown[] {
  return fhirpath.evaluate(resource as object, expression, env, r4model) as unknown[];
}

/** First value of a FHIRPath expression, or undefined. */
export function evaluateOne<T = unknown>(resource: unknown, expression: string): T | undefined {
  return evaluate(resource, expression)[0] as T | undefined;
}

/** Galen's own code system: alert codes (`news2-alert`, `sepsis-risk-alert`), the CDS Hooks feedback category. */
export const GALEN_CODE_SYSTEM = 'https://galen.dev/fhir/CodeSystem/galen';

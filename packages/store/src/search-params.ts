/**
 * Which search parameters each resource type supports, and how their values are extracted from a
 * resource at write time into the `resources` table's search columns.
 * Parameter names and paths follow the FHIR R4 search parameter registry.
 * @see https://hl7.org/fhir/R4/searchparameter-registry.html
 */
import type { Resource } from '@medplum/fhirtypes';
import { parseReference } from '@galen/fhir';
import { dateRange, periodRange, spanOf, type DateRange } from './dates';

/** Token parameters per resource type: parameter name → element paths (dotted). */
export const TOKEN_PARAMS: Record<string, Record<string, string[]>> = {
  Observation: { code: ['code'], category: ['category'] },
  Condition: {
    code: ['code'],
    category: ['category'],
    'clinical-status': ['clinicalStatus'],
    'verification-status': ['verificationStatus'],
  },
  MedicationRequest: { code: ['medicationCodeableConcept'], intent: ['intent'] },
  MedicationStatement: { code: ['medicationCodeableConcept'] },
  MedicationAdministration: { code: ['medicationCodeableConcept'] },
  Procedure: { code: ['code'] },
  Encounter: { code: ['type'], type: ['type'], class: ['class'] },
  AllergyIntolerance: { code: ['code'], 'clinical-status': ['clinicalStatus'] },
  Immunization: { code: ['vaccineCode'], 'vaccine-code': ['vaccineCode'] },
  DiagnosticReport: { code: ['code'], category: ['category'] },
  DocumentReference: { code: ['type'], type: ['type'], category: ['category'] },
  Composition: { code: ['type'], type: ['type'] },
  RiskAssessment: { code: ['code'] },
  DetectedIssue: { code: ['code'] },
  ServiceRequest: { code: ['code'] },
  CarePlan: { category: ['category'] },
  Patient: { gender: ['gender'] },
  Practitioner: { gender: ['gender'] },
};

/** Token parameters every type has. */
const COMMON_TOKENS: Record<string, string[]> = { identifier: ['identifier'], status: ['status'] };

/** Reference parameters indexed as tokens `param=Type/id`. */
const REFERENCE_PARAMS: Record<string, string[]> = { encounter: ['encounter', 'context.encounter'] };

/** String parameters (prefix, case-insensitive) per type. */
export const STRING_PARAMS: Record<string, Record<string, string[]>> = {
  Patient: { name: ['name'], family: ['name.family'], given: ['name.given'] },
  Practitioner: { name: ['name'], family: ['name.family'], given: ['name.given'] },
  Organization: { name: ['name'] },
};

/** The clinical date of each type: choice/element names tried in order, the first present wins. */
const DATE_PATHS: Record<string, string[]> = {
  Observation: ['effective', 'issued'],
  Condition: ['onset', 'recordedDate'],
  AllergyIntolerance: ['onset', 'recordedDate'],
  Encounter: ['period'],
  MedicationRequest: ['authoredOn'],
  MedicationStatement: ['effective', 'dateAsserted'],
  MedicationAdministration: ['effective'],
  Procedure: ['performed'],
  Immunization: ['occurrence', 'recorded'],
  DiagnosticReport: ['effective', 'issued'],
  DocumentReference: ['date', 'context.period'],
  Composition: ['date'],
  CarePlan: ['period'],
  Goal: ['start'],
  Claim: ['billablePeriod', 'created'],
  ExplanationOfBenefit: ['billablePeriod', 'created'],
  ImagingStudy: ['started'],
  RiskAssessment: ['occurrence'],
  DetectedIssue: ['identified'],
  Provenance: ['recorded'],
  AuditEvent: ['recorded'],
  Patient: ['birthDate'],
  Practitioner: [],
  Organization: [],
  Location: [],
  Medication: [],
};
const DEFAULT_DATE_PATHS = [
  'effective',
  'occurrence',
  'performed',
  'onset',
  'period',
  'authoredOn',
  'recordedDate',
  'date',
  'issued',
  'created',
  'recorded',
];

/** Parameters that control the search rather than filter it. */
export const CONTROL_PARAMS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_total',
  '_include',
  '_format',
  '_pretty',
  '_summary',
  '_elements',
]);

/** The date parameter name for a type (`birthdate` for Patient, `date` otherwise; none without dates). */
export function dateParamOf(resourceType: string): string | undefined {
  if (resourceType === 'Patient') return 'birthdate';
  const paths = DATE_PATHS[resourceType] ?? DEFAULT_DATE_PATHS;
  return paths.length ? 'date' : undefined;
}

export type ParamKind = 'id' | 'lastUpdated' | 'patient' | 'token' | 'reference' | 'string' | 'date';

/** The kind of a filter parameter on a type, or undefined when the type does not support it. */
export function paramKind(resourceType: string, name: string): ParamKind | undefined {
  if (name === '_id') return 'id';
  if (name === '_lastUpdated') return 'lastUpdated';
  if (name === 'patient' || name === 'subject') return 'patient';
  if (name in COMMON_TOKENS || TOKEN_PARAMS[resourceType]?.[name]) return 'token';
  if (name in REFERENCE_PARAMS) return 'reference';
  if (STRING_PARAMS[resourceType]?.[name]) return 'string';
  if (name === dateParamOf(resourceType)) return 'date';
  return undefined;
}

/** All filter parameters of a type (for the CapabilityStatement). */
export function searchParamsOf(resourceType: string): { name: string; type: 'token' | 'reference' | 'string' | 'date' }[] {
  const out: { name: string; type: 'token' | 'reference' | 'string' | 'date' }[] = [
    { name: '_id', type: 'token' },
    { name: '_lastUpdated', type: 'date' },
    { name: 'patient', type: 'reference' },
    { name: 'subject', type: 'reference' },
  ];
  for (const n of Object.keys({ ...COMMON_TOKENS, ...TOKEN_PARAMS[resourceType] })) out.push({ name: n, type: 'token' });
  for (const n of Object.keys(REFERENCE_PARAMS)) out.push({ name: n, type: 'reference' });
  for (const n of Object.keys(STRING_PARAMS[resourceType] ?? {})) out.push({ name: n, type: 'string' });
  const d = dateParamOf(resourceType);
  if (d) out.push({ name: d, type: 'date' });
  return out;
}

/** Values at a dotted path, arrays flattened. */
function valuesAt(value: unknown, path: string): unknown[] {
  let cur: unknown[] = [value];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (!v || typeof v !== 'object') continue;
      const x = (v as Record<string, unknown>)[key];
      if (Array.isArray(x)) next.push(...x);
      else if (x !== undefined && x !== null) next.push(x);
    }
    cur = next;
  }
  return cur;
}

/** Token strings for one element value (code, Coding, CodeableConcept, Identifier, boolean). */
function tokensOf(param: string, v: unknown, out: Set<string>): void {
  if (typeof v === 'string' || typeof v === 'boolean') {
    out.add(`${param}=${String(v)}`);
    return;
  }
  if (!v || typeof v !== 'object') return;
  const o = v as { coding?: unknown[]; system?: string; code?: string; value?: string };
  if (Array.isArray(o.coding)) {
    for (const c of o.coding) tokensOf(param, c, out);
    return;
  }
  const code = typeof o.code === 'string' ? o.code : typeof o.value === 'string' ? o.value : undefined;
  if (code === undefined) return;
  out.add(`${param}=${code}`);
  out.add(`${param}=${o.system ?? ''}|${code}`);
}

/** The date range of the first present element among `bases` (choice types expanded). */
function dateOf(resource: Record<string, unknown>, bases: string[]): DateRange | undefined {
  for (const base of bases) {
    if (base.includes('.')) {
      const vals = valuesAt(resource, base);
      const r = vals.reduce<DateRange | undefined>((acc, v) => spanOf(acc, rangeOfValue(v)), undefined);
      if (r) return r;
      continue;
    }
    for (const key of [base, `${base}DateTime`, `${base}Period`, `${base}Instant`, `${base}Date`]) {
      const r = rangeOfValue(resource[key]);
      if (r) return r;
    }
  }
  return undefined;
}

function rangeOfValue(v: unknown): DateRange | undefined {
  if (typeof v === 'string') return dateRange(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) return periodRange(v as { start?: string; end?: string });
  return undefined;
}

/** The patient whose compartment a resource is in (its own id for a Patient). */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const r = resource as unknown as Record<string, unknown>;
  for (const key of ['subject', 'patient', 'beneficiary']) {
    const ref = r[key] as { reference?: string } | undefined;
    if (ref && typeof ref.reference === 'string') {
      const p = parseReference(ref.reference);
      if (p?.resourceType === 'Patient') return p.id;
    }
  }
  return undefined;
}

export interface IndexColumns {
  patientId: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  tokens: string[];
  strings: string[];
}

/** Extract the search columns of a resource. */
export function indexResource(resource: Resource): IndexColumns {
  const r = resource as unknown as Record<string, unknown>;
  const tokens = new Set<string>();
  const defs = { ...COMMON_TOKENS, ...TOKEN_PARAMS[resource.resourceType] };
  for (const [param, paths] of Object.entries(defs)) {
    for (const path of paths) for (const v of valuesAt(r, path)) tokensOf(param, v, tokens);
  }
  for (const [param, paths] of Object.entries(REFERENCE_PARAMS)) {
    for (const path of paths) {
      for (const v of valuesAt(r, path)) {
        const p = parseReference(v as { reference?: string });
        if (p) tokens.add(`${param}=${p.resourceType}/${p.id}`);
      }
    }
  }
  const strings = new Set<string>();
  for (const [param, paths] of Object.entries(STRING_PARAMS[resource.resourceType] ?? {})) {
    for (const path of paths) {
      for (const v of valuesAt(r, path)) {
        if (typeof v === 'string') strings.add(`${param}=${v.toLowerCase()}`);
        else if (v && typeof v === 'object') {
          // HumanName: every part.
          const n = v as { text?: string; family?: string; given?: string[]; prefix?: string[]; suffix?: string[] };
          for (const s of [n.text, n.family, ...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? [])]) {
            if (typeof s === 'string' && s) strings.add(`${param}=${s.toLowerCase()}`);
          }
        }
      }
    }
  }
  const range = dateOf(r, DATE_PATHS[resource.resourceType] ?? DEFAULT_DATE_PATHS);
  return {
    patientId: patientOf(resource) ?? null,
    dateStart: range?.start ?? null,
    dateEnd: range?.end ?? null,
    tokens: [...tokens],
    strings: [...strings],
  };
}

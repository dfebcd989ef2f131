/**
 * The CapabilityStatement at /fhir/R4/metadata, built from what the server really supports.
 * Conditional create, update as create, `_summary`/`_elements`/`_total` and JSON only are exercised
 * by `fhir-routes.test.ts` and, with real client libraries, `conformance.test.ts`
 * (docs/conformance.md).
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 */
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from '@medplum/fhirtypes';
import { getResourceTypes } from '@galen/fhir';
import type { OperationRegistry } from '@galen/operations';
import { searchParamsOf } from '@galen/store';

const VERSION = '0.1.0';

/** Result parameters every search takes (and, for `_summary`/`_elements`, every read). */
const RESULT_PARAMS: CapabilityStatementRestResourceSearchParam[] = [
  { name: '_count', type: 'number', documentation: 'Page size (default 20, at most 1000); pages link with _offset.' },
  { name: '_offset', type: 'number', documentation: 'First match of the page (Galen paging; see Bundle.link next).' },
  {
    name: '_total',
    type: 'token',
    documentation: 'accurate | estimate | none. Bundle.total is given by default; none skips the count.',
  },
  {
    name: '_summary',
    type: 'token',
    documentation: 'true | text | data | count | false, on search and read; subsetted resources are tagged SUBSETTED.',
  },
  {
    name: '_elements',
    type: 'string',
    documentation: 'Top-level elements to return (plus id, meta and mandatory ones), on search and read.',
  },
  { name: '_sort', type: 'string', documentation: '_lastUpdated, _id or date (- for descending).' },
  { name: '_include', type: 'string', documentation: 'The Patient of the matches only: [type]:patient, [type]:subject, *.' },
];

export function capabilityStatement(registry: OperationRegistry, baseUrl: string): CapabilityStatement {
  const ops = registry.list().filter((o) => o.fhir);
  const resources: CapabilityStatementRestResource[] = [...getResourceTypes()].sort().map((type) => ({
    type: type as CapabilityStatementRestResource['type'],
    interaction: ['read', 'vread', 'update', 'delete', 'history-instance', 'create', 'search-type'].map((code) => ({
      code,
    })) as CapabilityStatementRestResource['interaction'],
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    searchInclude: ['*:patient', `${type}:subject`, `${type}:patient`],
    searchParam: searchParamsOf(type).map((p) => ({ name: p.name, type: p.type })),
    operation: ops
      .filter((o) => o.fhir?.resourceType === type)
      .map((o) => ({ name: o.fhir!.code, definition: `${baseUrl}/OperationDefinition/${o.name}`, documentation: o.description })),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-23',
    kind: 'instance',
    software: { name: 'Galen', version: VERSION },
    implementation: { description: 'Galen FHIR R4 server', url: baseUrl },
    fhirVersion: '4.0.1',
    // JSON only: _format / Accept asking for XML or Turtle get 406.
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description:
            'Bearer API keys (galen apikey create) or a session cookie from /auth/login. Keys may be limited to one patient (patient/*.read).',
        },
        resource: resources,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        searchParam: RESULT_PARAMS,
        operation: ops
          .filter((o) => !o.fhir?.resourceType)
          .map((o) => ({
            name: o.fhir!.code,
            definition: `${baseUrl}/OperationDefinition/${o.name}`,
            documentation: o.description,
          })),
      },
    ],
  };
}

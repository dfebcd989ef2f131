/**
 * The CapabilityStatement at /fhir/R4/metadata, built from what the server really supports.
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { getResourceTypes } from '@galen/fhir';
import type { OperationRegistry } from '@galen/operations';
import { searchParamsOf } from '@galen/store';

const VERSION = '0.1.0';

export function capabilityStatement(registry: OperationRegistry, baseUrl: string): CapabilityStatement {
  const ops = registry.list().filter((o) => o.fhir);
  const resources: CapabilityStatementRestResource[] = [...getResourceTypes()].sort().map((type) => ({
    type: type as CapabilityStatementRestResource['type'],
    interaction: ['read', 'vread', 'update', 'delete', 'history-instance', 'create', 'search-type'].map((code) => ({
      code,
    })) as CapabilityStatementRestResource['interaction'],
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
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

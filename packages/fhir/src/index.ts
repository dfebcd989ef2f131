export type * from '@medplum/fhirtypes';
export * from './outcomes';
export * from './validate';
export * from './json';
export * from './narrative';
export * from './bundles';
export * from './fhirpath';
export * from './ids';
export * from './random';

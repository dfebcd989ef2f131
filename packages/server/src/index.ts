export { createApp, type GalenApp, type CreateAppOptions } from './app';
export { ServiceContainer, type ServiceFactory, type ServiceFactories } from './services';
export { FHIR_BASE, parametersToInput, searchParamsOf } from './fhir-routes';
export { capabilityStatement } from './capability';
export * from './auth';
export { loadDemoIfEmpty } from './demo';
export { serviceFactories } from './wiring';
export { tuneHeapForServing, SERVE_HEAP_GROWING_PERCENT } from './heap';
export { galenMigrations } from './migrations';

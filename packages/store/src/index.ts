export * from './repository';
export * from './store';
export { openStore, DEFAULT_DATA_DIR, type OpenedStore, type OpenStoreOptions } from './open-store';
export { STORE_MIGRATIONS, type Migration } from './migrations/index';
export {
  followResourceChanges,
  markPatientsChanged,
  hasPatientChanges,
  takePatientChanges,
  readPatientResources,
  type PatientResource,
} from './changes';
export { SqlRepository, type RepositoryOptions } from './sql-repository';
export { ActorRepository, isReadOnly } from './actor';
export { patientOf, searchParamsOf } from './search-params';
export { parseQuery } from './search';

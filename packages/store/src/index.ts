export * from './repository';
export * from './store';
export { openStore, DEFAULT_DATA_DIR, type OpenedStore } from './open-store';
export { registerMigrations, type Migration } from './migrations/index';
export { SqlRepository, type RepositoryOptions } from './sql-repository';
export { ActorRepository, isReadOnly } from './actor';
export { patientOf, searchParamsOf } from './search-params';
export { parseQuery } from './search';

/**
 * What the transaction runner needs of a repository (`SqlRepository` is one), apart so that
 * `transaction.ts` and `sql-repository.ts` do not import each other.
 */
import type { FhirRepository } from './repository';
import type { SqlClient } from './store';

export interface RepositoryOptions {
  /** Validate resources with `validateResource` on create/update (default true). */
  validate?: boolean;
  /** Run `ANALYZE resources` after every 20,000 written rows (PGlite: no autovacuum). */
  autoAnalyze?: boolean;
}

export interface BundleRepository extends Pick<FhirRepository, 'search' | 'read' | 'vread'> {
  readonly db: SqlClient;
  readonly options: RepositoryOptions;
  /** The same repository bound to a transaction's client. */
  withClient(db: SqlClient): BundleRepository;
}

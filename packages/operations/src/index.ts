import type { Migration } from '@galen/store';
import { OperationRegistry, type Operation } from './registry';
import { coreOperations } from './core/operations';
import { terminologyOperations } from './terminology/operations';
import { nlpOperations } from './nlp/operations';
import { deidOperations } from './deid/operations';
import { cdsOperations } from './cds/operations';
import { synthOperations } from './synth/operations';
import { scribeOperations } from './scribe/operations';
import { reviewOperations } from './review/operations';
import { reviewMigrations } from './review/migration';
import { worklistMigrations } from './worklist/migration';

export * from './registry';
export * from './invoke';
export { scopedContext, tablesOf } from './scope-guard';
export * from './config';

/** Every operation Galen ships, one list per area (each area's `operations.ts` owns its list). */
export const allOperations: Operation[] = [
  ...coreOperations,
  ...terminologyOperations,
  ...nlpOperations,
  ...deidOperations,
  ...cdsOperations,
  ...synthOperations,
  ...scribeOperations,
  ...reviewOperations,
];

/**
 * Every area's migrations (each area's `migration.ts` owns its tables), for the composition root's
 * `openStore({ migrations })`.
 */
export const operationMigrations: readonly Migration[] = [...reviewMigrations, ...worklistMigrations];

export function createRegistry(extra: Operation[] = []): OperationRegistry {
  return new OperationRegistry([...allOperations, ...extra]);
}

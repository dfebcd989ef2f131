import { OperationRegistry, type Operation } from './registry';
import { coreOperations } from './core';
import { terminologyOperations } from './terminology';
import { nlpOperations } from './nlp';
import { deidOperations } from './deid';
import { cdsOperations } from './cds';
import { synthOperations } from './synth';
import { scribeOperations } from './scribe';
import { reviewOperations } from './review';

export * from './registry';
export * from './invoke';
export { scopedContext, tablesOf } from './scope-guard';
export * from './config';

/** Every operation Galen ships, one list per area (each area's file owns its list). */
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

export function createRegistry(extra: Operation[] = []): OperationRegistry {
  return new OperationRegistry([...allOperations, ...extra]);
}

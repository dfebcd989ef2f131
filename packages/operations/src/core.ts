/** Operations of the core area. */
import type { Operation } from './registry';

export const coreOperations: Operation[] = [];

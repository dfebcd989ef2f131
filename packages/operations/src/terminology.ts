/** Operations of the terminology area. */
import type { Operation } from './registry';

export const terminologyOperations: Operation[] = [];

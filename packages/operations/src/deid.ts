/** Operations of the deid area. */
import type { Operation } from './registry';

export const deidOperations: Operation[] = [];

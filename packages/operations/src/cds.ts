/** Operations of the cds area. */
import type { Operation } from './registry';

export const cdsOperations: Operation[] = [];

/** Operations of the scribe area. */
import type { Operation } from './registry';

export const scribeOperations: Operation[] = [];

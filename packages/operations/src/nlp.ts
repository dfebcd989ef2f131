/** Operations of the nlp area. */
import type { Operation } from './registry';

export const nlpOperations: Operation[] = [];

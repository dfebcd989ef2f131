/** Operations of the review area. */
import type { Operation } from './registry';

export const reviewOperations: Operation[] = [];

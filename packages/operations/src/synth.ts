/** Operations of the synth area. */
import type { Operation } from './registry';

export const synthOperations: Operation[] = [];

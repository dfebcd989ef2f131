/** Operations of the synth area. */
import { z } from 'zod';
import { defineOperation, type Operation } from '../registry';
import { generateAndLoad } from './service';

/** `synth.generate`: generate synthetic patients and load them into the store (admin only). */
export const synthGenerate = defineOperation({
  name: 'synth.generate',
  description: 'Generate synthetic patients with ground truth and load them into the store',
  input: z.object({
    count: z.number().int().min(1).max(1000),
    seed: z.union([z.number().int(), z.string().min(1).max(100)]).default(1),
    /** The data set's "now" (ISO 8601); default a fixed date so the same seed gives the same data. */
    now: z.string().max(40).optional(),
    officeOnly: z.boolean().optional(),
    inpatientShare: z.number().min(0).max(1).optional(),
    notes: z.boolean().optional(),
    /** Return the per-patient ground truth (can be large). */
    labels: z.boolean().optional(),
  }),
  roles: ['admin'],
  scope: 'all-patients',
  handler: async (input, ctx) => generateAndLoad(ctx, input),
});

export const synthOperations: Operation[] = [synthGenerate as Operation];

/** The worklist operation: every patient's row, for the clinician's overview. */
import { z } from 'zod';
import type { WorklistRow } from '@galen/cds';
import { defineOperation } from '../registry';
import { listWorklist } from './service';

/** The row `worklist.list` answers with (the web app reads this type). */
export type { WorklistRow };

export const worklistList = defineOperation({
  name: 'worklist.list',
  description: "The clinician's worklist: every patient with latest NEWS2, sepsis risk and trend, open alerts and location",
  input: z.object({
    limit: z.number().int().min(1).max(50_000).default(20_000),
    offset: z.number().int().min(0).default(0),
  }),
  roles: ['admin', 'clinician', 'reviewer'],
  // Every patient's row: refused for patient-scoped callers (it reads the worklist table, not their chart).
  scope: 'all-patients',
  handler: async (input, ctx): Promise<WorklistRow[]> => listWorklist(ctx, input),
});

/** Operations of the synth area. */
import { z } from 'zod';
import { generatePatients } from '@galen/synth';
import { defineOperation, type Operation } from './registry';

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
  async handler(input, ctx) {
    if (input.now !== undefined && !Number.isFinite(Date.parse(input.now))) {
      const { badRequest } = await import('@galen/fhir');
      throw badRequest('now must be an ISO 8601 date-time', 'now');
    }
    let resources = 0;
    let done = 0;
    const patients: string[] = [];
    const labels = [];
    let sepsis = 0;
    let aki = 0;
    for (const p of generatePatients({
      count: input.count,
      seed: input.seed,
      now: input.now,
      officeOnly: input.officeOnly,
      inpatientShare: input.inpatientShare,
      notes: input.notes,
    })) {
      if (ctx.signal?.aborted) break;
      const response = await ctx.repo.transaction(p.bundle);
      const location = response.entry?.[0]?.response?.location;
      if (location) patients.push(location.replace(/\/_history\/.*$/, ''));
      resources += p.bundle.entry?.length ?? 0;
      if (p.labels.sepsisOnset) sepsis++;
      if (p.labels.akiOnset) aki++;
      if (input.labels) labels.push(p.labels);
      done++;
      ctx.progress?.(done, input.count);
    }
    return {
      patients: done,
      resources,
      withSepsis: sepsis,
      withAki: aki,
      patientReferences: patients,
      ...(input.labels ? { labels } : {}),
    };
  },
});

export const synthOperations: Operation[] = [synthGenerate as Operation];

/** The synth area's I/O: synthetic patients written through the repository, one transaction each. */
import { badRequest } from '@galen/fhir';
import { generatePatients } from '@galen/synth';
import type { OperationContext } from '../registry';

type Generated = ReturnType<typeof generatePatients> extends Iterable<infer P> ? P : never;

export interface GenerateRequest {
  count: number;
  seed: number | string;
  /** The data set's "now" (ISO 8601); default a fixed date so the same seed gives the same data. */
  now?: string | undefined;
  officeOnly?: boolean | undefined;
  inpatientShare?: number | undefined;
  notes?: boolean | undefined;
  /** Return the per-patient ground truth (can be large). */
  labels?: boolean | undefined;
}

/** Generate synthetic patients and load them; stops early when the call is aborted. */
export async function generateAndLoad(ctx: Pick<OperationContext, 'repo' | 'progress' | 'signal'>, input: GenerateRequest) {
  if (input.now !== undefined && !Number.isFinite(Date.parse(input.now)))
    throw badRequest('now must be an ISO 8601 date-time', 'now');
  let resources = 0;
  let done = 0;
  const patients: string[] = [];
  const labels: Generated['labels'][] = [];
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
}

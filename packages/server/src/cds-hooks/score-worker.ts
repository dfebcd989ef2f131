/**
 * Scoring worker for `patient-view` (see `score-pool.ts`): takes the raw request body, parses and
 * validates it, checks what the caller may ask, scores the prefetch and sends back the response
 * body already serialised (never the assessment: a result computed from the caller's prefetch is
 * not persisted). Pure apart from reading the bundled model once and drawing card uuids.
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { OperationOutcomeError } from '@galen/fhir';
import { cdsServiceById, parseJsonBody, patientViewFromPrefetch, toPatientViewReply, type SepsisModel } from '@galen/cds';
import { loadBundledSepsisModel } from '@galen/cds/model/bundled';
import type { ScoreJob, ScoreReply } from './score-pool';

let model: SepsisModel | undefined;
try {
  model = loadBundledSepsisModel();
} catch {
  // Scores still work without the model (the server's thread logs why it is unavailable).
  model = undefined;
}

parentPort!.on('message', (job: ScoreJob) => {
  let reply: ScoreReply;
  try {
    const def = cdsServiceById(job.serviceId);
    if (!def) throw new Error(`unknown service ${job.serviceId}`);
    const result = patientViewFromPrefetch(parseJsonBody(job.body), def, {
      now: job.now,
      model,
      ...(job.limitedToPatient !== undefined ? { limitedToPatient: job.limitedToPatient } : {}),
      ...(job.fhirServers ? { fhirServers: job.fhirServers } : {}),
    });
    reply = { id: job.id, reply: result && toPatientViewReply(result, randomUUID, () => false) };
  } catch (err) {
    reply =
      err instanceof OperationOutcomeError
        ? { id: job.id, outcome: err.outcome }
        : { id: job.id, message: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });

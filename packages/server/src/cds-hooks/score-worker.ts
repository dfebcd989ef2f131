/**
 * Scoring worker for `patient-view` (see `score-pool.ts`): takes the raw request body, parses and
 * validates it, scores the prefetch and sends back the response body already serialised (with the
 * assessment only when the HTTP thread may need to persist it). Pure apart from reading the bundled
 * model once and drawing card uuids.
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { OperationOutcomeError } from '@galen/fhir';
import type { SepsisModel } from '@galen/cds';
import { loadBundledSepsisModel } from '@galen/cds/model/bundled';
import { CDS_SERVICES, parseJsonBody, patientViewFromPrefetch, toPatientViewReply } from './hook-request';
import type { PersistedNote, ScoreJob, ScoreReply } from './score-pool';

let model: SepsisModel | undefined;
try {
  model = loadBundledSepsisModel();
} catch {
  // Scores still work without the model (the server's thread logs why it is unavailable).
  model = undefined;
}
const byId = new Map(CDS_SERVICES.map((s) => [s.id, s]));
/** Patient → signature of the assessment the HTTP thread last persisted (bounded like its own map). */
const persisted = new Map<string, string>();
const MAX_PERSISTED = 50_000;

parentPort!.on('message', (job: ScoreJob | PersistedNote) => {
  if ('persisted' in job) {
    const [patientId, signature] = job.persisted;
    persisted.delete(patientId);
    persisted.set(patientId, signature);
    if (persisted.size > MAX_PERSISTED) persisted.delete(persisted.keys().next().value!);
    return;
  }
  let reply: ScoreReply;
  try {
    const def = byId.get(job.serviceId);
    if (!def) throw new Error(`unknown service ${job.serviceId}`);
    const result = patientViewFromPrefetch(parseJsonBody(job.body), def, {
      now: job.now,
      model,
      ...(job.limitedToPatient ? { limitedToPatient: job.limitedToPatient } : {}),
    });
    reply = {
      id: job.id,
      reply:
        result &&
        toPatientViewReply(
          result,
          randomUUID,
          (patientId, signature) => job.persist && !result.remote && persisted.get(patientId) !== signature,
        ),
    };
  } catch (err) {
    reply =
      err instanceof OperationOutcomeError
        ? { id: job.id, outcome: err.outcome }
        : { id: job.id, message: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScorePool, ScorePoolError } from './score-pool';

const body = (x: unknown) => JSON.stringify(x);
const request = {
  hook: 'patient-view',
  hookInstance: 'i-1',
  context: { userId: 'Practitioner/1', patientId: 'p9' },
  prefetch: {
    patient: { resourceType: 'Patient', id: 'p9', gender: 'male', birthDate: '1950-01-01' },
    observations: {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            id: 'rr',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '9279-1' }] },
            effectiveDateTime: '2030-01-01T00:00:00Z',
            valueQuantity: { value: 31, code: '/min' },
          },
        },
      ],
    },
    conditions: null,
    medications: null,
  },
};

test('a scoring worker parses, validates, checks the caller and scores; errors come back as outcomes', async () => {
  const pool = new ScorePool(1);
  try {
    const now = '2030-01-01T00:30:00.000Z';
    const job = { serviceId: 'galen-early-warning', body: body(request), now };
    // Until a worker has booted the pool refuses (the caller then scores on its own thread).
    if (!pool.available) await assert.rejects(pool.run(job), ScorePoolError);
    await pool.ready;
    assert.equal(pool.available, true);
    const ok = await pool.run(job);
    assert.ok('reply' in ok && ok.reply, JSON.stringify(ok));
    assert.equal(ok.reply.patientId, 'p9');
    // Scored from the caller's prefetch: cards only, never an assessment to persist.
    assert.equal(ok.reply.assessment, undefined);
    // The response body comes serialised, each card with the uuid listed beside it.
    const cards = (JSON.parse(ok.reply.body) as { cards: Array<{ uuid: string; detail: string }> }).cards;
    assert.ok(
      cards.some((c) => /Resp 31/.test(c.detail)),
      ok.reply.body,
    );
    assert.deepEqual(
      cards.map((c) => c.uuid),
      ok.reply.uuids,
    );
    const again = await pool.run(job);
    assert.ok('reply' in again && again.reply, JSON.stringify(again));
    assert.equal(again.reply.signature, ok.reply.signature);
    assert.notDeepEqual(again.reply.uuids, ok.reply.uuids);
    const changed = structuredClone(request);
    changed.prefetch.observations.entry[0]!.resource.valueQuantity.value = 12;
    const other = await pool.run({ ...job, body: body(changed) });
    assert.ok('reply' in other && other.reply && other.reply.signature !== ok.reply.signature);
    // Something to fetch first: the worker hands the request back.
    const partial = await pool.run({ ...job, body: body({ ...request, prefetch: {} }) });
    assert.ok('reply' in partial && partial.reply === undefined);
    // Another patient than the key's: the answer for a patient that does not exist.
    const limited = await pool.run({ ...job, limitedToPatient: 'other' });
    assert.ok('outcome' in limited && limited.outcome.issue[0]?.code === 'not-found', JSON.stringify(limited));
    // A fhirServer: refused for API keys (no list), and when the client's list lacks it.
    const named = body({ ...request, fhirServer: 'http://127.0.0.1:1/fhir' });
    const fromKey = await pool.run({ ...job, body: named });
    assert.ok('outcome' in fromKey && fromKey.outcome.issue[0]?.code === 'forbidden', JSON.stringify(fromKey));
    const unlisted = await pool.run({ ...job, body: named, fhirServers: ['https://ehr.example.org/fhir'] });
    assert.ok('outcome' in unlisted && unlisted.outcome.issue[0]?.code === 'forbidden', JSON.stringify(unlisted));
    const listed = await pool.run({ ...job, body: named, fhirServers: ['http://127.0.0.1:1/fhir'] });
    assert.ok('reply' in listed && listed.reply && listed.reply.assessment === undefined, JSON.stringify(listed));
    const bad = await pool.run({ ...job, body: '{"x":' });
    assert.ok('outcome' in bad && /not valid JSON/.test(JSON.stringify(bad.outcome)));
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.run({ serviceId: 'galen-early-warning', body: body(request), now: '' }), ScorePoolError);
});

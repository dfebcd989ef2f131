import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScorePool, ScorePoolError } from './score-pool';

const body = (x: unknown) => new Uint8Array(Buffer.from(JSON.stringify(x)));
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

test('a scoring worker parses, validates and scores; errors come back as outcomes', async () => {
  const pool = new ScorePool(1);
  try {
    const now = '2030-01-01T00:30:00.000Z';
    // Until a worker has booted the pool refuses (the caller then scores on its own thread).
    if (!pool.available)
      await assert.rejects(pool.run({ serviceId: 'galen-early-warning', body: body(request), now }), ScorePoolError);
    await pool.ready;
    assert.equal(pool.available, true);
    const ok = await pool.run({ serviceId: 'galen-early-warning', body: body(request), now });
    assert.ok('result' in ok && ok.result, JSON.stringify(ok));
    assert.equal(ok.result.patientId, 'p9');
    assert.ok(ok.result.assessment.scores.qsofa.inputs.some((i) => i.observationId === 'Observation/rr' && i.value === 31));
    // Something to fetch first: the worker hands the request back.
    const partial = await pool.run({ serviceId: 'galen-early-warning', body: body({ ...request, prefetch: {} }), now });
    assert.ok('result' in partial && partial.result === undefined);
    const limited = await pool.run({ serviceId: 'galen-early-warning', body: body(request), now, limitedToPatient: 'other' });
    assert.ok('outcome' in limited && limited.outcome.issue[0]?.code === 'forbidden', JSON.stringify(limited));
    const bad = await pool.run({ serviceId: 'galen-early-warning', body: new Uint8Array(Buffer.from('{"x":')), now });
    assert.ok('outcome' in bad && /not valid JSON/.test(JSON.stringify(bad.outcome)));
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.run({ serviceId: 'galen-early-warning', body: body(request), now: '' }), ScorePoolError);
});

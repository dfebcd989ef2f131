import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResource, validateResource } from './validate';
import { OperationOutcomeError } from './outcomes';

const text = (r: unknown) =>
  checkResource(r)
    .map((i) => `${i.details?.text} @ ${i.expression?.join(',')}`)
    .join('\n');

test('a valid resource passes', () => {
  assert.deepEqual(
    checkResource({ resourceType: 'Patient', gender: 'female', birthDate: '1970-01-01', name: [{ family: 'Doe' }] }),
    [],
  );
});

test('unknown resourceType and non-objects are 400s', () => {
  for (const bad of [null, 42, 'x', [], { resourceType: 'Nope' }, {}]) {
    assert.throws(
      () => checkResource(bad),
      (e: unknown) => e instanceof OperationOutcomeError && e.status === 400,
    );
  }
});

test('wrong datatypes, unknown properties, missing required elements', () => {
  assert.match(text({ resourceType: 'Patient', birthDate: 12 }), /Patient.birthDate/);
  assert.match(text({ resourceType: 'Patient', colour: 'blue' }), /colour/);
  assert.match(text({ resourceType: 'Observation', code: { text: 'x' } }), /Observation.status/);
});

test('codes bound as required are checked, nested resources too', () => {
  assert.match(text({ resourceType: 'Patient', gender: 'yes' }), /Invalid code "yes"/);
  const issues = checkResource({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'Observation', status: 'done', code: { text: 'x' } } }],
  });
  assert.match(issues.map((i) => i.details?.text).join(), /Invalid code "done"/);
});

test('validateResource throws a 422 listing the problems', () => {
  assert.throws(
    () => validateResource({ resourceType: 'Patient', gender: 'yes' }),
    (e: unknown) => e instanceof OperationOutcomeError && e.status === 422,
  );
});

test('required codes inside arrays and nested datatypes report their element path, every time', () => {
  const bad = {
    resourceType: 'Patient',
    telecom: [
      { system: 'phone', value: '1' },
      { system: 'beeper', value: '2' },
    ],
    contact: [
      { name: { family: 'A' }, gender: 'other' },
      { name: { family: 'B' }, gender: 'x' },
    ],
  };
  // Twice: the per-type lookups are built on first use and reused; the result must not change.
  for (let run = 0; run < 2; run++) {
    const issues = checkResource(bad);
    const where = issues.flatMap((i) => i.expression ?? []);
    assert.ok(where.includes('Patient.telecom[1].system'), where.join());
    assert.ok(where.includes('Patient.contact[1].gender'), where.join());
    assert.equal(issues.length, 2);
    assert.match(issues.map((i) => i.details?.text).join(), /Invalid code "beeper"/);
  }
  assert.deepEqual(
    checkResource({ ...bad, telecom: [{ system: 'phone', value: '1' }], contact: [{ name: { family: 'A' }, gender: 'other' }] }),
    [],
  );
});

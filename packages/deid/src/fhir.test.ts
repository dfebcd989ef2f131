import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deidentifyResource } from './fhir';

const key = Buffer.alloc(32, 9);
const bundle = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [
    {
      fullUrl: 'Patient/p1',
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Zorblat Qwin, born 1950-02-03</div>' },
        identifier: [{ system: 'urn:mrn', value: 'MRN-0042' }],
        name: [{ family: 'Qwin', given: ['Zorblat'] }],
        telecom: [
          { system: 'phone', value: '617-555-1234' },
          { system: 'email', value: 'zq@example.com' },
        ],
        address: [{ line: ['12 Elm Street'], city: 'Springfield', state: 'MA', postalCode: '03601' }],
        birthDate: '1950-02-03',
        gender: 'male',
      },
    },
    {
      resource: {
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        subject: { reference: 'Patient/p1', display: 'Zorblat Qwin' },
        period: { start: '2020-01-02T10:00:00Z', end: '2020-01-05T10:00:00Z' },
      },
    },
    {
      resource: {
        resourceType: 'DocumentReference',
        id: 'd1',
        status: 'current',
        subject: { reference: 'Patient/p1' },
        content: [
          {
            attachment: {
              contentType: 'text/plain',
              data: Buffer.from('Zorblat seen 1/2/2020 by Dr. Vasquez.').toString('base64'),
            },
          },
        ],
      },
    },
    {
      resource: {
        resourceType: 'Observation',
        id: 'o1',
        status: 'final',
        code: { text: 'Heart rate' },
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: '2020-01-03',
        valueQuantity: { value: 80 },
        note: [{ text: 'Wife Carol at bedside' }],
      },
    },
  ],
};

test('redact: structured PHI removed, dates to the year, ZIP to 3 digits (000 when restricted)', () => {
  const { resource } = deidentifyResource(bundle, { mode: 'redact' });
  const s = JSON.stringify(resource);
  for (const phi of [
    'Qwin',
    'Zorblat',
    '617-555',
    'zq@example',
    '12 Elm',
    'Springfield',
    'MRN-0042',
    'Vasquez',
    'Carol',
    '1950-02-03',
    '2020-01-02',
  ])
    assert.ok(!s.includes(phi), phi);
  const pat = resource.entry[0]!.resource as unknown as {
    address: Array<{ state: string; postalCode: string }>;
    birthDate: string;
    gender: string;
  };
  assert.equal(pat.address[0]!.state, 'MA');
  assert.equal(pat.address[0]!.postalCode, '000'); // 036 is a restricted ZIP3
  assert.equal(pat.birthDate, '1950');
  assert.equal(pat.gender, 'male');
  const obs = resource.entry[3]!.resource as unknown as { valueQuantity: { value: number }; code: { text: string } };
  assert.equal(obs.valueQuantity.value, 80);
  assert.equal(obs.code.text, 'Heart rate');
});

test('surrogate: consistent names, ids and shifted dates across the bundle', () => {
  const { resource } = deidentifyResource(bundle, { mode: 'surrogate', key });
  const pat = resource.entry[0]!.resource as unknown as { id: string; name: Array<{ family: string }>; birthDate: string };
  const enc = resource.entry[1]!.resource as unknown as {
    subject: { reference: string; display: string };
    period: { start: string; end: string };
  };
  assert.equal(enc.subject.reference, `Patient/${pat.id}`);
  assert.notEqual(pat.id, 'p1');
  assert.equal(
    enc.subject.display,
    `Zorblat Qwin`.replace('Qwin', pat.name[0]!.family).replace('Zorblat', enc.subject.display.split(' ')[0]!),
  );
  assert.ok(!enc.subject.display.includes('Qwin'));
  const days = (Date.parse(enc.period.end) - Date.parse(enc.period.start)) / 86_400_000;
  assert.equal(days, 3);
  assert.notEqual(enc.period.start, '2020-01-02T10:00:00Z');
  const doc = resource.entry[2]!.resource as unknown as { content: Array<{ attachment: { data: string } }> };
  const text = Buffer.from(doc.content[0]!.attachment.data, 'base64').toString('utf8');
  assert.ok(!text.includes('Zorblat') && !text.includes('Vasquez') && !text.includes('1/2/2020'));
  // the attachment date moved by the same offset as the encounter
  const shifted = /(\d+)\/(\d+)\/(\d{4})/.exec(text)!;
  const docDate = Date.UTC(Number(shifted[3]), Number(shifted[1]) - 1, Number(shifted[2]));
  assert.equal((Date.parse(enc.period.start.slice(0, 10)) - docDate) / 86_400_000, 0);
  // the same bundle again gives the same output
  assert.deepEqual(deidentifyResource(bundle, { mode: 'surrogate', key }).resource, resource);
});

test('ages over 89 lose the birth date', () => {
  const { resource } = deidentifyResource(
    { resourceType: 'Patient', id: 'x', birthDate: '1920-05-05' },
    { mode: 'redact', now: '2020-01-01T00:00:00Z' },
  );
  assert.equal((resource as { birthDate?: string }).birthDate, undefined);
});

test('a missing key is an error in surrogate mode; non-objects are rejected', () => {
  assert.throws(() => deidentifyResource(bundle, { mode: 'surrogate' }), /key/);
  assert.throws(() => deidentifyResource('x' as unknown as object, { mode: 'redact' }), TypeError);
});

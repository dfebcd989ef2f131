import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { startTestServer, type TestServer } from './testing';
import { responseFormat } from './fhir-routes';
import { SUBSETTED } from './fhir-subset';

let s: TestServer;
let base: string;
before(async () => {
  s = await startTestServer();
  base = `${s.url}/fhir/R4`;
});
after(async () => s.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  s.request(path, { method: 'POST', body: JSON.stringify(body), headers });
const isSubsetted = (r: { meta?: { tag?: { system?: string; code?: string }[] } }) =>
  !!r.meta?.tag?.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code);

/** A patient with summary (name, gender, birthDate) and non-summary (maritalStatus, photo) elements. */
async function newPatient(family: string): Promise<Patient> {
  const r = await post('/fhir/R4/Patient', {
    resourceType: 'Patient',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
    identifier: [{ system: 'urn:test:mrn', value: `${family}-${Math.random()}` }],
    name: [{ family }],
    gender: 'female',
    birthDate: '1970-01-01',
    maritalStatus: { text: 'married' },
    contact: [{ name: { family: 'Contact' }, gender: 'male' }],
  } satisfies Patient);
  assert.equal(r.status, 201);
  return (await r.json()) as Patient;
}

describe('transaction and batch at [base]/', () => {
  test('POST [base]/ with a trailing slash runs the bundle; fullUrls are absolute', async () => {
    const r = await post('/fhir/R4/', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', name: [{ family: 'Slash' }] }, request: { method: 'POST', url: 'Patient' } },
      ],
    });
    assert.equal(r.status, 200);
    const b = (await r.json()) as Bundle;
    assert.equal(b.type, 'transaction-response');
    const e = b.entry![0]!;
    assert.match(e.response!.status, /^201/);
    assert.equal(e.fullUrl, `${base}/Patient/${e.resource!.id}`);
    assert.match(e.response!.location!, /^Patient\/[^/]+\/_history\/1$/);
  });
  test('a batch GET entry applies its _summary', async () => {
    const p = await newPatient('BatchSummary');
    const r = await post('/fhir/R4', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${p.id}?_summary=true` } },
        { request: { method: 'GET', url: `Patient?_id=${p.id}&_elements=gender` } },
      ],
    });
    assert.equal(r.status, 200);
    const b = (await r.json()) as Bundle;
    const read = b.entry![0]!.resource as Patient;
    assert.equal(read.maritalStatus, undefined);
    assert.ok(isSubsetted(read));
    const found = (b.entry![1]!.resource as Bundle).entry![0]!;
    assert.equal(found.fullUrl, `${base}/Patient/${p.id}`);
    assert.deepEqual(Object.keys(found.resource!).sort(), ['gender', 'id', 'meta', 'resourceType']);
  });
});

describe('conditional create (If-None-Exist)', () => {
  test('no match: 201 + Location; one match: 200 with the match, nothing new stored', async () => {
    const patient: Patient = { resourceType: 'Patient', identifier: [{ system: 'urn:test:cc', value: 'one' }] };
    const headers = { 'if-none-exist': 'identifier=urn:test:cc|one' };
    const r1 = await post('/fhir/R4/Patient', patient, headers);
    assert.equal(r1.status, 201);
    const p1 = (await r1.json()) as Patient;
    assert.equal(r1.headers.get('location'), `${base}/Patient/${p1.id}/_history/1`);
    const r2 = await post('/fhir/R4/Patient', patient, headers);
    assert.equal(r2.status, 200);
    assert.equal(((await r2.json()) as Patient).id, p1.id);
    const all = (await (await s.request('/fhir/R4/Patient?identifier=urn:test:cc|one')).json()) as Bundle;
    assert.equal(all.total, 1);
  });
  test('several matches: 412, nothing stored', async () => {
    const patient: Patient = { resourceType: 'Patient', identifier: [{ system: 'urn:test:cc', value: 'two' }] };
    assert.equal((await post('/fhir/R4/Patient', patient)).status, 201);
    assert.equal((await post('/fhir/R4/Patient', patient)).status, 201);
    const r = await post('/fhir/R4/Patient', patient, { 'if-none-exist': 'identifier=urn:test:cc|two' });
    assert.equal(r.status, 412);
    const oo = (await r.json()) as OperationOutcome;
    assert.doesNotMatch(oo.issue?.[0]?.details?.text ?? '', /Bundle\.entry/);
    const all = (await (await s.request('/fhir/R4/Patient?identifier=urn:test:cc|two')).json()) as Bundle;
    assert.equal(all.total, 2);
  });
  test('an invalid resource is still 422, named as in a plain create', async () => {
    const r = await post(
      '/fhir/R4/Patient',
      { resourceType: 'Patient', gender: 'sometimes' },
      { 'if-none-exist': 'identifier=x|y' },
    );
    assert.equal(r.status, 422);
    const oo = (await r.json()) as OperationOutcome;
    assert.ok(
      oo.issue?.some((i) => i.expression?.some((x) => x.startsWith('Patient'))),
      JSON.stringify(oo),
    );
  });
});

describe('update as create', () => {
  test('PUT of an absent id: 201 + Location; again: 200', async () => {
    const id = `upsert-${Date.now()}`;
    const body = JSON.stringify({ resourceType: 'Patient', id, gender: 'male' });
    const r1 = await s.request(`/fhir/R4/Patient/${id}`, { method: 'PUT', body });
    assert.equal(r1.status, 201);
    assert.equal(r1.headers.get('location'), `${base}/Patient/${id}/_history/1`);
    const r2 = await s.request(`/fhir/R4/Patient/${id}`, { method: 'PUT', body });
    assert.equal(r2.status, 200);
    assert.equal(r2.headers.get('location'), null);
    assert.equal(((await r2.json()) as Patient).meta?.versionId, '2');
  });
});

describe('_summary, _elements and _total', () => {
  test('read with _summary=true keeps summary elements (also inside backbone elements), tagged SUBSETTED', async () => {
    const p = await newPatient('Summary');
    const r = await s.request(`/fhir/R4/Patient/${p.id}?_summary=true`);
    assert.equal(r.status, 200);
    const got = (await r.json()) as Patient;
    assert.equal(got.maritalStatus, undefined);
    assert.equal(got.text, undefined);
    assert.equal(got.contact, undefined, 'Patient.contact is not a summary element');
    assert.deepEqual(got.name, [{ family: 'Summary' }]);
    assert.equal(got.birthDate, '1970-01-01');
    assert.ok(isSubsetted(got));
    const whole = (await (await s.request(`/fhir/R4/Patient/${p.id}`)).json()) as Patient;
    assert.ok(whole.maritalStatus && !isSubsetted(whole));
  });
  test('_summary=text keeps text, id, meta and mandatory elements; data drops text', async () => {
    const p = await newPatient('Text');
    const text = (await (await s.request(`/fhir/R4/Patient/${p.id}?_summary=text`)).json()) as Patient;
    assert.deepEqual(Object.keys(text).sort(), ['id', 'meta', 'resourceType', 'text']);
    const data = (await (await s.request(`/fhir/R4/Patient/${p.id}/_history/1?_summary=data`)).json()) as Patient;
    assert.equal(data.text, undefined);
    assert.ok(data.maritalStatus && isSubsetted(data));
  });
  test('_elements keeps the listed and mandatory elements', async () => {
    const p = await newPatient('Elements');
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'heart rate' },
      subject: { reference: `Patient/${p.id}` },
      valueQuantity: { value: 70, unit: '/min' },
      note: [{ text: 'resting' }],
    };
    const created = (await (await post('/fhir/R4/Observation', obs)).json()) as Observation;
    const r = await s.request(`/fhir/R4/Observation?_id=${created.id}&_elements=value`);
    assert.equal(r.status, 200);
    const got = (await r.json()) as Bundle<Observation>;
    const o = got.entry![0]!.resource!;
    assert.deepEqual(Object.keys(o).sort(), ['code', 'id', 'meta', 'resourceType', 'status', 'valueQuantity']);
    assert.ok(isSubsetted(o));
  });
  test('_included resources get _summary but not _elements', async () => {
    const p = await newPatient('Include');
    const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${p.id}` } };
    const o = (await (await post('/fhir/R4/Observation', obs)).json()) as Observation;
    const included = async (q: string) => {
      const b = (await (await s.request(`/fhir/R4/Observation?_id=${o.id}&_include=Observation:patient&${q}`)).json()) as Bundle;
      return b.entry!.find((e) => e.search?.mode === 'include')!.resource as Patient;
    };
    const summary = await included('_summary=true');
    assert.ok(isSubsetted(summary) && summary.maritalStatus === undefined);
    const elements = await included('_elements=status');
    assert.ok(!isSubsetted(elements) && elements.maritalStatus);
  });
  test('_summary=count answers the total alone; bad values are 400', async () => {
    await newPatient('Count');
    const b = (await (await s.request('/fhir/R4/Patient?_summary=count')).json()) as Bundle;
    assert.ok((b.total ?? 0) > 0);
    assert.equal(b.entry?.length ?? 0, 0);
    assert.equal((await s.request('/fhir/R4/Patient?_summary=maybe')).status, 400);
    assert.equal((await s.request('/fhir/R4/Patient?_summary=true&_elements=name')).status, 400);
    const p = await newPatient('CountRead');
    assert.equal((await s.request(`/fhir/R4/Patient/${p.id}?_summary=count`)).status, 400);
  });
  test('Bundle.total is there by default, also past the first page; _total=none opts out', async () => {
    for (const n of ['T1', 'T2', 'T3']) await newPatient(`Total${n}`);
    const b = (await (await s.request('/fhir/R4/Patient?family=Total&_count=2')).json()) as Bundle;
    assert.equal(b.total, 3);
    assert.ok(b.link?.some((l) => l.relation === 'next'));
    assert.ok(!b.link?.some((l) => l.url.includes('_total')), 'the default is not written into links');
    const none = (await (await s.request('/fhir/R4/Patient?family=Total&_count=2&_total=none')).json()) as Bundle;
    assert.equal(none.total, undefined);
  });
});

describe('$everything', () => {
  test('pages with _count and next links to the end; fullUrls are absolute', async () => {
    const p = await newPatient('Everything');
    for (let i = 0; i < 4; i++) {
      await post('/fhir/R4/Observation', {
        resourceType: 'Observation',
        status: 'final',
        code: { text: `obs ${i}` },
        subject: { reference: `Patient/${p.id}` },
      });
    }
    const whole = (await (await s.request(`/fhir/R4/Patient/${p.id}/$everything`)).json()) as Bundle;
    assert.equal(whole.entry?.length, 5);
    assert.equal(whole.entry![0]!.fullUrl, `${base}/Patient/${p.id}`);
    let url: string | undefined = `${base}/Patient/${p.id}/$everything?_count=2`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const b = (await (await s.request(url.slice(s.url.length))).json()) as Bundle;
      assert.equal(b.total, 5);
      assert.ok((b.entry?.length ?? 0) <= 2);
      seen.push(...(b.entry ?? []).map((e) => e.fullUrl!));
      url = b.link?.find((l) => l.relation === 'next')?.url;
      if (url) assert.ok(url.startsWith(`${base}/Patient/${p.id}/$everything?`), url);
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      whole.entry!.map((e) => e.fullUrl),
    );
  });
});

describe('formats: JSON only', () => {
  test('_format=xml and Accept: application/fhir+xml are 406 OperationOutcomes', async () => {
    for (const path of ['/fhir/R4/Patient?_format=xml', '/fhir/R4/metadata?_format=application/fhir%2Bxml']) {
      const r = await s.request(path);
      assert.equal(r.status, 406, path);
      assert.equal(((await r.json()) as OperationOutcome).resourceType, 'OperationOutcome');
    }
    const r = await s.request('/fhir/R4/Patient', { headers: { accept: 'application/fhir+xml' } });
    assert.equal(r.status, 406);
  });
  test('an XML Accept does not create anything', async () => {
    const before = ((await (await s.request('/fhir/R4/Patient?_summary=count')).json()) as Bundle).total;
    const r = await s.request('/fhir/R4/Patient', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Patient' }),
      headers: { accept: 'application/fhir+xml' },
    });
    assert.equal(r.status, 406);
    const after = ((await (await s.request('/fhir/R4/Patient?_summary=count')).json()) as Bundle).total;
    assert.equal(after, before);
  });
  test('JSON forms are served', async () => {
    const ok = async (path: string, accept?: string) => {
      const r = await s.request(path, accept ? { headers: { accept } } : {});
      assert.equal(r.status, 200, `${path} ${accept ?? ''}`);
      return r.headers.get('content-type') ?? '';
    };
    assert.match(await ok('/fhir/R4/Patient?_format=json'), /^application\/fhir\+json/);
    assert.match(await ok('/fhir/R4/Patient?_format=application/fhir+json'), /^application\/fhir\+json/);
    assert.match(await ok('/fhir/R4/Patient', 'application/json'), /^application\/json/);
    assert.match(await ok('/fhir/R4/Patient', 'application/fhir+xml;q=1, application/fhir+json;q=0.5'), /fhir\+json/);
    assert.match(await ok('/fhir/R4/metadata', 'text/html,application/xhtml+xml,*/*;q=0.8'), /fhir\+json/);
  });
  test('responseFormat: _format wins over Accept; q=0 is not acceptable', () => {
    assert.equal(responseFormat([{ name: '_format', value: 'json' }], 'application/fhir+xml'), 'application/fhir+json');
    assert.throws(() => responseFormat([], 'application/fhir+json;q=0, application/xml'), /JSON only/);
    assert.throws(() => responseFormat([{ name: '_format', value: 'turtle' }], undefined), /JSON only/);
  });
});

describe('CapabilityStatement', () => {
  test('claims conditional create, update as create, _summary/_elements and JSON only', async () => {
    const cs = (await (await s.request('/fhir/R4/metadata', { role: null })).json()) as CapabilityStatement;
    assert.deepEqual(cs.format, ['application/fhir+json', 'json']);
    const rest = cs.rest![0]!;
    const patient = rest.resource!.find((r) => r.type === 'Patient')!;
    assert.equal(patient.conditionalCreate, true);
    assert.equal(patient.updateCreate, true);
    assert.equal(patient.conditionalUpdate, false);
    assert.equal(patient.conditionalDelete, 'not-supported');
    const names = (rest.searchParam ?? []).map((p) => p.name);
    for (const n of ['_summary', '_elements', '_total', '_count']) assert.ok(names.includes(n), n);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { startTestServer, type TestServer } from './testing';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => s.close());

const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;
const issueText = (oo: unknown) => ((oo as OperationOutcome).issue ?? []).map((i) => i.details?.text ?? '').join(' ');

async function countPatients(): Promise<number> {
  const r = await s.request('/fhir/R4/Patient?_total=accurate&_count=1000');
  const b = (await r.json()) as Bundle;
  return b.entry?.length ?? 0;
}

describe('public routes', () => {
  test('metadata needs no key and tells what the server supports', async () => {
    const r = await s.request('/fhir/R4/metadata', { role: null });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /application\/fhir\+json/);
    const cs = await json(r);
    assert.equal(cs.resourceType, 'CapabilityStatement');
    assert.equal(cs.fhirVersion, '4.0.1');
    const rest = (cs.rest as Array<{ resource: Array<{ type: string }>; interaction: Array<{ code: string }> }>)[0]!;
    assert.ok(rest.resource.some((x) => x.type === 'Patient'));
    assert.ok(rest.interaction.some((x) => x.code === 'transaction'));
  });
  test('healthz needs no key', async () => {
    const r = await s.request('/healthz', { role: null });
    assert.equal(r.status, 200);
  });
  test('a request id is returned, and an incoming one is kept', async () => {
    const r = await s.request('/healthz', { role: null, headers: { 'x-request-id': 'abc-123' } });
    assert.equal(r.headers.get('x-request-id'), 'abc-123');
  });
});

describe('authentication', () => {
  test('no key → 401 OperationOutcome', async () => {
    const r = await s.request('/fhir/R4/Patient', { role: null });
    assert.equal(r.status, 401);
    const oo = await json(r);
    assert.equal(oo.resourceType, 'OperationOutcome');
  });
  test('a wrong key → 401', async () => {
    const r = await s.request('/fhir/R4/Patient', { key: 'galen_not-a-real-key' });
    assert.equal(r.status, 401);
  });
  test('a revoked key → 401', async () => {
    const { key, info } = await s.store.keys.create({ name: 'tmp', role: 'admin' });
    assert.equal((await s.request('/fhir/R4/Patient', { key })).status, 200);
    await s.store.keys.revoke(info.id);
    assert.equal((await s.request('/fhir/R4/Patient', { key })).status, 401);
  });
});

describe('bad input never changes what is stored', () => {
  test('malformed JSON → 400', async () => {
    const before = await countPatients();
    const r = await s.request('/fhir/R4/Patient', { method: 'POST', body: '{"resourceType": "Patient", ' });
    assert.equal(r.status, 400);
    assert.match(issueText(await r.json()), /not valid JSON/);
    assert.equal(await countPatients(), before);
  });
  test('unknown resourceType → 404 in the URL, 400 in the body', async () => {
    assert.equal((await s.request('/fhir/R4/Spaceship', { method: 'POST', body: '{"resourceType":"Spaceship"}' })).status, 404);
    const r = await s.request('/fhir/R4', {
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: { resourceType: 'Spaceship' }, request: { method: 'POST', url: 'Spaceship' } }],
      }),
    });
    assert.ok(r.status === 400 || r.status === 422, `status ${r.status}`);
  });
  test('wrong datatypes → 422 naming the element', async () => {
    const before = await countPatients();
    const r = await s.request('/fhir/R4/Patient', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Patient', birthDate: 19700101, gender: 'yes' }),
    });
    assert.equal(r.status, 422);
    assert.match(issueText(await r.json()), /birthDate|gender/);
    assert.equal(await countPatients(), before);
  });
  test('binary garbage → 400 or 415, never 500', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const ct of ['application/fhir+json', 'application/octet-stream']) {
      const r = await s.request('/fhir/R4/Patient', { method: 'POST', body: garbage, headers: { 'content-type': ct } });
      assert.ok(r.status === 400 || r.status === 415, `${ct}: ${r.status}`);
      assert.equal((await json(r)).resourceType, 'OperationOutcome');
    }
  });
  test('a 100 MB body → 413 OperationOutcome', async () => {
    const size = 100 * 1024 * 1024;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(s.url + '/fhir/R4/Patient');
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json', 'content-length': size, authorization: `Bearer ${s.keys.admin}` },
        },
        (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on('error', (e) =>
        (e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET'
          ? undefined
          : reject(e),
      );
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).resourceType, 'OperationOutcome');
  });
  test('a transaction with one bad entry stores nothing', async () => {
    const before = await countPatients();
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: { resourceType: 'Patient', name: [{ family: 'Good' }] },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
        {
          resource: { resourceType: 'Patient', gender: 'sometimes' } as unknown as Patient,
          request: { method: 'POST', url: 'Patient' },
        },
      ],
    };
    const r = await s.request('/fhir/R4', { method: 'POST', body: JSON.stringify(bundle) });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.equal(await countPatients(), before);
  });
  test('an invalid reference in a transaction stores nothing', async () => {
    const before = await countPatients();
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', name: [{ family: 'Ref' }] }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:99999999-9999-4999-8999-999999999999' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const r = await s.request('/fhir/R4', { method: 'POST', body: JSON.stringify(bundle) });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.equal(await countPatients(), before);
  });
  test('unknown operation → 404, invalid operation input → 400', async () => {
    assert.equal((await s.request('/api/nope.nothing', { method: 'POST', body: '{}' })).status, 404);
    const r = await s.request('/api/apikeys.create', { method: 'POST', body: JSON.stringify({ name: 'x', role: 'emperor' }) });
    assert.equal(r.status, 400);
    assert.match(issueText(await r.json()), /role/);
  });
});

describe('FHIR REST', () => {
  test('create, read, update, vread, history, search, delete', async () => {
    const r1 = await s.request('/fhir/R4/Patient', {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Lovelace' }], gender: 'female' }),
    });
    assert.equal(r1.status, 201);
    assert.ok(r1.headers.get('location'));
    const p = (await r1.json()) as Patient;
    assert.equal(p.meta?.versionId, '1');
    const r2 = await s.request(`/fhir/R4/Patient/${p.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...p, gender: 'other' }),
      headers: { 'if-match': 'W/"1"' },
    });
    assert.equal(r2.status, 200);
    assert.equal(((await r2.json()) as Patient).meta?.versionId, '2');
    const stale = await s.request(`/fhir/R4/Patient/${p.id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...p, gender: 'male' }),
      headers: { 'if-match': 'W/"1"' },
    });
    assert.equal(stale.status, 412);
    const v1 = (await (await s.request(`/fhir/R4/Patient/${p.id}/_history/1`)).json()) as Patient;
    assert.equal(v1.gender, 'female');
    const hist = (await (await s.request(`/fhir/R4/Patient/${p.id}/_history`)).json()) as Bundle;
    assert.equal(hist.type, 'history');
    assert.equal(hist.entry?.length, 2);
    const found = (await (await s.request(`/fhir/R4/Patient?_id=${p.id}`)).json()) as Bundle;
    assert.equal(found.entry?.length, 1);
    assert.equal((await s.request(`/fhir/R4/Patient/${p.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await s.request(`/fhir/R4/Patient/${p.id}`)).status, 410);
  });
  test('unknown search parameter → 400', async () => {
    const r = await s.request('/fhir/R4/Observation?flavour=sweet');
    assert.equal(r.status, 400);
  });
});

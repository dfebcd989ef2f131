/**
 * CDS Hooks trust at the boundary, against a real Galen server (issue #14): who may make Galen
 * fetch from a FHIR server, what is persisted from whose data, and what a patient-scoped key
 * learns about other patients. Fixtures are synthetic.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { Bundle, MedicationRequest, Observation, Provenance } from '@galen/fhir';
import { startTestServer, type TestServer } from '../testing';

const ISS = 'https://ehr.example.org';
let server: TestServer;
let ec: { privateKey: KeyObject; publicKey: KeyObject };

/** A loopback HTTP server that records every request it gets. */
interface Recorder {
  base: string;
  seen: Array<{ url: string; authorization?: string }>;
  close(): Promise<void>;
}

async function recorder(
  answer: (req: IncomingMessage) => { status: number; body?: unknown; location?: string },
): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const s: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const a = answer(req);
    res.writeHead(a.status, { 'content-type': 'application/fhir+json', ...(a.location ? { location: a.location } : {}) });
    res.end(a.body === undefined ? '' : JSON.stringify(a.body));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/fhir`,
    seen,
    close: () => new Promise<void>((r) => s.close(() => r())),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const vital = (pid: string, id: string, loinc: string, value: number, unit: string, minutesAgo: number): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: `Patient/${pid}` },
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  effectiveDateTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
});

const sick = (pid: string): Observation[] => [
  vital(pid, `${pid}-rr`, '9279-1', 29, '/min', 20),
  vital(pid, `${pid}-sbp`, '8480-6', 86, 'mm[Hg]', 20),
  vital(pid, `${pid}-hr`, '8867-4', 131, '/min', 20),
  vital(pid, `${pid}-gcs`, '9269-2', 13, '{score}', 20),
  vital(pid, `${pid}-spo2`, '59408-5', 89, '%', 20),
];

/** The EHR the trusted client lists, the listed servers that fail, and an "internal" host nobody lists. */
let ehr: Recorder;
let failing: Recorder;
let internal: Recorder;
let closedBase: string;
/** A read-only key limited to patient `pa`. */
let patientKey: string;
let patientKeyId: string;

before(async () => {
  internal = await recorder(() => ({ status: 200, body: { resourceType: 'Bundle', type: 'searchset', entry: [] } }));
  ehr = await recorder((req) => {
    const url = req.url ?? '';
    if (url.startsWith('/fhir/Patient/'))
      return { status: 200, body: { resourceType: 'Patient', id: url.split('/')[3], gender: 'male', birthDate: '1950-01-01' } };
    const entry = url.startsWith('/fhir/Observation') ? sick('ext-1').map((resource) => ({ resource })) : [];
    return { status: 200, body: { resourceType: 'Bundle', type: 'searchset', entry } };
  });
  // Fails with 500, or sends Galen elsewhere (to the internal host) for one patient.
  failing = await recorder((req) =>
    req.url === '/fhir/Patient/moved'
      ? { status: 302, location: `${internal.base}/Patient/moved` }
      : req.url === '/fhir/Patient/huge'
        ? {
            status: 200,
            body: { resourceType: 'Patient', id: 'huge', text: { status: 'generated', div: 'x'.repeat(33 * 1024 * 1024) } },
          }
        : { status: 500, body: { resourceType: 'OperationOutcome' } },
  );
  closedBase = `http://127.0.0.1:${await closedPort()}/fhir`;
  ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const clients = [
    {
      iss: ISS,
      jwks: { keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'k1' }] },
      fhirServers: [ehr.base, failing.base, closedBase],
    },
  ];
  server = await startTestServer({ env: { GALEN_CDS_CLIENTS: JSON.stringify(clients), GALEN_CDS_THREADS: '1' } });
  for (const pid of ['pa', 'pb']) {
    await server.store.fhir.update({ resourceType: 'Patient', id: pid, gender: 'female', birthDate: '1948-03-01' });
    for (const o of sick(pid)) await server.store.fhir.update(o);
    await server.store.fhir.update({
      resourceType: 'MedicationRequest',
      id: `${pid}-simva`,
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${pid}` },
      medicationCodeableConcept: { text: 'simvastatin 40 mg' },
    } as MedicationRequest);
  }
  const k = await server.store.keys.create({
    name: 'patient-app',
    role: 'clinician',
    patientId: 'pa',
    scopes: ['patient/*.read'],
  });
  patientKey = k.key;
  patientKeyId = k.info.id;
});

after(async () => {
  await server?.close();
  await Promise.all([ehr, failing, internal].map((r) => r?.close()));
});

function jwt(path: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const data = `${enc({ alg: 'ES384', typ: 'JWT', kid: 'k1' })}.${enc({ iss: ISS, sub: 'ehr', aud: `${server.url}${path}`, exp: now + 300, iat: now, jti: randomUUID() })}`;
  return `${data}.${sign('sha384', Buffer.from(data), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

const SERVICE = {
  'patient-view': 'galen-early-warning',
  'order-select': 'galen-medication-safety-select',
  'order-sign': 'galen-medication-safety-sign',
} as const;

const draftOrders = (pid: string): Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'MedicationRequest',
        id: 'draft-clari',
        status: 'draft',
        intent: 'order',
        subject: { reference: `Patient/${pid}` },
        medicationCodeableConcept: { text: 'clarithromycin 500 mg' },
      } as MedicationRequest,
    },
  ],
});

/** POST a hook with a token (an API key or a JWT); `extra` is merged into the body. */
async function hook(
  kind: keyof typeof SERVICE,
  token: string | ((path: string) => string),
  pid: string,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; body: string }> {
  const path = `/cds-services/${SERVICE[kind]}`;
  const context: Record<string, unknown> = { userId: 'Practitioner/1', patientId: pid };
  if (kind !== 'patient-view') context.draftOrders = draftOrders(pid);
  if (kind === 'order-select') context.selections = ['MedicationRequest/draft-clari'];
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${typeof token === 'string' ? token : token(path)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ hook: kind, hookInstance: randomUUID(), context, ...extra }),
  });
  return { status: res.status, body: await res.text() };
}

const count = async (resourceType: string, pid: string) =>
  (
    await server.store.fhir.search({
      resourceType,
      params: [
        { name: 'patient', value: `Patient/${pid}` },
        { name: '_count', value: '1000' },
      ],
    })
  ).resources.length;

const madeUpPrefetch = (pid: string) => ({
  patient: { resourceType: 'Patient', id: pid, gender: 'male', birthDate: '1930-01-01' },
  observations: {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [vital(pid, 'fake-rr', '9279-1', 35, '/min', 5), vital(pid, 'fake-sbp', '8480-6', 70, 'mm[Hg]', 5)].map(
      (resource) => ({
        resource,
      }),
    ),
  },
  conditions: null,
  medications: null,
});

test('an API key naming a fhirServer is refused (403) and Galen makes no outbound request', async () => {
  for (const key of [server.keys.clinician, server.keys.service, server.keys.admin]) {
    for (const fhirServer of [internal.base, ehr.base, closedBase]) {
      for (const extra of [
        {},
        { prefetch: madeUpPrefetch('pb') },
        { fhirAuthorization: { access_token: 't', token_type: 'Bearer' } },
      ]) {
        const r = await hook('patient-view', key, 'pb', { fhirServer, ...extra });
        assert.equal(r.status, 403, r.body);
        assert.equal((JSON.parse(r.body) as { resourceType: string }).resourceType, 'OperationOutcome');
      }
    }
    for (const kind of ['order-select', 'order-sign'] as const)
      assert.equal((await hook(kind, key, 'pb', { fhirServer: internal.base })).status, 403);
  }
  assert.deepEqual(internal.seen, [], 'the internal host received nothing');
  assert.deepEqual(ehr.seen, [], 'nor did the configured EHR');
});

test('a trusted client naming a server its configuration does not list is refused (403), nothing fetched', async () => {
  for (const fhirServer of [internal.base, `${ehr.base}/../admin`, `${ehr.base}-x`, ehr.base.replace('127.0.0.1', 'localhost')]) {
    const r = await hook('patient-view', jwt, 'ext-1', {
      fhirServer,
      fhirAuthorization: { access_token: 'client-token', token_type: 'Bearer' },
    });
    assert.equal(r.status, 403, `${fhirServer}: ${r.body}`);
  }
  assert.deepEqual(internal.seen, []);
  assert.deepEqual(ehr.seen, []);
});

test("a trusted client's listed server is read with the client's token only, never a Galen key; nothing persisted", async () => {
  ehr.seen.length = 0;
  const r = await hook('patient-view', jwt, 'ext-1', {
    fhirServer: `${ehr.base}/`,
    fhirAuthorization: { access_token: 'client-token', token_type: 'Bearer', scope: 'patient/*.read', subject: 'galen' },
  });
  assert.equal(r.status, 200, r.body);
  assert.ok((JSON.parse(r.body) as { cards: unknown[] }).cards.length > 0, r.body);
  assert.deepEqual(ehr.seen.map((s) => s.url.split('?')[0]).sort(), [
    '/fhir/Condition',
    '/fhir/MedicationRequest',
    '/fhir/Observation',
    '/fhir/Patient/ext-1',
  ]);
  assert.ok(
    ehr.seen.every((s) => s.authorization === 'Bearer client-token'),
    JSON.stringify(ehr.seen),
  );
  const galenKeys = Object.values(server.keys);
  assert.ok(!ehr.seen.some((s) => galenKeys.some((k) => s.authorization?.includes(k))));
  // Without fhirAuthorization the listed server is read with no credentials at all.
  ehr.seen.length = 0;
  assert.equal((await hook('order-sign', jwt, 'ext-1', { fhirServer: ehr.base })).status, 200);
  assert.ok(ehr.seen.length > 0 && ehr.seen.every((s) => s.authorization === undefined), JSON.stringify(ehr.seen));
  assert.equal(await count('RiskAssessment', 'ext-1'), 0);
  assert.equal(await count('DetectedIssue', 'ext-1'), 0);
});

test("a listed server's failures answer one 502 without the address: a closed port looks like an error status", async () => {
  const auth = { access_token: 'client-token', token_type: 'Bearer' };
  const closed = await hook('patient-view', jwt, 'ext-1', { fhirServer: closedBase, fhirAuthorization: auth });
  const erring = await hook('patient-view', jwt, 'ext-1', { fhirServer: failing.base, fhirAuthorization: auth });
  assert.equal(closed.status, 502, closed.body);
  assert.equal(erring.status, 502, erring.body);
  assert.equal(closed.body, erring.body);
  assert.ok(!/127\.0\.0\.1|ECONNREFUSED|:\d{2,5}/.test(closed.body), closed.body);
  // A redirect is not followed (it would carry the token elsewhere): the same 502.
  internal.seen.length = 0;
  const moved = await hook('patient-view', jwt, 'moved', { fhirServer: failing.base, fhirAuthorization: auth });
  assert.equal(moved.status, 502, moved.body);
  assert.equal(moved.body, erring.body);
  assert.ok(failing.seen.some((x) => x.url === '/fhir/Patient/moved'));
  assert.deepEqual(internal.seen, []);
  // An answer larger than Galen reads from another host (32 MB): the same 502.
  const huge = await hook('patient-view', jwt, 'huge', { fhirServer: failing.base, fhirAuthorization: auth });
  assert.equal(huge.status, 502, huge.body.slice(0, 200));
  assert.equal(huge.body, erring.body);
});

test("a clinician key's made-up prefetch for patient B gives cards, and nothing new in B's chart", async () => {
  const before = {
    ra: await count('RiskAssessment', 'pb'),
    di: await count('DetectedIssue', 'pb'),
  };
  const prov = (await server.store.fhir.search({ resourceType: 'Provenance', params: [{ name: '_count', value: '1000' }] }))
    .resources.length;
  // Everything in the prefetch (a scoring worker), part of it (the HTTP thread fills the rest from the store).
  for (const prefetch of [madeUpPrefetch('pb'), { observations: madeUpPrefetch('pb').observations }]) {
    const r = await hook('patient-view', server.keys.clinician, 'pb', { prefetch });
    assert.equal(r.status, 200, r.body);
    const cards = (JSON.parse(r.body) as { cards: Array<{ summary: string }> }).cards;
    assert.ok(cards.length > 0, r.body);
  }
  const sign = await hook('order-sign', server.keys.clinician, 'pb', {
    prefetch: { medications: { resourceType: 'Bundle', type: 'searchset', entry: [] }, allergies: null },
  });
  assert.equal(sign.status, 200, sign.body);
  assert.equal(await count('RiskAssessment', 'pb'), before.ra, 'no RiskAssessment from caller-supplied data');
  assert.equal(await count('DetectedIssue', 'pb'), before.di, 'no DetectedIssue from caller-supplied data');
  const provAfter = (await server.store.fhir.search({ resourceType: 'Provenance', params: [{ name: '_count', value: '1000' }] }))
    .resources.length;
  assert.equal(provAfter, prov);
});

test('a read-only patient-scoped key gets its own patient scored from the store (200); Galen records it as itself', async () => {
  const ra = await count('RiskAssessment', 'pa');
  const r = await hook('patient-view', patientKey, 'pa');
  assert.equal(r.status, 200, r.body);
  const cards = (JSON.parse(r.body) as { cards: Array<{ summary: string }> }).cards;
  assert.ok(
    cards.some((c) => /qSOFA 3\/3/.test(c.summary)),
    r.body,
  );
  assert.ok((await count('RiskAssessment', 'pa')) > ra, 'computed wholly from the store: persisted');
  const prov = await server.store.fhir.search<Provenance>({
    resourceType: 'Provenance',
    params: [{ name: '_count', value: '1000' }],
  });
  assert.ok(
    prov.resources.some((p) => p.agent.some((a) => a.who.display === `key:${patientKeyId}`)),
    'the caller is named in the Provenance',
  );
  // The writes are audited as Galen's, with the request id of the caller's call.
  // (The plugin queues the call's own row for a few milliseconds.)
  let call;
  for (let i = 0; i < 40 && !call; i++) {
    call = (await server.store.audit.list({ patientId: 'pa', subtype: 'cds-hooks' })).find(
      (e) => e.agent[0]?.who?.identifier?.value === `key:${patientKeyId}`,
    );
    if (!call) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(call?.agent[0]?.altId, 'the call is audited with its request id');
  const writes = (await server.store.audit.list({ patientId: 'pa', subtype: 'create' })).filter(
    (e) => e.agent[0]?.altId === call.agent[0]!.altId,
  );
  assert.ok(writes.length > 0 && writes.every((e) => e.agent[0]?.who?.identifier?.value === 'system:galen'));
  // order-sign: cards, but the caller may not write, so no DetectedIssue about its draft orders.
  const di = await count('DetectedIssue', 'pa');
  const sign = await hook('order-sign', patientKey, 'pa');
  assert.equal(sign.status, 200, sign.body);
  assert.ok((JSON.parse(sign.body) as { cards: Array<{ summary: string }> }).cards.some((c) => /simvastatin/i.test(c.summary)));
  assert.equal(await count('DetectedIssue', 'pa'), di);
  // A writing clinician key signing from the store does get its DetectedIssues recorded.
  assert.equal((await hook('order-sign', server.keys.clinician, 'pa')).status, 200);
  assert.ok((await count('DetectedIssue', 'pa')) > di);
});

test('a patient-scoped key asking about another patient gets the answer for a patient that does not exist', async () => {
  const same = (a: { status: number; body: string }, b: { status: number; body: string }, what: string) => {
    assert.equal(a.status, 404, `${what}: ${a.body}`);
    assert.equal(a.status, b.status, what);
    assert.equal(a.body.replaceAll('pb', 'X'), b.body.replaceAll('nobody', 'X'), what);
  };
  for (const kind of ['patient-view', 'order-select', 'order-sign'] as const) {
    same(await hook(kind, patientKey, 'pb'), await hook(kind, patientKey, 'nobody'), kind);
    same(
      await hook(kind, patientKey, 'pb', { prefetch: madeUpPrefetch('pb') }),
      await hook(kind, patientKey, 'nobody', { prefetch: madeUpPrefetch('nobody') }),
      `${kind} with prefetch`,
    );
  }
  // Feedback on a card Galen issued about pb: the same 404 as for a card it never issued, nothing stored.
  const issued = await hook('patient-view', server.keys.clinician, 'pb');
  const card = (JSON.parse(issued.body) as { cards: Array<{ uuid: string }> }).cards[0]!.uuid;
  const comms = async () =>
    (await server.store.fhir.search({ resourceType: 'Communication', params: [{ name: '_count', value: '1000' }] })).resources
      .length;
  const n = await comms();
  const feedback = async (uuid: string) => {
    const res = await fetch(`${server.url}/cds-services/galen-early-warning/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ feedback: [{ card: uuid, outcome: 'accepted', outcomeTimestamp: new Date().toISOString() }] }),
    });
    return { status: res.status, body: (await res.text()).replace(uuid, 'X') };
  };
  const about = await feedback(card);
  assert.equal(about.status, 404, about.body);
  assert.deepEqual(about, await feedback(randomUUID()));
  assert.equal(await comms(), n);
});

test('malformed hook bodies: 10,000-deep JSON and invalid UTF-8 are 400s, not 500s or silent replacement', async () => {
  const post = (body: string | Buffer) =>
    fetch(`${server.url}/cds-services/${SERVICE['patient-view']}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.clinician}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
  const deep = `{"hook":"patient-view","hookInstance":"x","context":{"patientId":"pa"},"prefetch":{"patient":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
  const r1 = await post(deep);
  assert.equal(r1.status, 400);
  assert.match(await r1.text(), /nested deeper/);
  const text = JSON.stringify({
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/1', patientId: 'pa' },
  });
  // Invalid bytes inside a string value: the JSON is otherwise well formed.
  const [head, tail] = text.split('Practitioner/') as [string, string];
  const bytes = Buffer.concat([Buffer.from(`${head}Practitioner/`), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]);
  const r2 = await post(bytes);
  assert.equal(r2.status, 400);
  assert.match(await r2.text(), /UTF-8/);
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, randomUUID, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Bundle, Communication, MedicationRequest, Observation, Provenance, RiskAssessment } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import { loadConfig, silentLogger, type Services } from '@galen/operations';
import { onObservationsWritten } from '@galen/operations/cds/service';
import { cdsHooksPlugin, fillTemplate } from './index';

const ISS = 'https://ehr.example.org';
let app: FastifyInstance;
let store: Store;
let apiKey: string;
let apiKeyId: string;
let ec: { privateKey: KeyObject; publicKey: KeyObject };
let rsa: { privateKey: KeyObject; publicKey: KeyObject };
const BASE = 'http://cds.test';
/** A stand-in EHR FHIR server on loopback, listed as the trusted client's `fhirServers`. */
let ehr: FastifyInstance;
let ehrBase: string;
const ehrSeen: string[] = [];

function jwt(alg: 'ES384' | 'RS384', key: KeyObject, claims: Record<string, unknown>, kid = 'k1'): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc({ alg, typ: 'JWT', kid })}.${enc(claims)}`;
  const sig =
    alg === 'ES384'
      ? sign('sha384', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha384', Buffer.from(data), key);
  return `${data}.${sig.toString('base64url')}`;
}

const claims = (path: string, extra: Record<string, unknown> = {}) => ({
  iss: ISS,
  sub: 'client-1',
  aud: `${BASE}${path}`,
  exp: Math.floor(Date.now() / 1000) + 300,
  iat: Math.floor(Date.now() / 1000),
  jti: randomUUID(),
  ...extra,
});

const vital = (id: string, loinc: string, value: number, unit: string, minutesAgo: number): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: 'Patient/p1' },
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  effectiveDateTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
});

const sickVitals = (): Observation[] => [
  vital('o-rr', '9279-1', 28, '/min', 30),
  vital('o-spo2', '59408-5', 90, '%', 30),
  vital('o-sbp', '8480-6', 88, 'mm[Hg]', 30),
  vital('o-hr', '8867-4', 128, '/min', 30),
  vital('o-temp', '8310-5', 39.4, 'Cel', 30),
  vital('o-gcs', '9269-2', 13, '{score}', 30),
  vital('o-fio2', '3150-0', 40, '%', 30),
];

async function startEhr(): Promise<void> {
  ehr = Fastify();
  ehr.addHook('onRequest', async (req) => {
    ehrSeen.push(`${req.headers.authorization} ${req.url}`);
  });
  ehr.get('/fhir/Patient/:id', async (req) => ({
    resourceType: 'Patient',
    id: (req.params as { id: string }).id,
    gender: 'male',
    birthDate: '1950-01-01',
  }));
  ehr.get('/fhir/Observation', async () => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      vital('r1', '9279-1', 30, '/min', 5),
      vital('r2', '8480-6', 85, 'mm[Hg]', 5),
      vital('r3', '9269-2', 12, '{score}', 5),
    ].map((resource) => ({ resource })),
  }));
  ehr.get('/fhir/Condition', async () => ({ resourceType: 'Bundle', type: 'searchset', entry: [] }));
  ehr.get('/fhir/MedicationRequest', async () => ({ resourceType: 'Bundle', type: 'searchset', entry: [] }));
  ehr.get('/fhir/AllergyIntolerance', async (_req, reply) => reply.status(500).send({ resourceType: 'OperationOutcome' }));
  ehrBase = `${await ehr.listen({ port: 0, host: '127.0.0.1' })}/fhir`;
}

before(async () => {
  await startEhr();
  store = await openStore({ dataDir: 'memory://', jobs: false });
  const created = await store.keys.create({ name: 'cds-test', role: 'service' });
  apiKey = created.key;
  apiKeyId = created.info.id;
  ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const config = loadConfig({ GALEN_DEMO: '0' });
  const services: Services = { store, config, log: silentLogger, get: () => Promise.reject(new Error('none')) };
  app = Fastify();
  await app.register(cdsHooksPlugin, {
    services,
    baseUrl: BASE,
    clients: [
      {
        iss: ISS,
        jwks: {
          keys: [
            { ...ec.publicKey.export({ format: 'jwk' }), kid: 'k1' },
            { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k2' },
          ],
        },
        // A trailing slash in the configuration is the same base.
        fhirServers: [`${ehrBase}/`],
      },
    ],
  });
  await store.fhir.update({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-01-01' });
  for (const o of sickVitals()) await store.fhir.update(o);
  await store.fhir.update({
    resourceType: 'Observation',
    id: 'o-cr',
    status: 'final',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: '2160-0' }] },
    effectiveDateTime: new Date(Date.now() - 3600_000).toISOString(),
    valueQuantity: { value: 2.6, unit: 'mg/dL', code: 'mg/dL' },
  } as Observation);
  await store.fhir.update({
    resourceType: 'MedicationRequest',
    id: 'm-simva',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { text: 'simvastatin 40 mg' },
  } as MedicationRequest);
});

after(async () => {
  await app.close();
  await store.close();
  await ehr.close();
});

const hookBody = (hook: string, extra: Record<string, unknown> = {}) => ({
  hook,
  hookInstance: randomUUID(),
  context: { userId: 'Practitioner/1', patientId: 'p1' },
  ...extra,
});

test('discovery lists the services with prefetch templates', async () => {
  const r = await app.inject({ method: 'GET', url: '/cds-services' });
  assert.equal(r.statusCode, 200);
  const body = r.json() as { services: Array<{ id: string; hook: string; prefetch: Record<string, string> }> };
  assert.deepEqual(body.services.map((s) => s.hook).sort(), ['order-select', 'order-sign', 'patient-view']);
  assert.equal(body.services.find((s) => s.hook === 'patient-view')!.prefetch.patient, 'Patient/{{context.patientId}}');
  assert.equal(fillTemplate('Observation?patient={{context.patientId}}', { patientId: 'a b' }), 'Observation?patient=a%20b');
});

test('patient-view with an ES384 JWT: cards with reasons, results persisted with Provenance', async () => {
  const path = '/cds-services/galen-early-warning';
  const r = await app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${jwt('ES384', ec.privateKey, claims(path))}` },
    payload: hookBody('patient-view'),
  });
  assert.equal(r.statusCode, 200, r.body);
  const cards = (
    r.json() as {
      cards: Array<{ summary: string; indicator: string; uuid: string; source: { label: string }; overrideReasons?: unknown[] }>;
    }
  ).cards;
  const news = cards.find((c) => /NEWS2/.test(c.summary));
  assert.ok(news, JSON.stringify(cards));
  assert.equal(news.indicator, 'critical');
  assert.ok(news.summary.length <= 140);
  assert.ok(news.overrideReasons?.length);
  assert.ok(cards.every((c) => c.uuid && c.source.label));
  const ras = await store.fhir.search<RiskAssessment>({
    resourceType: 'RiskAssessment',
    params: [{ name: 'patient', value: 'Patient/p1' }],
  });
  assert.ok(ras.resources.some((x) => x.method?.text === 'NEWS2' && x.basis?.some((b) => b.reference === 'Observation/o-rr')));
  assert.ok(ras.resources.some((x) => typeof x.prediction?.[0]?.probabilityDecimal === 'number'));
  const prov = await store.fhir.search({ resourceType: 'Provenance', params: [] });
  assert.ok(prov.resources.length >= 1);

  // feedback on a card is stored as a Communication
  const fpath = '/cds-services/galen-early-warning/feedback';
  const fb = await app.inject({
    method: 'POST',
    url: fpath,
    headers: { authorization: `Bearer ${apiKey}` },
    payload: {
      feedback: [
        {
          card: news.uuid,
          outcome: 'overridden',
          overrideReason: { reason: { code: 'already-addressed' }, userComment: 'seen' },
          outcomeTimestamp: new Date().toISOString(),
        },
      ],
    },
  });
  assert.equal(fb.statusCode, 200, fb.body);
  const comms = await store.fhir.search<Communication>({ resourceType: 'Communication', params: [] });
  const c = comms.resources.find((x) => x.identifier?.[0]?.value === news.uuid);
  assert.ok(c);
  assert.equal(c.subject?.reference, 'Patient/p1');
  assert.match(c.payload![0]!.contentString!, /overridden/);
});

test('patient-view with prefetch only (no store reads needed) and an RS384 JWT', async () => {
  const path = '/cds-services/galen-early-warning';
  const prefetch = {
    patient: { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '1980-01-01' },
    observations: {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [vital('x1', '9279-1', 16, '/min', 10), vital('x2', '8867-4', 70, '/min', 10)].map((resource) => ({ resource })),
    },
    conditions: null,
    medications: null,
  };
  const r = await app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${jwt('RS384', rsa.privateKey, claims(path), 'k2')}` },
    payload: hookBody('patient-view', { prefetch }),
  });
  assert.equal(r.statusCode, 200, r.body);
  const cards = (r.json() as { cards: Array<{ summary: string }> }).cards;
  assert.ok(!cards.some((c) => /NEWS2 1\d/.test(c.summary)), 'scored from the prefetch, not the stored sick vitals');
});

test('repeated patient-view from the store persists once; new data persist again; a prefetch never does', async () => {
  await store.fhir.update({ resourceType: 'Patient', id: 'rp1', gender: 'male', birthDate: '1950-01-01' });
  const obs = (rr: number) =>
    [
      vital('rp-rr', '9279-1', rr, '/min', 20),
      vital('rp-hr', '8867-4', 121, '/min', 20),
      vital('rp-sbp', '8480-6', 95, 'mm[Hg]', 20),
    ].map((o) => ({ ...o, subject: { reference: 'Patient/rp1' } }));
  const record = async (rr: number) => {
    for (const o of obs(rr)) await store.fhir.update(o);
  };
  const call = (prefetch?: unknown) =>
    app.inject({
      method: 'POST',
      url: '/cds-services/galen-early-warning',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: hookBody('patient-view', {
        context: { userId: 'Practitioner/1', patientId: 'rp1' },
        ...(prefetch ? { prefetch } : {}),
      }),
    });
  const stored = async () =>
    (await store.fhir.search({ resourceType: 'RiskAssessment', params: [{ name: 'patient', value: 'Patient/rp1' }] })).resources
      .length;
  const cardsOf = (body: string) =>
    (JSON.parse(body) as { cards: Array<Record<string, unknown>> }).cards.map(({ uuid, ...rest }) => {
      assert.equal(typeof uuid, 'string');
      return rest;
    });
  await record(26);
  const first = await call();
  assert.equal(first.statusCode, 200, first.body);
  assert.match(String(first.headers['content-type']), /^application\/json; charset=utf-8$/);
  const n = await stored();
  assert.ok(n >= 1);
  for (let i = 0; i < 3; i++) {
    const again = await call();
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(cardsOf(again.body), cardsOf(first.body));
  }
  assert.equal(await stored(), n, 'identical inputs are not persisted again');
  // The caller's own (here: different) data give cards, never a RiskAssessment in the chart.
  const prefetched = await call({
    patient: { resourceType: 'Patient', id: 'rp1', gender: 'male', birthDate: '1950-01-01' },
    observations: { resourceType: 'Bundle', type: 'searchset', entry: obs(8).map((resource) => ({ resource })) },
    conditions: null,
    medications: null,
  });
  assert.equal(prefetched.statusCode, 200, prefetched.body);
  assert.notDeepEqual(cardsOf(prefetched.body), cardsOf(first.body));
  const partial = await call({ conditions: null });
  assert.equal(partial.statusCode, 200, partial.body);
  assert.equal(await stored(), n, 'results from caller-supplied prefetch are not persisted');
  await record(14);
  assert.equal((await call()).statusCode, 200);
  assert.ok((await stored()) > n, 'a changed NEWS2 is persisted');
  const prov = await store.fhir.search<Provenance>({ resourceType: 'Provenance', params: [] });
  assert.ok(
    prov.resources.some((p) => p.agent.some((a) => a.who.display === `key:${apiKeyId}`)),
    'the caller is recorded in the Provenance of what Galen persisted',
  );
});

test('JWT failures are 401: wrong issuer, wrong audience, expired, replayed jti, bad signature, no credentials', async () => {
  const path = '/cds-services/galen-early-warning';
  const post = (token?: string) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: hookBody('patient-view'),
    });
  assert.equal((await post(jwt('ES384', ec.privateKey, claims(path, { iss: 'https://evil' })))).statusCode, 401);
  assert.equal((await post(jwt('ES384', ec.privateKey, claims('/cds-services/other')))).statusCode, 401);
  assert.equal(
    (await post(jwt('ES384', ec.privateKey, claims(path, { exp: Math.floor(Date.now() / 1000) - 600 })))).statusCode,
    401,
  );
  const once = jwt('ES384', ec.privateKey, claims(path));
  assert.equal((await post(once)).statusCode, 200);
  assert.equal((await post(once)).statusCode, 401);
  const other = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const bad = await post(jwt('ES384', other.privateKey, claims(path)));
  assert.equal(bad.statusCode, 401);
  assert.match(bad.body, /signature/);
  assert.equal((await post()).statusCode, 401);
  assert.equal((await post('not-a-key')).statusCode, 401);
});

test('malformed requests are 400, unknown services 404', async () => {
  const h = { authorization: `Bearer ${apiKey}` };
  const url = '/cds-services/galen-early-warning';
  assert.equal(
    (await app.inject({ method: 'POST', url: '/cds-services/nope', headers: h, payload: hookBody('patient-view') })).statusCode,
    404,
  );
  const wrongHook = await app.inject({ method: 'POST', url, headers: h, payload: hookBody('order-sign') });
  assert.equal(wrongHook.statusCode, 400);
  assert.equal((wrongHook.json() as { resourceType: string }).resourceType, 'OperationOutcome');
  assert.equal(
    (await app.inject({ method: 'POST', url, headers: h, payload: { hook: 'patient-view', context: {} } })).statusCode,
    400,
  );
  assert.equal(
    (
      await app.inject({
        method: 'POST',
        url,
        headers: h,
        payload: hookBody('patient-view', { prefetch: { patient: 'Patient/p1' } }),
      })
    ).statusCode,
    400,
  );
  assert.equal(
    (
      await app.inject({
        method: 'POST',
        url,
        headers: h,
        payload: hookBody('patient-view', { context: { userId: 'u', patientId: 'ghost' } }),
      })
    ).statusCode,
    404,
  );
  assert.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/cds-services/galen-medication-safety-sign',
        headers: h,
        payload: hookBody('order-sign'),
      })
    ).statusCode,
    400,
    'draftOrders missing',
  );
  assert.equal(
    (
      await app.inject({
        method: 'POST',
        url: `${url}/feedback`,
        headers: h,
        payload: { feedback: [{ card: 'x', outcome: 'maybe', outcomeTimestamp: 'now' }] },
      })
    ).statusCode,
    400,
  );
});

test('order-sign: interaction and renal cards from draftOrders, DetectedIssues persisted', async () => {
  const draft: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'draft-1',
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { text: 'clarithromycin 500 mg' },
  };
  const draft2: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'draft-2',
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { text: 'metformin 500 mg' },
  };
  const draftOrders: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }, { resource: draft2 }] };
  const r = await app.inject({
    method: 'POST',
    url: '/cds-services/galen-medication-safety-sign',
    headers: { authorization: `Bearer ${apiKey}` },
    payload: { ...hookBody('order-sign'), context: { userId: 'Practitioner/1', patientId: 'p1', draftOrders } },
  });
  assert.equal(r.statusCode, 200, r.body);
  const cards = (
    r.json() as {
      cards: Array<{
        summary: string;
        indicator: string;
        suggestions?: Array<{ actions: Array<{ type: string; resourceId: string }> }>;
      }>;
    }
  ).cards;
  const ix = cards.find((c) => /simvastatin/i.test(c.summary));
  assert.ok(ix, JSON.stringify(cards.map((c) => c.summary)));
  assert.equal(ix.indicator, 'critical');
  assert.equal(ix.suggestions?.[0]?.actions[0]?.resourceId, 'MedicationRequest/draft-1');
  assert.ok(
    cards.some((c) => /metformin/i.test(c.summary) && /eGFR/.test(c.summary)),
    'creatinine 2.6 in a 76-year-old woman: eGFR < 30',
  );
  const dis = await store.fhir.search({ resourceType: 'DetectedIssue', params: [{ name: 'patient', value: 'Patient/p1' }] });
  assert.ok(dis.resources.length >= 2);
});

test('on arrival: rescoring records an alert once, then de-duplicates', async () => {
  const services: Services = {
    store,
    config: loadConfig({ GALEN_DEMO: '0' }),
    log: silentLogger,
    get: () => Promise.reject(new Error('none')),
  };
  const ctx = { repo: store.fhir, services };
  const first = await onObservationsWritten('p1', ctx);
  assert.ok(first);
  assert.ok(
    first.alerts.some((a) => a.kind === 'news2'),
    JSON.stringify(first.alerts),
  );
  const second = await onObservationsWritten('p1', ctx, new Date(Date.now() + 60_000));
  assert.equal(second!.alerts.filter((a) => a.kind === 'news2').length, 0);
});

test("what prefetch lacks is fetched from a trusted client's listed fhirServer with its fhirAuthorization", async () => {
  const path = '/cds-services/galen-early-warning';
  ehrSeen.length = 0;
  const r = await app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${jwt('ES384', ec.privateKey, claims(path))}` },
    payload: hookBody('patient-view', {
      context: { userId: 'Practitioner/1', patientId: 'ext-9' },
      fhirServer: ehrBase,
      fhirAuthorization: {
        access_token: 'tok123',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.read',
        subject: 'galen',
      },
      prefetch: { conditions: null },
    }),
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.ok(ehrSeen.some((x) => x.startsWith('Bearer tok123 /fhir/Patient/ext-9')));
  assert.ok(ehrSeen.some((x) => x.includes('/fhir/Observation?patient=ext-9')));
  assert.ok(!ehrSeen.some((x) => x.includes('/fhir/Condition')), 'prefetched keys are not fetched again');
  assert.ok(
    ehrSeen.every((x) => x.startsWith('Bearer tok123 ')),
    'only the client token goes to its server',
  );
  const cards = (r.json() as { cards: Array<{ summary: string }> }).cards;
  assert.ok(
    cards.some((c) => /qSOFA 3\/3/.test(c.summary)),
    JSON.stringify(cards.map((c) => c.summary)),
  );
  const ras = await store.fhir.search({ resourceType: 'RiskAssessment', params: [{ name: 'patient', value: 'Patient/ext-9' }] });
  assert.equal(ras.resources.length, 0, 'results from a remote server are not persisted');
});

test('fhirServer: refused for API keys and unlisted servers (403, nothing fetched); remote failures are one 502', async () => {
  const path = '/cds-services/galen-early-warning';
  const post = (token: string, fhirServer: string) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${token}` },
      payload: hookBody('patient-view', {
        context: { userId: 'Practitioner/1', patientId: 'ext-9' },
        fhirServer,
        fhirAuthorization: { access_token: 'tok123', token_type: 'Bearer' },
      }),
    });
  ehrSeen.length = 0;
  const byKey = await post(apiKey, ehrBase);
  assert.equal(byKey.statusCode, 403, byKey.body);
  assert.equal((byKey.json() as { resourceType: string }).resourceType, 'OperationOutcome');
  for (const other of [`${ehrBase}/../admin`, `${ehrBase}x`, ehrBase.replace('/fhir', '/other'), `${ehrBase}?x=1`]) {
    const r = await post(jwt('ES384', ec.privateKey, claims(path)), other);
    assert.equal(r.statusCode, 403, `${other}: ${r.body}`);
  }
  assert.deepEqual(ehrSeen, [], 'nothing was fetched');
  // Listed, with a trailing slash: accepted.
  assert.equal((await post(jwt('ES384', ec.privateKey, claims(path)), `${ehrBase}/`)).statusCode, 200);
  // The listed server's failures (an error status here) are one 502 without the address.
  const failing = await app.inject({
    method: 'POST',
    url: '/cds-services/galen-medication-safety-sign',
    headers: { authorization: `Bearer ${jwt('ES384', ec.privateKey, claims('/cds-services/galen-medication-safety-sign'))}` },
    payload: {
      ...hookBody('order-sign'),
      fhirServer: ehrBase,
      context: {
        userId: 'Practitioner/1',
        patientId: 'ext-9',
        draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [] },
      },
    },
  });
  assert.equal(failing.statusCode, 502, failing.body);
  assert.ok(!failing.body.includes('127.0.0.1') && !failing.body.includes(ehrBase), failing.body);
});

/** The bench's kind of request: a day of hourly vitals in the prefetch. */
function dayOfVitals(pid: string): Observation[] {
  const codes: Array<[string, number, string]> = [
    ['9279-1', 24, '/min'],
    ['59408-5', 93, '%'],
    ['8480-6', 98, 'mm[Hg]'],
    ['8867-4', 104, '/min'],
    ['8310-5', 38.4, 'Cel'],
    ['3150-0', 28, '%'],
    ['9269-2', 15, '{score}'],
  ];
  const out: Observation[] = [];
  for (let h = 0; h < 24; h++)
    for (const [code, v, unit] of codes)
      out.push({
        ...vital(`${pid}-${code}-${h}`, code, v + (h % 3) - 1, unit, (24 - h) * 60),
        subject: { reference: `Patient/${pid}` },
      });
  return out;
}

async function appWith(scoreThreads: number): Promise<FastifyInstance> {
  const a = Fastify();
  const services: Services = {
    store,
    config: loadConfig({ GALEN_DEMO: '0' }),
    log: silentLogger,
    get: () => Promise.reject(new Error('none')),
  };
  await a.register(cdsHooksPlugin, { services, scoreThreads, persist: false, now: () => new Date('2030-01-01T00:00:00Z') });
  return a;
}

test('patient-view gives the same cards scored in a worker as on the HTTP thread, and audits every call', async () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const prefetch = {
    patient: { resourceType: 'Patient', id: 'w1', gender: 'female', birthDate: '1948-05-01' },
    observations: {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: dayOfVitals('w1').map((o) => ({
        resource: { ...o, effectiveDateTime: new Date(Date.parse(o.effectiveDateTime!) - Date.now() + now).toISOString() },
      })),
    },
    conditions: null,
    medications: null,
  };
  const inThread = await appWith(0);
  const inWorker = await appWith(1);
  try {
    const call = (a: FastifyInstance) =>
      a.inject({
        method: 'POST',
        url: '/cds-services/galen-early-warning',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: hookBody('patient-view', { context: { userId: 'Practitioner/1', patientId: 'w1' }, prefetch }),
      });
    const [a, b] = [await call(inThread), await call(inWorker)];
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    const strip = (body: string) =>
      (JSON.parse(body) as { cards: Array<Record<string, unknown>> }).cards.map(({ uuid, ...rest }) => {
        assert.ok(uuid);
        return rest;
      });
    const cards = strip(a.body);
    assert.ok(
      cards.some((c) => /NEWS2/.test(String(c.summary))),
      a.body,
    );
    assert.ok(
      cards.some((c) => /[Ss]epsis risk/.test(JSON.stringify(c))),
      a.body,
    );
    assert.deepEqual(strip(b.body), cards);
  } finally {
    await inThread.close();
    await inWorker.close();
  }
  // Closing flushed the queued audit rows: one per call, with the patient and the service.
  const rows = await store.audit.list({ subtype: 'cds-hooks', patientId: 'w1' });
  assert.equal(rows.length, 2);
  assert.ok(rows.every((e) => e.outcome === '0' && e.entity?.some((x) => x.name === 'galen-early-warning')));
  assert.equal((await store.audit.verify()).ok, true);
});

test('malformed prefetch fields are 400 OperationOutcomes naming the field, in a worker or not', async () => {
  for (const threads of [0, 1]) {
    const a = await appWith(threads);
    try {
      const post = (observations: unknown) =>
        a.inject({
          method: 'POST',
          url: '/cds-services/galen-early-warning',
          headers: { authorization: `Bearer ${apiKey}` },
          payload: hookBody('patient-view', {
            prefetch: { patient: { resourceType: 'Patient', id: 'p1' }, observations, conditions: null, medications: null },
          }),
        });
      const bad: Array<[unknown, RegExp]> = [
        [{ resourceType: 'Bundle', entry: 'x' }, /entry must be an array/],
        [{ resourceType: 'Bundle', entry: [{ resource: 5 }] }, /must be a FHIR resource/],
        [{ ...vital('b1', '8867-4', 80, '/min', 5), code: { coding: 'x' } }, /Observation\/b1 code.coding must be an array/],
        [{ ...vital('b2', '8867-4', 80, '/min', 5), valueQuantity: { value: '80' } }, /valueQuantity.value must be a number/],
        [{ ...vital('b3', '8867-4', 80, '/min', 5), effectiveDateTime: 12 }, /effectiveDateTime must be a string/],
        [{ ...vital('b4', '85354-9', 80, '/min', 5), component: [null] }, /component must be an array of objects/],
      ];
      for (const [observations, message] of bad) {
        const r = await post(observations);
        assert.equal(r.statusCode, 400, `${threads} threads: ${r.body}`);
        const oo = r.json() as { resourceType: string; issue: Array<{ diagnostics?: string; details?: { text?: string } }> };
        assert.equal(oo.resourceType, 'OperationOutcome');
        assert.match(JSON.stringify(oo.issue), message, `${threads} threads`);
      }
      const notJson = await a.inject({
        method: 'POST',
        url: '/cds-services/galen-early-warning',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        payload: '{"hook": "patient-view",',
      });
      assert.equal(notJson.statusCode, 400);
      assert.equal((notJson.json() as { resourceType: string }).resourceType, 'OperationOutcome');
    } finally {
      await a.close();
    }
  }
});

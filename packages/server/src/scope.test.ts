/**
 * The enumerated patient-scope test. Keys limited to patient "alpha" (read-only and writable, with
 * the admin and clinician roles so that role checks hide nothing) walk every registered operation,
 * every FHIR interaction (each transaction and batch entry method, conditional forms, `_history`,
 * `$everything`) and the CDS Hooks routes, aimed at patient "bee". For each call:
 * - nothing of bee's is read: the answer equals, once ids are aligned, the answer to the same call
 *   aimed at "ghost" ids that exist nowhere — so it neither shows nor confirms anything of bee's;
 * - nothing of bee's is written or moved: bee's rows (ids, versions, compartment) are unchanged and
 *   no stored resource outside bee's record mentions a bee id.
 * Operations are enumerated from the registry: one declared `all-patients` must refuse every
 * patient-scoped key; any other must have a case here, so a new operation fails this test until it
 * is given one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@medplum/fhirtypes';
import type { Role } from '@galen/store';
import { startTestServer, type TestServer } from './testing';

let s: TestServer;

/** Ids of one patient's record. `bee` exists; `ghost` never does. */
interface Ids {
  prefix: string;
  patient: string;
  obs: string;
  deletedObs: string;
  encounter: string;
  doc: string;
  condition: string;
  alert: string;
}
const idsOf = (prefix: string): Ids => ({
  prefix,
  patient: `${prefix}patient`,
  obs: `${prefix}obs-1`,
  deletedObs: `${prefix}obs-deleted`,
  encounter: `${prefix}enc-1`,
  doc: `${prefix}doc-1`,
  condition: `${prefix}cond-1`,
  alert: `${prefix}alert-1`,
});
const BEE = idsOf('bee-');
const GHOST = idsOf('ghost-');
const ALPHA = idsOf('alpha-');
/** Only in bee's data, never in a request. */
const MARKER = 'Zq7BeeMarker';

const hr = (ids: Ids, id: string, value: number): Resource =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
    subject: { reference: `Patient/${ids.patient}` },
    effectiveDateTime: '2026-12-01T10:00:00Z',
    valueQuantity: { value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  }) as Resource;

function record(ids: Ids, marker: string): Resource[] {
  const subject = { reference: `Patient/${ids.patient}` };
  return [
    {
      resourceType: 'Patient',
      id: ids.patient,
      name: [{ family: `${ids.prefix}family`, given: ['Pat'] }],
      birthDate: '1950-01-01',
      address: [{ line: [`${marker} Road`] }],
    },
    { ...hr(ids, ids.obs, 131), note: [{ text: marker }] } as Resource,
    hr(ids, ids.deletedObs, 90),
    {
      resourceType: 'Encounter',
      id: ids.encounter,
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject,
    },
    {
      resourceType: 'DocumentReference',
      id: ids.doc,
      status: 'current',
      docStatus: 'preliminary',
      description: `Draft note ${marker}`,
      subject,
      content: [
        {
          attachment: { contentType: 'text/plain', data: Buffer.from(`Patient denies chest pain. ${marker}`).toString('base64') },
        },
      ],
    },
    {
      resourceType: 'Condition',
      id: ids.condition,
      subject,
      code: { text: `pneumonia ${marker}` },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'unconfirmed' }],
      },
    },
    {
      resourceType: 'DetectedIssue',
      id: ids.alert,
      status: 'preliminary',
      patient: subject,
      detail: `Sepsis risk ${marker}`,
      identifiedDateTime: '2026-12-01T10:05:00Z',
    },
  ] as Resource[];
}

const keys: Record<string, string> = {};
const KEY_KINDS: Array<{ name: string; role: Role; scopes: string[] }> = [
  { name: 'admin read-only', role: 'admin', scopes: ['patient/*.read'] },
  { name: 'admin writable', role: 'admin', scopes: ['patient/*.*'] },
  { name: 'clinician writable', role: 'clinician', scopes: ['patient/*.write', 'patient/*.read'] },
];

before(async () => {
  s = await startTestServer();
  for (const r of [...record(ALPHA, 'alpha-only'), ...record(BEE, MARKER)]) await s.store.fhir.update(r);
  await s.store.fhir.delete('Observation', BEE.deletedObs);
  await s.store.fhir.delete('Observation', ALPHA.deletedObs);
  for (const k of KEY_KINDS)
    keys[k.name] = (await s.store.keys.create({ name: k.name, role: k.role, patientId: ALPHA.patient, scopes: k.scopes })).key;
});
after(async () => s.close());

/** bee's rows, and how many stored resources outside bee's record mention a bee id. */
async function beeState(): Promise<string> {
  const rows = await s.store.sql.query<{
    resource_type: string;
    id: string;
    version_id: number;
    deleted: boolean;
    patient_id: string | null;
  }>(
    `SELECT resource_type, id, version_id, deleted, patient_id FROM resources
     WHERE patient_id = $1 OR id LIKE 'bee-%' ORDER BY resource_type, id`,
    [BEE.patient],
  );
  const links = await s.store.sql.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM resources
     WHERE content::text LIKE '%bee-%' AND patient_id IS DISTINCT FROM $1 AND id NOT LIKE 'bee-%'`,
    [BEE.patient],
  );
  return JSON.stringify({ rows: rows.rows, links: Number(links.rows[0]?.n ?? 0) });
}

/** Status and body with the target's ids, generated ids and times replaced, for comparison. */
async function answer(r: Response, ids: Ids): Promise<string> {
  const text = await r.text();
  const body = text
    .split(ids.prefix)
    .join('X-')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, 'TIME')
    .replace(/"versionId":"\d+"/g, '"versionId":"V"')
    .replace(/_history\/\d+/g, '_history/V')
    .replace(/W\/\\?"\d+\\?"/g, 'W/"V"');
  return `${r.status} ${body}`;
}

type Call = (ids: Ids, key: string) => Promise<Response>;
interface Case {
  name: string;
  call: Call;
}

const json = (body: unknown) => JSON.stringify(body);
const req = (path: string, key: string, init: RequestInit = {}) => s.request(path, { ...init, key });
const post = (path: string, key: string, body: unknown) => req(path, key, { method: 'POST', body: json(body) });

/** An observation of alpha's (the caller's own patient) with extra fields. */
const alphaObs = (extra: Record<string, unknown> = {}) => ({ ...hr(ALPHA, 'x', 70), id: undefined, ...extra });

function bundleCases(type: 'transaction' | 'batch'): Case[] {
  const bundle = (...entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });
  const send = (key: string, ...entry: unknown[]) => post('/fhir/R4', key, bundle(...entry));
  const postEntry = (resource: unknown, extra: Record<string, unknown> = {}) => ({
    resource,
    request: { method: 'POST', url: 'Observation', ...extra },
  });
  return [
    {
      name: `${type}: POST into the other patient's record`,
      call: (ids, key) => send(key, postEntry({ ...alphaObs(), subject: { reference: `Patient/${ids.patient}` } })),
    },
    {
      name: `${type}: POST with ifNoneExist _id of another patient's resource`,
      call: (ids, key) => send(key, postEntry(alphaObs(), { ifNoneExist: `_id=${ids.obs}` })),
    },
    {
      name: `${type}: POST with ifNoneExist patient=<other>`,
      call: (ids, key) => send(key, postEntry(alphaObs(), { ifNoneExist: `patient=${ids.patient}` })),
    },
    {
      name: `${type}: POST with a conditional reference to another patient's resource`,
      call: (ids, key) => send(key, postEntry(alphaObs({ hasMember: [{ reference: `Observation?_id=${ids.obs}` }] }))),
    },
    {
      name: `${type}: POST with a conditional subject Patient?_id=<other>`,
      call: (ids, key) => send(key, postEntry({ ...alphaObs(), subject: { reference: `Patient?_id=${ids.patient}` } })),
    },
    {
      name: `${type}: POST with a literal reference to another patient's resource`,
      call: (ids, key) => send(key, postEntry(alphaObs({ hasMember: [{ reference: `Observation/${ids.obs}` }] }))),
    },
    {
      name: `${type}: PUT another patient's resource into the caller's record (move)`,
      call: (ids, key) =>
        send(key, { resource: { ...hr(ALPHA, ids.obs, 50) }, request: { method: 'PUT', url: `Observation/${ids.obs}` } }),
    },
    {
      name: `${type}: PUT another patient's resource in place`,
      call: (ids, key) =>
        send(key, { resource: { ...hr(ids, ids.obs, 50) }, request: { method: 'PUT', url: `Observation/${ids.obs}` } }),
    },
    {
      name: `${type}: PUT another patient's deleted resource`,
      call: (ids, key) =>
        send(key, {
          resource: { ...hr(ALPHA, ids.deletedObs, 50) },
          request: { method: 'PUT', url: `Observation/${ids.deletedObs}` },
        }),
    },
    {
      name: `${type}: DELETE another patient's resource`,
      call: (ids, key) => send(key, { request: { method: 'DELETE', url: `Observation/${ids.obs}` } }),
    },
    {
      name: `${type}: GET another patient's resource`,
      call: (ids, key) => send(key, { request: { method: 'GET', url: `Observation/${ids.obs}` } }),
    },
    {
      name: `${type}: GET a search for another patient`,
      call: (ids, key) => send(key, { request: { method: 'GET', url: `Observation?patient=${ids.patient}` } }),
    },
  ];
}

const fhirCases: Case[] = [
  { name: 'read Patient', call: (ids, key) => req(`/fhir/R4/Patient/${ids.patient}`, key) },
  { name: 'read Observation', call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}`, key) },
  { name: 'read a deleted Observation', call: (ids, key) => req(`/fhir/R4/Observation/${ids.deletedObs}`, key) },
  { name: 'vread', call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}/_history/1`, key) },
  { name: 'vread a deleted version', call: (ids, key) => req(`/fhir/R4/Observation/${ids.deletedObs}/_history/2`, key) },
  { name: 'history', call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}/_history`, key) },
  { name: 'history of a deleted resource', call: (ids, key) => req(`/fhir/R4/Observation/${ids.deletedObs}/_history`, key) },
  { name: 'history of the Patient', call: (ids, key) => req(`/fhir/R4/Patient/${ids.patient}/_history`, key) },
  { name: 'search patient=', call: (ids, key) => req(`/fhir/R4/Observation?patient=${ids.patient}`, key) },
  { name: 'search subject=', call: (ids, key) => req(`/fhir/R4/Observation?subject=Patient/${ids.patient}`, key) },
  { name: 'search Patient _id', call: (ids, key) => req(`/fhir/R4/Patient?_id=${ids.patient}`, key) },
  { name: 'search Observation _id', call: (ids, key) => req(`/fhir/R4/Observation?_id=${ids.obs}`, key) },
  {
    name: 'search _id with _include',
    call: (ids, key) => req(`/fhir/R4/Observation?_id=${ids.obs}&_include=Observation:patient`, key),
  },
  { name: 'search _summary=count', call: (ids, key) => req(`/fhir/R4/Observation?patient=${ids.patient}&_summary=count`, key) },
  { name: 'search Encounter', call: (ids, key) => req(`/fhir/R4/Encounter?patient=${ids.patient}`, key) },
  {
    name: 'POST _search',
    call: (ids, key) =>
      req('/fhir/R4/Observation/_search', key, {
        method: 'POST',
        body: `patient=${ids.patient}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
  },
  { name: '$everything', call: (ids, key) => req(`/fhir/R4/Patient/${ids.patient}/$everything`, key) },
  { name: 'DocumentReference/$extract', call: (ids, key) => post(`/fhir/R4/DocumentReference/${ids.doc}/$extract`, key, {}) },
  {
    name: 'create into the other patient',
    call: (ids, key) => post('/fhir/R4/Observation', key, { ...alphaObs(), subject: { reference: `Patient/${ids.patient}` } }),
  },
  {
    name: 'create with a reference to another patient resource',
    call: (ids, key) => post('/fhir/R4/Observation', key, alphaObs({ hasMember: [{ reference: `Observation/${ids.obs}` }] })),
  },
  {
    name: 'create with a reference to another patient encounter',
    call: (ids, key) => post('/fhir/R4/Observation', key, alphaObs({ encounter: { reference: `Encounter/${ids.encounter}` } })),
  },
  {
    name: 'update another patient resource into the caller (move)',
    call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}`, key, { method: 'PUT', body: json(hr(ALPHA, ids.obs, 55)) }),
  },
  {
    name: 'update another patient resource in place',
    call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}`, key, { method: 'PUT', body: json(hr(ids, ids.obs, 55)) }),
  },
  {
    name: 'update another patient deleted resource',
    call: (ids, key) =>
      req(`/fhir/R4/Observation/${ids.deletedObs}`, key, { method: 'PUT', body: json(hr(ALPHA, ids.deletedObs, 55)) }),
  },
  {
    name: 'update with If-Match',
    call: (ids, key) =>
      req(`/fhir/R4/Observation/${ids.obs}`, key, {
        method: 'PUT',
        body: json(hr(ALPHA, ids.obs, 55)),
        headers: { 'if-match': 'W/"1"', 'content-type': 'application/fhir+json' },
      }),
  },
  { name: 'delete Observation', call: (ids, key) => req(`/fhir/R4/Observation/${ids.obs}`, key, { method: 'DELETE' }) },
  {
    name: 'delete a deleted Observation',
    call: (ids, key) => req(`/fhir/R4/Observation/${ids.deletedObs}`, key, { method: 'DELETE' }),
  },
  { name: 'delete Patient', call: (ids, key) => req(`/fhir/R4/Patient/${ids.patient}`, key, { method: 'DELETE' }) },
  ...bundleCases('transaction'),
  ...bundleCases('batch'),
];

const hookBody = (ids: Ids, hook: string, extra: Record<string, unknown> = {}) => ({
  hook,
  hookInstance: '3b8a1f2e-0000-4000-8000-000000000001',
  context: { userId: 'Practitioner/p1', patientId: ids.patient, ...extra },
});
const draftOrders = (ids: Ids) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'MedicationRequest',
        id: 'draft-1',
        status: 'draft',
        intent: 'order',
        subject: { reference: `Patient/${ids.patient}` },
        medicationCodeableConcept: {
          coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '723', display: 'amoxicillin' }],
        },
      },
    },
  ],
});

const cdsCases: Case[] = [
  {
    name: 'CDS patient-view (Galen fetches)',
    call: (ids, key) => post('/cds-services/galen-early-warning', key, hookBody(ids, 'patient-view')),
  },
  {
    name: 'CDS patient-view with a made-up prefetch',
    call: (ids, key) =>
      post('/cds-services/galen-early-warning', key, {
        ...hookBody(ids, 'patient-view'),
        prefetch: {
          patient: { resourceType: 'Patient', id: ids.patient, birthDate: '1950-01-01' },
          observations: {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [{ resource: hr(ids, `${ids.prefix}made-up`, 150) }],
          },
          conditions: { resourceType: 'Bundle', type: 'searchset', entry: [] },
          medications: { resourceType: 'Bundle', type: 'searchset', entry: [] },
        },
      }),
  },
  {
    name: 'CDS order-select',
    call: (ids, key) =>
      post(
        '/cds-services/galen-medication-safety-select',
        key,
        hookBody(ids, 'order-select', { draftOrders: draftOrders(ids), selections: ['MedicationRequest/draft-1'] }),
      ),
  },
  {
    name: 'CDS feedback on a card',
    call: (ids, key) =>
      post('/cds-services/galen-early-warning/feedback', key, {
        feedback: [{ card: `${ids.prefix}card`, outcome: 'overridden', outcomeTimestamp: '2026-12-01T10:10:00Z' }],
      }),
  },
  {
    name: 'CDS order-sign',
    call: (ids, key) =>
      post('/cds-services/galen-medication-safety-sign', key, hookBody(ids, 'order-sign', { draftOrders: draftOrders(ids) })),
  },
];

/** One input per operation that runs in a patient's scope, aimed at `ids`. */
const TRANSCRIPT = 'Doctor: Any chest pain?\nPatient: No chest pain, but I have had a cough for three days.';
const opInputs: Record<string, (ids: Ids) => Record<string, unknown>> = {
  'patient.everything': (ids) => ({ id: ids.patient }),
  'cds.score': (ids) => ({ patientId: ids.patient }),
  'cds.medication-check': (ids) => ({
    patientId: ids.patient,
    persist: true,
    draft: draftOrders(ids).entry[0]!.resource as unknown as Record<string, unknown>,
  }),
  'cds.alerts': (ids) => ({ patientId: ids.patient, includeClosed: true }),
  'cds.alert-action': (ids) => ({ alert: `DetectedIssue/${ids.alert}`, action: 'override', reason: 'not septic' }),
  'cds.model-card': () => ({}),
  'deid.patient': (ids) => ({ id: ids.patient, mode: 'surrogate' }),
  'deid.resource': (ids) => ({ resource: { resourceType: 'Patient', id: ids.patient }, mode: 'redact', patientId: ids.patient }),
  'deid.text': (ids) => ({ text: 'Seen on 2026-12-01 by Dr Smith.', mode: 'surrogate', patientId: ids.patient }),
  'nlp.extract': (ids) => ({ text: 'Denies chest pain. Has pneumonia.', format: 'fhir', patientId: ids.patient, store: true }),
  'nlp.extract-document': (ids) => ({ id: ids.doc }),
  'review.list': (ids) => ({ patientId: ids.patient }),
  'review.decide': (ids) => ({ reference: `DocumentReference/${ids.doc}`, decision: 'accept' }),
  'scribe.draft': (ids) => ({ transcript: TRANSCRIPT, patientId: ids.patient, encounterId: ids.encounter, store: true }),
  'scribe.sign': (ids) => ({ documentReferenceId: ids.doc }),
  'scribe.codes': () => ({ transcript: TRANSCRIPT }),
  'scribe.letter': () => ({ transcript: TRANSCRIPT, to: 'Dr Jones' }),
  'scribe.summary': () => ({ transcript: TRANSCRIPT }),
  'scribe.transcribe': () => ({ audio: 'AAAA' }),
  'terminology.lookup': () => ({ system: 'icd10cm', code: 'I10' }),
  'terminology.search': () => ({ text: 'pneumonia' }),
  'terminology.validate-code': () => ({ system: 'icd10cm', code: 'I10' }),
};

/** Run a case aimed at bee and at ghost with one key: same answer, bee's record untouched. */
async function check(c: Case, keyName: string): Promise<void> {
  const key = keys[keyName]!;
  const before = await beeState();
  const bee = await answer(await c.call(BEE, key), BEE);
  assert.equal(await beeState(), before, `${c.name} (${keyName}): bee's record changed`);
  const ghost = await answer(await c.call(GHOST, key), GHOST);
  assert.ok(!bee.includes(MARKER), `${c.name} (${keyName}): the answer shows bee's data`);
  assert.equal(bee, ghost, `${c.name} (${keyName}): the answer tells bee's data from none`);
}

for (const c of [...fhirCases, ...cdsCases]) {
  test(`patient scope: ${c.name}`, async () => {
    for (const k of KEY_KINDS) await check(c, k.name);
  });
}

test('patient scope: every registered operation is refused or kept in the patient', async () => {
  const missing: string[] = [];
  for (const op of s.app.registry.list()) {
    if (op.scope === 'all-patients') {
      for (const k of KEY_KINDS) {
        const r = await post(`/api/${op.name}`, keys[k.name]!, {});
        assert.equal(r.status, 403, `${op.name} (${k.name}) works across patients: must be refused`);
        await r.body?.cancel();
      }
      continue;
    }
    const input = opInputs[op.name];
    if (!input) {
      missing.push(op.name);
      continue;
    }
    const c: Case = { name: `operation ${op.name}`, call: (ids, key) => post(`/api/${op.name}`, key, input(ids)) };
    for (const k of KEY_KINDS) {
      await check(c, k.name);
    }
  }
  assert.deepEqual(
    missing,
    [],
    'operations with no patient-scope case: give each an input in opInputs, or declare scope all-patients',
  );
});

test('patient scope: no operation reaches past the scoped repository', async () => {
  // The guard answers 403 naming the operation; a call aimed at the caller's own patient must
  // never hit it (that would be an operation reading the store directly).
  for (const op of s.app.registry.list()) {
    const input = opInputs[op.name];
    if (!input || op.scope === 'all-patients') continue;
    const r = await post(`/api/${op.name}`, keys['admin writable']!, input(ALPHA));
    const text = await r.text();
    assert.ok(!/reached past the caller's patient scope/.test(text), `${op.name}: ${text.slice(0, 300)}`);
  }
});

test('patient scope: the comparison would see a leak (control with an unscoped key)', async () => {
  // The same comparison with an unscoped admin key must tell bee from ghost: otherwise the checks
  // above could pass while seeing nothing.
  for (const c of fhirCases.filter((x) => /^(read|vread|history|search|\$everything)/.test(x.name))) {
    const bee = await answer(await c.call(BEE, s.keys.admin), BEE);
    const ghost = await answer(await c.call(GHOST, s.keys.admin), GHOST);
    assert.notEqual(bee, ghost, `${c.name}: an unscoped key sees bee's data`);
  }
});

test('patient scope: the caller still reads and writes its own patient', async () => {
  const read = keys['admin read-only']!;
  const write = keys['admin writable']!;
  assert.equal((await req(`/fhir/R4/Patient/${ALPHA.patient}`, read)).status, 200);
  assert.equal((await req(`/fhir/R4/Observation/${ALPHA.deletedObs}`, read)).status, 410);
  const h = (await (await req(`/fhir/R4/Observation/${ALPHA.obs}/_history`, read)).json()) as { entry: unknown[] };
  assert.equal(h.entry.length, 1);
  assert.equal(
    (await req(`/fhir/R4/Observation/${ALPHA.obs}`, read, { method: 'PUT', body: json(hr(ALPHA, ALPHA.obs, 99)) })).status,
    403,
  );
  const put = await req(`/fhir/R4/Observation/${ALPHA.obs}`, write, { method: 'PUT', body: json(hr(ALPHA, ALPHA.obs, 99)) });
  assert.equal(put.status, 200);
  const tx = await post('/fhir/R4', write, {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        resource: alphaObs({ encounter: { reference: `Encounter/${ALPHA.encounter}` } }),
        request: { method: 'POST', url: 'Observation', ifNoneExist: `_id=${ALPHA.obs}` },
      },
      { resource: hr(ALPHA, ALPHA.obs, 98), request: { method: 'PUT', url: `Observation/${ALPHA.obs}` } },
    ],
  });
  assert.equal(tx.status, 200, await tx.clone().text());
  const out = (await tx.json()) as { entry: Array<{ response: { status: string } }> };
  assert.deepEqual(
    out.entry.map((e) => e.response.status.slice(0, 3)),
    ['200', '200'],
  );
  // A reference into the caller's own record and to a resource of no patient is fine.
  const prac = await s.store.fhir.create<Resource>({ resourceType: 'Practitioner', name: [{ family: 'Who' }] } as Resource);
  const created = await post(
    '/fhir/R4/Observation',
    write,
    alphaObs({ encounter: { reference: `Encounter/${ALPHA.encounter}` }, performer: [{ reference: `Practitioner/${prac.id}` }] }),
  );
  assert.equal(created.status, 201, await created.clone().text());
  // The caller's own deleted resource deletes again as a no-op.
  assert.equal((await req(`/fhir/R4/Observation/${ALPHA.deletedObs}`, write, { method: 'DELETE' })).status, 204);
});

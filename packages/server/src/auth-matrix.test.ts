import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import { ROLES, type Role } from '@galen/store';
import { startTestServer, type TestServer } from './testing';

let s: TestServer;
let a: Patient;
let b: Patient;
let obsB: Observation;

before(async () => {
  s = await startTestServer();
  a = await s.store.fhir.create<Patient>({ resourceType: 'Patient', name: [{ family: 'Alpha' }] });
  b = await s.store.fhir.create<Patient>({ resourceType: 'Patient', name: [{ family: 'Beta' }] });
  await s.store.fhir.create<Observation>({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'hr' },
    subject: { reference: `Patient/${a.id}` },
  });
  obsB = await s.store.fhir.create<Observation>({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'hr' },
    subject: { reference: `Patient/${b.id}` },
  });
});
after(async () => s.close());

const ALL: Role[] = [...ROLES];
const WRITERS: Role[] = ['admin', 'clinician', 'service'];
const ADMIN: Role[] = ['admin'];

interface RouteCase {
  name: string;
  allowed: Role[] | 'public';
  call: (role: Role | null) => Promise<Response>;
}

const newPatient = () => JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Matrix' }] });

const routes: RouteCase[] = [
  { name: 'GET metadata', allowed: 'public', call: (role) => s.request('/fhir/R4/metadata', { role }) },
  { name: 'GET healthz', allowed: 'public', call: (role) => s.request('/healthz', { role }) },
  { name: 'GET search', allowed: ALL, call: (role) => s.request('/fhir/R4/Patient', { role }) },
  { name: 'GET read', allowed: ALL, call: (role) => s.request(`/fhir/R4/Patient/${a.id}`, { role }) },
  { name: 'GET history', allowed: ALL, call: (role) => s.request(`/fhir/R4/Patient/${a.id}/_history`, { role }) },
  { name: 'GET vread', allowed: ALL, call: (role) => s.request(`/fhir/R4/Patient/${a.id}/_history/1`, { role }) },
  { name: 'GET $everything', allowed: ALL, call: (role) => s.request(`/fhir/R4/Patient/${a.id}/$everything`, { role }) },
  {
    name: 'POST create',
    allowed: WRITERS,
    call: (role) => s.request('/fhir/R4/Patient', { role, method: 'POST', body: newPatient() }),
  },
  {
    name: 'PUT update',
    allowed: WRITERS,
    call: (role) =>
      s.request(`/fhir/R4/Patient/matrix-${role ?? 'none'}`, {
        role,
        method: 'PUT',
        body: JSON.stringify({ resourceType: 'Patient', id: `matrix-${role ?? 'none'}` }),
      }),
  },
  {
    name: 'DELETE',
    allowed: WRITERS,
    call: async (role) => {
      const p = await s.store.fhir.create<Patient>({ resourceType: 'Patient' });
      return s.request(`/fhir/R4/Patient/${p.id}`, { role, method: 'DELETE' });
    },
  },
  {
    name: 'POST transaction',
    allowed: WRITERS,
    call: (role) =>
      s.request('/fhir/R4', {
        role,
        method: 'POST',
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [{ resource: JSON.parse(newPatient()), request: { method: 'POST', url: 'Patient' } }],
        }),
      }),
  },
  { name: 'GET /api', allowed: ALL, call: (role) => s.request('/api', { role }) },
  {
    name: 'POST /api/patient.everything',
    allowed: ALL,
    call: (role) => s.request('/api/patient.everything', { role, method: 'POST', body: JSON.stringify({ id: a.id }) }),
  },
  {
    name: 'POST /api/audit.verify',
    allowed: ADMIN,
    call: (role) => s.request('/api/audit.verify', { role, method: 'POST', body: '{}' }),
  },
  {
    name: 'POST /api/audit.list',
    allowed: ADMIN,
    call: (role) => s.request('/api/audit.list', { role, method: 'POST', body: '{"limit": 5}' }),
  },
  {
    name: 'POST /api/apikeys.list',
    allowed: ADMIN,
    call: (role) => s.request('/api/apikeys.list', { role, method: 'POST', body: '{}' }),
  },
];

for (const route of routes) {
  test(`auth matrix: ${route.name}`, async () => {
    for (const role of [null, ...ROLES] as Array<Role | null>) {
      const r = await route.call(role);
      const ok = route.allowed === 'public' || (role !== null && route.allowed.includes(role));
      if (ok) assert.ok(r.status < 300, `${route.name} as ${role ?? 'anonymous'}: expected success, got ${r.status}`);
      else assert.equal(r.status, role === null ? 401 : 403, `${route.name} as ${role ?? 'anonymous'}`);
      await r.body?.cancel();
    }
  });
}

test('a patient-scoped key sees only its patient', async () => {
  const { key } = await s.store.keys.create({ name: 'portal', role: 'clinician', patientId: a.id, scopes: ['patient/*.read'] });
  assert.equal((await s.request(`/fhir/R4/Patient/${a.id}`, { key })).status, 200);
  assert.equal((await s.request(`/fhir/R4/Patient/${b.id}`, { key })).status, 404);
  assert.equal((await s.request(`/fhir/R4/Observation/${obsB.id}`, { key })).status, 404);
  const obs = (await (await s.request('/fhir/R4/Observation', { key })).json()) as Bundle<Observation>;
  assert.ok((obs.entry ?? []).length >= 1);
  for (const e of obs.entry ?? []) assert.equal(e.resource?.subject?.reference, `Patient/${a.id}`);
  const pats = (await (await s.request('/fhir/R4/Patient', { key })).json()) as Bundle<Patient>;
  assert.deepEqual(
    pats.entry?.map((e) => e.resource?.id),
    [a.id],
  );
  const everythingB = await s.request(`/fhir/R4/Patient/${b.id}/$everything`, { key });
  assert.ok(everythingB.status === 404 || everythingB.status === 403, `status ${everythingB.status}`);
  assert.equal((await s.request('/fhir/R4/Patient', { key, method: 'POST', body: newPatient() })).status, 403);
});

test('every request leaves an audit event without resource content', async () => {
  await s.request(`/fhir/R4/Patient/${a.id}`, { role: 'clinician' });
  const events = await s.store.audit.list({ patientId: a.id, limit: 50 });
  assert.ok(events.length > 0);
  const text = JSON.stringify(events);
  assert.doesNotMatch(text, /Alpha/);
  const verify = await s.store.audit.verify();
  assert.equal(verify.ok, true, verify.message);
});

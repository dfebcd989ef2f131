import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DetectedIssue, Encounter, Patient, RiskAssessment } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import { loadConfig } from '../config';
import { invokeOperation } from '../invoke';
import { silentLogger, type OperationContext } from '../registry';
import { worklistList, type WorklistRow } from './operations';
import { refreshStaleWorklist } from './service';
import { worklistMigrations } from './migration';
import { reviewOperations } from '../review/operations';

let store: Store;
let ctx: OperationContext;

const sepsis = (id: string, pid: string, t: string, p: number): RiskAssessment => ({
  resourceType: 'RiskAssessment',
  id,
  status: 'final',
  subject: { reference: `Patient/${pid}` },
  occurrenceDateTime: t,
  method: { text: 'Sepsis risk model v1' },
  prediction: [{ probabilityDecimal: p }],
});
const news2 = (id: string, pid: string, t: string, score: number): RiskAssessment => ({
  resourceType: 'RiskAssessment',
  id,
  status: 'final',
  subject: { reference: `Patient/${pid}` },
  occurrenceDateTime: t,
  method: { text: 'NEWS2' },
  extension: [{ url: 'https://galen.dev/fhir/StructureDefinition/score', valueInteger: score }],
});
const alert = (id: string, pid: string, status: DetectedIssue['status']): DetectedIssue => ({
  resourceType: 'DetectedIssue',
  id,
  status,
  patient: { reference: `Patient/${pid}` },
  detail: 'NEWS2 7',
});

async function list(input: Record<string, unknown> = {}) {
  return (await invokeOperation(worklistList, input, ctx)) as WorklistRow[];
}
async function row(pid: string) {
  return (await list()).find((r) => r.patientId === pid);
}

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false, migrations: worklistMigrations });
  const actor = { id: 'user:tester', role: 'clinician' as const };
  ctx = {
    actor,
    repo: store.forActor(actor),
    services: { store, config: loadConfig({}), log: silentLogger, get: () => Promise.reject(new Error('none')) },
  };
});

after(() => store.close());

test('worklist.list is registered with the review operations', () => {
  assert.ok(reviewOperations.some((o) => o.name === 'worklist.list'));
});

test('the worklist reflects new RiskAssessments, DetectedIssues and Encounters as they are written', async () => {
  await store.fhir.update<Patient>({
    resourceType: 'Patient',
    id: 'w1',
    name: [{ given: ['Ada'], family: 'Lind' }],
    gender: 'female',
    birthDate: '1950-02-03',
  });
  await store.fhir.update<Patient>({ resourceType: 'Patient', id: 'w2', name: [{ text: 'Bo Stone' }] });
  let r = await row('w1');
  assert.deepEqual(r, { patientId: 'w1', name: 'Ada Lind', gender: 'female', birthDate: '1950-02-03', openAlerts: 0 });

  // NEWS2: the latest by time wins, whatever the write order.
  await store.fhir.update(news2('n2', 'w1', '2026-01-01T02:00:00Z', 6));
  await store.fhir.update(news2('n1', 'w1', '2026-01-01T01:00:00Z', 2));
  r = await row('w1');
  assert.equal(r?.news2, 6);
  assert.equal(r?.news2Time, '2026-01-01T02:00:00Z');

  // Sepsis risk and trend from the previous value.
  await store.fhir.update(sepsis('s1', 'w1', '2026-01-01T01:00:00Z', 0.1));
  r = await row('w1');
  assert.equal(r?.sepsisRisk, 0.1);
  assert.equal(r?.sepsisTrend, undefined);
  await store.fhir.update(sepsis('s2', 'w1', '2026-01-01T03:00:00Z', 0.4));
  r = await row('w1');
  assert.equal(r?.sepsisRisk, 0.4);
  assert.equal(r?.sepsisTrend, 'up');
  await store.fhir.update(sepsis('s3', 'w1', '2026-01-01T04:00:00Z', 0.2));
  assert.equal((await row('w1'))?.sepsisTrend, 'down');

  // Alerts: preliminary ones are open; acknowledging (final) closes them.
  await store.fhir.update(alert('a1', 'w1', 'preliminary'));
  await store.fhir.update(alert('a2', 'w1', 'preliminary'));
  assert.equal((await row('w1'))?.openAlerts, 2);
  await store.fhir.update(alert('a1', 'w1', 'final'));
  assert.equal((await row('w1'))?.openAlerts, 1);
  await store.fhir.delete('DetectedIssue', 'a2');
  assert.equal((await row('w1'))?.openAlerts, 0);

  // Location from the in-progress encounter; a finished encounter clears it.
  const enc: Encounter = {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'in-progress',
    class: { code: 'IMP' },
    subject: { reference: 'Patient/w1' },
    location: [{ location: { display: 'Ward 3, bed 12' } }],
  };
  await store.fhir.update(enc);
  assert.equal((await row('w1'))?.location, 'Ward 3, bed 12');
  await store.fhir.update({ ...enc, status: 'finished' });
  assert.equal((await row('w1'))?.location, undefined);

  // Demographics changes and a resource moving to another patient update both rows.
  await store.fhir.update<Patient>({ resourceType: 'Patient', id: 'w2', name: [{ text: 'Bo Stone-Hart' }] });
  await store.fhir.update(news2('n2', 'w2', '2026-01-01T02:00:00Z', 6));
  const rows = await list();
  assert.equal(rows.find((x) => x.patientId === 'w2')?.name, 'Bo Stone-Hart');
  assert.equal(rows.find((x) => x.patientId === 'w2')?.news2, 6);
  assert.equal(rows.find((x) => x.patientId === 'w1')?.news2, 2);

  // A deleted patient leaves the worklist.
  await store.fhir.delete('Patient', 'w2');
  assert.equal(await row('w2'), undefined);
});

test('only stale patients are recomputed; paging works', async () => {
  for (let i = 0; i < 5; i++)
    await store.fhir.update<Patient>({ resourceType: 'Patient', id: `pg${i}`, name: [{ text: `Page ${i}` }] });
  await list();
  assert.equal(await refreshStaleWorklist(store.sql), 0);
  await store.fhir.update(news2('pg-n', 'pg3', '2026-01-01T00:00:00Z', 9));
  // Observations do not touch the worklist.
  await store.fhir.update({
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    code: { text: 'Heart rate' },
    subject: { reference: 'Patient/pg1' },
  });
  assert.equal(await refreshStaleWorklist(store.sql), 1);
  assert.equal((await row('pg3'))?.news2, 9);
  const all = await list();
  const page = await list({ limit: 2, offset: 1 });
  assert.deepEqual(
    page.map((r) => r.patientId),
    all.slice(1, 3).map((r) => r.patientId),
  );
});

test('a write in a rolled-back transaction leaves the worklist unchanged', async () => {
  await store.fhir.update<Patient>({ resourceType: 'Patient', id: 'rb', name: [{ text: 'Roll Back' }] });
  await list();
  await assert.rejects(
    store.sql.transaction(async (tx) => {
      await tx.query(`UPDATE resources SET version_id = version_id + 1 WHERE resource_type = 'Patient' AND id = 'rb'`);
      throw new Error('abort');
    }),
    /abort/,
  );
  assert.equal(await refreshStaleWorklist(store.sql), 0);
});

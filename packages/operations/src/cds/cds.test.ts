import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import { invokeOperation } from '../invoke';
import { cdsOperations } from './operations';
import { loadConfig } from '../config';
import { silentLogger, type OperationContext } from '../registry';

let store: Store;
let ctx: OperationContext;
const op = (name: string) => cdsOperations.find((o) => o.name === name)!;

const vital = (id: string, loinc: string, value: number, unit: string): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: 'Patient/q1' },
  code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
  effectiveDateTime: new Date(Date.now() - 20 * 60_000).toISOString(),
  valueQuantity: { value, unit, code: unit },
});

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false });
  const actor = { id: 'test', role: 'clinician' as const };
  ctx = {
    actor,
    repo: store.forActor(actor),
    services: { store, config: loadConfig({ GALEN_DEMO: '0' }), log: silentLogger, get: () => Promise.reject(new Error('none')) },
  };
  await store.fhir.update({ resourceType: 'Patient', id: 'q1', gender: 'male', birthDate: '1945-03-01' });
  for (const o of [
    vital('a', '9279-1', 26, '/min'),
    vital('b', '59408-5', 91, '%'),
    vital('c', '8480-6', 92, 'mm[Hg]'),
    vital('d', '8867-4', 121, '/min'),
    vital('e', '8310-5', 38.9, 'Cel'),
    vital('f', '80288-4', 0, '{ACVPU}'),
    vital('g', '3150-0', 21, '%'),
    vital('h', '8867-4', 900, '/min'),
  ])
    await store.fhir.update(o);
});

after(async () => {
  await store.close();
});

test('cds.score returns explained scores, rejects the impossible HR, records an alert', async () => {
  const r = (await invokeOperation(op('cds.score'), { patientId: 'q1' }, ctx)) as {
    scores: { news2: { score: number; explanation: string; inputs: unknown[] }; sofa: { status: string } };
    rejected: Array<{ observationId: string }>;
    alerts: Array<{ kind: string }>;
    persisted: unknown[];
  };
  // rr 3, spo2 3, air 0, sbp 2, hr 2, temp 1, alert 0 = 11
  assert.equal(r.scores.news2.score, 11);
  assert.match(r.scores.news2.explanation, /high clinical risk/);
  assert.equal(r.scores.sofa.status, 'insufficient-data');
  assert.ok(r.rejected.some((x) => x.observationId === 'Observation/h'));
  assert.ok(r.persisted.length >= 1);
  assert.ok(r.alerts.some((a) => a.kind === 'news2'));
  await assert.rejects(invokeOperation(op('cds.score'), { patientId: 'nobody' }, ctx), /not found/);
});

test('cds.alerts lists open alerts; cds.alert-action overrides with a reason and stores feedback', async () => {
  const list = (await invokeOperation(op('cds.alerts'), { patientId: 'q1' }, ctx)) as {
    alerts: Array<{ reference: string; kind: string }>;
  };
  const a = list.alerts.find((x) => x.kind === 'news2');
  assert.ok(a);
  await assert.rejects(invokeOperation(op('cds.alert-action'), { alert: a.reference, action: 'override' }, ctx), /reason/);
  const snoozed = (await invokeOperation(
    op('cds.alert-action'),
    { alert: a.reference, action: 'snooze', snoozeHours: 2 },
    ctx,
  )) as { status: string };
  assert.equal(snoozed.status, 'preliminary');
  const res = (await invokeOperation(
    op('cds.alert-action'),
    { alert: a.reference, action: 'override', reason: 'known COPD, at baseline' },
    ctx,
  )) as { status: string; feedback: string };
  assert.equal(res.status, 'mitigated');
  assert.match(res.feedback, /^Communication\//);
  const after = (await invokeOperation(op('cds.alerts'), { patientId: 'q1' }, ctx)) as { alerts: Array<{ reference: string }> };
  assert.ok(!after.alerts.some((x) => x.reference === a.reference));
});

test('cds.medication-check flags a draft against the record', async () => {
  await store.fhir.update({
    resourceType: 'AllergyIntolerance',
    id: 'al',
    patient: { reference: 'Patient/q1' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    code: { text: 'penicillin' },
  } as never);
  const r = (await invokeOperation(
    op('cds.medication-check'),
    {
      patientId: 'q1',
      draft: {
        resourceType: 'MedicationRequest',
        status: 'draft',
        intent: 'order',
        subject: { reference: 'Patient/q1' },
        medicationCodeableConcept: { text: 'amoxicillin 500 mg' },
      },
    },
    ctx,
  )) as { issues: Array<{ kind: string; severity: string }> };
  assert.ok(r.issues.some((i) => i.kind === 'allergy' && i.severity === 'high'));
});

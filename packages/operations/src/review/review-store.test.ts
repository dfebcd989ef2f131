import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentReference } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import type { WorklistRow } from '@galen/cds';
import { loadConfig } from '../config';
import { invokeOperation } from '../invoke';
import { silentLogger, type OperationContext } from '../registry';
import { worklistList } from '../worklist/operations';
import type { ReviewItem } from './items';
import { reviewDecide, reviewList, reviewQuality } from './operations';
import type { EngineQuality } from './quality';
import { worklistMigrations } from '../worklist/migration';
import { reviewMigrations } from './migration';

let store: Store;
let ctx: OperationContext;

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false, migrations: [...reviewMigrations, ...worklistMigrations] });
  const actor = { id: 'user:tester', role: 'clinician' as const };
  ctx = {
    actor,
    repo: store.forActor(actor),
    services: { store, config: loadConfig({}), log: silentLogger, get: () => Promise.reject(new Error('none')) },
  };
  await store.fhir.update({ resourceType: 'Patient', id: 'p1', name: [{ given: ['Rae'], family: 'Moss' }] });
  await store.fhir.update({ resourceType: 'Patient', id: 'p2', name: [{ given: ['Sol'], family: 'Reed' }] });
  const draft: DocumentReference = {
    resourceType: 'DocumentReference',
    id: 'd1',
    status: 'current',
    docStatus: 'preliminary',
    subject: { reference: 'Patient/p1' },
    author: [{ display: 'engine-a 1.0' }],
    content: [
      { attachment: { contentType: 'text/plain', data: Buffer.from('Cough for three days. No fever.').toString('base64') } },
    ],
  };
  await store.fhir.update(draft);
  await store.fhir.update({
    resourceType: 'RiskAssessment',
    id: 'r1',
    status: 'preliminary',
    subject: { reference: 'Patient/p1' },
    occurrenceDateTime: '2026-01-01T00:00:00Z',
    method: { text: 'NEWS2' },
    extension: [{ url: 'https://galen.dev/score', valueDecimal: 7 }],
  });
  await store.fhir.update({
    resourceType: 'RiskAssessment',
    id: 'r2',
    status: 'preliminary',
    subject: { reference: 'Patient/p1' },
    occurrenceDateTime: '2026-01-01T01:00:00Z',
    method: { text: 'Sepsis risk model v1' },
    prediction: [{ probabilityDecimal: 0.3 }],
  });
});

after(() => store.close());

test('review.list finds the preliminary draft; review.decide edits it and stores the edit distance', async () => {
  const items = (await invokeOperation(reviewList, {}, ctx)) as ReviewItem[];
  const item = items.find((i) => i.reference === 'DocumentReference/d1');
  assert.ok(item);
  assert.equal(item.engine, 'engine-a 1.0');
  assert.equal(item.text, 'Cough for three days. No fever.');
  const res = (await invokeOperation(
    reviewDecide,
    { reference: 'DocumentReference/d1', decision: 'edit', text: 'Cough for four days. No fever.' },
    ctx,
  )) as {
    editDistance: number;
  };
  assert.equal(res.editDistance, 1);
  const doc = await store.fhir.read<DocumentReference>('DocumentReference', 'd1');
  assert.equal(doc.docStatus, 'final');
  assert.equal(Buffer.from(doc.content[0]?.attachment.data ?? '', 'base64').toString(), 'Cough for four days. No fever.');
  const again = (await invokeOperation(reviewList, {}, ctx)) as ReviewItem[];
  assert.ok(!again.some((i) => i.reference === 'DocumentReference/d1'));
  await assert.rejects(
    invokeOperation(reviewDecide, { reference: 'DocumentReference/d1', decision: 'accept' }, ctx),
    /not a preliminary draft/,
  );
  const q = (await invokeOperation(reviewQuality, {}, ctx)) as EngineQuality[];
  assert.equal(q[0]?.engine, 'engine-a 1.0');
  assert.equal(q[0]?.edited, 1);
  assert.equal(q[0]?.meanNormalizedEditDistance, 1 / 6);
});

test('worklist.list gives each patient the latest NEWS2 and sepsis risk', async () => {
  const rows = (await invokeOperation(worklistList, {}, ctx)) as WorklistRow[];
  const p1 = rows.find((r) => r.patientId === 'p1');
  assert.equal(p1?.name, 'Rae Moss');
  assert.equal(p1?.news2, 7);
  assert.equal(p1?.sepsisRisk, 0.3);
  const p2 = rows.find((r) => r.patientId === 'p2');
  assert.equal(p2?.news2, undefined);
  assert.equal(p2?.openAlerts, 0);
});

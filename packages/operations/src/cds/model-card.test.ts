import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { OperationOutcomeError } from '@galen/fhir';
import { openStore, type Role, type Store } from '@galen/store';
import { invokeOperation } from '../invoke';
import { cdsOperations } from './operations';
import { loadBundledSepsisModel } from '@galen/cds/model/bundled';
import { loadConfig } from '../config';
import { silentLogger, type OperationContext } from '../registry';

interface Card {
  name: string;
  version: string;
  description: string;
  intendedUse: string;
  limitations: string[];
  metrics: Record<string, number>;
  roc: Array<{ fpr: number; tpr: number }>;
  calibration: Array<{ predicted: number; observed: number; n: number }>;
  subgroups: Array<{ group: string; n: number; septic: number; auroc: number }>;
  evaluation: { split: string; command: string; stays: number; septicStays: number; hours: number };
}

let store: Store;
const op = cdsOperations.find((o) => o.name === 'cds.model-card')!;
const ctxAs = (role: Role): OperationContext => {
  const actor = { id: `t-${role}`, role };
  return {
    actor,
    repo: store.forActor(actor),
    services: { store, config: loadConfig({ GALEN_DEMO: '0' }), log: silentLogger, get: () => Promise.reject(new Error('none')) },
  };
};
const statusOf = (err: unknown) => (err instanceof OperationOutcomeError ? err.status : -1);

before(async () => {
  store = await openStore({ dataDir: 'memory://', jobs: false });
});

after(async () => {
  await store.close();
});

test('cds.model-card returns the sepsis card in the shape the admin screen reads', async () => {
  const card = (await invokeOperation(op, {}, ctxAs('reviewer'))) as Card;
  // The default card is the bundled model's, whichever version ships.
  assert.equal(card.version, loadBundledSepsisModel().version);
  assert.equal(card.name, card.version);
  for (const s of [card.description, card.intendedUse]) assert.ok(s.length > 40 && !s.includes('**'));
  assert.ok(card.limitations.length >= 2 && card.limitations.every((l) => l.endsWith('.')));
  assert.equal(card.evaluation.split, 'test');
  assert.match(card.evaluation.command, /bench\/cds-model-card\.ts/);

  const auroc = card.metrics['AUROC (hourly)']!;
  assert.ok(auroc > 0.5 && auroc <= 1, `AUROC ${auroc}`);
  for (const v of Object.values(card.metrics)) assert.ok(typeof v === 'number' && Number.isFinite(v));

  // ROC: ≤ 101 points, (0,0) → (1,1), monotone, and its area agrees with the reported AUROC.
  assert.ok(card.roc.length > 10 && card.roc.length <= 101);
  assert.deepEqual(card.roc[0], { fpr: 0, tpr: 0 });
  assert.deepEqual(card.roc.at(-1), { fpr: 1, tpr: 1 });
  let area = 0;
  for (let i = 1; i < card.roc.length; i++) {
    const [a, b] = [card.roc[i - 1]!, card.roc[i]!];
    assert.ok(b.fpr >= a.fpr && b.tpr >= a.tpr, `ROC not monotone at ${i}`);
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  assert.ok(Math.abs(area - auroc) < 0.01, `ROC area ${area} vs AUROC ${auroc}`);

  // Calibration: 10 equal-count bins, sorted by predicted risk, covering every test hour.
  assert.equal(card.calibration.length, 10);
  for (let i = 1; i < 10; i++) assert.ok(card.calibration[i]!.predicted >= card.calibration[i - 1]!.predicted);
  const hours = card.calibration.reduce((a, b) => a + b.n, 0);
  assert.equal(hours, card.evaluation.hours);

  // Subgroups: sex and age bands each partition the test stays and the septic stays.
  assert.deepEqual(Object.keys(card.subgroups[0]!), ['group', 'n', 'septic', 'auroc']);
  const sum = (gs: Card['subgroups'], k: 'n' | 'septic') => gs.reduce((a, g) => a + g[k], 0);
  const sex = card.subgroups.filter((g) => !g.group.startsWith('age'));
  const age = card.subgroups.filter((g) => g.group.startsWith('age'));
  assert.equal(sex.length, 2);
  assert.equal(age.length, 4);
  for (const gs of [sex, age]) {
    assert.equal(sum(gs, 'n'), card.evaluation.stays);
    assert.equal(sum(gs, 'septic'), card.evaluation.septicStays);
  }
});

test('cds.model-card: explicit name, cached, unknown → 404, role checked', async () => {
  const a = await invokeOperation(op, { name: loadBundledSepsisModel().version }, ctxAs('admin'));
  const b = await invokeOperation(op, {}, ctxAs('clinician'));
  assert.equal(a, b);
  // An earlier model's card stays readable by name.
  const v1 = (await invokeOperation(op, { name: 'sepsis-gbt-v1' }, ctxAs('admin'))) as Card;
  assert.equal(v1.version, 'sepsis-gbt-v1');
  assert.notEqual(v1, b);
  for (const name of ['no-such-model', '../models/sepsis-gbt-v1', 'Sepsis'])
    await assert.rejects(invokeOperation(op, { name }, ctxAs('admin')), (err) => statusOf(err) === 404);
  await assert.rejects(invokeOperation(op, {}, ctxAs('service')), (err) => statusOf(err) === 403);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle } from '@galen/fhir';
import { demoInpatients, loadDemoPatients } from './demo';

test('loadDemoPatients sends one transaction per patient and reports progress', async () => {
  const bundles: Bundle[] = [];
  const progress: number[] = [];
  const store = {
    fhir: {
      async transaction(b: Bundle): Promise<Bundle> {
        bundles.push(b);
        return { resourceType: 'Bundle', type: 'transaction-response' };
      },
    },
  };
  const result = await loadDemoPatients(store, {
    count: 20,
    seed: 1,
    now: '2026-01-01T00:00:00Z',
    onProgress: (d) => progress.push(d),
  });
  assert.equal(bundles.length, 20);
  assert.equal(result.patients, 20);
  assert.deepEqual(
    progress,
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  assert.equal(
    result.resources,
    bundles.reduce((n, b) => n + (b.entry?.length ?? 0), 0),
  );
  const inProgress = bundles.filter((b) =>
    b.entry?.some((e) => e.resource?.resourceType === 'Encounter' && e.resource.status === 'in-progress'),
  );
  assert.equal(inProgress.length, result.currentInpatients.length);
  assert.ok(demoInpatients(200).includes('sepsis') && demoInpatients(200).includes('deteriorating'));
});

test('demo patients load into an in-memory PGlite store', async () => {
  const { openStore } = await import('@galen/store');
  const store = await openStore({ dataDir: 'memory://', jobs: false });
  try {
    const result = await loadDemoPatients(store, { count: 10, seed: 3, now: '2026-01-01T00:00:00Z' });
    assert.equal(result.currentInpatients.length, 1);
    const patients = await store.fhir.search({ resourceType: 'Patient', params: [{ name: '_count', value: '50' }] });
    assert.equal(patients.resources.length, 10);
    const active = await store.fhir.search({ resourceType: 'Encounter', params: [{ name: 'status', value: 'in-progress' }] });
    assert.equal(active.resources.length, 1);
  } finally {
    await store.close();
  }
});

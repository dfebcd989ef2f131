import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing';
import { answeredDuring, checkBigBundle } from './big-bundle-e2e';

let s: TestServer;
let readPath: string;
before(async () => {
  s = await startTestServer();
  const r = await s.request('/fhir/R4/Patient', { method: 'POST', body: JSON.stringify({ resourceType: 'Patient' }) });
  readPath = `/fhir/R4/Patient/${((await r.json()) as { id: string }).id}`;
});
after(async () => s.close());

test(
  'a big transaction into PGlite: all or nothing, healthz answered throughout, reads queue',
  { timeout: 300_000 },
  async () => {
    const run = await checkBigBundle(s, readPath);
    // While the transaction held PGlite's one connection, healthz said so instead of waiting for it.
    assert.ok(
      run.health.some((h) => h.body.busy),
      'some healthz answers during the import were "busy"',
    );
    // Reads need the connection: they wait for the transaction, and are then answered, not failed.
    assert.ok(run.reads.every((r) => r.status === 200));
    assert.ok(answeredDuring(run.reads, run.importMs).length > 0, 'reads sent before the transaction began were answered');
  },
);

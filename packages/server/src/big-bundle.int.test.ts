import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing';
import { answeredDuring, checkBigBundle } from './big-bundle-e2e';

const url = process.env.TEST_DATABASE_URL;
let s: TestServer;
let readPath: string;
before(async () => {
  if (!url) return;
  s = await startTestServer({ databaseUrl: url });
  const r = await s.request('/fhir/R4/Patient', { method: 'POST', body: JSON.stringify({ resourceType: 'Patient' }) });
  readPath = `/fhir/R4/Patient/${((await r.json()) as { id: string }).id}`;
});
after(async () => s?.close());

test(
  'a big transaction into PostgreSQL: all or nothing, healthz and reads answered throughout',
  { skip: !url && 'TEST_DATABASE_URL unset', timeout: 300_000 },
  async () => {
    const run = await checkBigBundle(s, readPath);
    // Other pool connections serve reads while the transaction holds one.
    assert.ok(run.reads.every((r) => r.status === 200));
    const during = answeredDuring(run.reads, run.importMs);
    const slowest = Math.max(...run.reads.map((r) => r.ms));
    assert.ok(during.length >= 10, `${during.length} reads answered during the import`);
    assert.ok(slowest < run.importMs / 4, `slowest read ${slowest.toFixed(0)} ms of a ${run.importMs.toFixed(0)} ms import`);
  },
);

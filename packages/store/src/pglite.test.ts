import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { runRepositoryContract } from './contract';
import { openStore } from './open-store';

runRepositoryContract('PGlite (memory)', () => openStore({ dataDir: 'memory://' }));

describe('PGlite in a folder', () => {
  it('keeps data and queued jobs across reopening; migrations run once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galen-store-'));
    try {
      const migrations = [{ id: 199, name: 'test-registered', up: 'CREATE TABLE test_registered (x integer)' }];
      const s1 = await openStore({ dataDir: dir, migrations });
      assert.ok(s1.migrated.length >= 5);
      assert.ok(s1.migrated.includes(199));
      await s1.sql.query('INSERT INTO test_registered VALUES (1)');
      const p = await s1.fhir.create<Patient>({ resourceType: 'Patient', gender: 'male' });
      const jobId = await s1.jobs.send('reopen-test', { x: 1 });
      await s1.audit.record({ action: 'R', subtype: 'read', actor: { id: 'a', role: 'admin' }, outcome: '0' });
      await assert.rejects(openStore({ dataDir: dir }), /in use by process/);
      await s1.close();

      const s2 = await openStore({ dataDir: dir, migrations });
      try {
        assert.deepEqual(s2.migrated, []);
        assert.equal((await s2.fhir.read('Patient', p.id!)).id, p.id);
        assert.equal((await s2.jobs.get(jobId))?.state, 'created');
        await s2.jobs.work<{ x: number }>('reopen-test', async (d) => ({ y: d.x + 1 }));
        const done = await s2.jobs.wait(jobId, 10_000);
        assert.equal(done.state, 'completed');
        assert.deepEqual(done.output, { y: 2 });
        assert.equal((await s2.audit.verify()).ok, true);
      } finally {
        await s2.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

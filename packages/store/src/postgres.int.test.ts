import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { runRepositoryContract } from './contract';
import { openStore } from './open-store';

const url = process.env.TEST_DATABASE_URL;
const schemas: string[] = [];

function freshSchema(): string {
  const s = `galen_test_${process.pid}_${schemas.length}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(s);
  return s;
}

if (!url) {
  describe('store contract: PostgreSQL', () => {
    it(
      'needs TEST_DATABASE_URL',
      { skip: 'TEST_DATABASE_URL is not set (npm test starts a throwaway PostgreSQL when the binaries exist)' },
      () => {},
    );
  });
} else {
  runRepositoryContract('PostgreSQL', () => openStore({ databaseUrl: url, schema: freshSchema(), poolSize: 4 }), {
    reopen: () => openStore({ databaseUrl: url, schema: schemas[0]!, poolSize: 2 }),
  });

  describe('PostgreSQL migrations', () => {
    it('two processes migrating at once do not race (advisory lock)', async () => {
      const schema = freshSchema();
      const [a, b] = await Promise.all([
        openStore({ databaseUrl: url, schema, poolSize: 2 }),
        openStore({ databaseUrl: url, schema, poolSize: 2 }),
      ]);
      try {
        assert.equal(a.migrated.length + b.migrated.length, Math.max(a.migrated.length, b.migrated.length));
        assert.ok(a.migrated.length >= 4 || b.migrated.length >= 4);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  after(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of schemas) {
      await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await c.query(`DROP SCHEMA IF EXISTS "${s}_jobs" CASCADE`);
    }
    await c.end();
  });
}

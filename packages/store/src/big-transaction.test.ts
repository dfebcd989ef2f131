/**
 * A big transaction on PGlite, which runs on the thread that answers requests: its writes are split
 * into short statements and still roll back as one, the event loop keeps turning while it runs, and
 * `health` answers without queueing behind it (but still says when the database fails).
 * The HTTP view of the same is in packages/server/src/big-bundle.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { openStore, type OpenedStore } from './open-store';
import { SqlRepository } from './sql-repository';
import type { SqlClient } from './store';

function bundle(n: number, marker?: string): Bundle {
  const entry: BundleEntry[] = [];
  let patient = '';
  for (let i = 0; i < n; i++) {
    const fullUrl = `urn:uuid:${crypto.randomUUID()}`;
    if (i % 10 === 0) {
      patient = fullUrl;
      entry.push({
        fullUrl,
        resource: { resourceType: 'Patient', gender: 'female' },
        request: { method: 'POST', url: 'Patient' },
      });
      continue;
    }
    const code = i === n - 1 && marker ? marker : '8867-4';
    entry.push({
      fullUrl,
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code }] },
        subject: { reference: patient },
        valueQuantity: { value: i % 100 },
      },
      request: { method: 'POST', url: 'Observation' },
    });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

async function countAll(store: OpenedStore): Promise<number> {
  const r = await store.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM resources');
  return Number(r.rows[0]!.n);
}

/** `inner`, except that the write statement holding `marker` fails; counts write statements. */
function failingAt(inner: SqlClient, marker: string) {
  const seen = { writes: 0 };
  const wrap = (c: SqlClient): SqlClient => ({
    onThisThread: c.onThisThread,
    async query(sql, params) {
      if (sql.includes('json_to_recordset')) {
        seen.writes++;
        if (String(params?.[0]).includes(marker)) throw new Error('disk full (simulated)');
      }
      return c.query(sql, params);
    },
    transaction: (fn) => c.transaction((tx) => fn(wrap(tx))),
  });
  return { client: wrap(inner), seen };
}

describe('a big transaction on PGlite', () => {
  let store: OpenedStore;
  before(async () => {
    store = await openStore({ dataDir: 'memory://' });
    // The validator loads its definitions on first use (about a second, once per process).
    await store.fhir.create({ resourceType: 'Patient' });
  });
  after(async () => store.close());

  it('writes in several statements, and a failure in the last one stores nothing', async () => {
    const before = await countAll(store);
    const { client, seen } = failingAt(store.sql, 'fail-here');
    const repo = new SqlRepository(client, { validate: false });
    await assert.rejects(repo.transaction(bundle(3000, 'fail-here')), /disk full/);
    assert.ok(seen.writes >= 2, `${seen.writes} write statement(s)`);
    assert.equal(await countAll(store), before);
    // The same bundle without the failure is stored whole.
    await repo.transaction(bundle(3000));
    assert.equal(await countAll(store), before + 3000);
  });

  it('lets timers run while it validates and writes', async () => {
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    const t0 = performance.now();
    try {
      await store.fhir.transaction(bundle(4000));
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - t0;
    // Without time slices no timer runs until the transaction has ended (one tick, `longest` ≈ `ms`).
    assert.ok(ticks >= 10, `${ticks} ticks in ${ms.toFixed(0)} ms`);
    assert.ok(longest < ms / 3, `longest gap ${longest.toFixed(0)} ms of ${ms.toFixed(0)} ms`);
  });

  it('health answers while a transaction holds the connection, and reports a closed database', async () => {
    assert.deepEqual(await store.sql.health!(), {});
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store.sql.transaction(async (t) => {
      await t.query('select 1');
      await held;
    });
    await new Promise((r) => setTimeout(r, 20));
    // A plain query waits for the transaction; health does not.
    let queried = false;
    const query = store.sql.query('select 1').then(() => (queried = true));
    const h = await store.sql.health!();
    assert.ok(h.busy, 'busy while the transaction holds the connection');
    assert.equal(queried, false);
    // A transaction whose last statement is older than `recentMs` is not taken as proof: health
    // waits, and any statement that succeeds (here the queued query, once the transaction ends) answers it.
    let answered = false;
    const stale = store.sql.health!(0).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(answered, false);
    release();
    await Promise.all([tx, query, stale]);
    assert.equal(answered, true);

    const other = await openStore({ dataDir: 'memory://' });
    await other.close();
    await assert.rejects(other.sql.health!());
  });
});

/**
 * Adapters from the two drivers (PGlite, node-postgres) to the one `SqlClient` the store uses.
 * Parameters are `$1, $2, ...` in both. Nested `transaction` calls run inside the outer one.
 */
import { performance } from 'node:perf_hooks';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import type { SqlClient, SqlHealth } from './store';
import { TimeSlice } from './time-slice';

type Rows<R> = { rows: R[]; rowCount: number };

/**
 * A mutex: runs tasks one after another (PGlite has one connection). PGlite runs on this thread:
 * a backlog of queued queries (say, the reads that waited for a long transaction) would otherwise
 * run back to back in one go, with no request answered in between, so tasks that had to wait give
 * the event loop a turn once a time slice of them has run.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly slice = new TimeSlice();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const waits = this.queued++ > 0;
    const result = this.tail.then(() => (waits && this.slice.due() ? this.slice.pause() : undefined)).then(fn);
    const done = () => {
      this.queued--;
    };
    this.tail = result.then(done, done);
    return result;
  }
}

/** A transaction holding PGlite's connection: when it began, when its last statement succeeded. */
interface Holder {
  since: number;
  last: number;
}

/**
 * How recent a statement of the transaction holding PGlite must be for `health` to count the engine
 * as working at once. Between its statements a transaction only runs JavaScript (a 100,000-entry
 * bundle's bookkeeping: a few seconds on a busy machine); past this, `health` waits for the next
 * statement to succeed, anyone's, and the caller's timeout tells if none does.
 */
const HEALTH_RECENT_MS = 10_000;

/**
 * SqlClient over one PGlite instance. PGlite has one connection: a query outside a transaction
 * waits (without blocking the thread) until the running transaction ends.
 */
export function pgliteClient(db: PGlite): SqlClient {
  const mutex = new Mutex();
  let holder: Holder | undefined;
  /** `health` calls waiting for a statement to succeed. */
  const waiting = new Set<() => void>();
  const succeeded = () => {
    for (const w of waiting) w();
    waiting.clear();
  };
  const txClient = (tx: Transaction, h: Holder): SqlClient => {
    const client: SqlClient = {
      onThisThread: true,
      async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
        const r = await tx.query<R>(sql, params);
        h.last = performance.now();
        succeeded();
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      },
      async exec(sql: string): Promise<void> {
        await tx.exec(sql);
        h.last = performance.now();
        succeeded();
      },
      transaction: (fn) => fn(client),
    };
    return client;
  };
  return {
    onThisThread: true,
    async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await mutex.run(() => db.query<R>(sql, params));
      succeeded();
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await mutex.run(() => db.exec(sql));
      succeeded();
    },
    transaction: (fn) =>
      mutex.run(() =>
        db.transaction(async (tx) => {
          const h: Holder = { since: performance.now(), last: performance.now() };
          holder = h;
          try {
            return await fn(txClient(tx, h));
          } finally {
            if (holder === h) holder = undefined;
          }
        }),
      ),
    health(recentMs = HEALTH_RECENT_MS): Promise<SqlHealth> {
      const busy = (): SqlHealth => {
        const h = holder;
        const now = performance.now();
        return h ? { busy: { transactionMs: Math.round(now - h.since), lastStatementMs: Math.round(now - h.last) } } : {};
      };
      if (holder && performance.now() - holder.last < recentMs) return Promise.resolve(busy());
      // `select 1` queues behind a transaction that holds the connection or waits for it; a
      // statement of theirs that succeeds meanwhile is as good an answer.
      let done = () => {};
      return new Promise<SqlHealth>((resolve, reject) => {
        done = () => resolve(busy());
        waiting.add(done);
        mutex.run(() => db.query('select 1')).then(() => resolve({}), reject);
      }).finally(() => waiting.delete(done));
    },
  };
}

function pgConn(conn: PoolClient): SqlClient {
  const client: SqlClient = {
    async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await conn.query(sql, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await conn.query(sql);
    },
    transaction: (fn) => fn(client),
  };
  return client;
}

/** SqlClient over a node-postgres pool. */
export function pgPoolClient(pool: Pool): SqlClient {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await pool.query(sql, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async health(): Promise<SqlHealth> {
      await pool.query('select 1');
      return {};
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const out = await fn(pgConn(conn));
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
  };
}

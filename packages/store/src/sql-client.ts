/**
 * Adapters from the two drivers (PGlite, node-postgres) to the one `SqlClient` the store uses.
 * Parameters are `$1, $2, ...` in both. Nested `transaction` calls run inside the outer one.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from './store';

type Rows<R> = { rows: R[]; rowCount: number };

/** A mutex: runs tasks one after another (PGlite has one connection). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function pgliteTx(tx: Transaction): SqlClient {
  const client: SqlClient = {
    async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await tx.query<R>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(client),
  };
  return client;
}

/** SqlClient over one PGlite instance. */
export function pgliteClient(db: PGlite): SqlClient {
  return {
    async query<R>(sql: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await db.query<R>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))),
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

/**
 * Versioned migrations. Each migration has a number, a name and SQL (or a function). Applied ones
 * are recorded in `schema_migrations`; `openStore` applies the rest in number order, under a
 * PostgreSQL advisory lock so two processes starting at once do not race.
 *
 * The store's own (1–99) are listed here. A feature that keeps tables of its own keeps its
 * migrations beside its code (`<area>/migration.ts`) and the composition root hands them to
 * `openStore({ migrations })`. Numbers: 1–99 the store itself; 100–199 web/review/users/worklist;
 * 200–299 CDS; 300–399 scribe. An id keeps its name forever: a migration that moves keeps both.
 */
import type { SqlClient } from '../store';
import { migration as m001 } from './001-fhir';
import { migration as m002 } from './002-audit';
import { migration as m003 } from './003-keys';
import { migration as m004 } from './004-jobs';
import { migration as m005 } from './005-resource-changes';

import type { Migration } from './types';

export type { Migration };

/** The store's own migrations. */
export const STORE_MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005];

/**
 * The store's migrations and `extra` (the features'), sorted by id. An id used twice with two
 * names is an error; the same migration listed twice counts once.
 */
export function allMigrations(extra: readonly Migration[] = []): Migration[] {
  const byId = new Map<number, Migration>();
  for (const m of STORE_MIGRATIONS) byId.set(m.id, m);
  for (const m of extra) {
    if (!Number.isInteger(m.id) || m.id <= 0) throw new Error(`Migration id ${m.id} (${m.name}) is not a positive integer`);
    const prev = byId.get(m.id);
    if (prev && prev.name !== m.name) throw new Error(`Migration id ${m.id} is used twice (${prev.name}, ${m.name})`);
    byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Advisory lock key for migrations (any fixed 64-bit number). */
const MIGRATION_LOCK = 7_240_114_001;

/** Apply pending migrations (the store's and `extra`) in one transaction. Returns the ids applied. */
export async function migrate(sql: SqlClient, kind: 'pglite' | 'postgres', extra: readonly Migration[] = []): Promise<number[]> {
  const migrations = allMigrations(extra);
  return sql.transaction(async (tx) => {
    if (kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      if (typeof m.up === 'string') {
        if (tx.exec) await tx.exec(m.up);
        else await tx.query(m.up);
      } else {
        await m.up(tx);
      }
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}

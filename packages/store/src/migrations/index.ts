/**
 * Versioned migrations. Each migration has a number, a name and SQL (or a function). Applied ones
 * are recorded in `schema_migrations`; `openStore` applies the rest in number order, under a
 * PostgreSQL advisory lock so two processes starting at once do not race.
 *
 * Numbers: 1–99 the store itself; 100–199 web/review/users; 200–299 CDS; 300–399 scribe.
 * Two ways to add one:
 * - a file `packages/store/src/migrations/<NNN>-<name>.ts` exporting `migration: Migration`
 *   (discovered by file name at `openStore`), or
 * - `registerMigrations([...])` from your package, called before `openStore`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { SqlClient } from '../store';
import { migration as m001 } from './001-fhir';
import { migration as m002 } from './002-audit';
import { migration as m003 } from './003-keys';
import { migration as m004 } from './004-jobs';

import type { Migration } from './types';

export type { Migration };

const CORE: Migration[] = [m001, m002, m003, m004];
const registered: Migration[] = [];

/** Add migrations (from another package). Call before `openStore`. Duplicate ids are rejected. */
export function registerMigrations(migrations: Migration[]): void {
  for (const m of migrations) {
    const same = registered.find((x) => x.id === m.id);
    if (same && same.name === m.name) continue;
    if (same || CORE.some((x) => x.id === m.id)) throw new Error(`Migration id ${m.id} is already used`);
    registered.push(m);
  }
}

const FILE_RE = /^(\d{3})-[a-z0-9-]+\.ts$/;

/** Migration files in this folder other than the core ones (added by other areas). */
async function discoverFiles(): Promise<Migration[]> {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const core = new Set(CORE.map((m) => m.id));
  const out: Migration[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(name);
    if (!m || core.has(Number(m[1]))) continue;
    const mod = (await import(pathToFileURL(join(dir, name)).href)) as { migration?: Migration };
    if (mod.migration) out.push(mod.migration);
  }
  return out;
}

/** Every known migration, sorted by id. */
export async function allMigrations(): Promise<Migration[]> {
  const byId = new Map<number, Migration>();
  for (const m of [...CORE, ...(await discoverFiles()), ...registered]) {
    const prev = byId.get(m.id);
    if (prev && prev.name !== m.name) throw new Error(`Migration id ${m.id} is used twice (${prev.name}, ${m.name})`);
    byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Advisory lock key for migrations (any fixed 64-bit number). */
const MIGRATION_LOCK = 7_240_114_001;

/** Apply pending migrations in one transaction. Returns the ids applied. */
export async function migrate(sql: SqlClient, kind: 'pglite' | 'postgres'): Promise<number[]> {
  const migrations = await allMigrations();
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

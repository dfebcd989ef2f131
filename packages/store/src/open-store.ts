/**
 * `openStore(config)`: PGlite in a folder (default) or PostgreSQL (`databaseUrl`), migrated (the
 * store's migrations and the features' handed in as `migrations`), with the FHIR repository, audit
 * log, API keys and job queue over one `SqlClient`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Actor, FhirRepository } from './repository';
import type { Store, StoreConfig, SqlClient } from './store';
import { pgliteClient, pgPoolClient } from './sql-client';
import { migrate, type Migration } from './migrations/index';
import { SqlRepository } from './sql-repository';
import { SqlAuditLog } from './audit';
import { SqlApiKeyStore } from './keys';
import { PgBossJobQueue, TableJobQueue } from './jobs';
import { ActorRepository } from './actor';
import { lockFolder } from './folder-lock';

/** The default data folder when neither `dataDir` nor `databaseUrl` is given. */
export const DEFAULT_DATA_DIR = './galen-data';

export interface OpenedStore extends Store {
  readonly fhir: SqlRepository;
  readonly audit: SqlAuditLog;
  /** Migration ids applied by this open (empty when the database was up to date). */
  readonly migrated: number[];
}

/** `StoreConfig` plus the features' migrations (collected by the composition root). */
export interface OpenStoreOptions extends StoreConfig {
  /**
   * Migrations of the features that keep tables of their own, applied after (or between, by id)
   * the store's. Every process that opens the database should hand in the same list.
   */
  migrations?: readonly Migration[];
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid schema name "${name}"`);
  return `"${name}"`;
}

/**
 * Open (and migrate) Galen's store.
 * @example const store = await openStore({ dataDir: './galen-data', migrations: [...reviewMigrations] });
 */
export async function openStore(config: OpenStoreOptions = {}): Promise<OpenedStore> {
  let sql: SqlClient;
  let kind: 'pglite' | 'postgres';
  let closeDb: () => Promise<void>;
  let jobs: Store['jobs'];
  if (config.databaseUrl) {
    kind = 'postgres';
    const schema = config.schema;
    if (schema) {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      } catch (err) {
        // Two processes creating the schema at once: the loser sees a duplicate; fine.
        if ((err as { code?: string }).code !== '23505' && (err as { code?: string }).code !== '42P06') throw err;
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
    });
    pool.on('error', () => undefined);
    sql = pgPoolClient(pool);
    jobs = new PgBossJobQueue({ connectionString: config.databaseUrl, schema: schema ? `${schema}_jobs` : 'pgboss' });
    closeDb = () => pool.end();
  } else {
    kind = 'pglite';
    const dir = config.dataDir ?? DEFAULT_DATA_DIR;
    const inMemory = dir.startsWith('memory://');
    let unlock = () => {};
    if (!inMemory) {
      mkdirSync(dir, { recursive: true });
      unlock = lockFolder(dir);
    }
    let db: PGlite;
    try {
      // The database lives in `<dataDir>/pglite`, next to the lock file (PGlite needs a folder of its own).
      db = await PGlite.create(inMemory ? undefined : join(dir, 'pglite'));
    } catch (err) {
      unlock();
      throw err;
    }
    sql = pgliteClient(db);
    jobs = new TableJobQueue(sql);
    closeDb = async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    };
  }
  let migrated: number[];
  try {
    migrated = await migrate(sql, kind, config.migrations);
  } catch (err) {
    await closeDb().catch(() => undefined);
    throw err;
  }
  const fhir = new SqlRepository(sql, { autoAnalyze: kind === 'pglite' });
  // PGlite has no autovacuum: refresh planner statistics at open (fast on small databases).
  if (kind === 'pglite') await sql.query('ANALYZE resources');
  const audit = new SqlAuditLog(sql, kind);
  const keys = new SqlApiKeyStore(sql);
  let closed = false;
  return {
    kind,
    fhir,
    audit,
    keys,
    jobs,
    sql,
    migrated,
    forActor(actor: Actor): FhirRepository {
      return new ActorRepository(fhir, audit, actor);
    },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.stop().catch(() => undefined);
      await audit.drain();
      await closeDb();
    },
  };
}

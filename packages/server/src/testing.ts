/**
 * Test support: a real Galen server on a loopback port with an in-memory PGlite store (or the
 * PostgreSQL named by TEST_DATABASE_URL) and one API key per role.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, ROLES, type Role, type Store } from '@galen/store';
import { loadConfig } from '@galen/operations';
import { createApp, type CreateAppOptions, type GalenApp } from './app';
import { galenMigrations } from './migrations';

export interface TestServer {
  app: GalenApp;
  url: string;
  store: Store;
  keys: Record<Role, string>;
  /** fetch against the server with a role's key (or no key with `role: null`). */
  request(path: string, init?: RequestInit & { role?: Role | null; key?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A new, empty database on the PostgreSQL server of `url`, so that test files running at the same
 * time never see each other's rows. Returns its URL.
 */
export async function freshDatabase(url: string): Promise<string> {
  const name = `galen_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function startTestServer(
  options: CreateAppOptions & { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ? await freshDatabase(options.databaseUrl) : undefined;
  const store =
    options.store ?? (await openStore({ databaseUrl, dataDir: 'memory://', jobs: true, migrations: galenMigrations }));
  const config = loadConfig({ GALEN_DEMO: '0', GALEN_LOG_LEVEL: 'silent', ...options.env });
  const app = await createApp(config, { ...options, store, logLevel: 'silent' });
  const url = await app.listen(0, '127.0.0.1');
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await store.keys.create({ name: `test-${role}`, role })).key;
  return {
    app,
    url,
    store,
    keys,
    async request(path, init = {}) {
      const { role = 'admin', key, ...rest } = init;
      const headers = new Headers(rest.headers);
      const secret = key ?? (role ? keys[role] : undefined);
      if (secret) headers.set('authorization', `Bearer ${secret}`);
      if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/fhir+json');
      return fetch(url + path, { ...rest, headers });
    },
    async close() {
      await app.close();
      if (!options.store) await store.close();
    },
  };
}

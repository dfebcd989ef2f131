/**
 * The web app's own tables: local user accounts and server-side sessions (`users.ts`). Before they
 * were a migration, `users.ts` created them lazily; `IF NOT EXISTS` keeps those databases working.
 */
import type { Migration } from '@galen/store';

/** The web app's migrations, for the composition root's `openStore({ migrations })`. */
export const webMigrations: readonly Migration[] = [
  {
    id: 130,
    name: 'web-users-sessions',
    up: `
CREATE TABLE IF NOT EXISTS galen_web_user (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS galen_web_session (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES galen_web_user(id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS galen_web_session_expiry ON galen_web_session (expires_at);
`,
  },
];

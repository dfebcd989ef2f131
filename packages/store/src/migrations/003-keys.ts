import type { Migration } from './types';

/** API keys: only the sha256 of the secret is stored. */
export const migration: Migration = {
  id: 3,
  name: 'api-keys',
  up: `
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  patient_id text,
  scopes text[],
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
`,
};

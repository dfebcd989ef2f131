import type { Migration } from './types';

/** The table-backed job queue used on PGlite (PostgreSQL uses pg-boss and its own schema). */
export const migration: Migration = {
  id: 4,
  name: 'jobs',
  up: `
CREATE TABLE jobs (
  id text PRIMARY KEY,
  queue text NOT NULL,
  state text NOT NULL DEFAULT 'created',
  data jsonb,
  output jsonb,
  error text,
  retry_limit integer NOT NULL DEFAULT 0,
  retry_count integer NOT NULL DEFAULT 0,
  singleton_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX jobs_queue_state ON jobs (queue, state, created_at);
CREATE UNIQUE INDEX jobs_singleton ON jobs (queue, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('created', 'active');
`,
};

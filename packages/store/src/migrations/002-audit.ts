import type { Migration } from './types';

/**
 * The audit trail: append-only rows forming a hash chain. UPDATE, DELETE and TRUNCATE fail via
 * triggers; `audit_head` keeps the last sequence number and hash so deleting the newest rows is
 * detected too. Escape hatch (tests, forensic repair by an administrator):
 * `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.
 */
export const migration: Migration = {
  id: 2,
  name: 'audit-log',
  up: `
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  ts timestamptz NOT NULL,
  action text NOT NULL,
  subtype text NOT NULL,
  actor_id text NOT NULL,
  actor_role text NOT NULL,
  request_id text,
  patient_id text,
  entity text,
  operation text,
  outcome text NOT NULL,
  outcome_desc text,
  detail jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE TABLE audit_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION audit_log_reject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject();
`,
};

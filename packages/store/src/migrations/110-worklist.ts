import type { Migration } from './types';

/**
 * The clinician's worklist summary: one row per patient with the figures the worklist shows
 * (latest NEWS2, sepsis risk with the previous value for the trend, open alerts, location,
 * demographics). Rows are computed by `@galen/operations` (`refreshWorklist` in worklist.ts), which
 * owns the clinical logic; the database only keeps track of which patients changed:
 * - `galen_worklist_stale`: patients whose Patient, RiskAssessment, DetectedIssue or Encounter
 *   resources were written since their row was computed. A row trigger on `resources` adds the
 *   patient (old and new, should a resource move to another patient) in the writing transaction, so
 *   no write is missed whatever the commit order; the worklist operation removes the markers and
 *   recomputes those rows in one transaction.
 * - `row_json`: the row exactly as `worklist.list` returns it, so 10,000 rows are read as one
 *   string (PGlite spends ~0.05 ms per row and column decoding result rows).
 * - Backfill: every patient with such resources is marked stale, so the first worklist call after
 *   this migration builds all rows once.
 */
export const migration: Migration = {
  id: 110,
  name: 'worklist-summary',
  up: `
CREATE TABLE galen_worklist (
  patient_id text PRIMARY KEY,
  name text NOT NULL,
  birth_date text,
  gender text,
  location text,
  news2 double precision,
  news2_time text,
  sepsis_risk double precision,
  sepsis_time text,
  sepsis_prev double precision,
  open_alerts integer NOT NULL DEFAULT 0,
  last_updated timestamptz,
  -- the row as the worklist operation returns it (JSON text: read back with one string_agg)
  row_json text NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE galen_worklist_stale (patient_id text PRIMARY KEY);

CREATE FUNCTION galen_worklist_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.patient_id IS NOT NULL
     AND OLD.resource_type IN ('Patient', 'RiskAssessment', 'DetectedIssue', 'Encounter') THEN
    INSERT INTO galen_worklist_stale (patient_id) VALUES (OLD.patient_id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.patient_id IS NOT NULL
     AND NEW.resource_type IN ('Patient', 'RiskAssessment', 'DetectedIssue', 'Encounter')
     AND (TG_OP = 'INSERT' OR OLD.patient_id IS DISTINCT FROM NEW.patient_id) THEN
    INSERT INTO galen_worklist_stale (patient_id) VALUES (NEW.patient_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER galen_worklist_mark_stale
  AFTER INSERT OR UPDATE OR DELETE ON resources
  FOR EACH ROW EXECUTE FUNCTION galen_worklist_mark_stale();

INSERT INTO galen_worklist_stale (patient_id)
  SELECT DISTINCT patient_id FROM resources
   WHERE patient_id IS NOT NULL AND NOT deleted
     AND resource_type IN ('Patient', 'RiskAssessment', 'DetectedIssue', 'Encounter')
  ON CONFLICT DO NOTHING;
`,
};

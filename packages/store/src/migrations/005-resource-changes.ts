import type { Migration } from './types';

/**
 * A change feed over `resources`, for features that keep figures per patient derived from a few
 * resource types (the worklist): a follower names the types it derives from
 * (`resource_change_follower`); a row trigger on `resources` marks the patient (old and new, should
 * a resource move to another patient) for every follower of the written type, in the writing
 * transaction, so no write is missed whatever the commit order. The follower takes its marks
 * (`takePatientChanges` in `changes.ts`) and recomputes those patients in one transaction.
 *
 * Before this feed, the worklist's migration 110 (then in this folder) created a trigger of its own
 * (`galen_worklist_mark_stale`) on `resources`; this one replaces it.
 */
export const migration: Migration = {
  id: 5,
  name: 'resource-changes',
  up: `
CREATE TABLE resource_change_follower (
  resource_type text NOT NULL,
  follower text NOT NULL,
  PRIMARY KEY (resource_type, follower)
);

CREATE TABLE resource_change (
  follower text NOT NULL,
  patient_id text NOT NULL,
  PRIMARY KEY (follower, patient_id)
);

CREATE FUNCTION resource_change_mark() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.patient_id IS NOT NULL THEN
    INSERT INTO resource_change (follower, patient_id)
      SELECT follower, OLD.patient_id FROM resource_change_follower WHERE resource_type = OLD.resource_type
      ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.patient_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR OLD.patient_id IS DISTINCT FROM NEW.patient_id) THEN
    INSERT INTO resource_change (follower, patient_id)
      SELECT follower, NEW.patient_id FROM resource_change_follower WHERE resource_type = NEW.resource_type
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER resource_change_mark
  AFTER INSERT OR UPDATE OR DELETE ON resources
  FOR EACH ROW EXECUTE FUNCTION resource_change_mark();

DROP TRIGGER IF EXISTS galen_worklist_mark_stale ON resources;
DROP FUNCTION IF EXISTS galen_worklist_mark_stale();
`,
};

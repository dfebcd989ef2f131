/**
 * The worklist's tables. `galen_worklist` keeps one row per patient with the figures the worklist
 * shows (latest NEWS2, sepsis risk with the previous value for the trend, open alerts, location,
 * demographics), computed by `service.ts`, which owns the clinical logic; which patients changed
 * since their row was computed comes from the store's change feed (`followResourceChanges`): the
 * store marks a patient when one of their Patient, RiskAssessment, DetectedIssue or Encounter
 * resources is written, in the writing transaction, and `refreshStaleWorklist` takes the marks and
 * recomputes those rows in one transaction.
 * - `row_json`: the row exactly as `worklist.list` returns it, so 10,000 rows are read as one
 *   string (PGlite spends ~0.05 ms per row and column decoding result rows).
 * - Backfill: every patient with such resources is marked, so the first worklist call after the
 *   migration builds all rows once.
 */
import { followResourceChanges, markPatientsChanged, type Migration } from '@galen/store';

/** The worklist's name in the store's change feed. */
export const WORKLIST_FOLLOWER = 'worklist';
/** Resource types whose writes change a worklist row. */
export const WORKLIST_SOURCE_TYPES: readonly string[] = ['Patient', 'RiskAssessment', 'DetectedIssue', 'Encounter'];

/**
 * The summary table. Id and name are those of the store's migration 110, which created it (with a
 * trigger and a stale table of its own, replaced by migration 111) before it moved here.
 */
const worklistSummary: Migration = {
  id: 110,
  name: 'worklist-summary',
  async up(sql) {
    await sql.query(`
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
)`);
    await followResourceChanges(sql, WORKLIST_FOLLOWER, WORKLIST_SOURCE_TYPES, { markExisting: true });
  },
};

/**
 * Databases migrated by the store's old migration 110 have `galen_worklist_stale`, filled by a
 * trigger the store's migration 5 has replaced: follow the change feed instead and rebuild every
 * row once (the patients with such resources and those with a row), so no write made between the
 * two is missed, then drop the old table. A no-op where migration 110 is the one above.
 */
const worklistChangeFeed: Migration = {
  id: 111,
  name: 'worklist-change-feed',
  async up(sql) {
    const { rows } = await sql.query<{ old: boolean }>(`SELECT to_regclass('galen_worklist_stale') IS NOT NULL AS old`);
    if (!rows[0]?.old) return;
    await followResourceChanges(sql, WORKLIST_FOLLOWER, WORKLIST_SOURCE_TYPES, { markExisting: true });
    const listed = await sql.query<{ patient_id: string }>('SELECT patient_id FROM galen_worklist');
    await markPatientsChanged(
      sql,
      WORKLIST_FOLLOWER,
      listed.rows.map((r) => r.patient_id),
    );
    await sql.query('DROP TABLE galen_worklist_stale');
  },
};

/** The worklist's migrations, for the composition root's `openStore({ migrations })`. */
export const worklistMigrations: readonly Migration[] = [worklistSummary, worklistChangeFeed];

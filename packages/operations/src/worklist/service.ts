/**
 * The worklist's store I/O. Reading every resource on each call took ~4 s at 10,000 patients, so
 * the figures (`summarizePatient` in `@galen/cds`) are kept per patient in `galen_worklist` (the
 * area's own table, `migration.ts`): the store's change feed marks a patient when one of their
 * Patient, RiskAssessment, DetectedIssue or Encounter resources is written, and each
 * `worklist.list` call first recomputes the marked rows (usually a handful) from the resources
 * (`readPatientResources`), then reads the table. SQL here touches `galen_worklist` only.
 */
import type { Patient, Resource } from '@galen/fhir';
import { summarizePatient, toWorklistRow, type WorklistRow, type WorklistSummary } from '@galen/cds';
import { hasPatientChanges, readPatientResources, takePatientChanges, type SqlClient } from '@galen/store';
import type { OperationContext } from '../registry';
import { WORKLIST_FOLLOWER, WORKLIST_SOURCE_TYPES } from './migration';

/** Patients recomputed per query. */
const REFRESH_CHUNK = 500;

/** Recompute the summary rows of `patientIds` from their current resources (deleting rows of patients gone). */
export async function refreshWorklistRows(sql: SqlClient, patientIds: string[]): Promise<void> {
  for (let i = 0; i < patientIds.length; i += REFRESH_CHUNK) {
    const ids = patientIds.slice(i, i + REFRESH_CHUNK);
    const byPatient = new Map<string, { patient?: Patient; resources: Resource[]; lastUpdated: number }>();
    for (const r of await readPatientResources(sql, ids, WORKLIST_SOURCE_TYPES)) {
      const content = r.resource;
      let e = byPatient.get(r.patientId);
      if (!e) byPatient.set(r.patientId, (e = { resources: [], lastUpdated: 0 }));
      e.lastUpdated = Math.max(e.lastUpdated, new Date(r.lastUpdated).getTime());
      if (content.resourceType === 'Patient') e.patient = content;
      else e.resources.push(content);
    }
    const summaries: (WorklistSummary & { lastUpdated: string })[] = [];
    for (const [, e] of byPatient) {
      if (!e.patient) continue;
      summaries.push({ ...summarizePatient(e.patient, e.resources), lastUpdated: new Date(e.lastUpdated).toISOString() });
    }
    const keep = new Set(summaries.map((s) => s.patientId));
    const gone = ids.filter((id) => !keep.has(id));
    if (gone.length) await sql.query('DELETE FROM galen_worklist WHERE patient_id = ANY($1::text[])', [gone]);
    if (!summaries.length) continue;
    await sql.query(
      `INSERT INTO galen_worklist (patient_id, name, birth_date, gender, location, news2, news2_time, sepsis_risk,
                                   sepsis_time, sepsis_prev, open_alerts, last_updated, row_json, refreshed_at)
       SELECT patient_id, name, birth_date, gender, location, news2, news2_time, sepsis_risk, sepsis_time, sepsis_prev,
              open_alerts, last_updated, row_json, now()
         FROM json_to_recordset($1::json) AS x(patient_id text, name text, birth_date text, gender text, location text,
              news2 double precision, news2_time text, sepsis_risk double precision, sepsis_time text,
              sepsis_prev double precision, open_alerts integer, last_updated timestamptz, row_json text)
       ON CONFLICT (patient_id) DO UPDATE SET name = EXCLUDED.name, birth_date = EXCLUDED.birth_date,
         gender = EXCLUDED.gender, location = EXCLUDED.location, news2 = EXCLUDED.news2,
         news2_time = EXCLUDED.news2_time, sepsis_risk = EXCLUDED.sepsis_risk, sepsis_time = EXCLUDED.sepsis_time,
         sepsis_prev = EXCLUDED.sepsis_prev, open_alerts = EXCLUDED.open_alerts,
         last_updated = EXCLUDED.last_updated, row_json = EXCLUDED.row_json, refreshed_at = now()`,
      [
        JSON.stringify(
          summaries.map((s) => ({
            patient_id: s.patientId,
            name: s.name,
            birth_date: s.birthDate ?? null,
            gender: s.gender ?? null,
            location: s.location ?? null,
            news2: s.news2 ?? null,
            news2_time: s.news2Time ?? null,
            sepsis_risk: s.sepsisRisk ?? null,
            sepsis_time: s.sepsisTime ?? null,
            sepsis_prev: s.sepsisPrevious ?? null,
            open_alerts: s.openAlerts,
            last_updated: s.lastUpdated,
            row_json: JSON.stringify(toWorklistRow(s)),
          })),
        ),
      ],
    );
  }
}

/** Recompute one patient's row now (e.g. right after writing their resources). */
export function refreshWorklistRow(sql: SqlClient, patientId: string): Promise<void> {
  return refreshWorklistRows(sql, [patientId]);
}

/**
 * Recompute every row the store's change feed marked. The marks are taken and the rows rewritten
 * in one transaction: a write that commits meanwhile leaves a new mark for the next call.
 * Returns how many patients were recomputed.
 */
export async function refreshStaleWorklist(sql: SqlClient): Promise<number> {
  // The usual case, nothing changed, without opening a transaction.
  if (!(await hasPatientChanges(sql, WORKLIST_FOLLOWER))) return 0;
  return sql.transaction(async (tx) => {
    const ids = await takePatientChanges(tx, WORKLIST_FOLLOWER);
    await refreshWorklistRows(tx, ids);
    return ids.length;
  });
}

/**
 * Read the summary table (after refreshing stale rows), ordered by patient id. The rows are stored
 * as JSON text and fetched as one string: decoding 10,000 result rows of 11 columns costs PGlite
 * ~0.5 s, one string ~20 ms.
 */
export async function readWorklist(sql: SqlClient, opts: { limit: number; offset?: number }): Promise<WorklistRow[]> {
  await refreshStaleWorklist(sql);
  const { rows } = await sql.query<{ j: string | null }>(
    `SELECT string_agg(row_json, ',' ORDER BY patient_id) AS j
       FROM (SELECT patient_id, row_json FROM galen_worklist ORDER BY patient_id LIMIT $1 OFFSET $2) t`,
    [opts.limit, opts.offset ?? 0],
  );
  return JSON.parse(`[${rows[0]?.j ?? ''}]`) as WorklistRow[];
}

/** `worklist.list`: the rows, refreshed first. */
export function listWorklist(
  ctx: Pick<OperationContext, 'services'>,
  opts: { limit: number; offset?: number },
): Promise<WorklistRow[]> {
  return readWorklist(ctx.services.store.sql, opts);
}

/**
 * Narrow queries for features that keep figures per patient, derived from a few resource types,
 * in tables of their own (the worklist): a change feed that says which patients to recompute, and
 * one read of those patients' resources. Nothing outside the store writes SQL over `resources`.
 *
 * The feed (migration 5): `followResourceChanges` registers a follower and the types it derives
 * from; from then on a trigger marks a patient for that follower in the transaction that writes
 * one of their resources of those types. `takePatientChanges` removes and returns the marks: call
 * it in the transaction that recomputes those patients, so a write that commits meanwhile leaves a
 * new mark for the next call.
 *
 * @example
 *   await followResourceChanges(tx, 'worklist', ['Patient', 'Encounter'], { markExisting: true }); // in a migration
 *   await store.sql.transaction(async (tx) => {
 *     const ids = await takePatientChanges(tx, 'worklist');
 *     const resources = await readPatientResources(tx, ids, ['Patient', 'Encounter']);
 *     // ...recompute and write the follower's own rows
 *   });
 */
import type { Resource } from '@medplum/fhirtypes';
import type { SqlClient } from './store';

/**
 * Follow writes of `resourceTypes` (idempotent; types are added, never removed). With
 * `markExisting`, every patient who has live resources of those types is marked at once (the
 * follower's first recompute builds everything). Meant for a migration of the follower's own.
 */
export async function followResourceChanges(
  sql: SqlClient,
  follower: string,
  resourceTypes: readonly string[],
  opts: { markExisting?: boolean } = {},
): Promise<void> {
  await sql.query(
    `INSERT INTO resource_change_follower (resource_type, follower)
     SELECT t, $1 FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING`,
    [follower, resourceTypes],
  );
  if (opts.markExisting)
    await sql.query(
      `INSERT INTO resource_change (follower, patient_id)
       SELECT DISTINCT $1, patient_id FROM resources
        WHERE patient_id IS NOT NULL AND NOT deleted AND resource_type = ANY($2::text[])
       ON CONFLICT DO NOTHING`,
      [follower, resourceTypes],
    );
}

/** Mark patients as changed for `follower` by hand (e.g. carrying marks over from an older table). */
export async function markPatientsChanged(sql: SqlClient, follower: string, patientIds: readonly string[]): Promise<void> {
  if (!patientIds.length) return;
  await sql.query(
    `INSERT INTO resource_change (follower, patient_id) SELECT $1, p FROM unnest($2::text[]) AS p ON CONFLICT DO NOTHING`,
    [follower, patientIds],
  );
}

/** Whether any patient is marked for `follower` (cheap: the usual "nothing changed" check, outside a transaction). */
export async function hasPatientChanges(sql: SqlClient, follower: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM resource_change WHERE follower = $1 LIMIT 1', [follower]);
  return rows.length > 0;
}

/** Remove and return the patients marked for `follower`. Call inside the transaction that recomputes them. */
export async function takePatientChanges(sql: SqlClient, follower: string): Promise<string[]> {
  const { rows } = await sql.query<{ patient_id: string }>(
    'DELETE FROM resource_change WHERE follower = $1 RETURNING patient_id',
    [follower],
  );
  return rows.map((r) => r.patient_id);
}

/** One live resource of a patient, with its `meta.lastUpdated` as stored. */
export interface PatientResource {
  patientId: string;
  lastUpdated: string;
  resource: Resource;
}

/**
 * The live resources of `resourceTypes` in the compartments of `patientIds` (the Patient itself
 * included when `Patient` is listed), in no particular order. Read as one aggregated string:
 * PGlite decodes result rows slowly (~0.05 ms per row and column), one string is fast.
 */
export async function readPatientResources(
  sql: SqlClient,
  patientIds: readonly string[],
  resourceTypes: readonly string[],
): Promise<PatientResource[]> {
  if (!patientIds.length) return [];
  const { rows } = await sql.query<{ j: string | null }>(
    `SELECT string_agg(json_build_array(patient_id, last_updated, content)::text, ',') AS j FROM resources
      WHERE patient_id = ANY($1::text[]) AND NOT deleted AND resource_type = ANY($2::text[])`,
    [patientIds, resourceTypes],
  );
  return (JSON.parse(`[${rows[0]?.j ?? ''}]`) as [string, string, Resource][]).map(([patientId, lastUpdated, resource]) => ({
    patientId,
    lastUpdated,
    resource,
  }));
}

/**
 * Row-level writes and reads shared by the repository and the transaction runner (kept apart from
 * both so that neither imports the other).
 */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, isResourceType } from '@galen/fhir';
import type { SqlClient } from './store';
import { indexResource } from './search-params';

export interface WriteRow {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  /** The new content; for a deletion the last content (kept in `resources`, not in history). */
  content: Resource;
}

interface CurrentRow {
  resource_type: string;
  id: string;
  version_id: number;
  deleted: boolean;
  content: Resource;
}

const WRITE_SQL = `
WITH x AS (
  SELECT * FROM json_to_recordset($1::json) AS x(
    resource_type text, id text, version_id integer, last_updated timestamptz, deleted boolean,
    patient_id text, date_start timestamptz, date_end timestamptz, tokens text[], strings text[], content json)
), h AS (
  INSERT INTO resource_history (resource_type, id, version_id, last_updated, deleted, content)
  SELECT resource_type, id, version_id, last_updated, deleted, CASE WHEN deleted THEN NULL ELSE content END FROM x
)
INSERT INTO resources (resource_type, id, version_id, last_updated, deleted, patient_id, date_start, date_end, tokens, strings, content)
SELECT resource_type, id, version_id, last_updated, deleted, patient_id, date_start, date_end,
       coalesce(tokens, '{}'), coalesce(strings, '{}'), content FROM x
ON CONFLICT (resource_type, id) DO UPDATE SET
  version_id = EXCLUDED.version_id, last_updated = EXCLUDED.last_updated, deleted = EXCLUDED.deleted,
  patient_id = EXCLUDED.patient_id, date_start = EXCLUDED.date_start, date_end = EXCLUDED.date_end,
  tokens = EXCLUDED.tokens, strings = EXCLUDED.strings, content = EXCLUDED.content`;

/** Rows per write statement (keeps one parameter well under memory limits). */
const WRITE_CHUNK = 2000;

/** Write new versions in as few statements as possible. */
export async function writeRows(db: SqlClient, rows: WriteRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = rows.slice(i, i + WRITE_CHUNK).map((r) => {
      const idx = indexResource(r.content);
      return {
        resource_type: r.resourceType,
        id: r.id,
        version_id: r.versionId,
        last_updated: r.lastUpdated,
        deleted: r.deleted,
        patient_id: idx.patientId,
        date_start: idx.dateStart,
        date_end: idx.dateEnd,
        tokens: idx.tokens,
        strings: idx.strings,
        content: r.content,
      };
    });
    await db.query(WRITE_SQL, [JSON.stringify(chunk)]);
  }
}

/** Current rows for `Type/id` keys (deleted ones included). */
export async function currentRows(
  db: SqlClient,
  keys: { resourceType: string; id: string }[],
  lock = false,
): Promise<Map<string, CurrentRow>> {
  const out = new Map<string, CurrentRow>();
  if (!keys.length) return out;
  const r = await db.query<CurrentRow>(
    `SELECT resource_type, id, version_id, deleted, content FROM resources
     WHERE (resource_type, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))${lock ? ' FOR UPDATE' : ''}`,
    [keys.map((k) => k.resourceType), keys.map((k) => k.id)],
  );
  for (const row of r.rows) out.set(`${row.resource_type}/${row.id}`, row);
  return out;
}

export function withMeta<T extends Resource>(resource: T, id: string, versionId: number, lastUpdated: string): T {
  return { ...resource, id, meta: { ...resource.meta, versionId: String(versionId), lastUpdated } };
}

export function checkType(resourceType: string): void {
  if (!isResourceType(resourceType)) throw badRequest(`Unknown resource type "${String(resourceType).slice(0, 64)}"`);
}

/** `W/"3"`, `"3"` or `3` → `3`. */
export function parseETag(tag: string): string {
  return tag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

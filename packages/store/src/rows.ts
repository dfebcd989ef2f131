/**
 * Row-level writes and reads shared by the repository and the transaction runner (kept apart from
 * both so that neither imports the other).
 */
import { performance } from 'node:perf_hooks';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, isResourceType } from '@galen/fhir';
import type { SqlClient } from './store';
import { indexResource } from './search-params';
import { nextTurn } from './time-slice';

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

/**
 * Rows per write statement. On PGlite (`onThisThread`) a statement runs on the HTTP thread and
 * nothing else is answered until it ends, so statements are sized to take about
 * `WRITE_STATEMENT_MS` (measured as they go: a row costs ~0.1-0.3 ms there, more for big
 * resources), starting at `WRITE_FIRST` rows, with a turn of the event loop between them. On
 * PostgreSQL the thread only prepares the rows, and big statements are cheaper: `WRITE_MAX` each.
 * See docs/benchmarks/store.md, "One big bundle".
 */
const WRITE_FIRST = 100;
const WRITE_MIN = 20;
const WRITE_MAX = 2000;
const WRITE_STATEMENT_MS = 20;

function toRecord(r: WriteRow) {
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
}

/** Write new versions: few statements, each short enough not to stall other requests for long. */
export async function writeRows(db: SqlClient, rows: WriteRow[]): Promise<void> {
  const adapt = db.onThisThread === true;
  let size = adapt ? WRITE_FIRST : WRITE_MAX;
  let i = 0;
  while (i < rows.length) {
    if (i > 0) await nextTurn();
    const chunk = rows.slice(i, i + size);
    i += chunk.length;
    const param = JSON.stringify(chunk.map(toRecord));
    const t0 = performance.now();
    await db.query(WRITE_SQL, [param]);
    if (!adapt) continue;
    // Aim the next statement at the target from this one's time per row (at most doubling, so that
    // one fast statement does not make the next one huge).
    const next = Math.round((chunk.length * WRITE_STATEMENT_MS) / Math.max(performance.now() - t0, 1));
    size = Math.max(WRITE_MIN, Math.min(WRITE_MAX, 2 * chunk.length, next));
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

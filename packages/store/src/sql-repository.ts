/**
 * The one SQL implementation of `FhirRepository`, over `SqlClient` (PGlite or PostgreSQL).
 * Search columns are extracted at write time (`search-params.ts`); writes are batched into one
 * statement per transaction (`json_to_recordset`). Content is stored as `json` (validated text, no
 * tree building: 2–3x faster to write than `jsonb` on PGlite); search never looks inside it. Use
 * `content::jsonb` in ad-hoc SQL.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  gone,
  isResourceType,
  isValidId,
  newId,
  notFound,
  OperationOutcomeError,
  preconditionFailed,
  validateResource,
} from '@galen/fhir';
import type { FhirRepository, HistoryEntry, SearchRequest, SearchResult, TransactionOptions, WriteOptions } from './repository';
import type { SqlClient } from './store';
import { indexResource, patientOf } from './search-params';
import { buildSearch, parseQuery } from './search';
import { runBundle } from './transaction';

/** One row to write (a new version of a resource, or a deletion). */
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

function checkType(resourceType: string): void {
  if (!isResourceType(resourceType)) throw badRequest(`Unknown resource type "${String(resourceType).slice(0, 64)}"`);
}

/** `W/"3"`, `"3"` or `3` → `3`. */
export function parseETag(tag: string): string {
  return tag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

export interface RepositoryOptions {
  /** Validate resources with `validateResource` on create/update (default true). */
  validate?: boolean;
}

export class SqlRepository implements FhirRepository {
  constructor(
    readonly db: SqlClient,
    readonly options: RepositoryOptions = {},
  ) {}

  private validate<T extends Resource>(resource: T): T {
    if (this.options.validate === false) {
      if (!resource || typeof resource !== 'object' || !isResourceType(String(resource.resourceType))) {
        throw badRequest('Unknown or missing resourceType');
      }
      return resource;
    }
    return validateResource<T>(resource);
  }

  async create<T extends Resource>(resource: T): Promise<T> {
    this.validate(resource);
    const now = new Date().toISOString();
    const out = withMeta(resource, newId(), 1, now);
    await writeRows(this.db, [
      { resourceType: out.resourceType, id: out.id!, versionId: 1, lastUpdated: now, deleted: false, content: out },
    ]);
    return out;
  }

  async read<T extends Resource>(resourceType: string, id: string): Promise<T> {
    checkType(resourceType);
    if (!isValidId(id)) throw notFound(`${resourceType}/${String(id).slice(0, 64)} not found`);
    const r = await this.db.query<{ deleted: boolean; content: T }>(
      'SELECT deleted, content FROM resources WHERE resource_type = $1 AND id = $2',
      [resourceType, id],
    );
    const row = r.rows[0];
    if (!row) throw notFound(`${resourceType}/${id} not found`);
    if (row.deleted) throw gone(`${resourceType}/${id} was deleted`);
    return row.content;
  }

  async vread<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T> {
    checkType(resourceType);
    const v = Number(versionId);
    if (!isValidId(id) || !Number.isInteger(v) || v < 1) throw notFound(`${resourceType}/${id}/_history/${versionId} not found`);
    const r = await this.db.query<{ deleted: boolean; content: T | null }>(
      'SELECT deleted, content FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3',
      [resourceType, id, v],
    );
    const row = r.rows[0];
    if (!row) throw notFound(`${resourceType}/${id}/_history/${versionId} not found`);
    if (row.deleted || !row.content) throw gone(`${resourceType}/${id}/_history/${versionId} is a deletion`);
    return row.content;
  }

  async update<T extends Resource>(resource: T, options: WriteOptions = {}): Promise<T> {
    if (!resource || typeof resource !== 'object') throw badRequest('A FHIR resource must be a JSON object');
    if (!isValidId(resource.id)) throw badRequest('Update needs a valid resource id', 'id');
    this.validate(resource);
    return this.db.transaction(async (tx) => {
      const cur = (await currentRows(tx, [{ resourceType: resource.resourceType, id: resource.id! }], true)).get(
        `${resource.resourceType}/${resource.id}`,
      );
      if (options.ifMatch !== undefined) {
        const want = parseETag(options.ifMatch);
        if (!cur || cur.deleted || String(cur.version_id) !== want) {
          throw preconditionFailed(`Version mismatch: ${resource.resourceType}/${resource.id} is not at version ${want}`);
        }
      }
      const versionId = (cur?.version_id ?? 0) + 1;
      const now = new Date().toISOString();
      const out = withMeta(resource, resource.id!, versionId, now);
      await writeRows(tx, [
        { resourceType: out.resourceType, id: out.id!, versionId, lastUpdated: now, deleted: false, content: out },
      ]);
      return out;
    });
  }

  async delete(resourceType: string, id: string): Promise<void> {
    checkType(resourceType);
    if (!isValidId(id)) throw notFound(`${resourceType}/${String(id).slice(0, 64)} not found`);
    await this.db.transaction(async (tx) => {
      const cur = (await currentRows(tx, [{ resourceType, id }], true)).get(`${resourceType}/${id}`);
      if (!cur) throw notFound(`${resourceType}/${id} not found`);
      if (cur.deleted) return;
      await writeRows(tx, [
        {
          resourceType,
          id,
          versionId: cur.version_id + 1,
          lastUpdated: new Date().toISOString(),
          deleted: true,
          content: cur.content,
        },
      ]);
    });
  }

  async history(resourceType: string, id: string): Promise<HistoryEntry[]> {
    checkType(resourceType);
    if (!isValidId(id)) throw notFound(`${resourceType}/${String(id).slice(0, 64)} not found`);
    const r = await this.db.query<{
      version_id: number;
      last_updated: Date | string;
      deleted: boolean;
      content: Resource | null;
    }>(
      `SELECT version_id, last_updated, deleted, content FROM resource_history
       WHERE resource_type = $1 AND id = $2 ORDER BY version_id DESC`,
      [resourceType, id],
    );
    if (!r.rows.length) throw notFound(`${resourceType}/${id} not found`);
    return r.rows.map((row) => {
      const e: HistoryEntry = {
        versionId: String(row.version_id),
        lastUpdated: new Date(row.last_updated).toISOString(),
        deleted: row.deleted,
        resourceType,
        id,
      };
      if (row.content) e.resource = row.content;
      return e;
    });
  }

  async search<T extends Resource>(request: SearchRequest): Promise<SearchResult<T>> {
    const q = buildSearch(request);
    const result: SearchResult<T> = { resources: [], included: [], offset: q.offset, count: q.count };
    if (q.summaryCount || q.total) {
      const c = await this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM resources WHERE ${q.where}`, q.params);
      result.total = Number(c.rows[0]?.n ?? 0);
      if (q.summaryCount) return result;
    }
    const r = await this.db.query<{ content: T; patient_id: string | null }>(
      `SELECT content, patient_id FROM resources WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ${q.count + 1} OFFSET ${q.offset}`,
      q.params,
    );
    const rows = r.rows.slice(0, q.count);
    result.resources = rows.map((x) => x.content);
    if (r.rows.length > q.count) result.nextOffset = q.offset + q.count;
    if (q.offset > 0) result.prevOffset = Math.max(0, q.offset - q.count);
    if (result.total === undefined && !result.nextOffset) result.total = q.offset + rows.length;
    if (q.includePatients) {
      const ids = [...new Set(rows.map((x) => x.patient_id).filter((x): x is string => !!x))];
      if (request.resourceType === 'Patient') {
        const own = new Set(rows.map((x) => x.content.id));
        ids.splice(0, ids.length, ...ids.filter((i) => !own.has(i)));
      }
      if (ids.length) {
        const inc = await this.db.query<{ content: Resource }>(
          `SELECT content FROM resources WHERE resource_type = 'Patient' AND id = ANY($1::text[]) AND NOT deleted`,
          [ids],
        );
        result.included = inc.rows.map((x) => x.content);
      }
    }
    return result;
  }

  async searchByQuery<T extends Resource>(resourceType: string, query: string): Promise<SearchResult<T>> {
    return this.search<T>({ resourceType, params: parseQuery(query) });
  }

  transaction(bundle: Bundle, options: TransactionOptions = {}): Promise<Bundle> {
    return runBundle(this, bundle, options);
  }

  async everything(patientId: string): Promise<Bundle> {
    const patient = await this.read('Patient', patientId);
    const r = await this.db.query<{ content: Resource }>(
      `SELECT content FROM resources WHERE patient_id = $1 AND NOT deleted AND resource_type <> 'Patient'
       ORDER BY resource_type, id`,
      [patientId],
    );
    const resources = [patient, ...r.rows.map((x) => x.content)];
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      entry: resources.map((resource): BundleEntry => ({
        fullUrl: `${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
    };
  }

  patientOf(resource: Resource): string | undefined {
    return patientOf(resource);
  }

  /** A repository bound to a transaction's client. */
  withClient(db: SqlClient): SqlRepository {
    return new SqlRepository(db, this.options);
  }
}

export { OperationOutcomeError };

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
import { patientOf } from './search-params';
import { buildSearch, parseQuery } from './search';
import { runBundle } from './transaction';

/** One row to write (a new version of a resource, or a deletion). */
export { writeRows, currentRows, withMeta, parseETag, type WriteRow } from './rows';
import { writeRows, currentRows, withMeta, parseETag, checkType } from './rows';

import type { BundleRepository, RepositoryOptions } from './bundle-repository';

export type { RepositoryOptions };

/** Rows written between planner-statistics refreshes on PGlite (which has no autovacuum). */
const ANALYZE_EVERY = 20_000;

export class SqlRepository implements FhirRepository, BundleRepository {
  constructor(
    readonly db: SqlClient,
    readonly options: RepositoryOptions = {},
    /** Shared by the repositories bound to transactions of one store. */
    private readonly stats: { written: number; analyzing?: Promise<void> | undefined } = { written: 0 },
  ) {}

  /**
   * Count written rows; on PGlite refresh planner statistics now and then (PostgreSQL's autovacuum
   * does this itself). Without them the planner ignores the token index once tables grow.
   */
  noteWritten(n: number): void {
    if (this.options.autoAnalyze !== true) return;
    this.stats.written += n;
    if (this.stats.written < ANALYZE_EVERY || this.stats.analyzing) return;
    this.stats.written = 0;
    this.stats.analyzing = this.db
      .query('ANALYZE resources')
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.stats.analyzing = undefined;
      });
  }

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

  async transaction(bundle: Bundle, options: TransactionOptions = {}): Promise<Bundle> {
    const out = await runBundle(this, bundle, options);
    this.noteWritten(out.entry?.length ?? 0);
    return out;
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
    return new SqlRepository(db, this.options, this.stats);
  }
}

export { OperationOutcomeError };

/**
 * Transaction and batch bundles.
 * - `transaction`: all-or-nothing in one database transaction. `urn:uuid:` fullUrls (and references
 *   to them anywhere in the bundle's resources) resolve to the ids the server assigns; conditional
 *   references (`Type?identifier=sys|val`) resolve by search; `ifNoneExist` makes a create
 *   conditional; references `Type/id` must point at a resource in the bundle or the store.
 *   Any failing entry fails the whole bundle with an error naming its index.
 * - `batch`: each entry on its own.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import type { Bundle, BundleEntry, BundleEntryResponse, OperationOutcome, Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  checkResource,
  forbidden,
  isResourceType,
  isValidId,
  newId,
  notFound,
  OperationOutcomeError,
  preconditionFailed,
  statusOf,
  toOutcomeError,
  unprocessable,
  validationError,
  visitReferences,
} from '@galen/fhir';
import type { SearchParam, TransactionOptions } from './repository';
import type { BundleRepository as SqlRepository } from './bundle-repository';
import { currentRows, parseETag, withMeta, writeRows, type WriteRow } from './rows';
import { parseQuery } from './search';
import { TimeSlice } from './time-slice';
import { inPatientScope, OUTSIDE_SCOPE, referenceableInScope, scopeParams } from './scope';

export type { TransactionOptions };

/** Re-throw an error with the entry index in its message and expression. */
function atEntry(i: number, err: unknown): OperationOutcomeError {
  const e = toOutcomeError(err);
  if (statusOf(e.outcome) >= 500) return e;
  const oo: OperationOutcome = {
    ...e.outcome,
    issue: (e.outcome.issue ?? []).map((iss) => ({
      ...iss,
      details: { text: `Bundle.entry[${i}]: ${iss.details?.text ?? iss.diagnostics ?? iss.code}` },
      expression: iss.expression?.length
        ? iss.expression.map((x) => `Bundle.entry[${i}].resource.${x.replace(/^[A-Z][A-Za-z]+\.?/, '')}`.replace(/\.$/, ''))
        : [`Bundle.entry[${i}]`],
    })),
  };
  return new OperationOutcomeError(oo, { cause: err });
}

interface Parsed {
  index: number;
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  resourceType: string;
  id?: string;
  /** GET: the query or `_history/v` tail. */
  url: string;
  resource?: Resource;
  fullUrl?: string;
  ifNoneExist?: string;
  ifMatch?: string;
  response?: BundleEntryResponse;
  /** Set when the entry writes nothing (conditional create matched, duplicate). */
  skip?: boolean;
  /** Not validated before the transaction (identical to the stored resource): validate if written. */
  unvalidated?: boolean;
  outResource?: Resource;
}

function parseEntry(e: BundleEntry, index: number): Parsed {
  const method = e.request?.method;
  const url = (e.request?.url ?? '').replace(/^\/+/, '');
  if (!method || !['POST', 'PUT', 'DELETE', 'GET'].includes(method)) {
    throw badRequest(`request.method must be POST, PUT, DELETE or GET (PATCH/HEAD unsupported)`, 'request.method');
  }
  const m = /^([A-Za-z]+)(?:\/([^/?]+))?(?:(\/_history\/[^?]+)|\?(.*))?$/.exec(url);
  if (!m) throw badRequest(`Invalid request.url "${url.slice(0, 100)}"`, 'request.url');
  const [, type, id, hist, query] = m;
  if (!isResourceType(type!)) throw badRequest(`Unknown resource type "${type!.slice(0, 64)}" in request.url`, 'request.url');
  const p: Parsed = { index, method: method as Parsed['method'], resourceType: type!, url };
  if (e.fullUrl) p.fullUrl = e.fullUrl;
  if (method === 'POST' || method === 'PUT') {
    const r = e.resource;
    if (!r || typeof r !== 'object') throw badRequest(`${method} entries need a resource`, 'resource');
    if (r.resourceType !== type)
      throw badRequest(`resource.resourceType ${String(r.resourceType)} does not match request.url ${type}`);
    p.resource = structuredClone(r);
  }
  if (method === 'POST') {
    if (id || hist) throw badRequest('POST request.url must be a resource type', 'request.url');
    if (e.request?.ifNoneExist) p.ifNoneExist = e.request.ifNoneExist.replace(/^[A-Za-z]+\?/, '');
  } else if (method === 'PUT' || method === 'DELETE') {
    if (!id || hist || query !== undefined)
      throw badRequest(`${method} request.url must be Type/id (conditional ${method} is not supported)`, 'request.url');
    if (!isValidId(id)) throw badRequest(`Invalid id "${String(id).slice(0, 64)}"`, 'request.url');
    p.id = id;
    if (method === 'PUT' && p.resource!.id !== undefined && p.resource!.id !== id)
      throw badRequest('resource.id does not match request.url', 'resource.id');
    if (e.request?.ifMatch) p.ifMatch = parseETag(e.request.ifMatch);
  } else {
    if (id) p.id = id;
  }
  return p;
}

/** Run a transaction or batch bundle. */
export async function runBundle(repo: SqlRepository, bundle: Bundle, options: TransactionOptions): Promise<Bundle> {
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') throw badRequest('Expected a Bundle');
  if (bundle.type === 'batch') return runBatch(repo, bundle, options);
  if (bundle.type !== 'transaction') throw badRequest('Bundle.type must be transaction or batch', 'Bundle.type');
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  // Parsing (a structuredClone per entry) and validation are CPU work on the HTTP thread: done in
  // time slices, so that other requests are answered meanwhile (a 100,000-entry bundle takes
  // seconds here), and before taking the database's lock, which on PGlite every other request
  // needing the database would wait for.
  const slice = new TimeSlice();
  const parsed: Parsed[] = [];
  for (const [i, e] of entries.entries()) {
    if (slice.due()) await slice.pause();
    try {
      parsed.push(parseEntry(e, i));
    } catch (err) {
      throw atEntry(i, err);
    }
  }
  // urn:uuid references are valid references, so validating before resolution checks the same
  // structure.
  const validate = options.validate ?? repo.options.validate ?? true;
  // Re-imports (`preserveIds`): an entry identical to what is stored (once its bundle references
  // are resolved) will be skipped, so it is not validated again here. If, inside the transaction,
  // it turns out not to be skipped after all (deleted meanwhile), it is validated there.
  const unchanged = validate && options.preserveIds ? await findUnchanged(repo, parsed) : new Set<Parsed>();
  for (const p of parsed) {
    if (!p.resource) continue;
    if (slice.due()) await slice.pause();
    if (unchanged.has(p)) {
      p.unvalidated = true;
      continue;
    }
    try {
      if (validate) {
        const issues = checkResource(p.resource);
        if (issues.length) throw validationError(issues);
      } else if (!isResourceType(String(p.resource.resourceType))) throw badRequest('Unknown resourceType');
    } catch (err) {
      throw atEntry(p.index, err);
    }
  }
  return repo.db.transaction((tx) => runTransaction(repo.withClient(tx), parsed, options));
}

/** The `preserveIds` creates whose stored current version has the same content (meta aside). */
async function findUnchanged(repo: SqlRepository, parsed: Parsed[]): Promise<Set<Parsed>> {
  const out = new Set<Parsed>();
  const cands = parsed.filter((p) => p.method === 'POST' && !p.ifNoneExist && isValidId(p.resource?.id));
  if (!cands.length) return out;
  const stored = await currentRows(
    repo.db,
    cands.map((p) => ({ resourceType: p.resourceType, id: p.resource!.id! })),
  );
  if (!stored.size) return out;
  // fullUrl → Type/id for the entries whose id is preserved (how step 1 will resolve them).
  const resolved = new Map<string, string>();
  for (const p of cands) if (p.fullUrl) resolved.set(p.fullUrl, `${p.resourceType}/${p.resource!.id}`);
  for (const p of cands) {
    const row = stored.get(`${p.resourceType}/${p.resource!.id}`);
    if (row && !row.deleted && sameResource(p.resource!, row.content, resolved)) out.add(p);
  }
  return out;
}

/** Deep equality of an incoming resource and a stored one, ignoring meta.versionId/lastUpdated. */
function sameResource(incoming: Resource, stored: Resource, resolved: Map<string, string>): boolean {
  const { meta: m1, ...a } = incoming;
  const { meta: m2, ...b } = stored;
  const strip = (m: Resource['meta']) => {
    const { versionId: _v, lastUpdated: _l, ...rest } = m ?? {};
    return rest;
  };
  return sameValue(a, b, resolved) && sameValue(strip(m1), strip(m2), resolved);
}

function sameValue(a: unknown, b: unknown, resolved: Map<string, string>, key?: string): boolean {
  if (a === b) return true;
  if (key === 'reference' && typeof a === 'string') return resolved.get(a) === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i], resolved));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && sameValue(ao[k], bo[k], resolved, k));
}

/** Search parameters in one order, for comparing conditional-create criteria. */
function canonicalQuery(params: SearchParam[]): string {
  return params
    .map((p) => `${p.name}=${p.value}`)
    .sort()
    .join('&');
}

async function runTransaction(repo: SqlRepository, parsed: Parsed[], options: TransactionOptions): Promise<Bundle> {
  const db = repo.db;
  const scope = options.patientScope;
  const now = new Date().toISOString();
  // The loops below give the event loop a turn now and then (a big bundle: seconds of work).
  const slice = new TimeSlice();
  /** fullUrl → `Type/id`. */
  const resolved = new Map<string, string>();
  /** `Type/id` written or matched in this bundle. */
  const inBundle = new Set<string>();

  // 1. Ids for POSTs (conditional creates, preserved ids) and PUTs.
  const preserve = options.preserveIds
    ? parsed.filter((p) => p.method === 'POST' && !p.ifNoneExist && isValidId(p.resource?.id))
    : [];
  // Concurrent transactions that create the same ids (preserved ids, PUT-as-create) would both see
  // "absent" and then collide on insert: serialise them per key. Transaction-scoped advisory locks,
  // taken in one sorted pass (no deadlock between two such transactions); after the wait, the next
  // statement (READ COMMITTED) sees what the other transaction committed.
  // Conditional creates with the same criteria are serialised the same way, so that concurrent
  // bundles (or POSTs with If-None-Exist) cannot both see "no match" and both create.
  const lockKeys = [
    ...preserve.map((p) => `${p.resourceType}/${p.resource!.id}`),
    ...parsed.filter((p) => p.method === 'PUT').map((p) => `${p.resourceType}/${p.id}`),
    ...parsed
      .filter((p) => p.ifNoneExist)
      .map((p) => `if-none-exist:${p.resourceType}?${canonicalQuery(parseQuery(p.ifNoneExist!))}`),
  ];
  if (lockKeys.length) {
    await db.query(
      `SELECT count(pg_advisory_xact_lock(h)) FROM
         (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
      [lockKeys],
    );
  }
  const existing = await currentRows(
    db,
    preserve.map((p) => ({ resourceType: p.resourceType, id: p.resource!.id! })),
  );
  for (const p of parsed) {
    if (slice.due()) await slice.pause();
    try {
      if (p.method === 'POST') {
        if (p.ifNoneExist) {
          const r = await repo.search({
            resourceType: p.resourceType,
            params: scopeParams(p.resourceType, [...parseQuery(p.ifNoneExist), { name: '_count', value: '2' }], scope),
          });
          if (r.resources.length > 1) throw preconditionFailed(`ifNoneExist matched more than one ${p.resourceType}`);
          const match = r.resources[0];
          if (match) {
            p.id = match.id!;
            p.skip = true;
            p.outResource = match;
          }
        } else if (options.preserveIds && isValidId(p.resource?.id)) {
          p.id = p.resource!.id!;
          const key = `${p.resourceType}/${p.id}`;
          const cur = existing.get(key);
          if (inBundle.has(key)) p.skip = true;
          else if (cur && !cur.deleted) {
            p.skip = true;
            p.outResource = cur.content;
          }
        }
        p.id ??= newId();
      }
      const key = `${p.resourceType}/${p.id}`;
      if (p.method === 'POST' || p.method === 'PUT') inBundle.add(key);
      if (p.fullUrl && p.id && p.method !== 'GET') {
        resolved.set(p.fullUrl, key);
        const abs = /\/([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(p.fullUrl);
        if (abs && !p.fullUrl.startsWith('urn:')) resolved.set(abs[1]!, key);
      }
    } catch (err) {
      throw atEntry(p.index, err);
    }
  }

  for (const p of parsed) {
    if (slice.due()) await slice.pause();
    if (!p.unvalidated || p.skip) continue;
    const issues = checkResource(p.resource);
    if (issues.length) throw atEntry(p.index, validationError(issues));
  }

  // 2. Rewrite references: urn:uuid and fullUrls → Type/id; conditional references → search.
  const conditional = new Map<string, string>();
  const toCheck = new Map<string, number>();
  for (const p of parsed) {
    if (slice.due()) await slice.pause();
    if (!p.resource || p.skip) continue;
    const refs: { reference?: string }[] = [];
    visitReferences(p.resource, (ref) => refs.push(ref));
    try {
      for (const ref of refs) {
        const s = ref.reference!;
        if (s.startsWith('#')) continue;
        const hit = resolved.get(s);
        if (hit) {
          ref.reference = hit;
          continue;
        }
        if (s.startsWith('urn:uuid:') || s.startsWith('urn:oid:'))
          throw badRequest(`Unresolved reference "${s.slice(0, 100)}" (no entry has this fullUrl)`);
        const cond = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(s);
        if (cond) {
          let target = conditional.get(s);
          if (!target) {
            const r = await repo.search({
              resourceType: cond[1]!,
              params: scopeParams(cond[1]!, [...parseQuery(cond[2]!), { name: '_count', value: '2' }], scope),
            });
            if (r.resources.length !== 1) {
              throw unprocessable(
                `Conditional reference "${s.slice(0, 100)}" matched ${r.resources.length === 0 ? 'nothing' : 'more than one resource'}`,
              );
            }
            target = `${cond[1]}/${r.resources[0]!.id}`;
            conditional.set(s, target);
          }
          ref.reference = target;
          continue;
        }
        const local = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(s);
        if (local) {
          const key = `${local[1]}/${local[2]}`;
          if (!isResourceType(local[1]!)) throw unprocessable(`Invalid reference "${s.slice(0, 100)}": unknown resource type`);
          if (!inBundle.has(key) && !toCheck.has(key)) toCheck.set(key, p.index);
        }
        // Absolute URLs to other servers are left as they are.
      }
    } catch (err) {
      throw atEntry(p.index, err);
    }
  }

  // 3. References to resources outside the bundle must exist.
  if (toCheck.size) {
    const keys = [...toCheck.keys()].map((k) => {
      const [resourceType, id] = k.split('/') as [string, string];
      return { resourceType, id };
    });
    const found = await currentRows(db, keys);
    for (const [key, index] of toCheck) {
      const row = found.get(key);
      // Another patient's resource is, to a scoped caller, one that does not exist.
      if (!row || row.deleted || !referenceableInScope(row.content, scope))
        throw atEntry(index, unprocessable(`Invalid reference: ${key} does not exist`));
    }
  }

  // 4. Versions for PUT/DELETE; build the rows.
  const touched = parsed.filter((p) => (p.method === 'PUT' || p.method === 'DELETE') && !p.skip);
  const current = await currentRows(
    db,
    touched.map((p) => ({ resourceType: p.resourceType, id: p.id! })),
    true,
  );
  const rows: WriteRow[] = [];
  const nextVersion = new Map<string, number>();
  for (const p of parsed) {
    if (slice.due()) await slice.pause();
    if (p.method === 'GET' || p.skip) continue;
    const key = `${p.resourceType}/${p.id}`;
    const cur = current.get(key);
    const base = nextVersion.get(key) ?? (p.method === 'POST' ? 0 : (cur?.version_id ?? 0));
    try {
      // A scoped caller updates only what is already in their patient's record: an update of
      // another patient's resource (which would move it) and an update-as-create answer alike.
      if (
        scope !== undefined &&
        p.method !== 'POST' &&
        !nextVersion.has(key) &&
        (!cur || cur.deleted || !inPatientScope(cur.content, scope))
      )
        throw forbidden(OUTSIDE_SCOPE);
      if (p.ifMatch !== undefined && (!cur || cur.deleted || String(base) !== p.ifMatch)) {
        throw preconditionFailed(`Version mismatch: ${key} is not at version ${p.ifMatch}`);
      }
      if (p.method === 'DELETE') {
        if (!cur && !nextVersion.has(key)) throw notFound(`${key} not found`);
        if (cur?.deleted && !nextVersion.has(key)) {
          p.response = { status: '204 No Content' };
          continue;
        }
        const last = rows.findLast((r) => r.resourceType === p.resourceType && r.id === p.id)?.content ?? cur!.content;
        rows.push({
          resourceType: p.resourceType,
          id: p.id!,
          versionId: base + 1,
          lastUpdated: now,
          deleted: true,
          content: last,
        });
        nextVersion.set(key, base + 1);
        p.response = { status: '204 No Content', etag: `W/"${base + 1}"` };
        continue;
      }
      const out = withMeta(p.resource!, p.id!, base + 1, now);
      rows.push({ resourceType: p.resourceType, id: p.id!, versionId: base + 1, lastUpdated: now, deleted: false, content: out });
      nextVersion.set(key, base + 1);
      p.outResource = out;
      p.response = {
        status: base === 0 ? '201 Created' : '200 OK',
        location: `${key}/_history/${base + 1}`,
        etag: `W/"${base + 1}"`,
        lastModified: now,
      };
    } catch (err) {
      throw atEntry(p.index, err);
    }
  }
  await writeRows(db, rows);

  // 5. Reads, after the writes (FHIR processing order).
  const out: BundleEntry[] = [];
  for (const p of parsed) {
    if (slice.due()) await slice.pause();
    try {
      if (p.method === 'GET') {
        const res = await readEntry(repo, p);
        out.push({ resource: res, response: { status: '200 OK' } });
        continue;
      }
      if (p.skip) {
        const r = p.outResource;
        const v = r?.meta?.versionId;
        const entry: BundleEntry = {
          response: {
            status: '200 OK',
            location: `${p.resourceType}/${p.id}${v ? `/_history/${v}` : ''}`,
            ...(v ? { etag: `W/"${v}"` } : {}),
          },
        };
        if (r) entry.resource = r;
        out.push(entry);
        continue;
      }
      const entry: BundleEntry = { response: p.response! };
      if (p.outResource) {
        entry.fullUrl = `${p.resourceType}/${p.id}`;
        entry.resource = p.outResource;
      }
      out.push(entry);
    } catch (err) {
      throw atEntry(p.index, err);
    }
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry: out };
}

async function readEntry(repo: SqlRepository, p: Parsed): Promise<Resource> {
  const hist = /\/_history\/([^/?]+)$/.exec(p.url);
  if (p.id && hist) return repo.vread(p.resourceType, p.id, hist[1]!);
  if (p.id) return repo.read(p.resourceType, p.id);
  const q = p.url.includes('?') ? p.url.slice(p.url.indexOf('?') + 1) : '';
  const r = await repo.search({ resourceType: p.resourceType, params: parseQuery(q) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(r.total !== undefined ? { total: r.total } : {}),
    entry: r.resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  } as Bundle;
}

async function runBatch(repo: SqlRepository, bundle: Bundle, options: TransactionOptions): Promise<Bundle> {
  const out: BundleEntry[] = [];
  // Each entry is its own transaction, so other requests' queries get the database between them;
  // the time slice gives them the thread too.
  const slice = new TimeSlice();
  for (const [i, e] of (bundle.entry ?? []).entries()) {
    if (slice.due()) await slice.pause();
    try {
      const r = await runBundle(repo, { resourceType: 'Bundle', type: 'transaction', entry: [e] }, options);
      out.push(r.entry![0]!);
    } catch (err) {
      const oe = toOutcomeError(err);
      const status = statusOf(oe.outcome);
      const issues = (oe.outcome.issue ?? []).map((iss) => ({
        ...iss,
        details: { text: (iss.details?.text ?? '').replace(/^Bundle\.entry\[0\]/, `Bundle.entry[${i}]`) },
        expression: iss.expression?.map((x) => x.replace(/^Bundle\.entry\[0\]/, `Bundle.entry[${i}]`)),
      }));
      out.push({ response: { status: String(status), outcome: { resourceType: 'OperationOutcome', issue: issues } } });
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: out };
}

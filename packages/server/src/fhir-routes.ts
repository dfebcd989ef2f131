/**
 * FHIR R4 REST at /fhir/R4: read, vread, search, create (also conditional, `If-None-Exist`),
 * update (also as create), delete, history, transaction and batch bundles (at `[base]` and
 * `[base]/`), and `$operations` from the operation registry. JSON only: `_format` and `Accept`
 * asking for anything else get 406. `_summary` and `_elements` subset reads and searches
 * (`fhir-subset.ts`); searches carry `Bundle.total` unless `_total=none`.
 * @see https://hl7.org/fhir/R4/http.html
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, BundleEntry, BundleLink, Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  forbidden,
  isResourceType,
  isValidId,
  notFound,
  OperationOutcomeError,
  outcome,
  serverError,
} from '@galen/fhir';
import type { SearchParam, Store } from '@galen/store';
import { invokeOperation, type OperationRegistry, type Services } from '@galen/operations';
import { actorOf, canWrite, FHIR_READ_ROLES, requireRole } from './auth';
import { capabilityStatement } from './capability';
import { subsetOf, subsetResource, type Subset } from './fhir-subset';

export const FHIR_BASE = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json';
const PLAIN_JSON = 'application/json';

/** `_format` values and media types that mean FHIR JSON (`application/json+fhir`: DSTU2's name). */
const FHIR_JSON_FORMATS = new Set(['json', FHIR_JSON, 'application/json+fhir']);
/** `Accept` types that take FHIR JSON. */
const FHIR_JSON_ACCEPTED = new Set([...FHIR_JSON_FORMATS, '*/*', 'application/*']);

/** The response type each request negotiated (set by `negotiateFormat`). */
const negotiated = new WeakMap<FastifyRequest, string>();

/**
 * The JSON media type to answer with: `_format` wins over `Accept`; `application/json` alone gets
 * `application/json`, every other JSON form (and no preference) `application/fhir+json`. Galen
 * serves no XML or Turtle: asking only for those is 406.
 * @see https://hl7.org/fhir/R4/http.html#mime-type
 */
export function responseFormat(params: SearchParam[], accept: string | undefined): string {
  const format = params.findLast((p) => p.name === '_format')?.value;
  if (format !== undefined) {
    // In a query `+` decodes as a space: `_format=application/fhir+json` arrives as "application/fhir json".
    const f = format.split(';')[0]!.trim().toLowerCase().replace(/ /g, '+');
    if (f === PLAIN_JSON) return PLAIN_JSON;
    if (FHIR_JSON_FORMATS.has(f)) return FHIR_JSON;
    throw notAcceptable(`_format=${format.slice(0, 64)} is not served: Galen answers in JSON only (_format=json)`);
  }
  if (!accept?.trim()) return FHIR_JSON;
  const types = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((x) => x.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((t) => t.type && !(t.q <= 0));
  if (types.some((t) => FHIR_JSON_ACCEPTED.has(t.type))) return FHIR_JSON;
  if (types.some((t) => t.type === PLAIN_JSON)) return PLAIN_JSON;
  throw notAcceptable(`Accept: ${accept.slice(0, 100)} is not served: Galen answers in JSON only (application/fhir+json)`);
}

function notAcceptable(details: string): OperationOutcomeError {
  return new OperationOutcomeError(outcome('not-supported', details, { status: 406 }));
}

/** preHandler of every FHIR route: refuse what cannot be served before doing anything. */
async function negotiateFormat(request: FastifyRequest): Promise<void> {
  negotiated.set(request, responseFormat(searchParamsOf(request.url), request.headers.accept));
}

export interface FhirRouteDeps {
  store: Store;
  registry: OperationRegistry;
  services: Services;
  /** Called after a write with the resources written (for "on arrival" recomputation). */
  onWrite?: (resources: Resource[], request: FastifyRequest) => void;
}

function checkType(type: string): string {
  if (!isResourceType(type)) throw notFound(`Unknown resource type "${type.slice(0, 64)}"`);
  return type;
}

function checkId(id: string): string {
  if (!isValidId(id)) throw badRequest(`Invalid id "${String(id).slice(0, 80)}"`);
  return id;
}

function bodyResource(request: FastifyRequest): Resource {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The body must be a FHIR resource (JSON object)');
  return body as Resource;
}

function send(reply: FastifyReply, status: number, resource: unknown): FastifyReply {
  const r = resource as Resource | undefined;
  if (r?.meta?.versionId) {
    reply.header('ETag', `W/"${r.meta.versionId}"`);
    if (r.meta.lastUpdated) reply.header('Last-Modified', new Date(r.meta.lastUpdated).toUTCString());
  }
  const type = negotiated.get(reply.request) ?? FHIR_JSON;
  return reply.code(status).type(`${type}; charset=utf-8`).send(resource);
}

/** Query string as ordered `name=value` pairs (names may repeat). */
export function searchParamsOf(url: string): SearchParam[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return [...new URLSearchParams(url.slice(q + 1))].map(([name, value]) => ({ name, value }));
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${FHIR_BASE}`;
}

/** An absolute URL under the server base for a relative one (`Patient/1` → `http://host/fhir/R4/Patient/1`). */
function absoluteUrl(base: string, url: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) ? url : `${base}/${url.replace(/^\//, '')}`;
}

/**
 * A bundle whose `fullUrl`s and links are absolute (Bundle.entry.fullUrl "The Absolute URL for the
 * resource"), nested bundles too. `urn:uuid:` fullUrls are absolute already; entry.response.location
 * stays relative, as in the spec's own transaction-response examples.
 * @see https://hl7.org/fhir/R4/bundle.html#bundle-unique
 */
function absoluteBundle(bundle: Bundle, base: string): Bundle {
  const out: Bundle = { ...bundle };
  if (bundle.link) out.link = bundle.link.map((l) => ({ ...l, url: absoluteUrl(base, l.url) }));
  if (bundle.entry) {
    out.entry = bundle.entry.map((e): BundleEntry => {
      const entry = { ...e };
      if (e.fullUrl) entry.fullUrl = absoluteUrl(base, e.fullUrl);
      if (e.resource?.resourceType === 'Bundle') entry.resource = absoluteBundle(e.resource, base);
      return entry;
    });
  }
  return out;
}

/** Apply `_summary`/`_elements` of batch and transaction GET entries to their results. */
function subsetGetEntries(request: Bundle, response: Bundle): Bundle {
  if (!response.entry) return response;
  const entry = response.entry.map((e, i) => {
    const url = request.entry?.[i]?.request;
    if (url?.method !== 'GET' || !e.resource) return e;
    let subset: Subset | undefined;
    try {
      subset = subsetOf(searchParamsOf(url.url));
    } catch {
      return e; // the entry's own search already answered for bad values
    }
    if (!subset) return e;
    const isSearch = !url.url.split('?')[0]!.replace(/^\//, '').includes('/');
    if (isSearch && e.resource.resourceType === 'Bundle') {
      const b = e.resource;
      return {
        ...e,
        resource: { ...b, entry: b.entry?.map((x) => (x.resource ? { ...x, resource: subsetResource(x.resource, subset) } : x)) },
      };
    }
    return { ...e, resource: subsetResource(e.resource, subset) };
  });
  return { ...response, entry };
}

function pageLink(request: FastifyRequest, type: string, params: SearchParam[], offset: number, relation: string): BundleLink {
  const q = new URLSearchParams(params.filter((p) => p.name !== '_offset').map((p): [string, string] => [p.name, p.value]));
  q.set('_offset', String(offset));
  return { relation, url: `${baseUrl(request)}/${type}?${q.toString()}` };
}

/** Turn a FHIR Parameters body (or query) into a plain input object for an operation. */
export function parametersToInput(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const p = body as Parameters;
  if (p.resourceType !== 'Parameters') return { ...(body as Record<string, unknown>) };
  const out: Record<string, unknown> = {};
  for (const part of p.parameter ?? []) {
    const value = valueOf(part);
    if (part.name in out) {
      const prev = out[part.name];
      out[part.name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[part.name] = value;
  }
  return out;
}

function valueOf(part: ParametersParameter): unknown {
  if (part.resource) return part.resource;
  if (part.part) return Object.fromEntries(part.part.map((p) => [p.name, valueOf(p)]));
  for (const [k, v] of Object.entries(part)) if (k.startsWith('value')) return v;
  return undefined;
}

function isResource(x: unknown): x is Resource {
  return !!x && typeof x === 'object' && typeof (x as { resourceType?: unknown }).resourceType === 'string';
}

/** A one-entry bundle's error said as the plain interaction would (no `Bundle.entry[0]` prefix). */
function asPlainError(err: unknown, type: string): unknown {
  if (!(err instanceof OperationOutcomeError)) return err;
  const oo = err.outcome;
  const issue = (oo.issue ?? []).map((i) => ({
    ...i,
    ...(i.details?.text ? { details: { ...i.details, text: i.details.text.replace(/^Bundle\.entry\[0\]: /, '') } } : {}),
    ...(i.expression ? { expression: i.expression.map((x) => x.replace(/^Bundle\.entry\[0\](?:\.resource)?/, type)) } : {}),
  }));
  return new OperationOutcomeError({ ...oo, issue }, { cause: err });
}

export async function registerFhirRoutes(app: FastifyInstance, deps: FhirRouteDeps): Promise<void> {
  const { store, registry, services } = deps;
  const repoFor = (request: FastifyRequest) => store.forActor(actorOf(request));
  const needRead = (request: FastifyRequest) => requireRole(actorOf(request), FHIR_READ_ROLES, 'read FHIR resources');
  const needWrite = (request: FastifyRequest) => {
    if (!canWrite(actorOf(request)))
      throw forbidden(`Role ${actorOf(request).role} with these scopes may not write FHIR resources`);
  };
  const preHandler = negotiateFormat;

  app.get(`${FHIR_BASE}/metadata`, { config: { public: true }, preHandler }, async (request, reply) =>
    send(reply, 200, capabilityStatement(registry, baseUrl(request))),
  );

  async function runOperation(request: FastifyRequest, reply: FastifyReply, code: string, type?: string, id?: string) {
    const op = registry.findFhir(code, type, id !== undefined);
    if (!op) throw notFound(`Unknown operation $${code.slice(0, 64)}${type ? ` on ${type}` : ''}`);
    const input: Record<string, unknown> =
      request.method === 'GET'
        ? Object.fromEntries(searchParamsOf(request.url).map((p) => [p.name, p.value]))
        : op.fhir?.resourceBody
          ? { resource: request.body }
          : parametersToInput(request.body);
    if (id !== undefined) input.id = checkId(id);
    const actor = actorOf(request);
    const result = await invokeOperation(op, input, { actor, repo: store.forActor(actor), services });
    if (isResource(result))
      return send(reply, 200, result.resourceType === 'Bundle' ? absoluteBundle(result as Bundle, baseUrl(request)) : result);
    const params: Parameters = {
      resourceType: 'Parameters',
      parameter: [{ name: 'return', valueString: JSON.stringify(result) }],
    };
    return send(reply, 200, params);
  }

  // System level: transaction / batch, at `[base]` and `[base]/` (where fhir-kit-client and
  // fhirclient post them).
  const postBundle = async (request: FastifyRequest, reply: FastifyReply) => {
    const bundle = bodyResource(request) as Bundle;
    if (bundle.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
      throw badRequest('POST to the base URL takes a Bundle of type transaction or batch');
    }
    needWrite(request);
    const result = await repoFor(request).transaction(bundle);
    deps.onWrite?.(
      (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])),
      request,
    );
    return send(reply, 200, absoluteBundle(subsetGetEntries(bundle, result), baseUrl(request)));
  };
  app.post(FHIR_BASE, { preHandler }, postBundle);
  app.post(`${FHIR_BASE}/`, { preHandler }, postBundle);

  /**
   * Conditional create: a one-entry transaction with `request.ifNoneExist`, so the store's
   * match-or-create rules (and locking) apply. No match: 201 + Location; one match: 200 with the
   * match; several: 412.
   * @see https://hl7.org/fhir/R4/http.html#ccreate
   */
  async function conditionalCreate(request: FastifyRequest, reply: FastifyReply, resource: Resource, criteria: string) {
    const type = resource.resourceType;
    let result: Bundle;
    try {
      result = await repoFor(request).transaction({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource, request: { method: 'POST', url: type, ifNoneExist: criteria } }],
      });
    } catch (err) {
      throw asPlainError(err, type);
    }
    const entry = result.entry?.[0];
    const stored = entry?.resource;
    if (!entry?.response || !stored) throw serverError('The conditional create returned no resource');
    if (!entry.response.status.startsWith('201')) return send(reply, 200, stored);
    deps.onWrite?.([stored], request);
    reply.header('Location', `${baseUrl(request)}/${type}/${stored.id}/_history/${stored.meta?.versionId}`);
    return send(reply, 201, stored);
  }

  app.route({
    method: ['GET', 'POST'],
    url: `${FHIR_BASE}/:type`,
    preHandler,
    handler: async (request, reply) => {
      const { type } = request.params as { type: string };
      if (type.startsWith('$')) return runOperation(request, reply, type.slice(1));
      checkType(type);
      if (request.method === 'GET') {
        needRead(request);
        return searchRoute(request, reply, type, searchParamsOf(request.url));
      }
      needWrite(request);
      const resource = bodyResource(request);
      if (resource.resourceType !== type)
        throw badRequest(`Body resourceType ${String(resource.resourceType).slice(0, 64)} does not match URL ${type}`);
      const ifNoneExist = request.headers['if-none-exist'];
      if (typeof ifNoneExist === 'string' && ifNoneExist.trim())
        return conditionalCreate(request, reply, resource, ifNoneExist.trim());
      const created = await repoFor(request).create(resource);
      deps.onWrite?.([created], request);
      reply.header('Location', `${baseUrl(request)}/${type}/${created.id}/_history/${created.meta?.versionId}`);
      return send(reply, 201, created);
    },
  });

  app.post(`${FHIR_BASE}/:type/_search`, { preHandler }, async (request, reply) => {
    const { type } = request.params as { type: string };
    checkType(type);
    needRead(request);
    const body = typeof request.body === 'string' ? request.body : '';
    const params = [...searchParamsOf(request.url), ...searchParamsOf(`?${body}`)];
    return searchRoute(request, reply, type, params);
  });

  /**
   * Search: `Bundle.total` by default (a count query when there is more than one page; `_total=none`
   * opts out), `_summary`/`_elements` applied here (matches get both, `_include`d resources only
   * `_summary`).
   */
  async function searchRoute(request: FastifyRequest, reply: FastifyReply, type: string, params: SearchParam[]) {
    const subset = subsetOf(params);
    const storeParams = params.some((p) => p.name === '_total') ? params : [...params, { name: '_total', value: 'accurate' }];
    const result = await repoFor(request).search({ resourceType: type, params: storeParams });
    const links: BundleLink[] = [pageLink(request, type, params, result.offset, 'self')];
    if (result.nextOffset !== undefined) links.push(pageLink(request, type, params, result.nextOffset, 'next'));
    if (result.prevOffset !== undefined) links.push(pageLink(request, type, params, result.prevOffset, 'previous'));
    const summaryOnly: Subset | undefined = subset?.summary ? { summary: subset.summary } : undefined;
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(result.total !== undefined ? { total: result.total } : {}),
      link: links,
      entry: [
        ...result.resources.map((r) => ({
          fullUrl: `${baseUrl(request)}/${r.resourceType}/${r.id}`,
          resource: subset ? subsetResource(r, subset) : r,
          search: { mode: 'match' as const },
        })),
        ...result.included.map((r) => ({
          fullUrl: `${baseUrl(request)}/${r.resourceType}/${r.id}`,
          resource: summaryOnly ? subsetResource(r, summaryOnly) : r,
          search: { mode: 'include' as const },
        })),
      ],
    };
    return send(reply, 200, bundle);
  }

  /** The `_summary`/`_elements` subset of a read (`_summary=count` is for searches only). */
  function readSubset(request: FastifyRequest): Subset | undefined {
    const params = searchParamsOf(request.url);
    if (params.findLast((p) => p.name === '_summary')?.value === 'count')
      throw badRequest('_summary=count is for searches, not reads', '_summary');
    return subsetOf(params);
  }

  app.route({
    method: ['GET', 'PUT', 'DELETE', 'POST'],
    url: `${FHIR_BASE}/:type/:id`,
    preHandler,
    handler: async (request, reply) => {
      const { type, id } = request.params as { type: string; id: string };
      checkType(type);
      if (id.startsWith('$')) return runOperation(request, reply, id.slice(1), type);
      checkId(id);
      if (request.method === 'GET') {
        needRead(request);
        const subset = readSubset(request);
        const resource = await repoFor(request).read(type, id);
        return send(reply, 200, subset ? subsetResource(resource, subset) : resource);
      }
      if (request.method === 'POST') throw badRequest('POST to an instance URL is not supported; use PUT to update');
      needWrite(request);
      if (request.method === 'DELETE') {
        await repoFor(request).delete(type, id);
        return reply.code(204).send();
      }
      const resource = bodyResource(request);
      if (resource.resourceType !== type) throw badRequest(`Body resourceType does not match URL ${type}`);
      if (resource.id !== undefined && resource.id !== id)
        throw badRequest(`Body id ${String(resource.id).slice(0, 64)} does not match URL id ${id}`);
      const ifMatch = request.headers['if-match'];
      const version = typeof ifMatch === 'string' ? /^(?:W\/)?"?([^"]+)"?$/.exec(ifMatch)?.[1] : undefined;
      const updated = await repoFor(request).update({ ...resource, id }, version ? { ifMatch: version } : undefined);
      deps.onWrite?.([updated], request);
      // Update as create: the store creates an absent resource at version 1; say so with 201.
      // @see https://hl7.org/fhir/R4/http.html#upsert
      if (updated.meta?.versionId !== '1') return send(reply, 200, updated);
      reply.header('Location', `${baseUrl(request)}/${type}/${id}/_history/1`);
      return send(reply, 201, updated);
    },
  });

  app.route({
    method: ['GET', 'POST'],
    url: `${FHIR_BASE}/:type/:id/:op`,
    preHandler,
    handler: async (request, reply) => {
      const { type, id, op } = request.params as { type: string; id: string; op: string };
      checkType(type);
      checkId(id);
      if (op === '_history' && request.method === 'GET') {
        needRead(request);
        const entries = await repoFor(request).history(type, id);
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'history',
          total: entries.length,
          entry: entries.map((e) => ({
            fullUrl: `${baseUrl(request)}/${type}/${id}`,
            ...(e.resource ? { resource: e.resource } : {}),
            request: { method: e.deleted ? 'DELETE' : e.versionId === '1' ? 'POST' : 'PUT', url: `${type}/${id}` },
            response: { status: e.deleted ? '204' : '200', lastModified: e.lastUpdated, etag: `W/"${e.versionId}"` },
          })),
        };
        return send(reply, 200, bundle);
      }
      if (op.startsWith('$')) return runOperation(request, reply, op.slice(1), type, id);
      throw notFound(`Unknown path segment "${op.slice(0, 64)}"`);
    },
  });

  app.get(`${FHIR_BASE}/:type/:id/_history/:vid`, { preHandler }, async (request, reply) => {
    const { type, id, vid } = request.params as { type: string; id: string; vid: string };
    checkType(type);
    checkId(id);
    needRead(request);
    const subset = readSubset(request);
    const resource = await repoFor(request).vread(type, id, checkId(vid));
    return send(reply, 200, subset ? subsetResource(resource, subset) : resource);
  });
}

/**
 * FHIR R4 REST at /fhir/R4: read, vread, search, create, update, delete, history, transaction and
 * batch bundles, and `$operations` from the operation registry.
 * @see https://hl7.org/fhir/R4/http.html
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, BundleLink, Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import { badRequest, forbidden, isResourceType, isValidId, notFound } from '@galen/fhir';
import type { SearchParam, Store } from '@galen/store';
import { invokeOperation, type OperationRegistry, type Services } from '@galen/operations';
import { actorOf, canWrite, FHIR_READ_ROLES, requireRole } from './auth';
import { capabilityStatement } from './capability';

export const FHIR_BASE = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

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
  return reply.code(status).type(FHIR_JSON).send(resource);
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

export async function registerFhirRoutes(app: FastifyInstance, deps: FhirRouteDeps): Promise<void> {
  const { store, registry, services } = deps;
  const repoFor = (request: FastifyRequest) => store.forActor(actorOf(request));
  const needRead = (request: FastifyRequest) => requireRole(actorOf(request), FHIR_READ_ROLES, 'read FHIR resources');
  const needWrite = (request: FastifyRequest) => {
    if (!canWrite(actorOf(request)))
      throw forbidden(`Role ${actorOf(request).role} with these scopes may not write FHIR resources`);
  };

  app.get(`${FHIR_BASE}/metadata`, { config: { public: true } }, async (request, reply) =>
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
    if (isResource(result)) return send(reply, 200, result);
    const params: Parameters = {
      resourceType: 'Parameters',
      parameter: [{ name: 'return', valueString: JSON.stringify(result) }],
    };
    return send(reply, 200, params);
  }

  // System level: transaction / batch, and system $operations.
  app.post(FHIR_BASE, async (request, reply) => {
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
    return send(reply, 200, result);
  });

  app.route({
    method: ['GET', 'POST'],
    url: `${FHIR_BASE}/:type`,
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
      const created = await repoFor(request).create(resource);
      deps.onWrite?.([created], request);
      reply.header('Location', `${baseUrl(request)}/${type}/${created.id}/_history/${created.meta?.versionId}`);
      return send(reply, 201, created);
    },
  });

  app.post(`${FHIR_BASE}/:type/_search`, async (request, reply) => {
    const { type } = request.params as { type: string };
    checkType(type);
    needRead(request);
    const body = typeof request.body === 'string' ? request.body : '';
    const params = [...searchParamsOf(request.url), ...searchParamsOf(`?${body}`)];
    return searchRoute(request, reply, type, params);
  });

  async function searchRoute(request: FastifyRequest, reply: FastifyReply, type: string, params: SearchParam[]) {
    const result = await repoFor(request).search({ resourceType: type, params });
    const links: BundleLink[] = [pageLink(request, type, params, result.offset, 'self')];
    if (result.nextOffset !== undefined) links.push(pageLink(request, type, params, result.nextOffset, 'next'));
    if (result.prevOffset !== undefined) links.push(pageLink(request, type, params, result.prevOffset, 'previous'));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(result.total !== undefined ? { total: result.total } : {}),
      link: links,
      entry: [
        ...result.resources.map((r) => ({
          fullUrl: `${baseUrl(request)}/${r.resourceType}/${r.id}`,
          resource: r,
          search: { mode: 'match' as const },
        })),
        ...result.included.map((r) => ({
          fullUrl: `${baseUrl(request)}/${r.resourceType}/${r.id}`,
          resource: r,
          search: { mode: 'include' as const },
        })),
      ],
    };
    return send(reply, 200, bundle);
  }

  app.route({
    method: ['GET', 'PUT', 'DELETE', 'POST'],
    url: `${FHIR_BASE}/:type/:id`,
    handler: async (request, reply) => {
      const { type, id } = request.params as { type: string; id: string };
      checkType(type);
      if (id.startsWith('$')) return runOperation(request, reply, id.slice(1), type);
      checkId(id);
      if (request.method === 'GET') {
        needRead(request);
        return send(reply, 200, await repoFor(request).read(type, id));
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
      return send(reply, 200, updated);
    },
  });

  app.route({
    method: ['GET', 'POST'],
    url: `${FHIR_BASE}/:type/:id/:op`,
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

  app.get(`${FHIR_BASE}/:type/:id/_history/:vid`, async (request, reply) => {
    const { type, id, vid } = request.params as { type: string; id: string; vid: string };
    checkType(type);
    checkId(id);
    needRead(request);
    return send(reply, 200, await repoFor(request).vread(type, id, checkId(vid)));
  });
}

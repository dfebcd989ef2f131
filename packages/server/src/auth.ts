/**
 * Authentication and coarse authorisation for HTTP routes.
 * - Bearer API keys (created with `galen apikey create`), each with a role and optional patient scope.
 * - Session cookies for people (the web plugin supplies `authenticateSession`); writes that rely on
 *   the cookie must come from the server's own pages (`checkRequestOrigin`, web/origin.ts).
 * - On the CDS Hooks routes (`config: { credentials: 'cds-client' }`) a signed JWT from a trusted
 *   CDS client (`JwtVerifier`, cds-hooks/jwt.ts), or an API key; no session cookie.
 * Every route needs one of them except those marked `config: { public: true }`.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '@galen/fhir';
import type { Actor, ApiKeyInfo, Role, Store } from '@galen/store';
import { checkRequestOrigin, type OriginPolicy } from './web/origin';
import { JwtVerifier, type TrustedClient } from './cds-hooks/jwt';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    /**
     * The trusted CDS client whose JWT authenticated the request, and the (normalised) FHIR servers
     * it may name; absent for every other credential (an API key never makes Galen fetch elsewhere).
     */
    cdsClient?: { iss: string; fhirServers: readonly string[] };
  }
  interface FastifyContextConfig {
    /** No credentials needed (health, metadata, login, static app). */
    public?: boolean;
    /**
     * `cds-client`: a CDS Hooks route. Bearer only: a trusted CDS client's JWT (its `aud` must be
     * this route's URL) or an API key, which is verified against the store at most every
     * `KEY_CACHE_MS` (the hot path would otherwise query the store per call).
     */
    credentials?: 'cds-client';
  }
}

export type SessionAuthenticator = (request: FastifyRequest) => Promise<Actor | undefined>;

/** Roles allowed to write through FHIR REST (create, update, delete, transaction). */
export const FHIR_WRITE_ROLES: readonly Role[] = ['admin', 'clinician', 'service'];
/** Roles allowed to read through FHIR REST. */
export const FHIR_READ_ROLES: readonly Role[] = ['admin', 'clinician', 'reviewer', 'service'];

/** On `cds-client` routes a revoked API key stops working within this time. */
export const KEY_CACHE_MS = 30_000;
const KEY_CACHE_MAX = 1000;

export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/** Trusted CDS clients for the `cds-client` routes. */
export interface CdsClientAuthOptions {
  /** The clients (`GALEN_CDS_CLIENTS`, `config.cdsClients`), or a verifier built from them. */
  clients: readonly TrustedClient[] | JwtVerifier;
  /** Public base URL of this server for JWT `aud` checks (default: from the request's protocol and Host). */
  baseUrl?: string;
  /** Clock for `exp` / `iat` (tests). */
  now?: () => Date;
}

/** The actor of a verified API key (every surface builds it here, scopes included). */
export const keyActor = (key: ApiKeyInfo, request: FastifyRequest): Actor => ({
  id: `key:${key.id}`,
  role: key.role,
  patientId: key.patientId,
  scopes: key.scopes,
  requestId: request.id,
});

export function makeAuthHook(
  store: Store,
  sessions: () => SessionAuthenticator | undefined,
  origins: OriginPolicy = {},
  cds: CdsClientAuthOptions = { clients: [] },
) {
  const verifier = cds.clients instanceof JwtVerifier ? cds.clients : new JwtVerifier([...cds.clients]);
  const clock = cds.now ?? (() => new Date());
  /** sha256 of a key → what it verified to, and until when that holds (`cds-client` routes only). */
  const keyCache = new Map<string, { info: ApiKeyInfo; until: number }>();

  async function verifyKey(token: string, cached: boolean): Promise<ApiKeyInfo | undefined> {
    if (!cached) return store.keys.verify(token);
    const hash = createHash('sha256').update(token).digest('base64url');
    const hit = keyCache.get(hash);
    if (hit && hit.until > Date.now()) return hit.info;
    const info = await store.keys.verify(token);
    if (info) {
      keyCache.set(hash, { info, until: Date.now() + KEY_CACHE_MS });
      if (keyCache.size > KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    }
    return info;
  }

  /** A CDS client's JWT: `aud` must be the URL called (without its query). @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients */
  function verifyJwt(token: string, request: FastifyRequest): void {
    const base = cds.baseUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    const audience = `${base.replace(/\/$/, '')}${request.url.split('?')[0]}`;
    const claims = verifier.verify(token, audience, Math.floor(clock().getTime() / 1000));
    request.actor = { id: `cds-client:${claims.iss}`, role: 'service', requestId: request.id };
    request.cdsClient = { iss: claims.iss, fhirServers: verifier.fhirServersOf(claims.iss) };
  }

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Before the public-route exit: /auth/login and /auth/logout are public and need it most.
    checkRequestOrigin(request, origins);
    const config = request.routeOptions.config;
    if (config?.public) return;
    const cdsRoute = config?.credentials === 'cds-client';
    const token = bearerToken(request);
    if (token) {
      if (cdsRoute && token.split('.').length === 3) return verifyJwt(token, request);
      const key = await verifyKey(token, cdsRoute);
      if (!key) {
        reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw unauthorized('Invalid or revoked API key');
      }
      request.actor = keyActor(key, request);
      return;
    }
    if (cdsRoute) throw unauthorized('CDS Hooks requests need Authorization: Bearer <JWT> (or a Galen API key)');
    const session = sessions();
    const actor = session ? await session(request) : undefined;
    if (actor) {
      request.actor = { ...actor, requestId: request.id };
      return;
    }
    reply.header('WWW-Authenticate', 'Bearer');
    throw unauthorized('Authentication required: send an API key as "Authorization: Bearer <key>" or sign in');
  };
}

/** The authenticated actor of a request (routes behind the auth hook always have one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized('Authentication required');
  return request.actor;
}

export function requireRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role)) throw forbidden(`Role ${actor.role} may not ${what}`);
}

/** Read-only scopes (`patient/*.read`, `user/*.read`) forbid writes. */
export function canWrite(actor: Actor): boolean {
  if (!FHIR_WRITE_ROLES.includes(actor.role)) return false;
  if (actor.scopes?.length && !actor.scopes.some((s) => /\.(\*|write)$/.test(s))) return false;
  return true;
}

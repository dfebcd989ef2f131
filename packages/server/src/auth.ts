/**
 * Authentication and coarse authorisation for HTTP routes.
 * - Bearer API keys (created with `galen apikey create`), each with a role and optional patient scope.
 * - Session cookies for people (the web plugin supplies `authenticateSession`); writes that rely on
 *   the cookie must come from the server's own pages (`checkRequestOrigin`, web/origin.ts).
 * Every route needs one of them except those marked `config: { public: true }`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '@galen/fhir';
import type { Actor, Role, Store } from '@galen/store';
import { checkRequestOrigin, type OriginPolicy } from './web/origin';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** No credentials needed (health, metadata, login, static app). */
    public?: boolean;
  }
}

export type SessionAuthenticator = (request: FastifyRequest) => Promise<Actor | undefined>;

/** Roles allowed to write through FHIR REST (create, update, delete, transaction). */
export const FHIR_WRITE_ROLES: readonly Role[] = ['admin', 'clinician', 'service'];
/** Roles allowed to read through FHIR REST. */
export const FHIR_READ_ROLES: readonly Role[] = ['admin', 'clinician', 'reviewer', 'service'];

export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

export function makeAuthHook(store: Store, sessions: () => SessionAuthenticator | undefined, origins: OriginPolicy = {}) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Before the public-route exit: /auth/login and /auth/logout are public and need it most.
    checkRequestOrigin(request, origins);
    if (request.routeOptions.config?.public) return;
    const token = bearerToken(request);
    if (token) {
      const key = await store.keys.verify(token);
      if (!key) {
        reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw unauthorized('Invalid or revoked API key');
      }
      request.actor = {
        id: `key:${key.id}`,
        role: key.role,
        patientId: key.patientId,
        scopes: key.scopes,
        requestId: request.id,
      };
      return;
    }
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

/**
 * The web app's server side: static serving of `packages/web/dist` (SPA fallback), local user
 * accounts with scrypt-hashed passwords, and server-side sessions in an HTTP-only, SameSite=Strict
 * cookie (`galen_session`). The server's auth hook calls `authenticateSession` when a request has
 * no bearer key, so a signed-in person can use `/fhir/R4` and `/api` as well.
 *
 * Routes: `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`, `GET|POST /auth/users`,
 * `POST /auth/users/:username/disable` (admin), and `GET /*` for the app.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, toOutcomeError, tooManyRequests, unauthorized, badRequest } from '@galen/fhir';
import type { Services } from '@galen/operations';
import { isReadOnly, type Actor, type Role, type Store } from '@galen/store';
import { bearerToken, keyActor } from '../auth';
import { SESSION_COOKIE, readCookie } from './cookies';
import { PASSWORD_MAX_LENGTH } from './password-policy';
import { LoginLimiter } from './rate-limit';
import { loadStatic, isReservedPath } from './static';
import {
  actorOf,
  checkPassword,
  createSession,
  createUser,
  deleteSession,
  disableUser,
  listUsers,
  lookupSession,
} from './service';

export { createUser, ensureUser, listUsers, disableUser, hashPassword, verifyPassword } from './service';
export type { NewUserOptions, UserInfo } from './service';
export { webMigrations } from './migration';
export { checkNewPassword, passwordProblem, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './password-policy';
export { LoginLimiter } from './rate-limit';
export { SESSION_COOKIE, readCookie } from './cookies';
export { checkRequestOrigin, type OriginPolicy } from './origin';

/** These routes do their own authentication (the server's auth hook skips them). */
const PUBLIC = { config: { public: true } } as const;

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface WebPluginOptions {
  services: Services;
  /** Session lifetime; default GALEN_SESSION_HOURS or 12 h. */
  sessionTtlMs?: number;
  /** Sign-in back-off per account and per client address (see `LoginLimiter` for the defaults). */
  limiter?: LoginLimiter;
  /** Folder of the built app; default `config.webDir` or `packages/web/dist`. */
  webDir?: string;
}

function sessionCookie(value: string, opts: { maxAgeS: number; secure: boolean }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${opts.maxAgeS}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

let storeForSessions: Store | undefined;

/**
 * The actor of the request's session cookie. `undefined` when there is no cookie (try other
 * credentials); throws a 401 `OperationOutcomeError` with a clear message when the cookie names an
 * expired or unknown session. Needs `webPlugin` to have been registered (or pass `store`).
 */
export async function authenticateSession(request: FastifyRequest, store?: Store): Promise<Actor | undefined> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!token) return undefined;
  const s = store ?? storeForSessions;
  if (!s) return undefined;
  const found = await lookupSession(s, token);
  if (found.state === 'expired') throw unauthorized('Your session has expired. Please sign in again.');
  if (found.state === 'unknown') throw unauthorized('Your session is no longer valid. Please sign in again.');
  return { ...actorOf(found.session.user), requestId: request.id };
}

function sendError(reply: FastifyReply, err: unknown) {
  const e = toOutcomeError(err);
  if (e.status === 429 && (err as { retryAfterS?: number }).retryAfterS)
    void reply.header('Retry-After', String((err as { retryAfterS: number }).retryAfterS));
  return reply.code(e.status).type('application/fhir+json').send(e.outcome);
}

/** Session or bearer-key actor for this plugin's own admin routes. */
async function requireActor(request: FastifyRequest, store: Store): Promise<Actor> {
  const token = bearerToken(request);
  if (token) {
    const key = await store.keys.verify(token);
    if (!key) throw unauthorized('The API key is not valid');
    // The same actor the server's auth hook builds: the scopes must come along, or a read-only key
    // would get write powers here.
    return keyActor(key, request);
  }
  const actor = await authenticateSession(request, store);
  if (!actor) throw unauthorized('Sign in first');
  return actor;
}

/** Register the web app's routes. Call as `await app.register(webPlugin, { services })` or directly. */
export async function webPlugin(app: FastifyInstance, opts: WebPluginOptions): Promise<void> {
  const { services } = opts;
  const store = services.store;
  storeForSessions = store;
  const ttlMs = opts.sessionTtlMs ?? services.config.sessionHours * 3600_000;
  const limiter = opts.limiter ?? new LoginLimiter();
  const secure = services.config.secureCookies;
  const webDir = opts.webDir ?? services.config.webDir ?? DEFAULT_WEB_DIR;

  app.post('/auth/login', PUBLIC, async (request, reply) => {
    try {
      const body = (request.body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof body.username !== 'string' || typeof body.password !== 'string' || !body.username || !body.password)
        throw badRequest('Enter a username and a password');
      const attempt = { username: body.username, ip: request.ip };
      const wait = limiter.begin(attempt);
      if (wait > 0) {
        // The same answer whether or not the account exists.
        const s = Math.ceil(wait / 1000);
        const err = tooManyRequests(
          `Too many failed sign-in attempts. Try again in ${s < 120 ? `${s} second(s)` : `${Math.ceil(s / 60)} minute(s)`}.`,
        );
        Object.assign(err, { retryAfterS: s });
        throw err;
      }
      // A password longer than any that can be set is wrong; do not spend scrypt on megabytes.
      const user =
        body.password.length > 4 * PASSWORD_MAX_LENGTH ? undefined : await checkPassword(store, body.username, body.password);
      if (!user) {
        await store.audit.record({
          action: 'E',
          subtype: 'login',
          actor: { id: `user:${body.username.slice(0, 64)}`, role: 'clinician' },
          outcome: '4',
          outcomeDesc: '401',
        });
        throw unauthorized('Wrong username or password');
      }
      limiter.succeeded(attempt);
      const session = await createSession(store, user, ttlMs);
      await store.audit.record({ action: 'E', subtype: 'login', actor: actorOf(user), outcome: '0' });
      void reply.header('Set-Cookie', sessionCookie(session.token, { maxAgeS: Math.floor(ttlMs / 1000), secure }));
      return { username: user.username, role: user.role, expiresAt: session.expiresAt };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post('/auth/logout', PUBLIC, async (request, reply) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await deleteSession(store, token);
    void reply.header('Set-Cookie', sessionCookie('', { maxAgeS: 0, secure }));
    return { ok: true };
  });

  app.get('/auth/me', PUBLIC, async (request, reply) => {
    try {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (!token) throw unauthorized('Not signed in');
      const found = await lookupSession(store, token);
      if (found.state === 'expired') throw unauthorized('Your session has expired. Please sign in again.');
      if (found.state === 'unknown') throw unauthorized('Your session is no longer valid. Please sign in again.');
      const { user, expiresAt } = found.session;
      return { username: user.username, role: user.role, actorId: actorOf(user).id, expiresAt };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  const requireAdmin = async (request: FastifyRequest, access: 'read' | 'write') => {
    const actor = await requireActor(request, store);
    if (actor.role !== 'admin') throw forbidden('Only an admin may manage users');
    if (actor.patientId) throw forbidden('A patient-scoped key may not manage users');
    if (access === 'write' && isReadOnly(actor)) throw forbidden('This key is read-only: it may not change users');
    return actor;
  };

  app.get('/auth/users', PUBLIC, async (request, reply) => {
    try {
      await requireAdmin(request, 'read');
      return await listUsers(store);
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post('/auth/users', PUBLIC, async (request, reply) => {
    try {
      const actor = await requireAdmin(request, 'write');
      const body = (request.body ?? {}) as { username?: unknown; password?: unknown; role?: unknown };
      if (typeof body.username !== 'string' || typeof body.password !== 'string' || typeof body.role !== 'string')
        throw badRequest('username, password and role are required');
      const user = await createUser(store, { username: body.username, password: body.password, role: body.role as Role });
      await store.audit.record({ action: 'C', subtype: 'user-create', actor, entity: `User/${user.username}`, outcome: '0' });
      return reply.code(201).send(user);
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post<{ Params: { username: string } }>('/auth/users/:username/disable', PUBLIC, async (request, reply) => {
    try {
      const actor = await requireAdmin(request, 'write');
      const user = await disableUser(store, request.params.username);
      await store.audit.record({ action: 'U', subtype: 'user-disable', actor, entity: `User/${user.username}`, outcome: '0' });
      return user;
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.get('/*', PUBLIC, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const file = isReservedPath(path) ? undefined : await loadStatic(webDir, path);
    if (!file) {
      const missing = path === '/' || path === '/index.html';
      return reply
        .code(missing ? 503 : 404)
        .type('application/fhir+json')
        .send({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: missing ? 'transient' : 'not-found',
              details: {
                text: missing ? 'The web app has not been built: run `npm run build -w @galen/web`' : `No route or file ${path}`,
              },
            },
          ],
        });
    }
    void reply.header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file.type.startsWith('text/html')) {
      void reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'",
      );
      void reply.header('X-Content-Type-Options', 'nosniff');
    }
    return reply.type(file.type).send(file.body);
  });
}

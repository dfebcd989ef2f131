/**
 * The composition root: `createApp(config)` builds the store, services, operation registry and the
 * Fastify app (FHIR REST, operations API, CDS Hooks, web app); `app.close()` shuts everything down.
 * Nothing connects at import time.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Resource } from '@medplum/fhirtypes';
import { OperationOutcomeError, decodeUtf8Strict, outcome, parseJsonStrict, unsupportedMediaType } from '@galen/fhir';
import { openStore, type Store } from '@galen/store';
import { createRegistry, type GalenConfig, type Operation, type OperationRegistry } from '@galen/operations';
import { createLogger } from './logger';
import { ServiceContainer, type ServiceFactories } from './services';
import { makeAuthHook, type SessionAuthenticator } from './auth';
import { outcomeErrorHandler } from './errors';
import { registerFhirRoutes } from './fhir-routes';
import { registerApiRoutes } from './api-routes';
import { serviceFactories, wireCapabilities } from './wiring';
import { galenMigrations } from './migrations';

export interface CreateAppOptions {
  /** Use this store instead of opening one from the config (tests). The app will not close it. */
  store?: Store;
  /** Extra operations (tests, plug-ins). */
  operations?: Operation[];
  /** Extra or replacement services. */
  services?: ServiceFactories;
  /** Logger level override. */
  logLevel?: string;
}

export interface GalenApp {
  readonly fastify: FastifyInstance;
  readonly store: Store;
  readonly services: ServiceContainer;
  readonly registry: OperationRegistry;
  readonly config: GalenConfig;
  /** Start listening; resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createApp(config: GalenConfig, options: CreateAppOptions = {}): Promise<GalenApp> {
  const log = createLogger(options.logLevel ?? config.logLevel);
  const ownStore = !options.store;
  const store =
    options.store ??
    (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, jobs: true, migrations: galenMigrations }));
  const services = new ServiceContainer(store, config, log, { ...serviceFactories(config), ...options.services });
  const registry = createRegistry(options.operations ?? []);

  const fastify: FastifyInstance = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: false,
    return503OnClosing: true,
    forceCloseConnections: true,
  });

  // JSON and FHIR JSON bodies, read as bytes and parsed strictly (`parseJsonStrict`): invalid UTF-8
  // is refused rather than repaired, nesting is bounded (MAX_JSON_DEPTH) before anything recurses
  // over it, a leading BOM is accepted. Everything else is refused with a 415 OperationOutcome.
  fastify.removeAllContentTypeParsers();
  const parseJson = (_req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, parseJsonStrict(body));
    } catch (err) {
      done(err as Error);
    }
  };
  fastify.addContentTypeParser(['application/json', 'application/fhir+json'], { parseAs: 'buffer' }, parseJson);
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, decodeUtf8Strict(body));
    } catch (err) {
      done(err as Error);
    }
  });
  fastify.addContentTypeParser('*', (_req, _payload, done) =>
    done(unsupportedMediaType('Send JSON: Content-Type application/fhir+json or application/json')),
  );

  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  fastify.setNotFoundHandler((request, reply) => {
    const err = new OperationOutcomeError(
      outcome('not-found', `No route for ${request.method} ${request.url.split('?')[0]!.slice(0, 100)}`, { status: 404 }),
    );
    reply.code(404).type('application/fhir+json; charset=utf-8').send(err.outcome);
  });

  fastify.setErrorHandler(outcomeErrorHandler({ bodyLimit: config.bodyLimit }));

  const capabilities = await wireCapabilities({ fastify, store, services, registry, config, log });

  fastify.addHook(
    'onRequest',
    makeAuthHook(
      store,
      () => capabilities.sessions as SessionAuthenticator | undefined,
      { allowedOrigins: config.allowedOrigins, https: config.secureCookies },
      { clients: config.cdsClients },
    ),
  );

  // The process answers and the store works. While a long transaction (a big import) holds PGlite's
  // one connection, its recent statements are that proof (`busy`): no queueing behind it. A store
  // that fails or does not answer within HEALTHZ_TIMEOUT_MS is a 503.
  const HEALTHZ_TIMEOUT_MS = 5000;
  fastify.get('/healthz', { config: { public: true } }, async () => {
    const unavailable = (why: string, cause?: unknown) =>
      new OperationOutcomeError(outcome('transient', why, { status: 503 }), { cause });
    let timer: NodeJS.Timeout | undefined;
    try {
      const check: ReturnType<NonNullable<Store['sql']['health']>> = store.sql.health
        ? store.sql.health()
        : store.sql.query('select 1').then(() => ({}));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(unavailable(`The store did not answer within ${HEALTHZ_TIMEOUT_MS} ms`)),
          HEALTHZ_TIMEOUT_MS,
        );
      });
      const h = await Promise.race([check, timeout]);
      return { status: 'ok', store: store.kind, ...(h.busy ? { busy: h.busy } : {}) };
    } catch (err) {
      throw err instanceof OperationOutcomeError ? err : unavailable('The store is not working', err);
    } finally {
      clearTimeout(timer);
    }
  });

  await registerFhirRoutes(fastify, {
    store,
    registry,
    services,
    onWrite: (resources: Resource[], request) => capabilities.onWrite?.(resources, request),
  });
  await registerApiRoutes(fastify, { store, registry, services });
  await capabilities.registerRoutes();

  let closed = false;
  return {
    fastify,
    store,
    services,
    registry,
    config,
    async listen(port = config.port, host = config.host) {
      await fastify.listen({ port, host });
      const addr = fastify.server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await fastify.close();
      await capabilities.close?.();
      if (ownStore) await store.close();
    },
  };
}

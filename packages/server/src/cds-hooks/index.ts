/**
 * CDS Hooks 2.0 service as a Fastify plugin: discovery, `patient-view` (early warning and sepsis
 * risk), `order-select` / `order-sign` (medication safety), feedback. The plugin parses, routes and
 * runs the scoring workers; what a hook means is `@galen/cds`'s (`parseHookRequest`,
 * `patientViewFromPrefetch`, `checkOrderHook`, `parseFeedbackBody`), what it records is
 * `@galen/operations/cds/service`'s (`cdsHooksService`), who called is the server's auth hook's
 * (`makeAuthHook`: a trusted client's JWT or an API key, `config: { credentials: 'cds-client' }`),
 * and errors are the server's one handler's (`outcomeErrorHandler`).
 * Register at the server root: `await app.register(cdsHooksPlugin, { services })`.
 *
 * Trust at the boundary:
 * - Only a trusted client (JWT) may name a `fhirServer`, and only one its configuration lists
 *   (`GALEN_CDS_CLIENTS` `fhirServers`); Galen then sends that server the client's
 *   `fhirAuthorization` token and nothing else. API-key callers are answered from Galen's store,
 *   through their own scoped repository.
 * - What Galen computes from data a caller supplied (prefetch) or from a remote server is returned
 *   as cards and never written to the chart; only results computed wholly from Galen's own store
 *   are persisted (see `cdsHooksService`).
 * - A patient-scoped key asking about another patient gets the answer for a patient that does not exist.
 *
 * Why the hooks are not registry operations (`invokeOperation`): `patient-view` is scored in a
 * worker thread from the raw body (the HTTP thread never parses the prefetch, p99 < 50 ms at
 * 500 req/s), and a registry call adds a zod parse of the body on this thread and an audit row
 * of its own beside the call's `cds-hooks` row; the hooks' I/O (a client's FHIR server, its token)
 * is the surface's. Each hook outcome is one service function instead, built once below.
 * @see https://cds-hooks.hl7.org/2.0/
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, notFound, OperationOutcomeError, statusOf, toOutcomeError } from '@galen/fhir';
import type { Actor } from '@galen/store';
import {
  authorizeHookRequest,
  cdsServiceById,
  CDS_SERVICES,
  checkOrderHook,
  parseFeedbackBody,
  parseHookRequest,
  parseJsonBody,
  patientViewFromPrefetch,
  scorePatientContext,
  toPatientViewReply,
  type CallerScope,
  type Card,
  type PatientViewReply,
  type ServiceDef,
} from '@galen/cds';
import type { OperationRegistry, Services } from '@galen/operations';
import { cdsHooksService, sepsisModel } from '@galen/operations/cds/service';
import { actorOf, makeAuthHook } from '../auth';
import { outcomeErrorHandler } from '../errors';
import type { TrustedClient } from './jwt';
import { gatherPrefetch } from './prefetch';
import { ScorePool, ScorePoolError } from './score-pool';

export { CDS_SERVICES, fillTemplate, parseHookRequest, type ServiceDef } from '@galen/cds';

export interface CdsHooksOptions {
  services: Services;
  registry?: OperationRegistry;
  /**
   * `server`: registered by `createApp`, behind the server's auth hook and error handler. Default
   * `standalone` (tests, the load bench, another Fastify app): the plugin installs those same two
   * in its own scope, with `clients`, `baseUrl` and `now` below.
   */
  mount?: 'server' | 'standalone';
  /** Standalone only: trusted clients; default `config.cdsClients` (`GALEN_CDS_CLIENTS`). */
  clients?: TrustedClient[];
  /** Standalone only: public base URL of this server for JWT `aud` checks (default: from the request's Host). */
  baseUrl?: string;
  /**
   * Persist results (RiskAssessment / DetectedIssue with Provenance) that Galen computed wholly from
   * its own store (never those from a caller's prefetch or a remote FHIR server). Default true.
   */
  persist?: boolean;
  /**
   * The actor Galen writes those results as (the caller is recorded in their Provenance and in the
   * audit). Default `{ id: 'system:galen', role: 'service' }`, the server's `SYSTEM_ACTOR`, which also rescores on arrival.
   */
  systemActor?: Actor;
  /** Clock (tests). */
  now?: () => Date;
  /**
   * Worker threads that parse and score `patient-view` requests beside the HTTP thread (0: score on
   * the HTTP thread). Default `GALEN_CDS_THREADS`, else one fewer than the cores (at least 1, at most 4).
   */
  scoreThreads?: number;
}

/** Who Galen writes its own results as, unless told otherwise (the id of the server's `SYSTEM_ACTOR`). */
const DEFAULT_SYSTEM_ACTOR: Actor = { id: 'system:galen', role: 'service' };

/** Who called (the auth hook's actor) and what it may ask (`authorizeHookRequest`). */
interface Caller {
  actor: Actor;
  scope: CallerScope;
}

/** The hook routes: a CDS client's credentials; errors as `application/json`, like the replies. */
const HOOK_ROUTE = { config: { credentials: 'cds-client', outcomeType: 'application/json' } } as const;

export async function cdsHooksPlugin(app: FastifyInstance, opts: CdsHooksOptions): Promise<void> {
  const { services } = opts;
  const clock = opts.now ?? (() => new Date());
  const hooks = cdsHooksService({
    store: services.store,
    log: services.log,
    systemActor: opts.systemActor ?? DEFAULT_SYSTEM_ACTOR,
    persist: opts.persist !== false,
  });

  if (opts.mount !== 'server') {
    app.addHook(
      'onRequest',
      makeAuthHook(
        services.store,
        () => undefined,
        {},
        {
          clients: opts.clients ?? services.config.cdsClients,
          ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
          now: clock,
        },
      ),
    );
    app.setErrorHandler(outcomeErrorHandler({ bodyLimit: app.initialConfig.bodyLimit ?? services.config.bodyLimit }));
  }

  // Bodies stay unparsed text here (this plugin's routes only): a patient-view body goes to a scoring
  // worker as is, so the HTTP thread never parses the prefetch. Handlers parse with `parseJsonBody`.
  // Text, not bytes: Fastify decodes a one-chunk body without copying it, and a string crosses to the
  // worker without an ArrayBuffer on either side. ArrayBuffers are external memory to V8, and their
  // churn (tens of MB/s at hundreds of calls a second) is what drives this thread's major collections.
  const JSON_TYPES = ['application/json', 'application/fhir+json'];
  for (const t of JSON_TYPES) if (app.hasContentTypeParser(t)) app.removeContentTypeParser(t);
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const threads = opts.scoreThreads ?? services.config.cdsThreads ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  const pool =
    Number.isInteger(threads) && threads > 0
      ? new ScorePool(threads, (why) => services.log.warn({ why }, 'cds-hooks scoring worker replaced'))
      : undefined;
  // Start serving once a worker is up (a worker boots in about a second); calls that still find
  // none ready are scored on this thread.
  app.addHook('onReady', async () => {
    if (pool) await Promise.race([pool.ready, new Promise((r) => setTimeout(r, 30_000).unref())]);
  });
  app.addHook('onClose', async () => {
    await pool?.close();
  });

  /** The service called, and who called it (a reviewer may not). */
  function route(req: FastifyRequest<{ Params: { id: string } }>): { def: ServiceDef; caller: Caller } {
    const def = cdsServiceById(req.params.id);
    if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
    const actor = actorOf(req);
    if (actor.role === 'reviewer') throw forbidden('Role reviewer may not call CDS services');
    // Only a trusted client's JWT brings FHIR servers: an API key never makes Galen fetch from elsewhere.
    const scope: CallerScope = req.cdsClient
      ? { fhirServers: req.cdsClient.fhirServers }
      : actor.patientId !== undefined
        ? { limitedToPatient: actor.patientId }
        : {};
    return { def, caller: { actor, scope } };
  }

  app.get('/cds-services', { config: { public: true } }, async () => ({
    services: CDS_SERVICES.map(({ hook, id, title, description, prefetch }) => ({ hook, id, title, description, prefetch })),
  }));

  /** `patient-view` in a scoring worker when the prefetch has everything; undefined: do it here. */
  async function scoreInPool(
    def: ServiceDef,
    body: unknown,
    scope: CallerScope,
    now: string,
  ): Promise<PatientViewReply | 'fetch' | undefined> {
    if (!pool?.available || typeof body !== 'string') return undefined;
    let r;
    try {
      r = await pool.run({ serviceId: def.id, body, now, ...scope });
    } catch (err) {
      if (err instanceof ScorePoolError) return undefined;
      throw err;
    }
    if ('outcome' in r) throw new OperationOutcomeError(r.outcome);
    if ('message' in r) throw new Error(r.message);
    return r.reply ?? 'fetch';
  }

  /**
   * patient-view: the response body (serialised), the patient and how many results were persisted.
   * A complete prefetch (worker or not) is the caller's data: cards only. Otherwise what is missing
   * is gathered, and an assessment computed wholly from Galen's store is persisted by the service.
   */
  async function patientView(
    def: ServiceDef,
    rawBody: unknown,
    { actor, scope }: Caller,
    now: string,
  ): Promise<{ patientId: string; body: string; persisted: number }> {
    const pooled = await scoreInPool(def, rawBody, scope, now);
    let reply: PatientViewReply;
    if (pooled && pooled !== 'fetch') reply = pooled;
    else {
      const model = sepsisModel(services.log) ?? undefined;
      const body = parseJsonBody(rawBody);
      // The same function the workers run, when the prefetch has everything; else fetch what is missing.
      const fromPrefetch = pooled ? undefined : patientViewFromPrefetch(body, def, { now, model, ...scope });
      if (fromPrefetch) reply = toPatientViewReply(fromPrefetch, randomUUID, () => false);
      else {
        const hr = parseHookRequest(body, def);
        const { patientId, fhirServer } = authorizeHookRequest(hr, scope);
        const g = await gatherPrefetch(def, hr, fhirServer, (q) => hooks.readPrefetch(actor, q), services.log);
        reply = toPatientViewReply({ patientId, ...scorePatientContext(g.ctx, now, model) }, randomUUID, (pid, signature) =>
          hooks.wantsAssessment(pid, signature, g.fromStore),
        );
      }
    }
    const persisted = await hooks.recordPatientView(actor, def, reply);
    return { patientId: reply.patientId, body: reply.body, persisted };
  }

  /** order-select / order-sign: medication safety of the draft orders against the patient's chart. */
  async function medicationSafety(
    def: ServiceDef,
    rawBody: unknown,
    { actor, scope }: Caller,
    now: string,
  ): Promise<{ patientId: string; cards: Card[]; persisted: number }> {
    const hr = parseHookRequest(parseJsonBody(rawBody), def);
    const { patientId, fhirServer } = authorizeHookRequest(hr, scope);
    const { ctx, fromStore } = await gatherPrefetch(def, hr, fhirServer, (q) => hooks.readPrefetch(actor, q), services.log);
    const checked = checkOrderHook(def, hr, ctx, now);
    return { patientId, ...(await hooks.recordOrderHook(actor, def, patientId, checked, now, fromStore)) };
  }

  app.post<{ Params: { id: string } }>(
    '/cds-services/:id',
    HOOK_ROUTE,
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { def, caller } = route(req);
      const { actor } = caller;
      const now = clock().toISOString();
      try {
        if (def.hook === 'patient-view') {
          // The body comes serialised (from a scoring worker, usually): sent as is.
          const { patientId, body, persisted } = await patientView(def, req.body, caller, now);
          hooks.auditCall(actor, def, patientId, 200, persisted);
          return reply.type('application/json; charset=utf-8').send(body);
        }
        const { patientId, cards, persisted } = await medicationSafety(def, req.body, caller, now);
        hooks.auditCall(actor, def, patientId, 200, persisted);
        return reply.send({ cards });
      } catch (err) {
        hooks.auditCall(actor, def, actor.patientId, statusOf(toOutcomeError(err).outcome));
        throw err;
      }
    },
  );

  /** Feedback on issued cards (`CdsHooksService.recordHookFeedback`). @see https://cds-hooks.hl7.org/2.0/#feedback */
  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', HOOK_ROUTE, async (req, reply) => {
    const { def, caller } = route(req);
    const stored = await hooks.recordHookFeedback(caller.actor, def, parseFeedbackBody(parseJsonBody(req.body)));
    return reply.send({ stored });
  });
}

export default cdsHooksPlugin;

/**
 * CDS Hooks 2.0 service as a Fastify plugin: discovery, `patient-view` (early warning and sepsis
 * risk), `order-select` / `order-sign` (medication safety), feedback. Clients authenticate with a
 * signed JWT (ES384/RS384) from a trusted issuer, or a Galen API key for local use.
 * Register at the server root: `await app.register(cdsHooksPlugin, { services })`.
 *
 * Trust at the boundary:
 * - Only a trusted client (JWT) may name a `fhirServer`, and only one its configuration lists
 *   (`GALEN_CDS_CLIENTS` `fhirServers`); Galen then sends that server the client's
 *   `fhirAuthorization` token and nothing else. API-key callers are answered from Galen's store,
 *   through their own scoped repository.
 * - What Galen computes from data a caller supplied (prefetch) or from a remote server is returned
 *   as cards and never written to the chart; only results computed wholly from Galen's own store
 *   are persisted (see `patientView`, `medicationSafety`).
 * - A patient-scoped key asking about another patient gets the answer for a patient that does not exist.
 * @see https://cds-hooks.hl7.org/2.0/
 */
import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, MedicationRequest } from '@galen/fhir';
import {
  badRequest,
  forbidden,
  notFound,
  outcome,
  OperationOutcomeError,
  statusOf,
  toOutcomeError,
  unauthorized,
} from '@galen/fhir';
import { isReadOnly, type Actor, type ApiKeyInfo, type AuditRecord, type FhirRepository } from '@galen/store';
import { checkMedications, medicationCards, stateOf, type Card, type CdsFeedback, type PatientContext } from '@galen/cds';
import type { Logger, OperationRegistry, Services } from '@galen/operations';
import { persistAssessment, persistIssues, recordFeedback, sepsisModel } from '@galen/operations/cds/service';
import { JwtVerifier, type TrustedClient } from './jwt';
import {
  authorizeHookRequest,
  CDS_SERVICES,
  contextOf,
  parseHookRequest,
  parseJsonBody,
  patientNotFound,
  patientViewFromPrefetch,
  resourcesOf,
  scorePatientContext,
  toPatientViewReply,
  type CallerScope,
  type HookRequest,
  type PatientViewReply,
  type ServiceDef,
} from './hook-request';
import { ScorePool, ScorePoolError } from './score-pool';

export { CDS_SERVICES, parseHookRequest, type ServiceDef } from './hook-request';

export interface CdsHooksOptions {
  services: Services;
  registry?: OperationRegistry;
  /** Trusted clients; default from `GALEN_CDS_CLIENTS` (JSON array or a file path). */
  clients?: TrustedClient[];
  /** Public base URL of this server for JWT `aud` checks (default: from the request's Host). */
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

/** A revoked API key stops working for CDS Hooks within this time. */
const KEY_CACHE_MS = 30_000;
/** Audit rows of calls wait at most this long to be written together. */
const AUDIT_LINGER_MS = 50;
const AUDIT_MAX_BATCH = 500;

/** Fill `{{context.x}}` tokens in a prefetch template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*context\.([A-Za-z]+)\s*\}\}/g, (_, k: string) => encodeURIComponent(String(context[k] ?? '')));
}

/** The one answer for any failure to read from a client's FHIR server. */
const remoteFailed = () =>
  new OperationOutcomeError(outcome('transient', 'The FHIR server named in fhirServer could not be read', { status: 502 }));

/**
 * Fetch one prefetch query from a configured FHIR server (`base`, already checked by
 * `authorizeHookRequest`) with the client's `fhirAuthorization` token, and only that: the spec has
 * the service use the token only against the `fhirServer` it came with. No redirects are followed
 * (they would take the token elsewhere). Every failure (refused connection, timeout, DNS, an error
 * status, a body that is not JSON) is the same 502 without the address, so answers cannot be used
 * to probe the network; the log keeps the host and the reason.
 * @see https://cds-hooks.hl7.org/2.0/#passing-the-access-token-to-the-cds-service
 */
/** The largest prefetch answer Galen reads from a CDS client's FHIR server. */
const MAX_REMOTE_BYTES = 32 * 1024 * 1024;

/** A response body as text, refused past `max` bytes (a FHIR server of a client is still another host). */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) throw new Error('too large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    size += r.value.byteLength;
    if (size > max) {
      await reader!.cancel();
      throw new Error('too large');
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function fetchRemote(base: string, auth: HookRequest['fhirAuthorization'], query: string, log: Logger): Promise<unknown> {
  const url = new URL(`${base}/${query}`);
  // A FHIR id may be `..`: the resolved URL must still be under the configured base.
  if (`${url.protocol}//${url.host}${url.pathname}`.indexOf(`${base}/`) !== 0)
    throw badRequest('context.patientId does not make a URL under fhirServer', 'context.patientId');
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (auth) headers.authorization = `${auth.token_type} ${auth.access_token}`;
  let status: number | undefined;
  try {
    const res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    status = res.status;
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw new Error(`status ${res.status}`);
    return JSON.parse(await readCapped(res, MAX_REMOTE_BYTES)) as unknown;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    log.warn({ host: url.host, status, why: e.cause?.code ?? e.name }, 'cds-hooks fhirServer read failed');
    throw remoteFailed();
  }
}

/** Run a prefetch query against Galen's own store. */
async function fetchLocal(repo: FhirRepository, query: string): Promise<unknown> {
  const [path, qs = ''] = query.split('?');
  const [type, id] = (path ?? '').split('/');
  if (!type) return null;
  if (id) {
    try {
      return await repo.read(type, id);
    } catch (err) {
      if (err instanceof OperationOutcomeError && err.status === 404) return null;
      throw err;
    }
  }
  const params = [...new URLSearchParams(qs)].filter(([n]) => n !== 'status').map(([name, value]) => ({ name, value }));
  const res = await repo.search({ resourceType: type, params });
  return { resourceType: 'Bundle', type: 'searchset', entry: res.resources.map((resource) => ({ resource })) };
}

/** Who called: the actor (its store access) and what it may ask (`authorizeHookRequest`). */
interface Caller {
  actor: Actor;
  scope: CallerScope;
}

export async function cdsHooksPlugin(app: FastifyInstance, opts: CdsHooksOptions): Promise<void> {
  const { services } = opts;
  const clock = opts.now ?? (() => new Date());
  const persist = opts.persist !== false;
  const systemActor = opts.systemActor ?? DEFAULT_SYSTEM_ACTOR;
  const verifier = new JwtVerifier(opts.clients ?? services.config.cdsClients);
  const byId = new Map(CDS_SERVICES.map((s) => [s.id, s]));
  /** Card uuid → what it was about (for feedback), bounded. */
  const cardsIssued = new Map<string, { serviceId: string; patientId: string; about: string[] }>();
  /** Verified API keys for a short while (the hot path would otherwise query the store per call). */
  const keyCache = new Map<string, { info: ApiKeyInfo; until: number }>();
  /** Last persisted assessment per patient (skip identical re-persists on repeated views). */
  const lastPersisted = new Map<string, string>();

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

  app.setErrorHandler((err, _req, reply) => {
    const e =
      (err as { validation?: unknown; statusCode?: number }).statusCode === 400 && !(err instanceof OperationOutcomeError)
        ? badRequest((err as Error).message)
        : toOutcomeError(err);
    if (e.status >= 500) services.log.error({ err: (err as Error)?.message }, 'cds-hooks error');
    void reply.status(e.status).type('application/json').send(e.outcome);
  });

  async function authenticate(req: FastifyRequest): Promise<Caller> {
    const h = req.headers.authorization;
    const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
    if (!m) throw unauthorized('CDS Hooks requests need Authorization: Bearer <JWT> (or a Galen API key)');
    const token = m[1]!;
    if (token.split('.').length === 3) {
      const base = opts.baseUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const claims = verifier.verify(
        token,
        `${base.replace(/\/$/, '')}${req.url.split('?')[0]}`,
        Math.floor(clock().getTime() / 1000),
      );
      return {
        actor: { id: `cds-client:${claims.iss}`, role: 'service', requestId: req.id },
        scope: { fhirServers: verifier.fhirServersOf(claims.iss) },
      };
    }
    const hash = createHash('sha256').update(token).digest('base64url');
    const hit = keyCache.get(hash);
    let key = hit && hit.until > Date.now() ? hit.info : undefined;
    if (!key) {
      key = await services.store.keys.verify(token);
      if (!key) throw unauthorized('Invalid or revoked API key');
      keyCache.set(hash, { info: key, until: Date.now() + KEY_CACHE_MS });
      if (keyCache.size > 1000) keyCache.delete(keyCache.keys().next().value!);
    }
    if (key.role === 'reviewer') throw forbidden('Role reviewer may not call CDS services');
    return {
      actor: { id: `key:${key.id}`, role: key.role, patientId: key.patientId, scopes: key.scopes, requestId: req.id },
      // No `fhirServers`: an API key never makes Galen fetch from elsewhere.
      scope: key.patientId !== undefined ? { limitedToPatient: key.patientId } : {},
    };
  }

  /**
   * Galen's own repository for results it computed wholly from its store, stamped with the caller's
   * request id so the writes' audit rows sit beside the call's.
   */
  function systemRepo(caller: Actor): FhirRepository {
    return services.store.forActor({ ...systemActor, ...(caller.requestId ? { requestId: caller.requestId } : {}) });
  }

  app.get('/cds-services', { config: { public: true } }, async () => ({
    services: CDS_SERVICES.map(({ hook, id, title, description, prefetch }) => ({ hook, id, title, description, prefetch })),
  }));

  /**
   * Prefetch values, filling gaps from the client's configured FHIR server (with its token) or, when
   * none is named, from Galen's store through the caller's scoped repository. `fromStore`: every
   * value was read here from Galen's store (none supplied by the caller, no remote server), so the
   * result is Galen's own and may be persisted.
   */
  async function gather(
    def: ServiceDef,
    hr: HookRequest,
    fhirServer: string | undefined,
    repo: FhirRepository,
  ): Promise<{ ctx: PatientContext; fromStore: boolean }> {
    const out: Record<string, unknown> = {};
    let supplied = false;
    let found = false;
    for (const [key, template] of Object.entries(def.prefetch)) {
      if (hr.prefetch && key in hr.prefetch) {
        out[key] = hr.prefetch[key];
        supplied = true;
        continue;
      }
      const q = fillTemplate(template, hr.context);
      if (fhirServer) out[key] = await fetchRemote(fhirServer, hr.fhirAuthorization, q, services.log);
      else {
        out[key] = await fetchLocal(repo, q);
        if (key === 'patient' && out[key]) found = true;
      }
    }
    // Nothing from the caller and not in Galen's store.
    if (!found && !fhirServer && !hr.prefetch?.patient) throw patientNotFound(String(hr.context.patientId));
    return { ctx: contextOf(out, String(hr.context.patientId)), fromStore: found && !supplied && !fhirServer };
  }

  /** Remember what an issued card was about (for feedback). */
  function noteCard(uuid: string, serviceId: string, patientId: string, about: string[]): void {
    cardsIssued.set(uuid, { serviceId, patientId, about });
    if (cardsIssued.size > 10_000) cardsIssued.delete(cardsIssued.keys().next().value!);
  }

  function issue(cards: Card[], serviceId: string, patientId: string, about: string[]): Card[] {
    for (const c of cards) noteCard((c.uuid = randomUUID()), serviceId, patientId, about);
    return cards;
  }

  // Every call is audited. Rows (stamped with the call's time) are queued for up to AUDIT_LINGER_MS
  // and handed to the audit log together, so they are written and hash-chained in one statement
  // instead of one transaction each; the response does not wait for them. Closing the app writes
  // what is queued (Fastify closes before the store does).
  const auditQueue: AuditRecord[] = [];
  let auditTimer: ReturnType<typeof setTimeout> | undefined;
  function flushAudit(): Promise<void> {
    if (auditTimer) clearTimeout(auditTimer);
    auditTimer = undefined;
    const batch = auditQueue.splice(0);
    return Promise.all(batch.map((e) => services.store.audit.record(e))).then(
      () => undefined,
      (err: unknown) => services.log.error({ err: (err as Error).message, rows: batch.length }, 'cds-hooks audit failed'),
    );
  }
  /** `persisted`: how many results Galen wrote as itself for this call (the caller is the row's actor). */
  function audit(actor: Actor, def: ServiceDef, patientId: string | undefined, status: number, persisted = 0): void {
    auditQueue.push({
      recorded: new Date().toISOString(),
      action: 'E',
      subtype: 'cds-hooks',
      operation: def.id,
      actor,
      ...(patientId ? { patientId } : {}),
      outcome: status < 400 ? '0' : status < 500 ? '4' : '8',
      ...(status >= 400 ? { outcomeDesc: String(status) } : {}),
      ...(persisted ? { detail: { persisted, persistedAs: systemActor.id } } : {}),
    });
    if (auditQueue.length >= AUDIT_MAX_BATCH) void flushAudit();
    else auditTimer ??= setTimeout(() => void flushAudit(), AUDIT_LINGER_MS);
  }
  app.addHook('onClose', async () => {
    await flushAudit();
  });

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
   * A complete prefetch (worker or not) is the caller's data: cards only. Otherwise what is missing is
   * gathered; when everything came from Galen's store the assessment is persisted, by Galen as
   * `systemActor` whatever the caller may write. Why: it is the same assessment Galen records by
   * itself when observations arrive (on-arrival rescoring), computed only from the chart, so
   * whether it is recorded must not depend on who looked; and a read-only or patient-scoped key
   * (which may not write Provenance) must still get its scores. The caller is recorded as a
   * Provenance agent and as the actor of the call's audit row, whose request id the writes share.
   */
  async function patientView(
    def: ServiceDef,
    rawBody: unknown,
    { actor, scope }: Caller,
    now: string,
  ): Promise<{ patientId: string; body: string; persisted: number }> {
    const pooled = await scoreInPool(def, rawBody, scope, now);
    if (pooled && pooled !== 'fetch') {
      for (const uuid of pooled.uuids) noteCard(uuid, def.id, pooled.patientId, []);
      return { patientId: pooled.patientId, body: pooled.body, persisted: 0 };
    }
    const model = sepsisModel(services.log) ?? undefined;
    const body = parseJsonBody(rawBody);
    // The same function the workers run, when the prefetch has everything; else fetch what is missing.
    const fromPrefetch = pooled ? undefined : patientViewFromPrefetch(body, def, { now, model, ...scope });
    let reply: PatientViewReply;
    if (fromPrefetch) reply = toPatientViewReply(fromPrefetch, randomUUID, () => false);
    else {
      const hr = parseHookRequest(body, def);
      const { patientId, fhirServer } = authorizeHookRequest(hr, scope);
      const g = await gather(def, hr, fhirServer, services.store.forActor(actor));
      reply = toPatientViewReply(
        { patientId, ...scorePatientContext(g.ctx, now, model) },
        randomUUID,
        (pid, signature) => persist && g.fromStore && lastPersisted.get(pid) !== signature,
      );
    }
    const { patientId, signature, assessment } = reply;
    let about: string[] = [];
    if (assessment) {
      about = (await persistAssessment(systemRepo(actor), patientId, assessment, { requestedBy: actor.id })).map(
        (r) => r.reference!,
      );
      lastPersisted.delete(patientId);
      lastPersisted.set(patientId, signature);
      if (lastPersisted.size > 50_000) lastPersisted.delete(lastPersisted.keys().next().value!);
    }
    for (const uuid of reply.uuids) noteCard(uuid, def.id, patientId, about);
    return { patientId, body: reply.body, persisted: about.length };
  }

  /**
   * order-select / order-sign: medication safety of the draft orders against the patient's chart.
   * DetectedIssues (order-sign) are persisted only when the chart came wholly from Galen's store, as
   * for patient-view, and only for a caller that may write: the draft orders they are about are the
   * caller's own data, so recording them is the caller's act, which a read-only key may not do. They
   * are written by Galen as `systemActor` (with the caller in Provenance), as a patient-scoped key
   * may write its patient's resources but not the Provenance beside them.
   */
  async function medicationSafety(
    def: ServiceDef,
    rawBody: unknown,
    { actor, scope }: Caller,
    now: string,
  ): Promise<{ patientId: string; cards: Card[]; persisted: number }> {
    const hr = parseHookRequest(parseJsonBody(rawBody), def);
    const { patientId, fhirServer } = authorizeHookRequest(hr, scope);
    const { ctx, fromStore } = await gather(def, hr, fhirServer, services.store.forActor(actor));
    const bundle = hr.context.draftOrders as Bundle;
    const selections = Array.isArray(hr.context.selections) ? (hr.context.selections as string[]) : undefined;
    let drafts = resourcesOf(bundle).filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
    if (def.hook === 'order-select' && selections?.length)
      drafts = drafts.filter((d) => selections.includes(`MedicationRequest/${d.id}`));
    if (!drafts.length) return { patientId, cards: [], persisted: 0 };
    const draftIds = new Set(drafts.map((d) => d.id));
    const issues = checkMedications({
      draft: drafts,
      active: ctx.medications.filter((m) => m.status === 'active' && !draftIds.has(m.id)),
      allergies: ctx.allergies,
      patient: ctx.patient,
      state: stateOf(ctx, now),
      now,
    });
    let about: string[] = [];
    if (persist && fromStore && def.hook === 'order-sign' && issues.length && !isReadOnly(actor))
      about = (await persistIssues(systemRepo(actor), patientId, issues, now, { requestedBy: actor.id })).map(
        (r) => r.reference!,
      );
    const cards = medicationCards(
      issues,
      drafts.map((d) => (d.id ? `MedicationRequest/${d.id}` : undefined)),
    );
    return { patientId, cards: issue(cards, def.id, patientId, about), persisted: about.length };
  }

  app.post<{ Params: { id: string } }>(
    '/cds-services/:id',
    { config: { public: true } },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const def = byId.get(req.params.id);
      if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
      const caller = await authenticate(req);
      const { actor } = caller;
      const now = clock().toISOString();
      try {
        if (def.hook === 'patient-view') {
          // The body comes serialised (from a scoring worker, usually): sent as is.
          const { patientId, body, persisted } = await patientView(def, req.body, caller, now);
          audit(actor, def, patientId, 200, persisted);
          return reply.type('application/json; charset=utf-8').send(body);
        }
        const { patientId, cards, persisted } = await medicationSafety(def, req.body, caller, now);
        audit(actor, def, patientId, 200, persisted);
        return reply.send({ cards });
      } catch (err) {
        audit(actor, def, actor.patientId, statusOf(toOutcomeError(err).outcome));
        throw err;
      }
    },
  );

  /**
   * Feedback on issued cards, stored as Communications through the caller's repository. A
   * patient-scoped key may only give feedback on cards Galen issued about its patient: any other
   * card (another patient's, or one Galen does not know) is 404, the same either way. Every entry
   * is checked before any is stored.
   * @see https://cds-hooks.hl7.org/2.0/#feedback
   */
  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', { config: { public: true } }, async (req, reply) => {
    const def = byId.get(req.params.id);
    if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
    const { actor } = await authenticate(req);
    const body = parseJsonBody(req.body) as { feedback?: unknown } | undefined;
    if (!body || !Array.isArray(body.feedback) || !body.feedback.length)
      throw badRequest('feedback must be a non-empty array', 'feedback');
    const entries: Array<{ fb: CdsFeedback; known: ReturnType<typeof cardsIssued.get> }> = [];
    for (const [i, f] of (body.feedback as Array<Record<string, unknown>>).entries()) {
      if (typeof f?.card !== 'string') throw badRequest(`feedback[${i}].card is required`, `feedback[${i}].card`);
      if (f.outcome !== 'accepted' && f.outcome !== 'overridden')
        throw badRequest(`feedback[${i}].outcome must be accepted or overridden`, `feedback[${i}].outcome`);
      if (typeof f.outcomeTimestamp !== 'string' || Number.isNaN(Date.parse(f.outcomeTimestamp)))
        throw badRequest(`feedback[${i}].outcomeTimestamp must be a date-time`, `feedback[${i}].outcomeTimestamp`);
      const known = cardsIssued.get(f.card);
      if (actor.patientId !== undefined && known?.patientId !== actor.patientId)
        throw notFound(`Card ${f.card.slice(0, 64)} not found`, `feedback[${i}].card`);
      entries.push({
        known,
        fb: {
          card: f.card,
          outcome: f.outcome,
          outcomeTimestamp: f.outcomeTimestamp,
          ...(Array.isArray(f.acceptedSuggestions)
            ? { acceptedSuggestions: f.acceptedSuggestions as Array<{ id: string }> }
            : {}),
          ...(f.overrideReason && typeof f.overrideReason === 'object'
            ? { overrideReason: f.overrideReason as { userComment?: string } }
            : {}),
        },
      });
    }
    const repo = services.store.forActor(actor);
    const stored: string[] = [];
    for (const { fb, known } of entries)
      stored.push(
        await recordFeedback(repo, def.id, fb, {
          ...(known ? { patientId: known.patientId, about: known.about.map((reference) => ({ reference })) } : {}),
          sender: actor.id,
        }),
      );
    return reply.send({ stored });
  });
}

export default cdsHooksPlugin;

/**
 * CDS Hooks 2.0 service as a Fastify plugin: discovery, `patient-view` (early warning and sepsis
 * risk), `order-select` / `order-sign` (medication safety), feedback. Clients authenticate with a
 * signed JWT (ES384/RS384) from a trusted issuer, or a Galen API key for local use.
 * Register at the server root: `await app.register(cdsHooksPlugin, { services })`.
 * @see https://cds-hooks.hl7.org/2.0/
 */
import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, MedicationRequest } from '@galen/fhir';
import { badRequest, forbidden, notFound, OperationOutcomeError, statusOf, toOutcomeError, unauthorized } from '@galen/fhir';
import type { Actor, ApiKeyInfo, AuditRecord, FhirRepository } from '@galen/store';
import { checkMedications, medicationCards, type Card } from '@galen/cds';
import type { OperationRegistry, Services } from '@galen/operations';
import {
  persistAssessment,
  persistIssues,
  recordFeedback,
  sepsisModel,
  stateOf,
  type CdsFeedback,
  type PatientContext,
} from '@galen/operations/cds';
import { JwtVerifier, parseTrustedClients, type TrustedClient } from './jwt';
import {
  CDS_SERVICES,
  contextOf,
  parseHookRequest,
  parseJsonBody,
  patientViewFromPrefetch,
  resourcesOf,
  scorePatientContext,
  toPatientViewReply,
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
  /** Persist results (RiskAssessment / DetectedIssue with Provenance) when the patient is in Galen's store. Default true. */
  persist?: boolean;
  /** Clock (tests). */
  now?: () => Date;
  /**
   * Worker threads that parse and score `patient-view` requests beside the HTTP thread (0: score on
   * the HTTP thread). Default `GALEN_CDS_THREADS`, else one fewer than the cores (at least 1, at most 4).
   */
  scoreThreads?: number;
}

/** A revoked API key stops working for CDS Hooks within this time. */
const KEY_CACHE_MS = 30_000;
/** Audit rows of calls wait at most this long to be written together. */
const AUDIT_LINGER_MS = 50;
const AUDIT_MAX_BATCH = 500;

/** Fill `{{context.x}}` tokens in a prefetch template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*context\.([A-Za-z]+)\s*\}\}/g, (_, k: string) => encodeURIComponent(String(context[k] ?? '')));
}

/** Fetch one prefetch query from the caller's FHIR server with its token. */
async function fetchRemote(
  fhirServer: string,
  auth: NonNullable<HookRequest['fhirAuthorization']>,
  query: string,
): Promise<unknown> {
  const url = `${fhirServer.replace(/\/$/, '')}/${query}`;
  const res = await fetch(url, {
    headers: { authorization: `${auth.token_type} ${auth.access_token}`, accept: 'application/fhir+json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 404) return null;
  if (!res.ok)
    throw new OperationOutcomeError(badRequest(`FHIR server answered ${res.status} for ${query.split('?')[0]}`).outcome);
  return res.json();
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

export async function cdsHooksPlugin(app: FastifyInstance, opts: CdsHooksOptions): Promise<void> {
  const { services } = opts;
  const clock = opts.now ?? (() => new Date());
  const persist = opts.persist !== false;
  const verifier = new JwtVerifier(opts.clients ?? parseTrustedClients(services.config.extra.GALEN_CDS_CLIENTS));
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

  const threads =
    opts.scoreThreads ??
    (services.config.extra.GALEN_CDS_THREADS !== undefined
      ? Number(services.config.extra.GALEN_CDS_THREADS)
      : Math.min(4, Math.max(1, availableParallelism() - 1)));
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

  async function authenticate(req: FastifyRequest): Promise<Actor> {
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
      return { id: `cds-client:${claims.iss}`, role: 'service', requestId: req.id };
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
    return { id: `key:${key.id}`, role: key.role, patientId: key.patientId, scopes: key.scopes, requestId: req.id };
  }

  app.get('/cds-services', { config: { public: true } }, async () => ({
    services: CDS_SERVICES.map(({ hook, id, title, description, prefetch }) => ({ hook, id, title, description, prefetch })),
  }));

  /** Prefetch values, filling gaps from the caller's FHIR server (with its token) or Galen's store. */
  async function gather(
    def: ServiceDef,
    hr: HookRequest,
    repo: FhirRepository,
  ): Promise<{ ctx: PatientContext; local: boolean | undefined }> {
    const out: Record<string, unknown> = {};
    let local = false;
    for (const [key, template] of Object.entries(def.prefetch)) {
      if (hr.prefetch && key in hr.prefetch) {
        out[key] = hr.prefetch[key];
        continue;
      }
      const q = fillTemplate(template, hr.context);
      if (hr.fhirServer && hr.fhirAuthorization) out[key] = await fetchRemote(hr.fhirServer, hr.fhirAuthorization, q);
      else {
        out[key] = await fetchLocal(repo, q);
        if (key === 'patient' && out[key]) local = true;
      }
    }
    if (!local && !hr.fhirServer && !hr.prefetch?.patient) {
      // Nothing from the caller and not in Galen's store.
      throw notFound(`Patient/${String(hr.context.patientId)} not found`);
    }
    const ctx = contextOf(out, String(hr.context.patientId));
    // `local` is only known when the patient was read here; otherwise the caller checks lazily (persisting needs it).
    return { ctx, local: local ? true : hr.fhirServer ? false : undefined };
  }

  async function existsLocally(repo: FhirRepository, id: string): Promise<boolean> {
    try {
      await repo.read('Patient', id);
      return true;
    } catch {
      return false;
    }
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
  function audit(actor: Actor, def: ServiceDef, patientId: string | undefined, status: number): void {
    auditQueue.push({
      recorded: new Date().toISOString(),
      action: 'E',
      subtype: 'cds-hooks',
      operation: def.id,
      actor,
      ...(patientId ? { patientId } : {}),
      outcome: status < 400 ? '0' : status < 500 ? '4' : '8',
      ...(status >= 400 ? { outcomeDesc: String(status) } : {}),
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
    actor: Actor,
    now: string,
  ): Promise<PatientViewReply | 'fetch' | undefined> {
    if (!pool?.available || typeof body !== 'string') return undefined;
    let r;
    try {
      r = await pool.run({
        serviceId: def.id,
        body,
        now,
        persist,
        ...(actor.patientId ? { limitedToPatient: actor.patientId } : {}),
      });
    } catch (err) {
      if (err instanceof ScorePoolError) return undefined;
      throw err;
    }
    if ('outcome' in r) throw new OperationOutcomeError(r.outcome);
    if ('message' in r) throw new Error(r.message);
    return r.reply ?? 'fetch';
  }

  /** patient-view: the response body (serialised) and the patient. */
  async function patientView(
    def: ServiceDef,
    rawBody: unknown,
    actor: Actor,
    now: string,
  ): Promise<{ patientId: string; body: string }> {
    const pooled = await scoreInPool(def, rawBody, actor, now);
    let reply: PatientViewReply;
    let local: boolean | undefined;
    const repo = services.store.forActor(actor);
    if (pooled && pooled !== 'fetch') reply = pooled;
    else {
      const model = sepsisModel(services.log) ?? undefined;
      const body = parseJsonBody(rawBody);
      // The same function the workers run, when the prefetch has everything; else fetch what is missing.
      let res = pooled
        ? undefined
        : patientViewFromPrefetch(body, def, { now, model, ...(actor.patientId ? { limitedToPatient: actor.patientId } : {}) });
      if (!res) {
        const hr = parseHookRequest(body, def);
        const g = await gather(def, hr, repo);
        local = g.local;
        res = { patientId: String(hr.context.patientId), remote: !!hr.fhirServer, ...scorePatientContext(g.ctx, now, model) };
      }
      reply = toPatientViewReply(res, randomUUID, () => persist);
    }
    if (reply.remote) local = false;
    const { patientId, signature, assessment } = reply;
    let about: string[] = [];
    if (persist && local !== false && assessment) {
      if (lastPersisted.get(patientId) === signature) pool?.notePersisted(patientId, signature);
      else if (local ?? (await existsLocally(repo, patientId))) {
        about = (await persistAssessment(repo, patientId, assessment)).map((r) => r.reference!);
        lastPersisted.set(patientId, signature);
        if (lastPersisted.size > 50_000) lastPersisted.delete(lastPersisted.keys().next().value!);
        pool?.notePersisted(patientId, signature);
      }
    }
    for (const uuid of reply.uuids) noteCard(uuid, def.id, patientId, about);
    return { patientId, body: reply.body };
  }

  async function medicationSafety(
    def: ServiceDef,
    rawBody: unknown,
    actor: Actor,
    now: string,
  ): Promise<{ patientId: string; cards: Card[] }> {
    const hr = parseHookRequest(parseJsonBody(rawBody), def);
    const patientId = String(hr.context.patientId);
    if (actor.patientId && actor.patientId !== patientId) throw forbidden('Key is limited to another patient');
    const repo = services.store.forActor(actor);
    const { ctx, local } = await gather(def, hr, repo);
    const bundle = hr.context.draftOrders as Bundle;
    const selections = Array.isArray(hr.context.selections) ? (hr.context.selections as string[]) : undefined;
    let drafts = resourcesOf(bundle).filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
    if (def.hook === 'order-select' && selections?.length)
      drafts = drafts.filter((d) => selections.includes(`MedicationRequest/${d.id}`));
    if (!drafts.length) return { patientId, cards: [] };
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
    if (
      persist &&
      local !== false &&
      def.hook === 'order-sign' &&
      issues.length &&
      (local ?? (await existsLocally(repo, patientId)))
    )
      about = (await persistIssues(repo, patientId, issues, now)).map((r) => r.reference!);
    const cards = medicationCards(
      issues,
      drafts.map((d) => (d.id ? `MedicationRequest/${d.id}` : undefined)),
    );
    return { patientId, cards: issue(cards, def.id, patientId, about) };
  }

  app.post<{ Params: { id: string } }>(
    '/cds-services/:id',
    { config: { public: true } },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const def = byId.get(req.params.id);
      if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
      const actor = await authenticate(req);
      const now = clock().toISOString();
      try {
        if (def.hook === 'patient-view') {
          // The body comes serialised (from a scoring worker, usually): sent as is.
          const { patientId, body } = await patientView(def, req.body, actor, now);
          audit(actor, def, patientId, 200);
          return reply.type('application/json; charset=utf-8').send(body);
        }
        const { patientId, cards } = await medicationSafety(def, req.body, actor, now);
        audit(actor, def, patientId, 200);
        return reply.send({ cards });
      } catch (err) {
        audit(actor, def, actor.patientId, statusOf(toOutcomeError(err).outcome));
        throw err;
      }
    },
  );

  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', { config: { public: true } }, async (req, reply) => {
    const def = byId.get(req.params.id);
    if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
    const actor = await authenticate(req);
    const body = parseJsonBody(req.body) as { feedback?: unknown } | undefined;
    if (!body || !Array.isArray(body.feedback) || !body.feedback.length)
      throw badRequest('feedback must be a non-empty array', 'feedback');
    const repo = services.store.forActor(actor);
    const stored: string[] = [];
    for (const [i, f] of (body.feedback as Array<Record<string, unknown>>).entries()) {
      if (typeof f?.card !== 'string') throw badRequest(`feedback[${i}].card is required`, `feedback[${i}].card`);
      if (f.outcome !== 'accepted' && f.outcome !== 'overridden')
        throw badRequest(`feedback[${i}].outcome must be accepted or overridden`, `feedback[${i}].outcome`);
      if (typeof f.outcomeTimestamp !== 'string' || Number.isNaN(Date.parse(f.outcomeTimestamp)))
        throw badRequest(`feedback[${i}].outcomeTimestamp must be a date-time`, `feedback[${i}].outcomeTimestamp`);
      const known = cardsIssued.get(f.card);
      const fb: CdsFeedback = {
        card: f.card,
        outcome: f.outcome,
        outcomeTimestamp: f.outcomeTimestamp,
        ...(Array.isArray(f.acceptedSuggestions) ? { acceptedSuggestions: f.acceptedSuggestions as Array<{ id: string }> } : {}),
        ...(f.overrideReason && typeof f.overrideReason === 'object'
          ? { overrideReason: f.overrideReason as { userComment?: string } }
          : {}),
      };
      stored.push(
        await recordFeedback(repo, def.id, fb, {
          ...(known ? { patientId: known.patientId, about: known.about.map((reference) => ({ reference })) } : {}),
          sender: actor.id,
        }),
      );
    }
    return reply.send({ stored });
  });
}

export default cdsHooksPlugin;

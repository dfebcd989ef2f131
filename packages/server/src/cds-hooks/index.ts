/**
 * CDS Hooks 2.0 service as a Fastify plugin: discovery, `patient-view` (early warning and sepsis
 * risk), `order-select` / `order-sign` (medication safety), feedback. Clients authenticate with a
 * signed JWT (ES384/RS384) from a trusted issuer, or a Galen API key for local use.
 * Register at the server root: `await app.register(cdsHooksPlugin, { services })`.
 * @see https://cds-hooks.hl7.org/2.0/
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, MedicationRequest, Observation, Resource } from '@galen/fhir';
import { badRequest, forbidden, notFound, OperationOutcomeError, toOutcomeError, unauthorized } from '@galen/fhir';
import type { Actor, ApiKeyInfo, FhirRepository } from '@galen/store';
import { assessPatient, checkMedications, medicationCards, patientViewCards, type Card } from '@galen/cds';
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
}

interface ServiceDef {
  hook: 'patient-view' | 'order-select' | 'order-sign';
  id: string;
  title: string;
  description: string;
  prefetch: Record<string, string>;
}

const P = '{{context.patientId}}';
/** A revoked API key stops working for CDS Hooks within this time. */
const KEY_CACHE_MS = 30_000;
export const CDS_SERVICES: ServiceDef[] = [
  {
    hook: 'patient-view',
    id: 'galen-early-warning',
    title: 'Galen early warning and sepsis risk',
    description: 'NEWS2, qSOFA, SEP-1, AKI and the sepsis risk model for the patient in view, with the reasons',
    prefetch: {
      patient: `Patient/${P}`,
      observations: `Observation?patient=${P}&_count=1000`,
      conditions: `Condition?patient=${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
    },
  },
  {
    hook: 'order-select',
    id: 'galen-medication-safety-select',
    title: 'Galen medication safety (order select)',
    description:
      'ONC high-priority interactions, allergy cross-reactivity, renal dosing and duplicate therapy for the selected draft orders',
    prefetch: {
      patient: `Patient/${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
      allergies: `AllergyIntolerance?patient=${P}`,
      observations: `Observation?patient=${P}&code=2160-0,38483-4,29463-7&_count=1000`,
    },
  },
  {
    hook: 'order-sign',
    id: 'galen-medication-safety-sign',
    title: 'Galen medication safety (order sign)',
    description: 'Medication safety checks for draft orders about to be signed',
    prefetch: {
      patient: `Patient/${P}`,
      medications: `MedicationRequest?patient=${P}&status=active`,
      allergies: `AllergyIntolerance?patient=${P}`,
      observations: `Observation?patient=${P}&code=2160-0,38483-4,29463-7&_count=1000`,
    },
  },
];

interface HookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: {
    access_token: string;
    token_type: string;
    expires_in?: number;
    scope?: string;
    subject?: string;
    patient?: string;
  };
  context: Record<string, unknown>;
  prefetch?: Record<string, unknown>;
}

/** Validate the hook request body (throws 400 with the reason). */
export function parseHookRequest(body: unknown, def: ServiceDef): HookRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Hook request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.hook !== 'string') throw badRequest('hook is required', 'hook');
  if (b.hook !== def.hook) throw badRequest(`Service ${def.id} answers ${def.hook}, not ${b.hook.slice(0, 40)}`, 'hook');
  if (typeof b.hookInstance !== 'string' || !b.hookInstance) throw badRequest('hookInstance is required', 'hookInstance');
  if (typeof b.context !== 'object' || b.context === null || Array.isArray(b.context))
    throw badRequest('context must be an object', 'context');
  const ctx = b.context as Record<string, unknown>;
  if (typeof ctx.patientId !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(ctx.patientId))
    throw badRequest('context.patientId must be a FHIR id', 'context.patientId');
  if (typeof ctx.userId !== 'string') throw badRequest('context.userId is required', 'context.userId');
  if (def.hook !== 'patient-view') {
    const d = ctx.draftOrders as { resourceType?: string; entry?: unknown } | undefined;
    if (!d || d.resourceType !== 'Bundle' || (d.entry !== undefined && !Array.isArray(d.entry)))
      throw badRequest('context.draftOrders must be a Bundle', 'context.draftOrders');
  }
  if (b.fhirServer !== undefined && (typeof b.fhirServer !== 'string' || !/^https?:\/\//.test(b.fhirServer)))
    throw badRequest('fhirServer must be an http(s) URL', 'fhirServer');
  if (b.fhirAuthorization !== undefined) {
    const a = b.fhirAuthorization as Record<string, unknown> | null;
    if (!a || typeof a.access_token !== 'string' || typeof a.token_type !== 'string')
      throw badRequest('fhirAuthorization needs access_token and token_type', 'fhirAuthorization');
    if (b.fhirServer === undefined) throw badRequest('fhirAuthorization without fhirServer', 'fhirAuthorization');
  }
  if (b.prefetch !== undefined) {
    if (typeof b.prefetch !== 'object' || b.prefetch === null || Array.isArray(b.prefetch))
      throw badRequest('prefetch must be an object', 'prefetch');
    for (const [k, v] of Object.entries(b.prefetch)) {
      if (v === null) continue;
      if (typeof v !== 'object' || typeof (v as { resourceType?: unknown }).resourceType !== 'string')
        throw badRequest(`prefetch.${k.slice(0, 40)} must be a FHIR resource, a Bundle or null`, `prefetch.${k.slice(0, 40)}`);
    }
  }
  return b as unknown as HookRequest;
}

/** Fill `{{context.x}}` tokens in a prefetch template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*context\.([A-Za-z]+)\s*\}\}/g, (_, k: string) => encodeURIComponent(String(context[k] ?? '')));
}

function resourcesOf(x: unknown): Resource[] {
  if (!x || typeof x !== 'object') return [];
  const r = x as Resource;
  if (r.resourceType === 'Bundle') return ((r as Bundle).entry ?? []).map((e) => e.resource).filter((e): e is Resource => !!e);
  return [r];
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
    const patient = resourcesOf(out.patient).find((r) => r.resourceType === 'Patient');
    if (patient && patient.id && patient.id !== hr.context.patientId)
      throw badRequest('prefetch.patient is not context.patientId', 'prefetch.patient');
    const ctx: PatientContext = {
      observations: resourcesOf(out.observations).filter((r): r is Observation => r.resourceType === 'Observation'),
      conditions: resourcesOf(out.conditions).filter((r) => r.resourceType === 'Condition') as PatientContext['conditions'],
      medications: resourcesOf(out.medications).filter((r) => r.resourceType === 'MedicationRequest') as MedicationRequest[],
      allergies: resourcesOf(out.allergies).filter((r) => r.resourceType === 'AllergyIntolerance') as PatientContext['allergies'],
    };
    if (patient) ctx.patient = patient as PatientContext['patient'];
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

  function issue(cards: Card[], serviceId: string, patientId: string, about: string[]): Card[] {
    for (const c of cards) {
      c.uuid = randomUUID();
      cardsIssued.set(c.uuid, { serviceId, patientId, about });
      if (cardsIssued.size > 10_000) cardsIssued.delete(cardsIssued.keys().next().value!);
    }
    return cards;
  }

  app.post<{ Params: { id: string } }>(
    '/cds-services/:id',
    { config: { public: true } },
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const def = byId.get(req.params.id);
      if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
      const actor = await authenticate(req);
      const hr = parseHookRequest(req.body, def);
      const patientId = String(hr.context.patientId);
      if (actor.patientId && actor.patientId !== patientId) throw forbidden('Key is limited to another patient');
      const repo = services.store.forActor(actor);
      const { ctx, local } = await gather(def, hr, repo);
      const now = clock().toISOString();
      if (def.hook === 'patient-view') {
        const model = sepsisModel(services.log) ?? undefined;
        const a = assessPatient(stateOf(ctx, now), model, { explain: 'above-threshold' });
        let about: string[] = [];
        if (persist && local !== false) {
          const sig = JSON.stringify([
            a.scores.news2.score,
            a.scores.news2.inputs.map((i) => i.observationId),
            a.sepsisRisk?.probability.toFixed(4),
          ]);
          if (lastPersisted.get(patientId) !== sig && (local ?? (await existsLocally(repo, patientId)))) {
            about = (await persistAssessment(repo, patientId, a)).map((r) => r.reference!);
            lastPersisted.set(patientId, sig);
            if (lastPersisted.size > 50_000) lastPersisted.delete(lastPersisted.keys().next().value!);
          }
        }
        return reply.send({ cards: issue(patientViewCards(a), def.id, patientId, about) });
      }
      const bundle = hr.context.draftOrders as Bundle;
      const selections = Array.isArray(hr.context.selections) ? (hr.context.selections as string[]) : undefined;
      let drafts = resourcesOf(bundle).filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
      if (def.hook === 'order-select' && selections?.length)
        drafts = drafts.filter((d) => selections.includes(`MedicationRequest/${d.id}`));
      if (!drafts.length) return reply.send({ cards: [] });
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
      return reply.send({
        cards: issue(
          medicationCards(
            issues,
            drafts.map((d) => (d.id ? `MedicationRequest/${d.id}` : undefined)),
          ),
          def.id,
          patientId,
          about,
        ),
      });
    },
  );

  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', { config: { public: true } }, async (req, reply) => {
    const def = byId.get(req.params.id);
    if (!def) throw notFound(`No CDS service "${req.params.id.slice(0, 64)}"`);
    const actor = await authenticate(req);
    const body = req.body as { feedback?: unknown } | undefined;
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

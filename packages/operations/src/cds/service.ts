/**
 * The cds area's I/O: a patient's chart read through the repository, results persisted as
 * RiskAssessment / DetectedIssue with Provenance, alerts raised and acted on, CDS Hooks feedback
 * kept, and on-arrival rescoring. The clinical rules (which alerts an assessment raises, what an
 * action does, suspected infection) are `@galen/cds`'s; the network (alert webhooks) and files
 * (model cards) are handed in as `CdsIo`. The server's CDS Hooks plugin records each hook's outcome
 * through `cdsHooksService` (built once when the plugin is registered); on-arrival rescoring calls
 * `onObservationsWritten`.
 */
import type {
  AllergyIntolerance,
  Condition,
  DetectedIssue,
  MedicationRequest,
  Observation,
  Patient,
  Reference,
  RiskAssessment,
} from '@galen/fhir';
import { badRequest, notFound, OperationOutcomeError } from '@galen/fhir';
import { randomUUID } from 'node:crypto';
import { isReadOnly, type Actor, type FhirRepository, type Store } from '@galen/store';
import {
  alertSummaryOf,
  applyAlertAction,
  assessmentRecords,
  assessPatient,
  checkMedications,
  emptyPatientContext,
  feedbackCommunication,
  isAlert,
  issueRecords,
  newAlerts,
  openAlerts,
  recordsProvenance,
  stateOf,
  cdsProvenance,
  type AlertAction,
  type Assessment,
  type Card,
  type CdsFeedback,
  type OrderHookResult,
  type PatientViewReply,
  type ServiceDef,
  type MedicationIssue,
  type PatientContext,
  type SepsisModel,
} from '@galen/cds';
import { loadBundledSepsisModel } from '@galen/cds/model/bundled';
import { now as clockNow } from '../clock';
import type { Logger, OperationContext, Services } from '../registry';
import { searchAll } from '../repo-helpers';
import { bundledModelCards, type ModelCardReader } from './model-cards';
import { webhookNotifier, type AlertNotifier, type RaisedAlert } from './notifier';

export type { RaisedAlert } from './notifier';

/** The area's I/O besides the repository. */
export interface CdsIo {
  /** Told about every new alert. */
  notifier: AlertNotifier;
  /** Reads shipped models' cards. */
  modelCards: ModelCardReader;
}

/** The default I/O: the webhooks of GALEN_ALERT_WEBHOOKS, the cards beside the bundled model. */
export function cdsIo(services: Pick<Services, 'config' | 'log'>): CdsIo {
  return { notifier: webhookNotifier(services.config.alertWebhooks, services.log), modelCards: bundledModelCards };
}

let model: SepsisModel | null | undefined;
/** The bundled sepsis model, or null when it cannot be read (scores still work). */
export function sepsisModel(log?: Logger): SepsisModel | null {
  if (model === undefined) {
    try {
      model = loadBundledSepsisModel();
    } catch (err) {
      log?.warn({ err: (err as Error).message }, 'sepsis model unavailable');
      model = null;
    }
  }
  return model;
}

/** Everything the checks read for one patient, from a repository. */
export async function loadPatientContext(repo: FhirRepository, patientId: string): Promise<PatientContext> {
  const p = [{ name: 'patient', value: `Patient/${patientId}` }];
  let patient: Patient | undefined;
  try {
    patient = await repo.read<Patient>('Patient', patientId);
  } catch (err) {
    if (err instanceof OperationOutcomeError && err.status === 404) throw notFound(`Patient/${patientId} not found`);
    throw err;
  }
  const [observations, conditions, medications, allergies] = await Promise.all([
    searchAll<Observation>(repo, 'Observation', p),
    searchAll<Condition>(repo, 'Condition', p),
    searchAll<MedicationRequest>(repo, 'MedicationRequest', p),
    searchAll<AllergyIntolerance>(repo, 'AllergyIntolerance', p),
  ]);
  return { patient, observations, conditions, medications, allergies };
}

/** Options of `persistAssessment` / `persistIssues`. */
export interface PersistOptions {
  /**
   * Who asked for the result, when the repository writes as someone else (Galen's system actor
   * persisting what it computed for a CDS Hooks caller): recorded as a Provenance agent.
   */
  requestedBy?: string;
}

/** Persist NEWS2 and the sepsis risk as RiskAssessments with one Provenance; returns their references. */
export async function persistAssessment(
  repo: FhirRepository,
  patientId: string,
  a: Assessment,
  opts: PersistOptions = {},
): Promise<Reference[]> {
  const toSave: RiskAssessment[] = assessmentRecords(patientId, a);
  const refs: Reference[] = [];
  for (const r of toSave) {
    const saved = await repo.create(r);
    refs.push({ reference: `RiskAssessment/${saved.id}` });
  }
  if (refs.length) {
    const sources = toSave.flatMap((r) => r.basis ?? []);
    await repo.create(recordsProvenance(refs, sources, a.now, 'cds.score', opts.requestedBy));
  }
  return refs;
}

/** Persist medication issues as DetectedIssues (preliminary) with one Provenance. */
export async function persistIssues(
  repo: FhirRepository,
  patientId: string | undefined,
  issues: MedicationIssue[],
  now: string,
  opts: PersistOptions = {},
): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const di of issueRecords(patientId, issues)) {
    const saved = await repo.create(di);
    refs.push({ reference: `DetectedIssue/${saved.id}` });
  }
  if (refs.length)
    await repo.create(
      recordsProvenance(
        refs,
        issues.flatMap((i) => i.detectedIssue.implicated ?? []).filter((r) => r.reference),
        now,
        'cds.medication-check',
        opts.requestedBy,
      ),
    );
  return refs;
}

/** Open alerts (DetectedIssue with an alert kind, status preliminary), newest first. */
export async function listAlerts(repo: FhirRepository, patientId?: string, includeClosed = false): Promise<DetectedIssue[]> {
  const params = patientId ? [{ name: 'patient', value: `Patient/${patientId}` }] : [];
  return openAlerts(await searchAll<DetectedIssue>(repo, 'DetectedIssue', params, { cap: 2000 }), includeClosed);
}

/**
 * Apply the alert policies to an assessment and record new alerts as DetectedIssues (status
 * preliminary, evidence = the RiskAssessments), each with a Provenance. Returns what was raised.
 */
export async function raiseAlerts(
  repo: FhirRepository,
  patientId: string,
  a: Assessment,
  evidence: Reference[],
  sepsisThreshold?: number,
): Promise<RaisedAlert[]> {
  const existing = await listAlerts(repo, patientId, true);
  const out: RaisedAlert[] = [];
  for (const alert of newAlerts(existing, patientId, a, evidence, sepsisThreshold)) {
    const saved = await repo.create(alert.detectedIssue);
    await repo.create(cdsProvenance([{ reference: `DetectedIssue/${saved.id}` }], evidence, a.now, `alert:${alert.reason}`));
    out.push({ kind: alert.kind, reference: `DetectedIssue/${saved.id}`, summary: alert.summary });
  }
  return out;
}

/** Keep CDS Hooks feedback as a `Communication`; returns its reference. @see https://cds-hooks.hl7.org/2.0/#feedback */
export async function recordFeedback(
  repo: FhirRepository,
  serviceId: string,
  feedback: CdsFeedback,
  opts: { patientId?: string; about?: Reference[]; sender?: string } = {},
): Promise<string> {
  const saved = await repo.create(feedbackCommunication(serviceId, feedback, opts));
  return `Communication/${saved.id}`;
}

export interface ScoreOutcome {
  patientId: string;
  now: string;
  assessment: Assessment;
  persisted: Reference[];
  alerts: RaisedAlert[];
}

/** Score a patient from the repository, persist the results and raise alerts per policy. */
export async function scoreAndRecord(
  repo: FhirRepository,
  services: Pick<Services, 'config' | 'log'>,
  patientId: string,
  now: string,
  opts: { persist?: boolean; alert?: boolean } = {},
  io: CdsIo = cdsIo(services),
): Promise<ScoreOutcome> {
  const ctx = await loadPatientContext(repo, patientId);
  const m = sepsisModel(services.log) ?? undefined;
  const assessment = assessPatient(stateOf(ctx, now), m);
  const persisted = opts.persist === false ? [] : await persistAssessment(repo, patientId, assessment);
  const alerts =
    opts.alert === false || opts.persist === false ? [] : await raiseAlerts(repo, patientId, assessment, persisted, m?.threshold);
  if (alerts.length) await io.notifier.notify(patientId, alerts);
  return { patientId, now, assessment, persisted, alerts };
}

/**
 * On arrival: after Observations for `patientId` are written, rescore and record alerts.
 * The server calls this (fire-and-forget is fine; errors are logged, not thrown).
 */
export async function onObservationsWritten(
  patientId: string,
  ctx: Pick<OperationContext, 'repo' | 'services'>,
  now: Date = clockNow(ctx.services),
): Promise<ScoreOutcome | undefined> {
  try {
    return await scoreAndRecord(ctx.repo, ctx.services, patientId, now.toISOString());
  } catch (err) {
    ctx.services.log.error({ err: (err as Error).message, patientId }, 'cds rescoring failed');
    return undefined;
  }
}

type Ctx = Pick<OperationContext, 'actor' | 'repo' | 'services'>;

/** `cds.score`: every score and the sepsis risk now (or at `now`), persisted and alerted unless `persist` is false. */
export async function scorePatient(ctx: Ctx, input: { patientId: string; now?: string | undefined; persist: boolean }) {
  const now = input.now ?? clockNow(ctx.services).toISOString();
  const r = await scoreAndRecord(ctx.repo, ctx.services, input.patientId, now, { persist: input.persist });
  return {
    patientId: r.patientId,
    now: r.now,
    scores: r.assessment.scores,
    sepsisRisk: r.assessment.sepsisRisk ?? null,
    rejected: r.assessment.rejected,
    persisted: r.persisted,
    alerts: r.alerts,
  };
}

/** `cds.medication-check`: draft orders against the patient's chart (when given), optionally persisted. */
export async function checkDraftOrders(
  ctx: Ctx,
  input: { patientId?: string | undefined; draft: MedicationRequest[]; persist: boolean; now?: string | undefined },
) {
  const now = input.now ?? clockNow(ctx.services).toISOString();
  const draft = input.draft;
  const pc: PatientContext = input.patientId ? await loadPatientContext(ctx.repo, input.patientId) : emptyPatientContext();
  const draftIds = new Set(draft.map((d) => d.id).filter(Boolean));
  const issues = checkMedications({
    draft,
    active: pc.medications.filter((m) => m.status === 'active' && !draftIds.has(m.id)),
    allergies: pc.allergies,
    patient: pc.patient,
    state: stateOf(pc, now),
    now,
  });
  const persisted = input.persist ? await persistIssues(ctx.repo, input.patientId, issues, now) : [];
  return {
    issues: issues.map((i) => ({
      kind: i.kind,
      severity: i.severity,
      summary: i.summary,
      detail: i.detail,
      draftIndex: i.draftIndex,
      detectedIssue: i.detectedIssue,
    })),
    persisted,
  };
}

/** `cds.alerts`: the inbox. */
export async function alertInbox(ctx: Ctx, input: { patientId?: string | undefined; includeClosed: boolean }) {
  const alerts = await listAlerts(ctx.repo, input.patientId, input.includeClosed);
  return { alerts: alerts.map(alertSummaryOf) };
}

/** `cds.alert-action`: acknowledge, snooze or override an alert, kept as CDS Hooks feedback. */
export async function actOnAlert(ctx: Ctx, input: AlertAction & { alert: string }) {
  const id = input.alert.split('/')[1]!;
  const di = await ctx.repo.read<DetectedIssue>('DetectedIssue', id);
  if (!isAlert(di)) throw badRequest(`${input.alert} is not a decision-support alert`, 'alert');
  const { updated, feedback } = applyAlertAction(di, input, { actorId: ctx.actor.id, now: clockNow(ctx.services) });
  const saved = await ctx.repo.update(updated);
  const pid = di.patient?.reference?.replace(/^Patient\//, '');
  const fb = await recordFeedback(ctx.repo, `alert:${input.action}`, feedback, {
    patientId: pid,
    about: [{ reference: input.alert }],
    sender: ctx.actor.id,
  });
  return { alert: `DetectedIssue/${saved.id}`, status: saved.status, feedback: fb };
}

/** `cds.model-card`: a shipped model's card. */
export function readModelCard(ctx: Pick<OperationContext, 'services'>, name: string, io: CdsIo = cdsIo(ctx.services)) {
  return io.modelCards.read(name);
}

// ---------------------------------------------------------------- CDS Hooks: what each hook call records

/** Options of `cdsHooksService`. */
export interface CdsHooksServiceOptions {
  store: Store;
  log: Logger;
  /**
   * The actor Galen writes its own results as; the caller is recorded in their Provenance and as the
   * actor of the call's audit row, whose request id the writes share.
   */
  systemActor: Actor;
  /** Persist results computed wholly from Galen's own store (never a caller's prefetch or a remote server). Default true. */
  persist?: boolean;
}

/** What the CDS Hooks surface records, one function per hook outcome (see `cdsHooksService`). */
export interface CdsHooksService {
  /** Run one prefetch query (`Patient/1`, `Observation?patient=1`) against Galen's store as `actor`. */
  readPrefetch(actor: Actor, query: string): Promise<unknown>;
  /** Whether a patient-view assessment with this `persistSignature` would be persisted (new, and from the store). */
  wantsAssessment(patientId: string, signature: string, fromStore: boolean): boolean;
  /**
   * A patient-view answered: persist `reply.assessment` when it carries one (as the system actor,
   * the caller in Provenance) and remember the cards for feedback. Returns how many results were written.
   */
  recordPatientView(actor: Actor, def: ServiceDef, reply: PatientViewReply): Promise<number>;
  /**
   * An order-select / order-sign answered: give the cards their uuids, persist the issues as
   * DetectedIssues (order-sign only, computed wholly from the store, a caller that may write) and
   * remember the cards. Returns the cards and how many results were written.
   */
  recordOrderHook(
    actor: Actor,
    def: ServiceDef,
    patientId: string,
    result: OrderHookResult,
    now: string,
    fromStore: boolean,
  ): Promise<{ cards: Card[]; persisted: number }>;
  /**
   * Feedback on issued cards, stored as Communications through the caller's repository. A
   * patient-scoped caller may only give feedback on cards Galen issued about its patient: any other
   * (another patient's, or one Galen does not know) is 404, the same either way; every entry is
   * checked before any is stored.
   * @see https://cds-hooks.hl7.org/2.0/#feedback
   */
  recordHookFeedback(actor: Actor, def: ServiceDef, feedback: CdsFeedback[]): Promise<string[]>;
  /** Audit one call (queued: written with others within ~50 ms, with the call's time). */
  auditCall(actor: Actor, def: ServiceDef, patientId: string | undefined, status: number, persisted?: number): void;
}

/** Issued cards remembered for feedback, and last persisted assessments remembered, at most this many. */
const MAX_CARDS = 10_000;
const MAX_PERSISTED = 50_000;

/** Keep a Map to `max` entries, dropping the oldest. */
function bounded<K, V>(m: Map<K, V>, max: number): void {
  if (m.size > max) m.delete(m.keys().next().value!);
}

/**
 * The CDS Hooks surface's store I/O, built once with the store: prefetch reads through the
 * caller's scoped repository, results Galen persists as `systemActor`, feedback, and the calls' audit.
 * Results are persisted only when computed wholly from Galen's store: what Galen computed from data
 * a caller supplied (prefetch) or from a remote server is returned as cards and never written to
 * the chart. Why as the system actor: it is the same assessment Galen records by itself when
 * observations arrive (on-arrival rescoring), so whether it is recorded must not depend on who
 * looked, and a read-only or patient-scoped key (which may not write Provenance) still gets its scores.
 * @example const hooks = cdsHooksService({ store, log, systemActor: { id: 'system:galen', role: 'service' } });
 */
export function cdsHooksService(opts: CdsHooksServiceOptions): CdsHooksService {
  const { store, log, systemActor } = opts;
  const persist = opts.persist !== false;
  /** Card uuid → what it was about (for feedback), bounded. */
  const cardsIssued = new Map<string, { serviceId: string; patientId: string; about: string[] }>();
  /** Last persisted assessment signature per patient (skip identical re-persists on repeated views). */
  const lastPersisted = new Map<string, string>();

  /** Galen's own repository, stamped with the caller's request id so the writes' audit rows sit beside the call's. */
  const systemRepo = (caller: Actor): FhirRepository =>
    store.forActor({ ...systemActor, ...(caller.requestId ? { requestId: caller.requestId } : {}) });

  function noteCards(uuids: readonly string[], serviceId: string, patientId: string, about: string[]): void {
    for (const uuid of uuids) {
      cardsIssued.set(uuid, { serviceId, patientId, about });
      bounded(cardsIssued, MAX_CARDS);
    }
  }

  const auditFailed = (err: unknown) => log.error({ err: (err as Error).message }, 'cds-hooks audit failed');

  return {
    async readPrefetch(actor, query) {
      const repo = store.forActor(actor);
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
    },

    wantsAssessment: (patientId, signature, fromStore) => persist && fromStore && lastPersisted.get(patientId) !== signature,

    async recordPatientView(actor, def, reply) {
      const { patientId, signature, assessment } = reply;
      let about: string[] = [];
      if (assessment) {
        about = (await persistAssessment(systemRepo(actor), patientId, assessment, { requestedBy: actor.id })).map(
          (r) => r.reference!,
        );
        lastPersisted.delete(patientId);
        lastPersisted.set(patientId, signature);
        bounded(lastPersisted, MAX_PERSISTED);
      }
      noteCards(reply.uuids, def.id, patientId, about);
      return about.length;
    },

    // DetectedIssues only for a caller that may write: the draft orders they are about are the
    // caller's own data, so recording them is the caller's act, which a read-only key may not do.
    // Written as the system actor (caller in Provenance): a patient-scoped key may write its
    // patient's resources but not the Provenance beside them.
    async recordOrderHook(actor, def, patientId, { issues, cards }, now, fromStore) {
      let about: string[] = [];
      if (persist && fromStore && def.hook === 'order-sign' && issues.length && !isReadOnly(actor))
        about = (await persistIssues(systemRepo(actor), patientId, issues, now, { requestedBy: actor.id })).map(
          (r) => r.reference!,
        );
      const uuids = cards.map((c) => (c.uuid = randomUUID()));
      noteCards(uuids, def.id, patientId, about);
      return { cards, persisted: about.length };
    },

    async recordHookFeedback(actor, def, feedback) {
      const entries = feedback.map((fb, i) => {
        const known = cardsIssued.get(fb.card);
        if (actor.patientId !== undefined && known?.patientId !== actor.patientId)
          throw notFound(`Card ${fb.card.slice(0, 64)} not found`, `feedback[${i}].card`);
        return { fb, known };
      });
      const repo = store.forActor(actor);
      const stored: string[] = [];
      for (const { fb, known } of entries)
        stored.push(
          await recordFeedback(repo, def.id, fb, {
            ...(known ? { patientId: known.patientId, about: known.about.map((reference) => ({ reference })) } : {}),
            sender: actor.id,
          }),
        );
      return stored;
    },

    auditCall(actor, def, patientId, status, persisted = 0) {
      store.audit
        .recordSoon({
          action: 'E',
          subtype: 'cds-hooks',
          operation: def.id,
          actor,
          ...(patientId ? { patientId } : {}),
          outcome: status < 400 ? '0' : status < 500 ? '4' : '8',
          ...(status >= 400 ? { outcomeDesc: String(status) } : {}),
          ...(persisted ? { detail: { persisted, persistedAs: systemActor.id } } : {}),
        })
        .catch(auditFailed);
    },
  };
}

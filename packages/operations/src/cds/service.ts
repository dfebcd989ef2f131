/**
 * The cds area's I/O: a patient's chart read through the repository, results persisted as
 * RiskAssessment / DetectedIssue with Provenance, alerts raised and acted on, CDS Hooks feedback
 * kept, and on-arrival rescoring. The clinical rules (which alerts an assessment raises, what an
 * action does, suspected infection) are `@galen/cds`'s; the network (alert webhooks) and files
 * (model cards) are handed in as `CdsIo`. The server's CDS Hooks plugin and on-arrival rescoring
 * use the functions exported here.
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
import type { FhirRepository } from '@galen/store';
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
  type CdsFeedback,
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

/**
 * Operations of the cds area: `cds.score`, `cds.medication-check`, `cds.alerts`, `cds.alert-action`,
 * plus the helpers the CDS Hooks plugin and the server share (patient context loading,
 * persistence as RiskAssessment / DetectedIssue with Provenance, feedback, on-arrival rescoring).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type {
  AllergyIntolerance,
  Communication,
  Condition,
  DetectedIssue,
  MedicationRequest,
  Observation,
  Patient,
  Provenance,
  Reference,
  Resource,
  RiskAssessment,
} from '@galen/fhir';
import { badRequest, notFound, OperationOutcomeError } from '@galen/fhir';
import type { FhirRepository } from '@galen/store';
import {
  assessPatient,
  cdsProvenance,
  checkMedications,
  classesOf,
  decideAlert,
  DEFAULT_POLICIES,
  ingredientsOf,
  riskToRiskAssessment,
  scoreToRiskAssessment,
  stateFromObservations,
  type AlertMemory,
  type AlertPolicy,
  type Assessment,
  type MedicationIssue,
  type PatientState,
  type SepsisModel,
} from '@galen/cds';
import { loadBundledSepsisModel, SEPSIS_MODEL_URL } from '@galen/cds/model/bundled';
import { defineOperation, type Logger, type Operation, type OperationContext, type Services } from './registry';

const GALEN = 'https://galen.dev/fhir/CodeSystem/galen';
const ALERT_KIND_EXT = 'https://galen.dev/fhir/StructureDefinition/alert-kind';
const SNOOZE_EXT = 'https://galen.dev/fhir/StructureDefinition/snoozed-until';
const LEVEL_EXT = 'https://galen.dev/fhir/StructureDefinition/alert-level';

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

async function searchAll<T extends Resource>(
  repo: FhirRepository,
  resourceType: string,
  params: Array<{ name: string; value: string }>,
  cap = 5000,
): Promise<T[]> {
  const out: T[] = [];
  let offset = 0;
  for (;;) {
    const res = await repo.search<T>({
      resourceType,
      params: [...params, { name: '_count', value: '1000' }, { name: '_offset', value: String(offset) }],
    });
    out.push(...res.resources);
    if (res.nextOffset === undefined || res.nextOffset <= offset || out.length >= cap || !res.resources.length) break;
    offset = res.nextOffset;
  }
  return out;
}

export interface PatientContext {
  patient?: Patient;
  observations: Observation[];
  conditions: Condition[];
  medications: MedicationRequest[];
  allergies: AllergyIntolerance[];
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

const ANTIBIOTIC_CLASSES = new Set([
  'penicillin',
  'cephalosporin',
  'carbapenem',
  'glycopeptide',
  'fluoroquinolone',
  'macrolide',
  'sulfonamide-antibiotic',
  'monobactam',
]);
/** ICD-10-CM infection chapters and common infection codes (A00–B99, J09–J22 pneumonia/influenza, N39.0 UTI, L03 cellulitis, K65 peritonitis, R65.2 severe sepsis). */
const INFECTION_ICD = /^(A|B|J09|J1[0-8]|J2[0-2]|N39\.0|L03|K65|R65\.2)/;

/** Suspected infection: an active infection problem or an active antibiotic order; otherwise unknown. */
export function suspectedInfectionOf(ctx: Pick<PatientContext, 'conditions' | 'medications'>): boolean | undefined {
  const infectionProblem = ctx.conditions.some(
    (c) =>
      !c.clinicalStatus?.coding?.some((k) => k.code === 'resolved' || k.code === 'inactive') &&
      !c.verificationStatus?.coding?.some((k) => k.code === 'refuted' || k.code === 'entered-in-error') &&
      ((c.code?.coding ?? []).some((k) => k.code && INFECTION_ICD.test(k.code)) ||
        /sepsis|infection|pneumonia|cellulitis|pyelonephritis/i.test(c.code?.text ?? '')),
  );
  const antibiotic = ctx.medications.some(
    (m) =>
      m.status === 'active' &&
      ingredientsOf(
        m.medicationCodeableConcept?.coding?.[0]?.code,
        m.medicationCodeableConcept?.text ?? m.medicationCodeableConcept?.coding?.[0]?.display,
      ).some((i) => classesOf(i).some((c) => ANTIBIOTIC_CLASSES.has(c))),
  );
  return infectionProblem || antibiotic ? true : undefined;
}

/** The patient state at `now` from a loaded context. */
export function stateOf(ctx: PatientContext, now: string): PatientState {
  return stateFromObservations(ctx.observations, now, { patient: ctx.patient, suspectedInfection: suspectedInfectionOf(ctx) });
}

/** Options of `persistAssessment` / `persistIssues`. */
export interface PersistOptions {
  /**
   * Who asked for the result, when the repository writes as someone else (Galen's system actor
   * persisting what it computed for a CDS Hooks caller): recorded as a Provenance agent.
   */
  requestedBy?: string;
}

/** The CDS engine's Provenance, with the requester as a second agent when there is one. */
function provenanceOf(
  targets: Reference[],
  sources: Reference[],
  now: string,
  activity: string,
  opts: PersistOptions,
): Provenance {
  const p = cdsProvenance(targets, sources, now, activity);
  // R4's participant types have no "requester"; the agent's type is said in text.
  if (opts.requestedBy) p.agent.push({ type: { text: 'requested by (CDS Hooks caller)' }, who: { display: opts.requestedBy } });
  return p;
}

/** Persist NEWS2 and the sepsis risk as RiskAssessments with one Provenance; returns their references. */
export async function persistAssessment(
  repo: FhirRepository,
  patientId: string,
  a: Assessment,
  opts: PersistOptions = {},
): Promise<Reference[]> {
  const toSave: RiskAssessment[] = [];
  if (a.scores.news2.score !== null) toSave.push(scoreToRiskAssessment(a.scores.news2, patientId, a.now));
  const basis = a.scores.news2.inputs.filter((i) => i.observationId).map((i) => ({ reference: i.observationId! }));
  if (a.sepsisRisk) toSave.push(riskToRiskAssessment(a.sepsisRisk, patientId, a.now, basis));
  const refs: Reference[] = [];
  for (const r of toSave) {
    const saved = await repo.create(r);
    refs.push({ reference: `RiskAssessment/${saved.id}` });
  }
  if (refs.length) {
    const sources = toSave.flatMap((r) => r.basis ?? []);
    await repo.create(provenanceOf(refs, sources, a.now, 'cds.score', opts));
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
  for (const i of issues) {
    const di: DetectedIssue = { ...i.detectedIssue };
    if (patientId) di.patient = { reference: `Patient/${patientId}` };
    const saved = await repo.create(di);
    refs.push({ reference: `DetectedIssue/${saved.id}` });
  }
  if (refs.length)
    await repo.create(
      provenanceOf(
        refs,
        issues.flatMap((i) => i.detectedIssue.implicated ?? []).filter((r) => r.reference),
        now,
        'cds.medication-check',
        opts,
      ),
    );
  return refs;
}

function extValue(
  r: { extension?: Array<{ url: string; valueString?: string; valueDateTime?: string; valueInteger?: number }> },
  url: string,
) {
  return r.extension?.find((e) => e.url === url);
}

/** Open alerts (DetectedIssue with an alert kind, status preliminary). */
export async function listAlerts(repo: FhirRepository, patientId?: string, includeClosed = false): Promise<DetectedIssue[]> {
  const params = patientId ? [{ name: 'patient', value: `Patient/${patientId}` }] : [];
  const all = await searchAll<DetectedIssue>(repo, 'DetectedIssue', params, 2000);
  return all
    .filter((d) => extValue(d, ALERT_KIND_EXT) && (includeClosed || d.status === 'preliminary'))
    .sort((a, b) => (b.identifiedDateTime ?? '').localeCompare(a.identifiedDateTime ?? ''));
}

function memoryOf(last: DetectedIssue | undefined): AlertMemory {
  if (!last) return { active: false, level: 0 };
  const m: AlertMemory = {
    active: last.status === 'preliminary' || last.status === 'final',
    level: extValue(last, LEVEL_EXT)?.valueInteger ?? 1,
  };
  if (last.identifiedDateTime) m.lastAlertAt = Date.parse(last.identifiedDateTime);
  const sn = extValue(last, SNOOZE_EXT)?.valueDateTime;
  if (sn) m.snoozedUntil = Date.parse(sn);
  return m;
}

export interface RaisedAlert {
  kind: string;
  reference: string;
  summary: string;
}

/**
 * Apply the alert policies to an assessment and record new alerts as DetectedIssues (status
 * preliminary, evidence = the RiskAssessments). Returns what was raised.
 */
export async function raiseAlerts(
  repo: FhirRepository,
  patientId: string,
  a: Assessment,
  evidence: Reference[],
  sepsisThreshold?: number,
): Promise<RaisedAlert[]> {
  const existing = await listAlerts(repo, patientId, true);
  const nowMs = Date.parse(a.now);
  const out: RaisedAlert[] = [];
  const candidates: Array<{ policy: AlertPolicy; value: number | null; summary: string }> = [];
  if (a.sepsisRisk && sepsisThreshold !== undefined) {
    candidates.push({
      policy: { ...DEFAULT_POLICIES['sepsis-risk']!, threshold: sepsisThreshold },
      value: a.sepsisRisk.probability,
      summary: a.sepsisRisk.explanation,
    });
  }
  candidates.push({
    policy: { ...DEFAULT_POLICIES.news2!, threshold: DEFAULT_POLICIES.news2!.threshold! },
    value: a.scores.news2.score,
    summary: a.scores.news2.explanation,
  });
  for (const c of candidates) {
    const last = existing.find((d) => extValue(d, ALERT_KIND_EXT)?.valueString === c.policy.kind);
    const d = decideAlert(c.policy, memoryOf(last), c.value, nowMs);
    if (!d.fire) continue;
    const di: DetectedIssue = {
      resourceType: 'DetectedIssue',
      status: 'preliminary',
      patient: { reference: `Patient/${patientId}` },
      code: {
        coding: [{ system: GALEN, code: `${c.policy.kind}-alert` }],
        text: c.policy.kind === 'news2' ? 'NEWS2 alert' : 'Sepsis risk alert',
      },
      severity: d.memory.level >= 2 || c.policy.kind === 'sepsis-risk' ? 'high' : 'moderate',
      identifiedDateTime: a.now,
      detail: c.summary.slice(0, 1000),
      extension: [
        { url: ALERT_KIND_EXT, valueString: c.policy.kind },
        { url: LEVEL_EXT, valueInteger: d.memory.level },
      ],
    };
    if (evidence.length) di.evidence = [{ detail: evidence }];
    const saved = await repo.create(di);
    await repo.create(cdsProvenance([{ reference: `DetectedIssue/${saved.id}` }], evidence, a.now, `alert:${d.reason}`));
    out.push({ kind: c.policy.kind, reference: `DetectedIssue/${saved.id}`, summary: c.summary });
  }
  return out;
}

/** CDS Hooks feedback, stored as a `Communication` about the card's subject. @see https://cds-hooks.hl7.org/2.0/#feedback */
export interface CdsFeedback {
  card: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions?: Array<{ id: string }>;
  overrideReason?: { reason?: { code: string; system?: string; display?: string }; userComment?: string };
  outcomeTimestamp: string;
}

export async function recordFeedback(
  repo: FhirRepository,
  serviceId: string,
  feedback: CdsFeedback,
  opts: { patientId?: string; about?: Reference[]; sender?: string } = {},
): Promise<string> {
  const c: Communication = {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: GALEN, code: 'cds-hooks-feedback' }], text: `CDS Hooks feedback for ${serviceId}` }],
    sent: feedback.outcomeTimestamp,
    payload: [{ contentString: JSON.stringify({ service: serviceId, ...feedback }) }],
    identifier: [{ system: 'urn:galen:cds-card', value: feedback.card }],
  };
  if (opts.patientId) c.subject = { reference: `Patient/${opts.patientId}` };
  if (opts.about?.length) c.about = opts.about;
  if (opts.sender) c.sender = { display: opts.sender };
  const saved = await repo.create(c);
  return `Communication/${saved.id}`;
}

/** Post a new alert to every configured webhook (best effort, 5 s timeout, no PHI beyond ids). */
export async function sendAlertWebhooks(urls: string[], alerts: RaisedAlert[], patientId: string, log?: Logger): Promise<void> {
  if (!urls.length || !alerts.length) return;
  const body = JSON.stringify({
    type: 'galen.alert',
    patientId,
    alerts: alerts.map((a) => ({ kind: a.kind, reference: a.reference })),
  });
  await Promise.all(
    urls.map(async (url) => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (!res.ok) log?.warn({ status: res.status }, 'alert webhook failed');
      } catch (err) {
        log?.warn({ err: (err as Error).message }, 'alert webhook failed');
      }
    }),
  );
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
): Promise<ScoreOutcome> {
  const ctx = await loadPatientContext(repo, patientId);
  const m = sepsisModel(services.log) ?? undefined;
  const assessment = assessPatient(stateOf(ctx, now), m);
  const persisted = opts.persist === false ? [] : await persistAssessment(repo, patientId, assessment);
  const alerts =
    opts.alert === false || opts.persist === false ? [] : await raiseAlerts(repo, patientId, assessment, persisted, m?.threshold);
  if (alerts.length) await sendAlertWebhooks(services.config.alertWebhooks, alerts, patientId, services.log);
  return { patientId, now, assessment, persisted, alerts };
}

/**
 * On arrival: after Observations for `patientId` are written, rescore and record alerts.
 * The server calls this (fire-and-forget is fine; errors are logged, not thrown).
 */
export async function onObservationsWritten(
  patientId: string,
  ctx: Pick<OperationContext, 'repo' | 'services'>,
  now: Date = new Date(),
): Promise<ScoreOutcome | undefined> {
  try {
    return await scoreAndRecord(ctx.repo, ctx.services, patientId, now.toISOString());
  } catch (err) {
    ctx.services.log.error({ err: (err as Error).message, patientId }, 'cds rescoring failed');
    return undefined;
  }
}

const patientIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

const scoreOp = defineOperation({
  name: 'cds.score',
  description:
    'Early-warning scores (NEWS2, qSOFA, SIRS, SOFA, MEWS, shock index, AKI, Sepsis-3, SEP-1) and sepsis risk for a patient, with explanations',
  input: z.object({
    patientId: patientIdSchema,
    now: z.string().datetime({ offset: true }).optional(),
    persist: z.boolean().default(true),
  }),
  roles: ['admin', 'clinician', 'service'],
  async handler(input, ctx) {
    const now = input.now ?? new Date().toISOString();
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
  },
});

const medicationSchema = z.object({ resourceType: z.literal('MedicationRequest') }).passthrough();

const medicationCheckOp = defineOperation({
  name: 'cds.medication-check',
  description:
    'Medication safety for draft MedicationRequests: ONC high-priority interactions, allergy cross-reactivity, renal dosing, duplicate therapy',
  input: z.object({
    patientId: patientIdSchema.optional(),
    draft: z.union([medicationSchema, z.array(medicationSchema).min(1).max(50)]),
    persist: z.boolean().default(false),
    now: z.string().datetime({ offset: true }).optional(),
  }),
  roles: ['admin', 'clinician', 'service'],
  async handler(input, ctx) {
    const now = input.now ?? new Date().toISOString();
    const draft = (Array.isArray(input.draft) ? input.draft : [input.draft]) as unknown as MedicationRequest[];
    const pc: PatientContext = input.patientId
      ? await loadPatientContext(ctx.repo, input.patientId)
      : { observations: [], conditions: [], medications: [], allergies: [] };
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
  },
});

const alertsOp = defineOperation({
  name: 'cds.alerts',
  description: 'Open decision-support alerts (sepsis risk, NEWS2), newest first',
  input: z.object({ patientId: patientIdSchema.optional(), includeClosed: z.boolean().default(false) }),
  roles: ['admin', 'clinician', 'reviewer', 'service'],
  async handler(input, ctx) {
    const alerts = await listAlerts(ctx.repo, input.patientId, input.includeClosed);
    return {
      alerts: alerts.map((d) => ({
        reference: `DetectedIssue/${d.id}`,
        patientId: d.patient?.reference?.replace(/^Patient\//, ''),
        kind: extValue(d, ALERT_KIND_EXT)?.valueString,
        status: d.status,
        severity: d.severity,
        summary: d.detail ?? d.code?.text,
        identified: d.identifiedDateTime,
        snoozedUntil: extValue(d, SNOOZE_EXT)?.valueDateTime,
      })),
    };
  },
});

const alertActionOp = defineOperation({
  name: 'cds.alert-action',
  description: 'Acknowledge, snooze or override (with a reason) an alert; stored as CDS Hooks feedback',
  input: z
    .object({
      alert: z.string().regex(/^DetectedIssue\/[A-Za-z0-9\-.]{1,64}$/, 'must be DetectedIssue/<id>'),
      action: z.enum(['acknowledge', 'snooze', 'override']),
      snoozeHours: z.number().positive().max(72).optional(),
      reason: z.string().max(500).optional(),
      reasonCode: z.string().max(64).optional(),
    })
    .refine((x) => x.action !== 'override' || x.reason || x.reasonCode, { message: 'override needs a reason' }),
  roles: ['admin', 'clinician'],
  async handler(input, ctx) {
    const id = input.alert.split('/')[1]!;
    const di = await ctx.repo.read<DetectedIssue>('DetectedIssue', id);
    if (!extValue(di, ALERT_KIND_EXT)) throw badRequest(`${input.alert} is not a decision-support alert`, 'alert');
    const now = new Date();
    const updated: DetectedIssue = { ...di };
    if (input.action === 'acknowledge') updated.status = 'final';
    if (input.action === 'override') {
      updated.status = 'mitigated';
      updated.mitigation = [
        ...(di.mitigation ?? []),
        {
          action: { text: `Overridden: ${input.reason ?? input.reasonCode}` },
          date: now.toISOString(),
          author: { display: ctx.actor.id },
        },
      ];
    }
    if (input.action === 'snooze') {
      const until = new Date(
        now.getTime() + (input.snoozeHours ?? DEFAULT_POLICIES['sepsis-risk']!.snoozeHours) * 3600_000,
      ).toISOString();
      updated.extension = [
        ...(di.extension ?? []).filter((e) => e.url !== SNOOZE_EXT),
        { url: SNOOZE_EXT, valueDateTime: until },
      ];
    }
    const saved = await ctx.repo.update(updated);
    const feedback: CdsFeedback = {
      card: di.id!,
      outcome: input.action === 'override' ? 'overridden' : 'accepted',
      outcomeTimestamp: now.toISOString(),
    };
    if (input.action === 'override')
      feedback.overrideReason = {
        ...(input.reasonCode ? { reason: { code: input.reasonCode } } : {}),
        ...(input.reason ? { userComment: input.reason } : {}),
      };
    const pid = di.patient?.reference?.replace(/^Patient\//, '');
    const fb = await recordFeedback(ctx.repo, `alert:${input.action}`, feedback, {
      patientId: pid,
      about: [{ reference: input.alert }],
      sender: ctx.actor.id,
    });
    return { alert: `DetectedIssue/${saved.id}`, status: saved.status, feedback: fb };
  },
});

/** `sepsis-gbt-v2` for `.../models/sepsis-gbt-v2.json`. */
const BUNDLED_MODEL_NAME = SEPSIS_MODEL_URL.pathname.replace(/^.*\//, '').replace(/\.json$/, '');

const modelCards = new Map<string, Promise<unknown>>();

/**
 * The machine-readable card of a shipped model (`packages/cds/models/<name>.card.json`, written by
 * `bench/cds-model-card.ts`), read once and cached. Unknown or malformed names are 404.
 */
export function readModelCard(name: string): Promise<unknown> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) return Promise.reject(notFound(`No model card for "${name.slice(0, 64)}"`));
  let card = modelCards.get(name);
  if (!card) {
    // Resolved next to the bundled model file (packages/cds/models/), wherever the package lives.
    card = readFile(new URL(`${name}.card.json`, SEPSIS_MODEL_URL), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      (err: NodeJS.ErrnoException) => {
        throw err.code === 'ENOENT' ? notFound(`No model card for "${name}"`) : err;
      },
    );
    modelCards.set(name, card);
    card.catch(() => modelCards.delete(name));
  }
  return card;
}

const modelCardOp = defineOperation({
  name: 'cds.model-card',
  description: 'Model card of a shipped CDS model: intended use, limitations, held-out test metrics, ROC, calibration, subgroups',
  // The default is the card of the model the service runs (`SEPSIS_MODEL_URL`).
  input: z.object({ name: z.string().min(1).max(64).default(BUNDLED_MODEL_NAME) }),
  roles: ['admin', 'clinician', 'reviewer'],
  async handler(input) {
    return readModelCard(input.name);
  },
});

export const cdsOperations: Operation[] = [scoreOp, medicationCheckOp, alertsOp, alertActionOp, modelCardOp] as Operation[];

/**
 * `patient-view`: scoring a patient context into cards, and the reply a scoring worker sends back
 * already serialised. Pure: the caller hands in `now`, the model and the uuid source.
 * @see https://cds-hooks.hl7.org/2.0/#patient-view
 */
import { assessPatient, type Assessment } from '../assess';
import { patientViewCards, type Card } from '../cards';
import type { SepsisModel } from '../model/sepsis-model';
import { stateOf, type PatientContext } from '../patient-context';
import { contextOf } from './context';
import { authorizeHookRequest, parseHookRequest, patientNotFound, prefetchComplete, type CallerScope } from './request';
import type { ServiceDef } from './services';

export interface PatientViewResult {
  patientId: string;
  assessment: Assessment;
  cards: Card[];
}

/** Score a patient context for `patient-view`: every score, the sepsis risk (when a model is given) and the cards. */
export function scorePatientContext(
  ctx: PatientContext,
  now: string,
  model: SepsisModel | undefined,
): { assessment: Assessment; cards: Card[] } {
  const assessment = assessPatient(stateOf(ctx, now), model, { explain: 'above-threshold' });
  return { assessment, cards: patientViewCards(assessment) };
}

/** What persisting an assessment would write (NEWS2 and its inputs, the sepsis risk): equal strings, nothing new to persist. */
export function persistSignature(a: Assessment): string {
  return JSON.stringify([
    a.scores.news2.score,
    a.scores.news2.inputs.map((i) => i.observationId),
    a.sepsisRisk?.probability.toFixed(4),
  ]);
}

/**
 * A scored `patient-view` ready to send: the response body already serialised, so a scoring
 * worker hands back one string instead of the whole assessment and cards to be cloned and
 * serialised again on the HTTP thread.
 */
export interface PatientViewReply {
  patientId: string;
  /** `persistSignature` of the assessment. */
  signature: string;
  /** The response body: `{"cards":[...]}`, each card with its `uuid`. */
  body: string;
  /** The cards' uuids, in order. */
  uuids: string[];
  /** The assessment, when the caller may persist it (see `toPatientViewReply`). */
  assessment?: Assessment;
}

/** Give each card a uuid and serialise the response; keep the assessment only when `keepAssessment` says so. */
export function toPatientViewReply(
  r: PatientViewResult,
  uuid: () => string,
  keepAssessment: (patientId: string, signature: string) => boolean,
): PatientViewReply {
  const uuids: string[] = [];
  for (const c of r.cards) uuids.push((c.uuid = uuid()));
  const signature = persistSignature(r.assessment);
  const reply: PatientViewReply = {
    patientId: r.patientId,
    signature,
    body: JSON.stringify({ cards: r.cards }),
    uuids,
  };
  if (keepAssessment(r.patientId, signature)) reply.assessment = r.assessment;
  return reply;
}

/**
 * The whole `patient-view` call when the prefetch holds everything (the usual CDS Hooks case):
 * validate, check what the caller may ask (`authorizeHookRequest`), build the context and score it.
 * Returns undefined when something must be fetched (the caller then gathers it from the store or
 * the FHIR server). A result from here is computed from the caller's data, so it is never persisted.
 */
export function patientViewFromPrefetch(
  body: unknown,
  def: ServiceDef,
  opts: { now: string; model: SepsisModel | undefined } & CallerScope,
): PatientViewResult | undefined {
  const hr = parseHookRequest(body, def);
  const { patientId, fhirServer } = authorizeHookRequest(hr, opts);
  if (!prefetchComplete(def, hr)) return undefined;
  if (!fhirServer && !hr.prefetch!.patient) throw patientNotFound(patientId);
  const ctx = contextOf(hr.prefetch!, patientId);
  return { patientId, ...scorePatientContext(ctx, opts.now, opts.model) };
}

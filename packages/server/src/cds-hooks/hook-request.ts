/**
 * The pure half of the CDS Hooks service: hook request validation, prefetch → patient context
 * (with structural checks of every field the scores read), and `patient-view` scoring. No store,
 * no HTTP: it runs on the server's thread or in a scoring worker (see `score-pool.ts`).
 * @see https://cds-hooks.hl7.org/2.0/#http-request-1
 */
import type { Bundle, MedicationRequest, Observation, Resource } from '@galen/fhir';
import { badRequest, decodeUtf8Strict, forbidden, jsonTextDepth, MAX_JSON_DEPTH, notFound } from '@galen/fhir';
import { normalizeFhirBase } from '@galen/operations/cds-clients';
import {
  assessPatient,
  patientViewCards,
  stateOf,
  type Assessment,
  type Card,
  type PatientContext,
  type SepsisModel,
} from '@galen/cds';

export interface ServiceDef {
  hook: 'patient-view' | 'order-select' | 'order-sign';
  id: string;
  title: string;
  description: string;
  prefetch: Record<string, string>;
}

const P = '{{context.patientId}}';
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

export interface HookRequest {
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

/** Parse a request body (JSON bytes) into a value, or a 400. */
export function parseJsonBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : decodeUtf8Strict(body);
    if (!text.length) return undefined;
    // This plugin takes bodies as text (see index.ts), decoded with replacement characters: one in
    // the text is refused, as invalid UTF-8 is by the rest of the server (a genuine U+FFFD in a hook
    // request is refused too; it has no place in one). Depth is checked before parsing, without
    // recursion, so that what reads the value later cannot overflow the stack.
    if (text.includes('\uFFFD')) throw badRequest('The body is not valid UTF-8 (or holds U+FFFD)');
    if (jsonTextDepth(text, MAX_JSON_DEPTH) < 0) throw badRequest(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw badRequest('The body is not valid JSON');
    }
  }
  return body;
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
      if ((v as Resource).resourceType === 'Bundle') {
        const entry = (v as Bundle).entry as unknown;
        if (entry !== undefined && !Array.isArray(entry))
          throw badRequest(`prefetch.${k.slice(0, 40)}.entry must be an array`, `prefetch.${k.slice(0, 40)}.entry`);
        (entry as unknown[] | undefined)?.forEach((e, i) => {
          if (typeof e !== 'object' || e === null) throw badRequest(`prefetch.${k.slice(0, 40)}.entry[${i}] must be an object`);
          const r = (e as { resource?: unknown }).resource;
          if (r !== undefined && (typeof r !== 'object' || r === null || typeof (r as Resource).resourceType !== 'string'))
            throw badRequest(`prefetch.${k.slice(0, 40)}.entry[${i}].resource must be a FHIR resource`);
        });
      }
    }
  }
  return b as unknown as HookRequest;
}

/** The resources in a prefetch value: a Bundle's entries, or the resource itself. */
export function resourcesOf(x: unknown): Resource[] {
  if (!x || typeof x !== 'object') return [];
  const r = x as Resource;
  if (r.resourceType === 'Bundle') return ((r as Bundle).entry ?? []).map((e) => e.resource).filter((e): e is Resource => !!e);
  return [r];
}

// ---------------------------------------------------------------- structural checks of what is read

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optString = (x: unknown) => x === undefined || typeof x === 'string';

/** The 400 for a malformed field of resource `r` (messages are built only when something is wrong). */
function fail(where: string, r: Record<string, unknown>, field: string, expected: string): never {
  const label = `${typeof r.resourceType === 'string' ? r.resourceType.slice(0, 40) : 'resource'}/${typeof r.id === 'string' ? r.id.slice(0, 64) : '(no id)'}`;
  throw badRequest(`${where}: ${label} ${field} must be ${expected}`, `${where}.${field}`);
}

function checkStrings(r: Record<string, unknown>, fields: readonly string[], where: string, what: Record<string, unknown>): void {
  for (const f of fields) if (!optString(r[f])) fail(where, what, f, 'a string');
}

/** A CodeableConcept with string `text` and an array of codings with string `system`/`code`/`display`. */
function checkConcept(c: unknown, prefix: string, name: string, where: string, what: Record<string, unknown>): void {
  if (c === undefined) return;
  if (!isObj(c)) fail(where, what, prefix + name, 'a CodeableConcept');
  if (!optString(c.text)) fail(where, what, `${prefix}${name}.text`, 'a string');
  const codings = c.coding;
  if (codings === undefined) return;
  if (!Array.isArray(codings)) fail(where, what, `${prefix}${name}.coding`, 'an array');
  for (const k of codings as unknown[]) {
    if (!isObj(k) || !optString(k.system) || !optString(k.code) || !optString(k.display))
      fail(where, what, `${prefix}${name}.coding`, 'Codings with string system, code and display');
  }
}

/** The value[x] and code of an Observation (`prefix` '') or one of its components ('component.'). */
function checkObservationPart(x: Record<string, unknown>, prefix: string, where: string, what: Record<string, unknown>): void {
  checkConcept(x.code, prefix, 'code', where, what);
  const q = x.valueQuantity;
  if (q !== undefined) {
    if (!isObj(q)) fail(where, what, `${prefix}valueQuantity`, 'a Quantity');
    if (q.value !== undefined && typeof q.value !== 'number') fail(where, what, `${prefix}valueQuantity.value`, 'a number');
    if (!optString(q.unit) || !optString(q.code)) fail(where, what, `${prefix}valueQuantity.unit`, 'a string');
  }
  if (x.valueInteger !== undefined && typeof x.valueInteger !== 'number') fail(where, what, `${prefix}valueInteger`, 'a number');
  checkConcept(x.valueCodeableConcept, prefix, 'valueCodeableConcept', where, what);
  if (!optString(x.valueString)) fail(where, what, `${prefix}valueString`, 'a string');
}

const OBSERVATION_STRINGS = ['id', 'status', 'effectiveDateTime', 'effectiveInstant', 'issued'] as const;

/**
 * Check the fields the scores read, cheaply and without a full profile validation: a malformed
 * field is a 400 naming it (it would otherwise be a crash or a silently wrong score).
 */
export function checkContext(ctx: PatientContext): void {
  if (ctx.patient) {
    const p = ctx.patient as unknown as Record<string, unknown>;
    checkStrings(p, ['id', 'birthDate', 'gender'], 'prefetch.patient', p);
  }
  const where = 'prefetch.observations';
  for (const o of ctx.observations as unknown as Array<Record<string, unknown>>) {
    const what = o;
    // Named reads, not a loop over field names: this runs for every Observation of every call.
    if (
      !optString(o.id) ||
      !optString(o.status) ||
      !optString(o.effectiveDateTime) ||
      !optString(o.effectiveInstant) ||
      !optString(o.issued)
    )
      checkStrings(o, OBSERVATION_STRINGS, where, what);
    const per = o.effectivePeriod;
    if (per !== undefined && (!isObj(per) || !optString(per.start) || !optString(per.end)))
      fail(where, what, 'effectivePeriod', 'a Period with string start and end');
    checkObservationPart(o, '', where, what);
    if (o.component !== undefined) {
      if (!Array.isArray(o.component)) fail(where, what, 'component', 'an array');
      for (const c of o.component as unknown[]) {
        if (!isObj(c)) fail(where, what, 'component', 'an array of objects');
        checkObservationPart(c, 'component.', where, what);
      }
    }
  }
  for (const c of ctx.conditions as unknown as Array<Record<string, unknown>>) {
    const what = c;
    for (const f of ['code', 'clinicalStatus', 'verificationStatus']) checkConcept(c[f], '', f, 'prefetch.conditions', what);
  }
  for (const m of ctx.medications as unknown as Array<Record<string, unknown>>) {
    const what = m;
    checkStrings(m, ['id', 'status'], 'prefetch.medications', what);
    checkConcept(m.medicationCodeableConcept, '', 'medicationCodeableConcept', 'prefetch.medications', what);
  }
}

/** A patient context from resources already gathered per prefetch key; checks the patient is the one in context. */
export function contextOf(out: Record<string, unknown>, patientId: string): PatientContext {
  const patient = resourcesOf(out.patient).find((r) => r.resourceType === 'Patient');
  if (patient && patient.id && patient.id !== patientId)
    throw badRequest('prefetch.patient is not context.patientId', 'prefetch.patient');
  const ctx: PatientContext = {
    observations: resourcesOf(out.observations).filter((r): r is Observation => r.resourceType === 'Observation'),
    conditions: resourcesOf(out.conditions).filter((r) => r.resourceType === 'Condition') as PatientContext['conditions'],
    medications: resourcesOf(out.medications).filter((r) => r.resourceType === 'MedicationRequest') as MedicationRequest[],
    allergies: resourcesOf(out.allergies).filter((r) => r.resourceType === 'AllergyIntolerance') as PatientContext['allergies'],
  };
  if (patient) ctx.patient = patient as PatientContext['patient'];
  checkContext(ctx);
  return ctx;
}

export { normalizeFhirBase };

/** What a caller may ask about: its patient scope and the FHIR servers it may have Galen fetch from. */
export interface CallerScope {
  /** A patient-scoped key: this patient only. */
  limitedToPatient?: string;
  /**
   * Normalised bases of the FHIR servers the caller may name (a trusted JWT client's `fhirServers`);
   * undefined for API-key callers, who may name none.
   */
  fhirServers?: readonly string[];
}

/** The answer for a patient Galen does not have, and for any other patient to a patient-scoped key. */
export function patientNotFound(patientId: string) {
  return notFound(`Patient/${patientId} not found`);
}

/**
 * Check a hook request against what the caller may ask, before anything is read or fetched:
 * - a patient-scoped key asking about another patient gets the answer for a patient that does not
 *   exist (404), so it learns nothing of other patients, not even that they exist;
 * - a `fhirServer` is honoured only for a trusted CDS client (signed JWT) whose configuration lists
 *   it: the spec has the service use `fhirAuthorization` only against the `fhirServer` named, and
 *   leaves it to the service to decide which clients it trusts. Anyone else naming one is refused,
 *   so Galen never fetches an address a caller chose (its network is not the caller's to map) and
 *   never sends a token to a server nobody configured.
 * Returns the patient and the normalised FHIR server base (the configured string, not the caller's).
 * @see https://cds-hooks.hl7.org/2.0/#fhir-resource-access
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export function authorizeHookRequest(hr: HookRequest, scope: CallerScope): { patientId: string; fhirServer?: string } {
  const patientId = String(hr.context.patientId);
  if (scope.limitedToPatient !== undefined && scope.limitedToPatient !== patientId) throw patientNotFound(patientId);
  if (hr.fhirServer === undefined) return { patientId };
  if (!scope.fhirServers)
    throw forbidden(
      "Only trusted CDS clients (signed JWT, GALEN_CDS_CLIENTS) may name a fhirServer; API-key calls are answered from Galen's store",
      'fhirServer',
    );
  const base = normalizeFhirBase(hr.fhirServer);
  if (!base || !scope.fhirServers.includes(base))
    throw forbidden('fhirServer is not one of the FHIR servers configured for this CDS client', 'fhirServer');
  return { patientId, fhirServer: base };
}

/** True when the request's prefetch answers every template of the service (nothing to fetch). */
export function prefetchComplete(def: ServiceDef, hr: HookRequest): boolean {
  return !!hr.prefetch && Object.keys(def.prefetch).every((k) => k in hr.prefetch!);
}

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

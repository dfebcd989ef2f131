/**
 * The normalised "patient state" every score reads: for each parameter the observations in
 * canonical units, oldest first, with their FHIR ids and times. Values that cannot be trusted
 * (impossible, wrong unit, in the future, not final) are kept aside in `rejected` with a reason.
 */
import type { Observation, Patient } from '@galen/fhir';
import { AVPU_CODES, PARAM_BY_LOINC, PARAMS, canonicalValue, type ParamDef, type ParamKey } from './parameters';
import { parseIsoTime } from './iso-time';

const LOINC = 'http://loinc.org';

export interface Measurement {
  param: ParamKey;
  value: number;
  /** ISO date-time the value applies to. */
  time: string;
  /** Milliseconds since epoch of `time` (for arithmetic). */
  t: number;
  /** `Observation/<id>` when it came from a stored resource. */
  observationId?: string;
}

export interface RejectedInput {
  observationId?: string;
  param?: ParamKey;
  reason: string;
}

export interface PatientState {
  /** The moment the state describes (ISO). */
  now: string;
  nowMs: number;
  /** Measurements per parameter, oldest first. */
  series: Partial<Record<ParamKey, Measurement[]>>;
  rejected: RejectedInput[];
  ageYears?: number;
  sex?: 'male' | 'female';
  /** Documented or suspected infection (cultures + antibiotics, a coded infection problem); undefined: unknown. */
  suspectedInfection?: boolean;
  /** Patient is on supplemental oxygen; undefined: unknown. Derived from FiO2 > 0.21 or O2 flow > 0 when not given. */
  onOxygen?: boolean;
  /** Patient has hypercapnic respiratory failure with a prescribed SpO2 target of 88–92% (NEWS2 scale 2). */
  hypercapnicTarget?: boolean;
  /** Patient is on invasive or non-invasive ventilation (SOFA respiration 3–4). */
  ventilated?: boolean;
  /** Vasopressor use (SOFA cardiovascular ≥ 2); undefined: unknown. */
  vasopressors?: boolean;
}

export interface StateOptions {
  patient?: Patient;
  suspectedInfection?: boolean;
  onOxygen?: boolean;
  hypercapnicTarget?: boolean;
  ventilated?: boolean;
  vasopressors?: boolean;
}

function timeOf(o: Observation): string | undefined {
  return o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.end ?? o.effectivePeriod?.start ?? o.issued;
}

function ageAt(birthDate: string | undefined, nowMs: number): number | undefined {
  if (!birthDate) return undefined;
  const b = Date.parse(birthDate);
  if (Number.isNaN(b)) return undefined;
  return (nowMs - b) / (365.25 * 24 * 3600 * 1000);
}

type Valued = Pick<Observation, 'valueQuantity' | 'valueInteger' | 'valueCodeableConcept' | 'valueString'>;

/**
 * The value of an Observation or one of its components in the parameter's canonical unit; a string
 * says why it was rejected; undefined: there is none. (No wrapper objects: this runs per Observation.)
 */
function measuredValue(x: Valued, p: ParamDef): number | string | undefined {
  let value: number;
  let unit: string | undefined;
  const q = x.valueQuantity;
  if (q?.value !== undefined) {
    value = q.value;
    unit = q.code ?? q.unit;
  } else if (x.valueInteger !== undefined) value = x.valueInteger;
  else if (p.key === 'avpu') {
    const word = (x.valueCodeableConcept?.coding?.[0]?.code ?? x.valueCodeableConcept?.text ?? x.valueString ?? '')
      .toLowerCase()
      .trim();
    const n = Object.hasOwn(AVPU_CODES, word) ? AVPU_CODES[word] : undefined;
    if (n === undefined) return undefined;
    value = n;
    unit = '{ACVPU}';
  } else return undefined;
  return canonicalValue(p, value, unit ?? (p.units[''] ? '' : p.key === 'avpu' ? '{ACVPU}' : undefined));
}

const ACCEPTED_STATUS = new Set(['final', 'amended', 'corrected', 'preliminary']);

type Coded = Pick<Observation, 'code'>;

/** The first LOINC (or system-less) coding that names a parameter, in coding order. */
function paramOf(x: Coded): ParamDef | undefined {
  const codings = x.code?.coding;
  if (!codings) return undefined;
  for (const c of codings) {
    if (c.system !== LOINC && c.system) continue;
    const p = PARAM_BY_LOINC.get(c.code ?? '');
    if (p) return p;
  }
  return undefined;
}

/**
 * Build the state at `now` from FHIR Observations (any order). Observations after `now`, with
 * status other than final/amended/corrected/preliminary, with impossible values or wrong units are
 * rejected with a reason. Blood-pressure panels (85354-9) are split into their components.
 */
export function stateFromObservations(
  observations: readonly Observation[],
  now: string | Date,
  opts: StateOptions = {},
): PatientState {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError(`Invalid "now": ${String(now)}`);
  const series: Partial<Record<ParamKey, Measurement[]>> = {};
  const rejected: RejectedInput[] = [];
  // Observations charted together share a time: parse each distinct time once.
  let lastTime: string | undefined;
  let lastT = NaN;
  for (const o of observations) {
    const observationId = o.id ? `Observation/${o.id}` : undefined;
    if (o.status && o.status !== 'final' && !ACCEPTED_STATUS.has(o.status)) {
      rejected.push({ observationId, reason: `status ${o.status}` });
      continue;
    }
    const time = timeOf(o);
    if (time !== lastTime) {
      lastTime = time;
      lastT = time ? parseIsoTime(time) : NaN;
    }
    const t = lastT;
    const components = o.component;
    // The observation itself, then each component (a panel's parts).
    for (let ci = -1; ci < (components?.length ?? 0); ci++) {
      const x = ci < 0 ? o : components![ci]!;
      const p = paramOf(x);
      if (!p) continue;
      if (Number.isNaN(t)) {
        rejected.push({ observationId, param: p.key, reason: `${p.display}: no effective time` });
        continue;
      }
      if (t > nowMs + 60_000) {
        rejected.push({ observationId, param: p.key, reason: `${p.display}: time ${time} is after now` });
        continue;
      }
      const v = measuredValue(x, p);
      if (v === undefined) {
        rejected.push({ observationId, param: p.key, reason: `${p.display}: no numeric value` });
        continue;
      }
      if (typeof v === 'string') {
        rejected.push({ observationId, param: p.key, reason: v });
        continue;
      }
      (series[p.key] ??= []).push({ param: p.key, value: v, time: time!, t, observationId });
    }
  }
  // Oldest first (stable, as before); most series arrive in order already.
  for (const list of Object.values(series)) {
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1]!.t <= list[i]!.t;
    if (!sorted) list.sort((a, b) => a.t - b.t);
  }
  const state: PatientState = { now: new Date(nowMs).toISOString(), nowMs, series, rejected };
  const pat = opts.patient;
  if (pat) {
    state.ageYears = ageAt(pat.birthDate, nowMs);
    if (pat.gender === 'male' || pat.gender === 'female') state.sex = pat.gender;
  }
  state.suspectedInfection = opts.suspectedInfection;
  state.hypercapnicTarget = opts.hypercapnicTarget;
  state.ventilated = opts.ventilated;
  state.vasopressors = opts.vasopressors;
  state.onOxygen = opts.onOxygen ?? deriveOxygen(state);
  return state;
}

function deriveOxygen(s: PatientState): boolean | undefined {
  const f = latest(s, 'fio2');
  const q = latest(s, 'o2Flow');
  if (!f && !q) return undefined;
  return (f ? f.value > 0.21 + 1e-9 : false) || (q ? q.value > 0 : false);
}

/** Hours a value stays "current" for a score, by parameter kind (vitals 6 h, labs 24 h, weight/height for ever). */
export function maxAgeHours(p: ParamKey): number {
  if (p === 'weight' || p === 'height') return Infinity;
  if (['hr', 'spo2', 'temp', 'sbp', 'map', 'dbp', 'rr', 'etco2', 'avpu', 'gcs', 'fio2', 'o2Flow'].includes(p)) return 6;
  return 24;
}

/** The latest current measurement of `p` at the state's `now`, or undefined. */
export function latest(s: PatientState, p: ParamKey, maxHours = maxAgeHours(p)): Measurement | undefined {
  const list = s.series[p];
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i]!;
    if (m.t > s.nowMs) continue;
    if (s.nowMs - m.t > maxHours * 3600_000) return undefined;
    return m;
  }
  return undefined;
}

/** A state as it was at an earlier time (same series, later values ignored). */
export function stateAt(s: PatientState, at: number): PatientState {
  return { ...s, now: new Date(at).toISOString(), nowMs: at };
}

/** Build a state directly from plain values (tests, the PhysioNet evaluator). */
export function stateFromValues(
  values: Partial<Record<ParamKey, number>>,
  now: string,
  extra: Partial<PatientState> = {},
): PatientState {
  const nowMs = Date.parse(now);
  const series: Partial<Record<ParamKey, Measurement[]>> = {};
  for (const [k, v] of Object.entries(values) as Array<[ParamKey, number]>) {
    if (v === undefined || !Number.isFinite(v)) continue;
    const p = PARAMS[k];
    if (v < p.min || v > p.max) continue;
    series[k] = [{ param: k, value: v, time: now, t: nowMs }];
  }
  return { now, nowMs, series, rejected: [], ...extra };
}

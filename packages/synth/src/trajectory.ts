/**
 * Inpatient trajectories as functions of the hour of the stay: a latent course (when infection,
 * deterioration and AKI begin, how severe they get, when the ICU takes over), the severity it
 * implies each hour, and the vital signs and labs that severity produces. Pure: no resources, no
 * ids; randomness only from the generator handed in, drawn in a fixed order (the order is part of
 * the output, see golden.test.ts). Parameters and what each shapes: data/trajectories.ts.
 */
import type { Baseline } from './baseline';
import type { LabKey } from './data/observations';
import { COURSE, LAB_COURSE, SEVERITY, VITAL_COURSE } from './data/trajectories';
import type { Trajectory } from './labels';
import type { Rng } from './prng';

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The latent course of one stay; hours from admission, -1 where a process does not occur. */
export interface Course {
  trajectory: Trajectory;
  septic: boolean;
  /** Still admitted at "now": nothing has started to recover. */
  current: boolean;
  /** Hour of infection onset (sepsis). */
  tInf: number;
  /** Hour deterioration begins. */
  tDet: number;
  /** Hour creatinine begins to rise (AKI, or sepsis with AKI). */
  tAki: number;
  /** Peak severity of sepsis and deterioration, 0..1. */
  peak: number;
  /** Peak creatinine rise over baseline (a factor minus one). */
  akiAmp: number;
  /** Transferred to the ICU at hour `tIcu` (Infinity if never). */
  icu: boolean;
  tIcu: number;
}

/** Severity of illness (0..1) and, in sepsis, the infection's part of it. */
export interface Severity {
  s: number;
  inf: number;
}

type Window = { from: number; latest: number; marginBeforeDischarge: number; beforeNow: readonly [number, number] };

/** Onset hour: `beforeNow` hours before now for a current stay, otherwise early enough to recover before discharge. */
function onsetHour(rng: Rng, w: Window, hours: number, current: boolean): number {
  return current
    ? Math.max(0, hours - rng.int(w.beforeNow[0], w.beforeNow[1]))
    : rng.int(w.from, Math.max(w.from + 1, Math.min(w.latest, hours - w.marginBeforeDischarge)));
}

/** Draw the latent course of a stay of `hours` hours (up to now for a current one). */
export function planCourse(rng: Rng, trajectory: Trajectory, hours: number, current: boolean): Course {
  const septic = trajectory === 'sepsis';
  const S = COURSE.sepsis;
  let tInf = -1;
  if (septic)
    tInf = current
      ? Math.max(0, hours - rng.int(S.beforeNow[0], S.beforeNow[1]))
      : rng.chance(S.onArrivalChance)
        ? rng.int(S.onArrival[0], S.onArrival[1])
        : onsetHour(rng, { ...S, from: S.laterFrom }, hours, false);
  let tDet = -1;
  if (trajectory === 'deteriorating') tDet = onsetHour(rng, COURSE.deteriorating, hours, current);
  let tAki = -1;
  if (trajectory === 'aki' || (septic && rng.chance(COURSE.aki.withSepsisChance)))
    tAki = onsetHour(rng, COURSE.aki, hours, current);
  const peak = rng.uniform(COURSE.peak[0], COURSE.peak[1]);
  const akiAmp = rng.uniform(COURSE.akiAmplitude[0], COURSE.akiAmplitude[1]);
  const icu = trajectory === 'sepsis' || (trajectory === 'deteriorating' && rng.chance(COURSE.deterioratingIcuChance));
  const tIcu = !icu
    ? Infinity
    : septic
      ? Math.max(0, tInf + rng.int(COURSE.icuAfterInfection[0], COURSE.icuAfterInfection[1]))
      : Math.max(0, tDet + rng.int(COURSE.icuAfterDeterioration[0], COURSE.icuAfterDeterioration[1]));
  return { trajectory, septic, current, tInf, tDet, tAki, peak, akiAmp, icu, tIcu };
}

/**
 * Severity at hour `h`: the admitting illness settling, the infection's logistic rise (recovering
 * from `recoveryAfterAntibiotics` hours after the first dose at `abxHour`, -1 if none yet) and a
 * deterioration's linear rise and later recovery; the worst of them.
 */
export function severityAt(c: Course, h: number, abxHour: number): Severity {
  const P = SEVERITY;
  let s = P.admission * Math.exp(-h / P.admissionDecayHours);
  let inf = 0;
  if (c.septic) {
    inf = c.peak / (1 + Math.exp(-(h - c.tInf - P.infectionMidpoint) / P.infectionScale));
    if (abxHour >= 0 && !c.current && h > abxHour + P.recoveryAfterAntibiotics)
      inf *= Math.exp(-(h - abxHour - P.recoveryAfterAntibiotics) / P.recoveryDecayHours);
    s = Math.max(s, inf);
  }
  if (c.tDet >= 0 && h > c.tDet) {
    let d = Math.min(1, (h - c.tDet) / P.deteriorationRiseHours) * c.peak * P.deteriorationShare;
    if (!c.current && h > c.tDet + P.deteriorationRecoveryAfter)
      d *= Math.exp(-(h - c.tDet - P.deteriorationRecoveryAfter) / P.deteriorationDecayHours);
    s = Math.max(s, d);
  }
  return { s, inf };
}

/** Creatinine as a multiple of baseline at hour `h`: 1 before AKI, rising to 1 + akiAmp, then recovering. */
export function akiFactorAt(c: Course, h: number): number {
  if (c.tAki < 0 || h < c.tAki) return 1;
  const P = SEVERITY;
  let f = 1 + c.akiAmp * Math.min(1, (h - c.tAki) / P.akiRiseHours);
  if (!c.current && h > c.tAki + P.akiRecoveryAfter)
    f = 1 + (f - 1) * Math.exp(-(h - c.tAki - P.akiRecoveryAfter) / P.akiDecayHours);
  return f;
}

/** Vital signs of one hour; pressures, SpO2 and GCS already rounded as charted, FiO2 as a fraction. */
export interface HourVitals {
  hr: number;
  sbp: number;
  dbp: number;
  map: number;
  rr: number;
  fio2: number;
  spo2: number;
  temp: number;
  gcs: number;
}

/** The vital signs at severity `at` (six normal draws: HR, SBP, DBP, RR, SpO2, temperature). */
export function vitalSignsAt(
  rng: Rng,
  b: Baseline,
  c: Course,
  at: Severity,
  vasopressor: boolean,
  dementia: boolean,
): HourVitals {
  const V = VITAL_COURSE;
  const { s, inf } = at;
  const hr = clamp(
    b.hr + V.heartRate.perSeverity * s + (c.septic ? V.heartRate.perInfection * inf : 0) + rng.normal(0, V.heartRate.sd),
    V.heartRate.min,
    V.heartRate.max,
  );
  let sbp = b.sbp + V.systolic.perSeverity * s + rng.normal(0, V.systolic.sd);
  let dbp = b.dbp + V.diastolic.perSeverity * s + rng.normal(0, V.diastolic.sd);
  if (vasopressor) {
    sbp += V.vasopressorEffect.systolic;
    dbp += V.vasopressorEffect.diastolic;
  }
  sbp = Math.round(clamp(sbp, V.systolic.min, V.systolic.max));
  dbp = Math.round(clamp(dbp, V.diastolic.min, Math.min(V.diastolic.max, sbp - V.diastolic.pulsePressure)));
  const map = Math.round((sbp + 2 * dbp) / 3);
  const rr = clamp(b.rr + V.respRate.perSeverity * s + rng.normal(0, V.respRate.sd), V.respRate.min, V.respRate.max);
  const fio2 = round2(Math.min(V.fio2.max, V.fio2.roomAir + Math.max(0, s - V.fio2.from) * V.fio2.perSeverity));
  const spo2 = Math.round(
    clamp(
      b.spo2 + V.spo2.perSeverity * s + (fio2 - V.fio2.roomAir) * V.spo2.perFio2 + rng.normal(0, V.spo2.sd),
      V.spo2.min,
      V.spo2.max,
    ),
  );
  const T = V.temperature;
  const temp = T.mean + (c.septic ? T.perInfection * inf : T.perSeverity * s) + rng.normal(0, T.sd);
  const G = V.gcs;
  const gcs = Math.round(clamp((dementia ? G.dementia : G.normal) + G.perSeverity * Math.max(0, s - G.from), G.min, G.max));
  return { hr, sbp, dbp, map, rr, fio2, spo2, temp, gcs };
}

/**
 * The day's inpatient panel at hour `h`, in drawing order. A generator so that the caller records
 * each value (drawing its resource id) before the next value is drawn; with `full` (admission,
 * ICU) bilirubin is added.
 */
export function* inpatientPanel(
  rng: Rng,
  b: Baseline,
  c: Course,
  h: number,
  at: Severity,
  full: boolean,
): Generator<[LabKey, number], void, void> {
  const L = LAB_COURSE;
  const { s, inf } = at;
  const aki = akiFactorAt(c, h);
  const cr =
    b.creat *
    aki *
    (1 + (c.septic ? L.creatinine.sepsisGain : L.creatinine.otherGain) * Math.max(0, s - L.creatinine.from)) *
    rng.uniform(L.creatinine.noise[0], L.creatinine.noise[1]);
  yield ['creatinine', cr];
  yield ['bun', cr * rng.uniform(L.bunRatio[0], L.bunRatio[1])];
  yield ['sodium', rng.normal(L.sodium.mean, L.sodium.sd)];
  yield ['potassium', rng.normal(L.potassium.mean, L.potassium.sd) + L.potassium.perAki * (aki - 1)];
  yield [
    'bicarbonate',
    L.bicarbonate.mean + L.bicarbonate.perSeverity * Math.max(0, s - L.bicarbonate.from) + rng.normal(0, L.bicarbonate.sd),
  ];
  yield ['glucose', b.glucose + L.glucose.perSeverity * s + rng.normal(0, L.glucose.sd)];
  yield ['wbc', b.wbc + (c.septic ? L.wbc.perInfection * inf : L.wbc.perSeverity * s) + rng.normal(0, L.wbc.sd)];
  yield ['hemoglobin', b.hgb + L.hemoglobin.perDay * (h / 24) + rng.normal(0, L.hemoglobin.sd)];
  yield ['platelets', b.plt * (1 + L.platelets.perSeverity * Math.max(0, s - L.platelets.from)) + rng.normal(0, L.platelets.sd)];
  if (full)
    yield [
      'bilirubin',
      b.bili +
        L.bilirubin.amplitude * Math.pow(Math.max(0, s - L.bilirubin.from), L.bilirubin.power) +
        rng.normal(0, L.bilirubin.sd),
    ];
}

/** Lactate drawn with the blood culture: raised with the infection (septic) or with severity (others). */
export function workupLactate(rng: Rng, c: Course, at: Severity): number {
  const L = LAB_COURSE.lactate;
  return (
    L.base + (c.septic ? L.perInfection2 * at.inf * at.inf : L.perSeverity * Math.max(0, at.s - L.from)) + rng.normal(0, L.sd)
  );
}

/** Lactate on admission of a deteriorating or septic patient. */
export function admissionLactate(rng: Rng, at: Severity): number {
  const L = LAB_COURSE.lactate;
  return L.base + L.onAdmissionPerSeverity * at.s + rng.normal(0, L.sd);
}

/** Repeat lactate while septic. */
export function septicLactate(rng: Rng, at: Severity): number {
  const L = LAB_COURSE.lactate;
  return L.base + L.perInfection2 * at.inf * at.inf + rng.normal(0, L.sd);
}

/** Procalcitonin with the blood culture. */
export function workupProcalcitonin(rng: Rng, c: Course, at: Severity): number {
  const P = LAB_COURSE.procalcitonin;
  return c.septic ? rng.uniform(P.septic[0], P.septic[1]) * at.inf + P.septicOffset : rng.uniform(P.other[0], P.other[1]);
}

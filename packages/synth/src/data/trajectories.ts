/**
 * Parameters of the inpatient trajectories (stable, deteriorating, sepsis, AKI) and of how they are
 * charted. trajectory.ts turns them into hourly vital signs and labs; the ground-truth labels
 * (Sepsis-3 onset, KDIGO AKI) are then computed from what was recorded (scores.ts), so every
 * number here shapes the labels too. Times are hours from admission unless named otherwise.
 *
 * Most numbers are modelling choices, tuned so that the recorded values look like a ward's and the
 * labels come out for most septic and AKI stays. Clinical facts are marked with their source.
 */
import type { Trajectory } from '../labels';

// ---------------------------------------------------------------- admissions
/** Which patients are admitted with which course, and for how long. */
export const ADMISSION_MIX = {
  /** Relative weights of the trajectories of a past admission. */
  trajectoryWeights: { stable: 0.45, deteriorating: 0.2, sepsis: 0.2, aki: 0.15 } satisfies Record<Trajectory, number>,
  /** Length of a past stay, hours. */
  stayHours: [48, 168],
  /** A past admission began this many days before "now". */
  daysAgo: [20, 400],
  /** Hours a current inpatient has been in hospital by "now". */
  currentStayHours: [30, 110],
  /** Chance of a second admission after a past one; it starts 2–29 days (and 0–23 h) after discharge. */
  readmissionChance: 0.2,
  readmissionGapDays: [2, 29],
  readmissionStayHours: [36, 120],
  /** A readmission is stable with this chance, otherwise an AKI course. */
  readmissionStableChance: 0.7,
} as const;

// ---------------------------------------------------------------- latent course
/**
 * When each process starts. Past stays place the event so that recovery fits before discharge
 * (`latest`, but at least `marginBeforeDischarge` hours before the end); current inpatients had it
 * `beforeNow` hours ago, so the demo shows it unfolding.
 */
export const COURSE = {
  sepsis: {
    /** Half of septic patients are infected on arrival (hour 0–4), the others acquire it later. */
    onArrivalChance: 0.5,
    onArrival: [0, 4],
    laterFrom: 12,
    latest: 60,
    marginBeforeDischarge: 30,
    beforeNow: [8, 20],
  },
  deteriorating: { from: 6, latest: 48, marginBeforeDischarge: 36, beforeNow: [8, 20] },
  aki: {
    /** Share of septic stays that also develop AKI (sepsis is the commonest cause of AKI in intensive care). */
    withSepsisChance: 0.4,
    from: 6,
    latest: 48,
    marginBeforeDischarge: 36,
    beforeNow: [30, 48],
  },
  /** Peak severity of sepsis and deterioration (0 well, 1 moribund), drawn per stay. */
  peak: [0.65, 0.95],
  /**
   * Peak rise of creatinine over baseline with AKI, as a multiple minus one: 1.7–3.2× baseline,
   * KDIGO stage 1 (1.5–1.9×) to stage 3 (3× or more; KDIGO AKI guideline 2012).
   */
  akiAmplitude: [0.7, 2.2],
  /** Deteriorating patients go to the ICU with this chance (septic ones always do). */
  deterioratingIcuChance: 0.7,
  /** ICU transfer this many hours after infection onset (sepsis) or deterioration onset. */
  icuAfterInfection: [3, 8],
  icuAfterDeterioration: [6, 14],
} as const;

/**
 * Severity `s` (0..1) over the stay: the illness that brought the patient in settles; sepsis rises
 * as a logistic curve and recovers once antibiotics have worked; deterioration rises linearly and
 * recovers later. Current inpatients do not recover yet.
 */
export const SEVERITY = {
  /** Severity on admission of every stay, decaying with this e-folding time (h). */
  admission: 0.12,
  admissionDecayHours: 24,
  /** Infection: logistic rise centred `infectionMidpoint` h after onset with this scale (h): near its peak within half a day. */
  infectionMidpoint: 5,
  infectionScale: 2.5,
  /** Recovery from infection starts this long after the first antibiotic dose, then decays (e-folding, h). */
  recoveryAfterAntibiotics: 30,
  recoveryDecayHours: 24,
  /** Deterioration: linear rise to `share` of the peak over `riseHours`, recovery from `recoveryAfter` h. */
  deteriorationRiseHours: 24,
  deteriorationShare: 0.85,
  deteriorationRecoveryAfter: 48,
  deteriorationDecayHours: 24,
  /** AKI: creatinine factor rises over `riseHours`, recovers from `recoveryAfter` h (e-folding `decayHours`). */
  akiRiseHours: 36,
  akiRecoveryAfter: 72,
  akiDecayHours: 36,
} as const;

// ---------------------------------------------------------------- vital signs
/**
 * Vital signs at severity `s` (and infection level `inf` when septic): baseline plus a shift per
 * unit of severity, plus noise (sd), clamped to physiological limits.
 */
export const VITAL_COURSE = {
  heartRate: { perSeverity: 45, perInfection: 12, sd: 4, min: 35, max: 190 },
  systolic: { perSeverity: -50, sd: 6, min: 55, max: 220 },
  /** Diastolic at most `max` and at least `pulsePressure` below the systolic. */
  diastolic: { perSeverity: -25, sd: 4, min: 25, max: 130, pulsePressure: 15 },
  /** A vasopressor raises the pressures by this much, mmHg. */
  vasopressorEffect: { systolic: 22, diastolic: 10 },
  respRate: { perSeverity: 14, sd: 1.5, min: 6, max: 50 },
  /**
   * Oxygen: room air is FiO2 0.21 (the oxygen fraction of dry air); supplemental oxygen starts
   * above severity `from` and rises `perSeverity` per unit, up to `max`.
   */
  fio2: { roomAir: 0.21, from: 0.3, perSeverity: 1.15, max: 0.8 },
  /** SpO2 falls with severity and recovers by `perFio2` points per unit FiO2 above room air. */
  spo2: { perSeverity: -10, perFio2: 12, sd: 1, min: 75, max: 100 },
  /** Temperature: `mean` °C normal; sepsis adds up to `perInfection`, other illness `perSeverity`. */
  temperature: { mean: 36.9, perInfection: 1.8, perSeverity: 0.3, sd: 0.2 },
  /** GCS 15 is normal (14 with dementia) and falls above severity `from` (Teasdale & Jennett, Lancet 1974). */
  gcs: { normal: 15, dementia: 14, from: 0.45, perSeverity: -9, min: 3, max: 15 },
} as const;

/** Septic shock management: a vasopressor when hypotension persists after antibiotics. */
export const SHOCK = {
  /**
   * MAP below 65 mmHg is the threshold for vasopressors in septic shock (Surviving Sepsis Campaign
   * 2021, Evans et al., Crit Care Med 2021;49:e1063; Sepsis-3, Singer et al., JAMA 2016;315:801).
   */
  mapBelow: 65,
  /** Hours of low MAP before norepinephrine is started. */
  lowMapHours: 2,
  /** Norepinephrine dose, mcg/kg/min (SOFA cardiovascular: ≤0.1 scores 3, >0.1 scores 4). */
  dose: [0.05, 0.25],
  /** Weaned once severity falls below this. */
  weanBelow: 0.4,
} as const;

// ---------------------------------------------------------------- infection work-up
/** Recognition of infection: blood culture and antibiotics, in either order (the Sepsis-3 pairing). */
export const INFECTION_WORKUP = {
  /** Hours after infection onset when sepsis is recognised. */
  septicAfterOnset: 3,
  /** Deteriorating patients get a work-up this many hours after onset, with this chance. */
  deterioratingAfterOnset: 6,
  deterioratingChance: 0.3,
  /** Antibiotics before the culture in this share; the later of the two comes 2 h (or 1–3 h) later. */
  antibioticsFirstChance: 0.2,
  cultureAfterAntibioticsHours: 2,
  antibioticsAfterCultureHours: [1, 3],
  /** Minutes past the hour of either. */
  minutesPast: [0, 50],
  /** The order is written this long (ms) before the first dose. */
  orderLeadMs: 20 * 60_000,
  /** A blood culture results after 48 h; a septic patient's is positive with this chance. */
  cultureResultHours: 48,
  positiveCultureChance: 0.5,
  /** Empirical regimens for sepsis (one is picked), and for a deteriorating patient's work-up. */
  septicRegimens: [['vancomycin', 'cefepime'], ['vancomycin', 'meropenem'], ['ceftriaxone']],
  otherRegimen: ['ceftriaxone'],
} as const;

// ---------------------------------------------------------------- labs
/**
 * Inpatient labs at severity `s`: creatinine follows the AKI factor and severity; the others are
 * baseline (or a normal value) plus a shift per unit of severity above a threshold, plus noise.
 * Reference intervals quoted are those of data/observations.ts (common U.S. adult ranges).
 */
export const LAB_COURSE = {
  /** Creatinine × (1 + gain × max(0, s − from)), gain higher in sepsis; × uniform noise. */
  creatinine: { sepsisGain: 1.3, otherGain: 0.5, from: 0.4, noise: [0.97, 1.03] },
  /** BUN as creatinine × ratio (BUN/creatinine ratio 10–20 is normal; higher in prerenal states). */
  bunRatio: [14, 22],
  /** Sodium, mmol/L (reference 135–145). */
  sodium: { mean: 138, sd: 2.5 },
  /** Potassium, mmol/L (reference 3.5–5.1), rising with the AKI factor. */
  potassium: { mean: 4.1, sd: 0.3, perAki: 0.3 },
  /** Bicarbonate, mmol/L (reference 22–29), falling with severity above `from` (metabolic acidosis). */
  bicarbonate: { mean: 25, perSeverity: -7, from: 0.3, sd: 1 },
  /** Glucose rises with stress (per unit severity), mg/dL. */
  glucose: { perSeverity: 40, sd: 10 },
  /** White cells, 10*3/uL: sepsis adds up to `perInfection`, other illness `perSeverity`. */
  wbc: { perInfection: 11, perSeverity: 2.5, sd: 0.8 },
  /** Hemoglobin drifts down in hospital (phlebotomy, dilution), g/dL per day. */
  hemoglobin: { perDay: -0.25, sd: 0.2 },
  /** Platelets fall with severity above `from` (sepsis-associated thrombocytopenia), by `perSeverity` of baseline. */
  platelets: { perSeverity: -0.75, from: 0.2, sd: 8 },
  /** Bilirubin rises with severity above `from`, as amplitude × excess^power, mg/dL. */
  bilirubin: { amplitude: 5, from: 0.4, power: 1.2, sd: 0.05 },
  /**
   * Lactate, mmol/L: normal `base` (reference 0.5–2; above 2 with vasopressors defines septic shock,
   * Sepsis-3, Singer et al. 2016), in sepsis + `perInfection2` × inf², otherwise + `perSeverity` × max(0, s − from).
   */
  lactate: { base: 0.9, perInfection2: 4.5, perSeverity: 2, from: 0.3, sd: 0.2, onAdmissionPerSeverity: 2 },
  /** Procalcitonin, ng/mL (< 0.5 makes bacterial sepsis unlikely): septic uniform × inf + offset, others low. */
  procalcitonin: { septic: [2, 20], septicOffset: 0.1, other: [0.05, 0.4] },
} as const;

// ---------------------------------------------------------------- charting
/** How often things are recorded, and how often a scheduled measurement is missing. */
export const CHARTING = {
  /** Vital signs every hour in the ICU, every 4 hours on the ward, up to 12 minutes late. */
  icuEveryHours: 1,
  wardEveryHours: 4,
  lateMinutes: [0, 12],
  /** Chance that each scheduled measurement is recorded. */
  recorded: { heartRate: 0.95, bloodPressure: 0.92, respRate: 0.9, spo2: 0.93, temperature: 0.9, gcs: 0.85 },
  /** Temperature, FiO2 and GCS every 4 hours; GCS on the ward only every 12 hours. */
  slowEveryHours: 4,
  wardGcsEveryHours: 12,
  /**
   * Labs: on admission, every morning at 05:00 UTC, and also at 17:00 in the ICU or on an AKI
   * course (from admission, before the creatinine rises); up to 20 minutes past the hour.
   */
  morningLabsHour: 5,
  eveningLabsHour: 17,
  labMinutes: [0, 20],
  /** Admission lactate (deteriorating or septic) 15 minutes after the hour. */
  admissionLactateMinutes: 15,
  /** Repeat lactate every 6 h after recognition of sepsis, for the first 40 h after onset. */
  lactateEveryHours: 6,
  lactateUntilHours: 40,
  lactateMinutes: 10,
} as const;

/** Notes of an admission: H&P, daily progress notes, nursing notes at shift change, discharge summary. */
export const INPATIENT_NOTES = {
  /** H&P written at hour 2, 30 minutes past. */
  historyAndPhysicalHour: 2,
  historyAndPhysicalMinutes: 30,
  /** Progress notes at 09:00 UTC after hour 6, 40 minutes past. */
  progressHourOfDay: 9,
  progressAfterHour: 6,
  progressMinutes: 40,
  /** Nursing notes at 07:00 and 19:00 UTC after hour 2, 20 minutes past. */
  nursingHoursOfDay: [7, 19],
  nursingAfterHour: 2,
  nursingMinutes: 20,
  /** Lab values shown in a note (the first of the day's panel). */
  labsShown: 6,
  /** Symptoms once septic. */
  septicSymptoms: ['fever', 'chills', 'dyspnea'],
  /** A progress note calls the course "deteriorating" above this severity. */
  deterioratingAbove: 0.35,
  /** AKI is mentioned once creatinine is 1.4× baseline or more. */
  akiFactorFrom: 1.4,
} as const;

/** When a stay's diagnoses are recorded and resolve. */
export const DIAGNOSES = {
  /** A sepsis or AKI Condition (from the computed labels) is recorded 2 h after its onset, if that is before now. */
  recordedAfterHours: 2,
  /** AKI resolves 3 days after discharge; the admission reason 5 days after. */
  akiResolvesDaysAfterDischarge: 3,
  reasonResolvesDaysAfterDischarge: 5,
} as const;

// ---------------------------------------------------------------- emergency department
/**
 * An ED visit with an acute infection: vital signs shifted from baseline by `illness` × these
 * amounts, illness 1 on arrival and half of it before discharge.
 */
export const ED_PRESENTATION = {
  onArrival: 1,
  beforeDischarge: 0.5,
  /** mmHg */
  systolic: -5,
  diastolic: -3,
  /** /min */
  heartRate: 18,
  respRate: 3,
  /** Temperature °C: `temperature` + `fever` × illness (38.1 °C on arrival, a fever). */
  temperature: 37,
  fever: 1.1,
  /** SpO2 points */
  spo2: -2,
} as const;

/** Chance of an ED visit in the last two years, × an age factor (older patients use the ED more). */
export const ED_VISIT = { chance: 0.08, ageFactor: { from65: 2, from40: 1, younger: 0.4 } } as const;

/**
 * Score tables. Each row is `[upper bound inclusive, points]`, scanned in order.
 *
 * - NEWS2: Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the
 *   assessment of acute-illness severity in the NHS. Updated report of a working party. London: RCP, 2017
 *   (chart 1 "The NEWS2 scoring system" and chart 2 "clinical response").
 * - MEWS: Subbe CP, Kruger M, Rutherford P, Gemmel L. Validation of a modified Early Warning Score in
 *   medical admissions. QJM 2001;94:521-6 (table 1).
 * - qSOFA and Sepsis-3: Singer M, et al. The Third International Consensus Definitions for Sepsis and
 *   Septic Shock (Sepsis-3). JAMA 2016;315(8):801-10.
 * - SIRS: Bone RC, et al. ACCP/SCCM Consensus Conference. Chest 1992;101(6):1644-55.
 * - SOFA: Vincent JL, et al. The SOFA score to describe organ dysfunction/failure. Intensive Care Med
 *   1996;22:707-10 (table 1).
 * - Shock index: Allgöwer M, Burri C. Dtsch Med Wochenschr 1967; ≥ 0.9 as the usual abnormal cut-off
 *   (e.g. Koch E, et al. Scand J Trauma Resusc Emerg Med 2019).
 * - KDIGO: KDIGO Clinical Practice Guideline for Acute Kidney Injury. Kidney Int Suppl 2012;2:1-138 (section 2.1).
 * - SEP-1: CMS/The Joint Commission Specifications Manual for National Hospital Inpatient Quality
 *   Measures, SEP-1 "Severe Sepsis/Septic Shock: Management Bundle" (v5.x data element definitions:
 *   severe sepsis = infection + ≥ 2 SIRS + organ dysfunction; septic shock = lactate ≥ 4 or persistent hypotension).
 */
export type Table = ReadonlyArray<readonly [number, number]>;
const INF = Number.POSITIVE_INFINITY;

export const NEWS2 = {
  rr: [
    [8, 3],
    [11, 1],
    [20, 0],
    [24, 2],
    [INF, 3],
  ] as Table,
  spo2Scale1: [
    [91, 3],
    [93, 2],
    [95, 1],
    [INF, 0],
  ] as Table,
  /** Scale 2 at or below 92% (on air or oxygen). */
  spo2Scale2Low: [
    [83, 3],
    [85, 2],
    [87, 1],
    [92, 0],
  ] as Table,
  /** Scale 2 above 92% on oxygen (on air above 92% scores 0). */
  spo2Scale2HighOnOxygen: [
    [94, 1],
    [96, 2],
    [INF, 3],
  ] as Table,
  onOxygen: 2,
  sbp: [
    [90, 3],
    [100, 2],
    [110, 1],
    [219, 0],
    [INF, 3],
  ] as Table,
  hr: [
    [40, 3],
    [50, 1],
    [90, 0],
    [110, 1],
    [130, 2],
    [INF, 3],
  ] as Table,
  temp: [
    [35.0, 3],
    [36.0, 1],
    [38.0, 0],
    [39.0, 1],
    [INF, 2],
  ] as Table,
  /** ACVPU other than Alert (new confusion, voice, pain, unresponsive). */
  notAlert: 3,
  /** Chart 2 trigger thresholds. */
  mediumAt: 5,
  highAt: 7,
} as const;

export const MEWS = {
  sbp: [
    [70, 3],
    [80, 2],
    [100, 1],
    [199, 0],
    [INF, 2],
  ] as Table,
  hr: [
    [40, 2],
    [50, 1],
    [100, 0],
    [110, 1],
    [129, 2],
    [INF, 3],
  ] as Table,
  rr: [
    [8, 2],
    [14, 0],
    [20, 1],
    [29, 2],
    [INF, 3],
  ] as Table,
  temp: [
    [34.9, 2],
    [38.4, 0],
    [INF, 2],
  ] as Table,
  /** AVPU ordinal (0 A, 1 C, 2 V, 3 P, 4 U) → points (A 0, V 1, P 2, U 3; new confusion scored as V). */
  avpu: [0, 1, 1, 2, 3] as readonly number[],
  /** Subbe 2001: a score ≥ 5 was associated with increased risk of death and ICU admission. */
  triggerAt: 5,
} as const;

export const QSOFA = { rrAtLeast: 22, sbpAtMost: 100, gcsBelow: 15, positiveAt: 2 } as const;

export const SIRS = {
  tempAbove: 38,
  tempBelow: 36,
  hrAbove: 90,
  rrAbove: 20,
  paco2Below: 32,
  wbcAbove: 12,
  wbcBelow: 4,
  bandsAbove: 10,
  positiveAt: 2,
} as const;

export const SOFA = {
  /** PaO2/FiO2 (mmHg): ≥400 0; <400 1; <300 2; <200 with respiratory support 3; <100 with support 4. */
  pf: { below400: 1, below300: 2, below200Supported: 3, below100Supported: 4 },
  /** Platelets ×10³/µL: upper bounds are exclusive in the paper ("< 150"); written as inclusive bounds just below. */
  platelets: [
    [19.999, 4],
    [49.999, 3],
    [99.999, 2],
    [149.999, 1],
    [INF, 0],
  ] as Table,
  /** Bilirubin mg/dL: <1.2 0; 1.2–1.9 1; 2.0–5.9 2; 6.0–11.9 3; ≥12 4. */
  bilirubin: [
    [1.199, 0],
    [1.999, 1],
    [5.999, 2],
    [11.999, 3],
    [INF, 4],
  ] as Table,
  /** MAP < 70 mmHg: 1 (vasopressor tiers 2–4 need drug doses, not observations). */
  mapBelow: 70,
  /** GCS: 15 0; 13–14 1; 10–12 2; 6–9 3; <6 4. */
  gcs: [
    [5, 4],
    [9, 3],
    [12, 2],
    [14, 1],
    [15, 0],
  ] as Table,
  /** Creatinine mg/dL: <1.2 0; 1.2–1.9 1; 2.0–3.4 2; 3.5–4.9 3; ≥5 4. */
  creatinine: [
    [1.199, 0],
    [1.999, 1],
    [3.499, 2],
    [4.999, 3],
    [INF, 4],
  ] as Table,
} as const;

export const SHOCK_INDEX = { abnormalAt: 0.9, severeAt: 1.3 } as const;

export const KDIGO = {
  /** Absolute rise ≥ 0.3 mg/dL within 48 h → stage 1. */
  absoluteRise: 0.3,
  absoluteWindowHours: 48,
  /** Baseline: lowest value in the prior 7 days. */
  baselineWindowHours: 168,
  /** Ratio to baseline: 1.5–1.9 stage 1, 2.0–2.9 stage 2, ≥ 3.0 stage 3. */
  stage1Ratio: 1.5,
  stage2Ratio: 2.0,
  stage3Ratio: 3.0,
  /** Creatinine ≥ 4.0 mg/dL (with an acute rise) → stage 3. */
  stage3Absolute: 4.0,
} as const;

export const SEP1 = {
  sbpBelow: 90,
  mapBelow: 65,
  creatinineAbove: 2.0,
  bilirubinAbove: 2.0,
  plateletsBelow: 100,
  inrAbove: 1.5,
  pttAbove: 60,
  lactateAbove: 2.0,
  shockLactateAtLeast: 4.0,
} as const;

/** Sepsis-3: an acute change in total SOFA ≥ 2 consequent to infection. */
export const SEPSIS3 = { sofaRise: 2 } as const;

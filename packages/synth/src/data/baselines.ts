/**
 * A patient's own "normal": the baseline vital signs and lab values each patient is drawn around,
 * and how chronic problems move them. Office visits scatter around these values; admissions start
 * from them (see trajectories.ts). Ranges sit inside common U.S. adult reference intervals unless
 * a problem moves them; where a number is a clinical cut-off its source is named. Ranges are
 * `[lo, hi]` of a uniform draw, `{ mean, sd }` of a normal one.
 */

/** Ages (years) that switch between infant, child and adult values. */
export const AGE_GROUPS = { infantBelow: 2, childBelow: 12, adultFrom: 18 } as const;

export const BASELINE = {
  /**
   * Adult height, cm, by sex: about the U.S. adult means (NHANES 2015–2018: women 161.3, men
   * 175.3 cm; Fryar et al., Vital Health Stat 3(46), 2021), rounded up.
   */
  adultHeight: { female: 162, male: 176, sd: 7 },
  /**
   * Child height, cm: birth length plus a linear gain per year, steeper from `pubertyFrom` (the
   * growth spurt), never above the adult mean. A coarse line, not a growth chart.
   */
  childHeight: { atBirth: 52, perYear: 6.3, pubertyFrom: 12, pubertyPerYear: 1.5, sd: 4 },
  /**
   * Resting heart rate, /min, by age group: near the median centiles for children of Fleming et
   * al. (Lancet 2011;377:1011–18) and a typical adult resting rate.
   */
  heartRate: { infant: { mean: 120, sd: 10 }, child: { mean: 95, sd: 10 }, adult: { mean: 74, sd: 9 } },
  /** Respiratory rate, /min, by age group (Fleming et al. 2011 medians; adults 12–20). */
  respRate: { infant: 30, child: 22, adult: 16 },
  /**
   * Serum creatinine, mg/dL: children lower (less muscle); adults inside the reference intervals
   * (e.g. Mayo Clinic Laboratories: women 0.59–1.04, men 0.74–1.35 mg/dL).
   */
  creatinine: { child: [0.3, 0.7], female: [0.6, 0.95], male: [0.75, 1.15] },
  /** Platelets, 10*3/uL (reference 150–400). */
  platelets: [180, 330],
  /** Total bilirubin, mg/dL (reference 0.1–1.2). */
  bilirubin: [0.3, 0.9],
  /** Hemoglobin, g/dL, by sex (reference about 12.0–15.5 for women, 13.5–17.5 for men). */
  hemoglobin: { female: { mean: 13.2, sd: 0.8 }, male: { mean: 14.8, sd: 0.9 } },
  /** White cells, 10*3/uL (reference 4.5–11). */
  wbc: [5, 9],
  /** TSH, mIU/L (reference about 0.4–4.0). */
  tsh: [0.8, 3.2],
} as const;

/** How chronic problems and age set the rest of the baseline (drawn after the problem list). */
export const PROBLEM_BASELINE = {
  /**
   * Systolic pressure, mmHg: children `child`; adults `adult + perYear * age` (a coarse rise with
   * age); hypertension adds `hypertension` (above the ACC/AHA 2017 threshold of 130/80 on average).
   */
  systolic: { child: 105, adult: 112, perYear: 0.25, hypertension: 14, sd: 7 },
  /** Diastolic pressure, mmHg, as systolic. */
  diastolic: { child: 65, adult: 72, hypertension: 7, sd: 5 },
  /**
   * SpO2, %: COPD lower, near the 88–92 % target for patients at risk of hypercapnia (BTS oxygen
   * guideline, O'Driscoll et al., Thorax 2017;72:i1–i90); others in the normal 96–99 %.
   */
  spo2: { copd: [90, 94], other: [96, 99.4] },
  /** BMI, kg/m2: obesity at or above 30 (WHO, CDC); children lower; other adults 20–29.5. */
  bmi: { obesity: [30.5, 42], child: [15, 21], adult: [20, 29.5] },
  /**
   * Creatinine with CKD stage 3, mg/dL, by sex: roughly an eGFR of 30–59 mL/min/1.73 m2 (KDIGO
   * 2012 G3) at middle age by CKD-EPI 2021.
   */
  ckd3Creatinine: { female: [1.2, 1.8], male: [1.4, 2.1] },
  /** Hemoglobin with iron deficiency anemia, g/dL: below the WHO anemia cut-offs (12 women, 13 men; WHO 2011). */
  anemiaHemoglobin: [8.6, 11],
  /**
   * Fasting-range glucose, mg/dL: normal below 100, prediabetes 100–125, diabetes 126 or more
   * (ADA Standards of Care in Diabetes 2024, section 2); treated type 2 diabetes above that.
   */
  glucose: { t2dm: [130, 220], prediabetes: [100, 125], normal: [75, 99] },
  /** HbA1c, %: prediabetes 5.7–6.4, diabetes 6.5 or more (ADA 2024, section 2). */
  a1c: { t2dm: [6.6, 9.8], prediabetes: [5.7, 6.4], normal: [4.6, 5.6] },
  /** LDL cholesterol, mg/dL: 130 or more is borderline high or worse (NCEP ATP III, 2002). */
  ldl: { hyperlipidemia: [130, 195], other: [60, 129] },
  /** TSH with hypothyroidism, mIU/L: above the reference range (treated or mild). */
  hypothyroidTsh: [4.8, 9.5],
} as const;
